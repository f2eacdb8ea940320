namespace Sharprun.Net.Pal.Native;

/// <summary>pal_io.h IOVector (struct iovec): 16 bytes.</summary>
internal unsafe struct IOVector
{
    public byte* Base;
    public nuint Count;
}
