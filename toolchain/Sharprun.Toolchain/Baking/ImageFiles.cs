using System.Collections.Generic;
using System.Text;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// What an image that carries the file PAL bakes, as a published application would find it on Linux: the project's
/// content at <see cref="ApplicationDirectory"/> (AppContext.BaseDirectory, since the process path is
/// /app/&lt;assembly name&gt;), /etc/hosts naming localhost, the tz database when the application uses TimeZoneInfo,
/// and the trees of <c>build --files</c>.
/// </summary>
public static class ImageFiles
{
    public const string ApplicationDirectory = "/app";

    /// <summary>The loopback names glibc's and .NET's lookups expect (Debian's defaults).</summary>
    public static readonly string Hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    /// <summary>The guest path of the executable: what Environment.ProcessPath and argv[0] show.</summary>
    public static string ProcessPath(string assemblyName) => ApplicationDirectory + "/" + assemblyName;

    public static BakedTree Collect(IReadOnlyList<ProjectContent.Item> content, IReadOnlyList<BakedFileMapping> mappings, bool timeZones)
    {
        var tree = new BakedTree();
        tree.AddDirectory(ApplicationDirectory, "the application's directory");
        foreach (var item in content)
            tree.AddHostFile(ApplicationDirectory + "/" + item.TargetPath, item.SourcePath, $"the project's content item {item.SourcePath}");
        tree.AddGeneratedFile("/etc/hosts", Encoding.ASCII.GetBytes(Hosts), "the image's /etc/hosts");
        if (timeZones)
            HostZoneInfo.AddTo(tree);
        foreach (var mapping in mappings)
            tree.AddHostDirectory(mapping.HostDirectory, mapping.GuestDirectory, $"--files {mapping.HostDirectory}:{mapping.GuestDirectory}");
        return tree;
    }
}
