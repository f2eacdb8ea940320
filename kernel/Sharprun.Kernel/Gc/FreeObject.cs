using System.Runtime.CompilerServices;
using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// Dead space in a segment, dressed as an array of bytes of a type only the collector uses, so a
/// segment can be walked object by object. A free object of at least <see cref="LinkedMinimum"/>
/// bytes can sit in a free list: its link is the word after the length.
/// </summary>
internal static unsafe class FreeObject
{
    public const nuint LinkedMinimum = 32;

    private const uint HasComponentSizeFlag = 0x80000000;

    private static FakeMethodTable s_type;

    public static MethodTable* Type => (MethodTable*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref s_type);

    public static void Initialize()
    {
        s_type.Flags = HasComponentSizeFlag | 1;
        s_type.BaseSize = (uint)HeapObject.MinimumSize;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(byte* obj) => HeapObject.TypeOf(obj) == Type;

    /// <summary>Turns <paramref name="length"/> bytes at <paramref name="start"/> (a header position) into one free object.</summary>
    public static void Format(byte* start, nuint length)
    {
        *(nuint*)start = 0;
        *(MethodTable**)(start + HeapObject.HeaderSize) = Type;
        *(uint*)(start + 2 * HeapObject.HeaderSize) = (uint)(length - HeapObject.MinimumSize);
    }

    public static ref byte* Link(byte* start) => ref *(byte**)(start + HeapObject.MinimumSize);

    public static nuint LengthOf(byte* start) => *(uint*)(start + 2 * HeapObject.HeaderSize) + HeapObject.MinimumSize;

    private struct FakeMethodTable
    {
        public uint Flags;
        public uint BaseSize;
        public nint RelatedType;
        public ulong Rest;
    }
}
