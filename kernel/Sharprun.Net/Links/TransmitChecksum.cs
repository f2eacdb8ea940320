namespace Sharprun.Net.Links;

/// <summary>
/// A checksum the device is asked to complete (virtio-net's NEEDS_CSUM): the 16-bit one's-complement sum from
/// <see cref="Start"/> to the end of the frame is stored at <see cref="Start"/> + <see cref="Offset"/>, which
/// holds the pseudo-header sum already. <see cref="None"/> when the frame is complete.
/// </summary>
public readonly record struct TransmitChecksum(int Start, int Offset)
{
    public static TransmitChecksum None => new(-1, 0);

    public bool IsRequested => Start >= 0;
}
