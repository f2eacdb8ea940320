using System.Text;
using Sharprun.Ext2.TestTools;
using Sharprun.Hypercall.Hosted.Storage;
using Sharprun.Vfs;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Ext2.Tests;

/// <summary>
/// A directory of many blocks, changed at random while the in-memory index of its names and free gaps follows
/// along: every lookup, hit or miss, agrees with a model of the directory, on the mounted file system (answered by
/// the index) and after a remount (the index made again from the disk), and e2fsck finds the result clean.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DirectoryIndexTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sharprun-directory-index-");

    public void Dispose() => _folder.Delete(recursive: true);

    [E2fsFact]
    public void LookupsAndInsertionsAgreeWithTheDirectoryThroughRandomChanges()
    {
        string image = E2fsTools.MakeImage(_folder.FullName, 1024, 128, seed: null, size: "8M");
        var random = new Random(11);
        var model = new Dictionary<string, uint>();
        var everNamed = new List<string>();
        using (var device = new ImageFileBlockDevice(image))
        {
            Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fs, out _));
            Assert.Equal(FsError.Success, fs!.Root.Create("d"u8, NodeKind.Directory, 0x1ED, 0, 0, out var directory));
            for (int step = 0; step < 1500; step++)
            {
                int choice = random.Next(10);
                if (choice < 5 || model.Count < 20)
                {
                    // Names of different lengths, so gaps left by removals fit some new names and not others.
                    string name = $"n{step}-{new string('x', random.Next(0, 60))}";
                    Assert.Equal(FsError.Success, directory!.Create(Bytes(name), NodeKind.RegularFile, 0x1A4, 0, 0, out var file));
                    model[name] = (uint)file!.Number;
                    everNamed.Add(name);
                }
                else if (choice < 8)
                {
                    string name = model.Keys.ElementAt(random.Next(model.Count));
                    Assert.Equal(FsError.Success, directory!.Unlink(Bytes(name)));
                    model.Remove(name);
                }
                else
                {
                    string old = model.Keys.ElementAt(random.Next(model.Count));
                    string renamed = random.Next(2) == 0 && model.Count > 1 ? model.Keys.First(k => k != old) : $"r{step}-{new string('y', random.Next(0, 40))}";
                    Assert.Equal(FsError.Success, directory!.Rename(Bytes(old), directory, Bytes(renamed)));
                    model[renamed] = model[old];
                    model.Remove(old);
                    everNamed.Add(renamed);
                }
                if (step % 100 == 0)
                    AssertAgrees(directory!, model, everNamed);
            }
            AssertAgrees(directory!, model, everNamed);
            Assert.Equal(FsError.Success, fs.Unmount());
        }
        E2fsTools.AssertClean(image);
        using (var device = new ImageFileBlockDevice(image))
        {
            Assert.Equal(FsError.Success, Ext2FileSystem.TryMount(device, false, out var fs, out _));
            Assert.Equal(FsError.Success, fs!.Root.Lookup("d"u8, out var directory));
            AssertAgrees(directory!, model, everNamed);
            var listed = new List<DirectoryEntry>();
            Assert.Equal(FsError.Success, directory!.ReadDirectory(listed));
            Assert.Equal(model.Keys.Order(), listed.Select(e => Encoding.UTF8.GetString(e.Name)).Where(n => n is not ("." or "..")).Order());
        }
    }

    private static void AssertAgrees(INode directory, Dictionary<string, uint> model, List<string> everNamed)
    {
        foreach (string name in everNamed)
        {
            FsError error = directory.Lookup(Bytes(name), out var node);
            if (model.TryGetValue(name, out uint number))
            {
                Assert.Equal(FsError.Success, error);
                Assert.Equal(number, (uint)node!.Number);
            }
            else
            {
                Assert.Equal(FsError.NotFound, error);
            }
        }
    }

    private static byte[] Bytes(string name) => Encoding.UTF8.GetBytes(name);
}
