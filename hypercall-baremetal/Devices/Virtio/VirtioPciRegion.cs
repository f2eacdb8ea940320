namespace Sharprun.Hypercall.Devices.Virtio;

/// <summary>Where one virtio configuration structure lies: <see cref="Length"/> bytes at <see cref="Offset"/> in BAR <see cref="Bar"/>.</summary>
internal readonly struct VirtioPciRegion
{
    public VirtioPciRegion(byte bar, uint offset, uint length)
    {
        Bar = bar;
        Offset = offset;
        Length = length;
    }

    public byte Bar { get; }

    public uint Offset { get; }

    public uint Length { get; }

    public bool IsPresent => Length != 0;

    /// <summary>Whether the region lies inside a BAR of <paramref name="barSize"/> bytes and holds at least <paramref name="needed"/> bytes.</summary>
    public bool FitsIn(ulong barSize, uint needed) =>
        IsPresent && Length >= needed && (ulong)Offset + Length <= barSize;
}
