namespace Sharprun.Vfs.Watches;

/// <summary>
/// One queued inotify event: the watch descriptor (-1 for a queue overflow), the mask, the cookie pairing a
/// rename's IN_MOVED_FROM with its IN_MOVED_TO (0 otherwise), and the name within a watched directory (empty for an
/// event on the watched node itself).
/// </summary>
public readonly record struct WatchEvent(int Descriptor, uint Mask, uint Cookie, byte[] Name)
{
    private const int HeaderSize = 16;

    /// <summary>Bytes it takes in a read: struct inotify_event, then the name NUL-padded to a multiple of 16 bytes, as Linux pads it.</summary>
    public int EncodedSize => HeaderSize + NameSpace;

    private int NameSpace => Name.Length == 0 ? 0 : (Name.Length + HeaderSize) / HeaderSize * HeaderSize;

    public bool SameAs(in WatchEvent other) =>
        Descriptor == other.Descriptor && Mask == other.Mask && Cookie == other.Cookie && Name.AsSpan().SequenceEqual(other.Name);

    /// <summary>Writes struct inotify_event {int wd; uint mask; uint cookie; uint len; char name[len];} (little-endian, as on x86-64).</summary>
    public void Encode(Span<byte> destination)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination, Descriptor);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Mask);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Cookie);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)NameSpace);
        Span<byte> name = destination.Slice(HeaderSize, NameSpace);
        name.Clear();
        Name.CopyTo(name);
    }
}
