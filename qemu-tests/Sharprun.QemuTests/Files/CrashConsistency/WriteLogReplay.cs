namespace Sharprun.QemuTests.Files.CrashConsistency;

/// <summary>
/// A copy of the disk as it was when the log began, brought forward entry by entry: after <see cref="ApplyUpTo"/>
/// it holds what the disk held had the machine stopped right after that many entries reached it — writes as
/// logged, discarded sectors as zeros (a file system may not count on what a discard leaves), flushes and marks
/// changing nothing. Forward only, so checking every prefix of a log costs one pass over it.
/// </summary>
public sealed class WriteLogReplay : IDisposable
{
    private readonly WriteLog _log;
    private readonly FileStream _image;

    /// <summary>Copies <paramref name="baseImage"/> (the disk before the first logged write) to <paramref name="image"/>, replayed onto from there.</summary>
    public WriteLogReplay(WriteLog log, string baseImage, string image)
    {
        File.Copy(baseImage, image, overwrite: true);
        _log = log;
        _image = new FileStream(image, FileMode.Open, FileAccess.ReadWrite);
        ImagePath = image;
    }

    public string ImagePath { get; }

    /// <summary>How many entries of the log the image holds.</summary>
    public int Applied { get; private set; }

    /// <summary>Applies entries until the image holds the first <paramref name="count"/>, then makes it visible to other processes.</summary>
    public void ApplyUpTo(int count)
    {
        if (count < Applied || count > _log.Entries.Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the replay holds {Applied} of {_log.Entries.Count} entries and only goes forward");
        for (; Applied < count; Applied++)
            Apply(_log.Entries[Applied]);
        _image.Flush();
    }

    /// <summary>A copy of the image as it stands, for tools that change what they check (e2fsck -y).</summary>
    public void CopyTo(string path)
    {
        _image.Flush();
        File.Copy(ImagePath, path, overwrite: true);
    }

    public void Dispose() => _image.Dispose();

    private void Apply(WriteLogEntry entry)
    {
        if (entry.SectorCount == 0)
            return;
        long offset = entry.Sector * _log.SectorSize;
        long bytes = entry.SectorCount * _log.SectorSize;
        if (offset > _image.Length - bytes)
            throw new InvalidDataException($"write log entry {entry.Index} covers bytes {offset} to {offset + bytes}, past the end of the {_image.Length}-byte image");
        _image.Position = offset;
        if (entry.IsDiscard)
            WriteZeros(bytes);
        else
            _image.Write(_log.ReadData(entry));
    }

    private void WriteZeros(long bytes)
    {
        var zeros = new byte[(int)Math.Min(bytes, 1 << 20)];
        for (long left = bytes; left > 0; left -= zeros.Length)
            _image.Write(zeros, 0, (int)Math.Min(left, zeros.Length));
    }
}
