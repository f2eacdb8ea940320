namespace Sharprun.Vfs.Tmpfs;

/// <summary>
/// A regular file's contents as 4 KiB pages keyed by page index, so holes cost nothing and read as zeros. Every
/// page is charged to the file system's byte limit when allocated and refunded when dropped.
/// </summary>
internal sealed class TmpfsPages(TmpfsFileSystem fileSystem)
{
    public const int PageSize = 4096;

    private readonly Dictionary<long, byte[]> _pages = [];

    public int Count => _pages.Count;

    public void Read(long offset, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            long index = offset / PageSize;
            int within = (int)(offset % PageSize);
            int n = Math.Min(buffer.Length, PageSize - within);
            if (_pages.TryGetValue(index, out byte[]? page))
                page.AsSpan(within, n).CopyTo(buffer);
            else
                buffer[..n].Clear();
            buffer = buffer[n..];
            offset += n;
        }
    }

    /// <summary>Writes as much as pages can be found for; returns how many bytes (short when the limit is reached).</summary>
    public int Write(long offset, ReadOnlySpan<byte> data)
    {
        int written = 0;
        while (written < data.Length)
        {
            long index = offset / PageSize;
            int within = (int)(offset % PageSize);
            int n = Math.Min(data.Length - written, PageSize - within);
            if (!_pages.TryGetValue(index, out byte[]? page))
            {
                if (!fileSystem.TryChargePage())
                    break;
                page = new byte[PageSize];
                _pages.Add(index, page);
            }
            data.Slice(written, n).CopyTo(page.AsSpan(within));
            written += n;
            offset += n;
        }
        return written;
    }

    /// <summary>Drops every page past <paramref name="size"/> and zeros the tail of the last one, so a later extension reads zeros.</summary>
    public void Shrink(long size)
    {
        long firstDropped = (size + PageSize - 1) / PageSize;
        List<long> dropped = [];
        foreach (long index in _pages.Keys)
        {
            if (index >= firstDropped)
                dropped.Add(index);
        }
        foreach (long index in dropped)
            _pages.Remove(index);
        fileSystem.RefundPages(dropped.Count);
        if (size % PageSize != 0 && _pages.TryGetValue(size / PageSize, out byte[]? last))
            last.AsSpan((int)(size % PageSize)).Clear();
    }

    public void Clear()
    {
        fileSystem.RefundPages(_pages.Count);
        _pages.Clear();
    }
}
