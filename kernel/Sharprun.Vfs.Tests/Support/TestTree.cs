using System.Text;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Tmpfs;

namespace Sharprun.Vfs.Tests.Support;

/// <summary>A VFS over a fresh tmpfs root, with shorthands for the tests.</summary>
internal sealed class TestTree
{
    public TestTree(long byteLimit = 64 << 20)
    {
        Root = new TmpfsFileSystem(byteLimit, Clock);
        Vfs = new VirtualFileSystem(Root);
    }

    public TestClock Clock { get; } = new();

    public TmpfsFileSystem Root { get; }

    public VirtualFileSystem Vfs { get; }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public OpenFile Open(string path, int flags, uint permissions = 0x1B6)
    {
        Assert.Equal(FsError.Success, Vfs.Open(Bytes(path), flags, permissions, out OpenFile? file));
        return file!;
    }

    public void WriteFile(string path, string contents)
    {
        OpenFile file = Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate);
        Assert.Equal(FsError.Success, file.Write(Bytes(contents), out int written));
        Assert.Equal(Bytes(contents).Length, written);
        Assert.Equal(FsError.Success, file.Close());
    }

    public string ReadFile(string path)
    {
        OpenFile file = Open(path, OpenFlags.ReadOnly);
        string text = ReadAll(file);
        Assert.Equal(FsError.Success, file.Close());
        return text;
    }

    public static string ReadAll(OpenFile file)
    {
        var all = new MemoryStream();
        var buffer = new byte[1000];
        while (true)
        {
            Assert.Equal(FsError.Success, file.Read(buffer, out int read));
            if (read == 0)
                return Encoding.UTF8.GetString(all.ToArray());
            all.Write(buffer, 0, read);
        }
    }

    public void MakeDirectory(string path) => Assert.Equal(FsError.Success, Vfs.MakeDirectory(Bytes(path), 0x1ED));

    public FsError Stat(string path) => Vfs.Stat(Bytes(path), out _);
}
