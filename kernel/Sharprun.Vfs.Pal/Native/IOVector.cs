namespace Sharprun.Vfs.Pal.Native;

/// <summary>pal_io.h IOVector (struct iovec): 16 bytes.</summary>
public unsafe struct IOVector
{
    public byte* Base;
    public nuint Count;
}
