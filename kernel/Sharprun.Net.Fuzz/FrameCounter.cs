using System.IO.MemoryMappedFiles;

namespace Sharprun.Net.Fuzz;

/// <summary>
/// Inputs run and frames fed by this process, kept in a small memory-mapped file (one per process, named by pid)
/// so the count survives the SIGKILL with which afl-fuzz ends its target; fuzz.sh adds the files up.
/// </summary>
public sealed class FrameCounter : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private long _inputs;
    private long _frames;

    public FrameCounter(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{Environment.ProcessId}.count");
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Create, null, 16);
        _view = _file.CreateViewAccessor(0, 16);
    }

    public void Add(long frames)
    {
        _inputs++;
        _frames += frames;
        _view.Write(0, _inputs);
        _view.Write(8, _frames);
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }
}
