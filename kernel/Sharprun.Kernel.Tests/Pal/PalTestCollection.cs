using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>
/// The PAL keeps process-wide state (errno, the descriptor table, the mapping table), so its tests run one at a
/// time. They only exercise paths that never reach the machine (console output, the heap, panics).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PalTestCollection
{
    public const string Name = "PAL";
}
