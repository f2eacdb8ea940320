using System.Text;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Nodes;
using Sharprun.Vfs.Tests.Support;

namespace Sharprun.Vfs.Tests;

/// <summary>
/// The same random operations on tmpfs through the VFS and on the host's file system (System.IO under a temporary
/// directory): after every step both must agree on success and on the whole tree, names, kinds and contents.
/// </summary>
public sealed class HostComparisonTests : IDisposable
{
    private static readonly string[] Paths = ["a", "b", "d", "e", "d/a", "d/b", "d/e", "e/a", "d/e/a", "d/e/b"];

    private readonly string _hostRoot = Directory.CreateTempSubdirectory("sharprun-vfs-").FullName;
    private readonly TestTree _tree = new();

    public void Dispose() => Directory.Delete(_hostRoot, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperationsAgreeWithTheHost(int seed)
    {
        var random = new Random(seed);
        for (int step = 0; step < 400; step++)
        {
            string path = Paths[random.Next(Paths.Length)];
            string other = Paths[random.Next(Paths.Length)];
            byte[] data = new byte[random.Next(0, 9000)];
            random.NextBytes(data);
            int operation = random.Next(7);
            (bool host, bool ours) = operation switch
            {
                0 => (HostTry(() => File.WriteAllBytes(Host(path), data)), WriteOurs(path, data, OpenFlags.Truncate)),
                1 => (HostTry(() => { using var s = new FileStream(Host(path), FileMode.Append); s.Write(data); }), WriteOurs(path, data, OpenFlags.Append)),
                2 => MakeDirectory(path),
                3 => (HostTry(() => Directory.Delete(Host(path))), _tree.Vfs.RemoveDirectory(Ours(path)) == FsError.Success),
                4 => Unlink(path),
                5 => RenameFile(path, other),
                _ => (HostTry(() => { using var s = new FileStream(Host(path), FileMode.Open); s.SetLength(data.Length); }),
                      _tree.Vfs.Truncate(Ours(path), data.Length) == FsError.Success),
            };
            Assert.True(host == ours, $"step {step}: operation {operation} on {path} ({other}): host {host}, ours {ours}");
            Assert.Equal(DescribeHost(), DescribeOurs());
        }
    }

    private string Host(string path) => Path.Combine(_hostRoot, path);

    private static byte[] Ours(string path) => TestTree.Bytes("/" + path);

    private static bool HostTry(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private bool WriteOurs(string path, byte[] data, int mode)
    {
        if (_tree.Vfs.Open(Ours(path), OpenFlags.WriteOnly | OpenFlags.Create | mode, 0x1B6, out OpenFile? file) != FsError.Success)
            return false;
        Assert.Equal(FsError.Success, file!.Write(data, out int written));
        Assert.Equal(data.Length, written);
        file.Close();
        return true;
    }

    /// <summary>CreateDirectory succeeds on an existing directory and makes missing parents, so the host side checks first, as mkdir(2) would.</summary>
    private (bool, bool) MakeDirectory(string path)
    {
        bool host = !Path.Exists(Host(path)) && Directory.Exists(Path.GetDirectoryName(Host(path))) && HostTry(() => Directory.CreateDirectory(Host(path)));
        return (host, _tree.Vfs.MakeDirectory(Ours(path), 0x1ED) == FsError.Success);
    }

    /// <summary>File.Delete ignores a missing file, so the host side checks first, as unlink(2) would.</summary>
    private (bool, bool) Unlink(string path)
    {
        bool host = File.Exists(Host(path)) && HostTry(() => File.Delete(Host(path)));
        return (host, _tree.Vfs.Unlink(Ours(path)) == FsError.Success);
    }

    /// <summary>File.Move with overwrite is rename(2) for a file source; directories as sources are left out.</summary>
    private (bool, bool) RenameFile(string from, string to)
    {
        if (!File.Exists(Host(from)))
            return (false, false);
        bool host = HostTry(() => File.Move(Host(from), Host(to), overwrite: true));
        return (host, _tree.Vfs.Rename(Ours(from), Ours(to)) == FsError.Success);
    }

    private string DescribeHost()
    {
        var lines = new List<string>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(_hostRoot, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(_hostRoot, entry);
            lines.Add(Directory.Exists(entry) ? $"{relative}/" : $"{relative} {Convert.ToHexString(File.ReadAllBytes(entry))}");
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private string DescribeOurs()
    {
        var lines = new List<string>();
        Describe("", lines);
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private void Describe(string directory, List<string> lines)
    {
        OpenFile listing = _tree.Open("/" + directory, OpenFlags.ReadOnly | OpenFlags.Directory);
        var names = new List<(string Name, NodeKind Kind)>();
        while (listing.ReadDirectoryEntry(out DirectoryEntry? entry) == FsError.Success && entry is { } e)
        {
            string name = Encoding.UTF8.GetString(e.Name);
            if (name is not ("." or ".."))
                names.Add((name, e.Kind));
        }
        listing.Close();
        foreach ((string name, NodeKind kind) in names)
        {
            string relative = directory.Length == 0 ? name : $"{directory}/{name}";
            if (kind == NodeKind.Directory)
            {
                lines.Add($"{relative}/");
                Describe(relative, lines);
            }
            else
            {
                OpenFile file = _tree.Open("/" + relative, OpenFlags.ReadOnly);
                var contents = new MemoryStream();
                var buffer = new byte[4096];
                while (file.Read(buffer, out int read) == FsError.Success && read > 0)
                    contents.Write(buffer, 0, read);
                file.Close();
                lines.Add($"{relative} {Convert.ToHexString(contents.ToArray())}");
            }
        }
    }
}
