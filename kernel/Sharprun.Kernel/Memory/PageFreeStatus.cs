namespace Sharprun.Kernel.Memory;

/// <summary>What <see cref="PageRunAllocator.Free"/> made of a request; anything but <see cref="Freed"/> is a caller bug.</summary>
public enum PageFreeStatus
{
    Freed,
    /// <summary>The address is not on a page boundary.</summary>
    Misaligned,
    /// <summary>The run is empty, or does not lie inside one range the allocator manages.</summary>
    OutsideMemory,
    /// <summary>The run starts or ends on a page that is already free (a double free or a wrong length).</summary>
    AlreadyFree,
}
