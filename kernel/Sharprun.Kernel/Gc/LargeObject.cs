namespace Sharprun.Kernel.Gc;

/// <summary>The descriptor in front of a large object; the object's header follows it.</summary>
internal unsafe struct LargeObject
{
    public LargeObject* Next;
    public LargeObject* Previous;
    public nuint PageBytes;
    public nuint Size;

    public byte* Header => (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref this) + sizeof(LargeObject);
}
