using System.Collections.Generic;
using System.Text;

namespace Sharprun.Toolchain.Baking;

/// <summary>
/// What an image that carries the file PAL bakes, as a published application would find it on Linux: the project's
/// content at <see cref="ApplicationDirectory"/> (AppContext.BaseDirectory, since the process path is
/// /app/&lt;assembly name&gt;), /etc/hosts naming localhost, /etc/resolv.conf linking to the /run/resolv.conf the
/// network keeps current (as systemd-resolved's systems link theirs; dangling in an image that never starts the
/// network, like a missing file), the tz database when the application uses TimeZoneInfo, and the trees of
/// <c>build --files</c>.
/// </summary>
public static class ImageFiles
{
    public const string ApplicationDirectory = "/app";

    /// <summary>The loopback names glibc's and .NET's lookups expect (Debian's defaults).</summary>
    public static readonly string Hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

    /// <summary>Where the kernel's network writes its resolver configuration (see RunDirectoryFiles in the kernel).</summary>
    public const string ResolverConfiguration = "/run/resolv.conf";

    /// <summary>The guest path of the executable: what Environment.ProcessPath and argv[0] show.</summary>
    public static string ProcessPath(string assemblyName) => ApplicationDirectory + "/" + assemblyName;

    public static BakedTree Collect(IReadOnlyList<ProjectContent.Item> content, IReadOnlyList<BakedFileMapping> mappings, bool timeZones)
    {
        var tree = new BakedTree();
        tree.AddDirectory(ApplicationDirectory, "the application's directory");
        foreach (var item in content)
            tree.AddHostFile(ApplicationDirectory + "/" + item.TargetPath, item.SourcePath, $"the project's content item {item.SourcePath}");
        tree.AddGeneratedFile("/etc/hosts", Encoding.ASCII.GetBytes(Hosts), "the image's /etc/hosts");
        tree.AddSymbolicLink("/etc/resolv.conf", ResolverConfiguration, "the image's /etc/resolv.conf");
        if (timeZones)
            HostZoneInfo.AddTo(tree);
        foreach (var mapping in mappings)
            tree.AddHostDirectory(mapping.HostDirectory, mapping.GuestDirectory, $"--files {mapping.HostDirectory}:{mapping.GuestDirectory}");
        return tree;
    }
}
