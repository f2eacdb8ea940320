using System.IO.MemoryMappedFiles;

namespace Sharprun.Ext2.Fuzz;

/// <summary>
/// The image number each worker is running, in a small memory-mapped file that outlives the process: a stack
/// overflow or an out-of-memory kill cannot be caught, so fuzz.sh makes those images again from their numbers
/// (the save-inflight mode) after such a death. -1 marks an idle worker.
/// </summary>
public sealed class InflightFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    public InflightFile(string path, int workers)
    {
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Create, null, 8L * workers);
        _view = _file.CreateViewAccessor(0, 8L * workers);
        for (var worker = 0; worker < workers; worker++)
        {
            Set(worker, -1);
        }
    }

    public void Set(int worker, long index) => _view.Write(8L * worker, index);

    /// <summary>The numbers a dead run left in <paramref name="path"/>.</summary>
    public static long[] Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return [.. Enumerable.Range(0, bytes.Length / 8).Select(i => BitConverter.ToInt64(bytes, 8 * i)).Where(index => index >= 0)];
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }
}
