using System.Reflection;
using Xunit.Sdk;

namespace Sharprun.QemuTests.Platforms;

/// <summary>
/// Theory data that runs the test once per <see cref="Platform"/>: the platform comes first, then
/// <paramref name="data"/> (like InlineData's). Use it several times for several rows.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class OnEachPlatformAttribute(params object?[] data) : DataAttribute
{
    public override IEnumerable<object?[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<Platform>().Select(platform => (object?[])[platform, .. data]);
}
