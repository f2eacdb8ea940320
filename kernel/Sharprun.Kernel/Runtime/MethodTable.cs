using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The head of NativeAOT's type descriptor, as ILC lays it out: just the fields the allocator, the
/// collector and the interface dispatcher read. The full structure lives in CoreLib (Internal.Runtime.MethodTable).
/// </summary>
internal unsafe struct MethodTable
{
    private const uint HasComponentSizeFlag = 0x80000000;
    private const uint HasFinalizerFlag = 0x00100000;
    private const uint HasPointersFlag = 0x01000000;
    private const uint ElementTypeMask = 0x7C000000;
    private const int ElementTypeShift = 26;
    private const uint HasDispatchMapFlag = 0x00040000;

    private uint _flags;
    private uint _baseSize;
    private MethodTable* _relatedType;
    private ushort _numVtableSlots;
    private ushort _numInterfaces;
    private uint _hashCode;

    /// <summary>Bytes an instance takes, including the header word of the object that follows it.</summary>
    public uint BaseSize => _baseSize;

    /// <summary>Bytes per element of an array or string; 0 for other types.</summary>
    public uint ComponentSize
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_flags & HasComponentSizeFlag) != 0 ? _flags & 0xFFFF : 0;
    }

    public bool ContainsGCPointers => (_flags & HasPointersFlag) != 0;

    public bool HasFinalizer => (_flags & HasFinalizerFlag) != 0;

    public uint ElementType => (_flags & ElementTypeMask) >> ElementTypeShift;

    /// <summary>
    /// The finalizer's code. ILC places optional fields after the vtable and interface map as 32-bit
    /// self-relative pointers: type manager, writable data, dispatch map (if any), then the finalizer.
    /// </summary>
    public void* FinalizerCode
    {
        get
        {
            int* slot = (int*)((byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref this) + sizeof(MethodTable)
                + sizeof(void*) * (_numVtableSlots + _numInterfaces)) + 2;
            if ((_flags & HasDispatchMapFlag) != 0)
                slot++;
            return (byte*)slot + *slot;
        }
    }
}
