using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// ILC's per-code-block LSDA in .dotnet_eh_table. A main method body's block is a flags byte, then a
/// 32-bit self-relative pointer to its associated data (if flagged), then one to its EH info (if
/// flagged), then its GC info. A funclet's block is a flags byte, a self-relative pointer to the main
/// body's block and the funclet's distance from the method start.
/// </summary>
public static unsafe class UnwindBlock
{
    public const byte FuncletKindMask = 0x03;
    public const byte RootKind = 0x00;
    public const byte HandlerKind = 0x01;
    public const byte FilterKind = 0x02;
    public const byte HasEhInfoFlag = 0x04;
    public const byte ReversePInvokeFlag = 0x08;
    public const byte HasAssociatedDataFlag = 0x10;

    private const int FuncletBlockSize = 9;

    /// <summary>
    /// Resolves the block of the code described by <paramref name="fde"/> (starting at
    /// <paramref name="codeStart"/>); every block it touches must lie in [<paramref name="regionStart"/>,
    /// <paramref name="regionEnd"/>).
    /// </summary>
    public static UnwindDataError TryLocate(byte* block, byte* regionStart, byte* regionEnd, byte* codeStart, byte* fde, out MethodLocation location)
    {
        location = default;
        if (!Contains(regionStart, regionEnd, block, 1))
            return UnwindDataError.OutOfRange;
        byte flags = *block;
        byte kind = (byte)(flags & FuncletKindMask);
        byte* main = block;
        byte* methodStart = codeStart;
        if (kind == FuncletKindMask)
            return UnwindDataError.BadEhInfo;
        if (kind != RootKind)
        {
            if (!Contains(regionStart, regionEnd, block, FuncletBlockSize))
                return UnwindDataError.Truncated;
            main = block + 1 + Unsafe.ReadUnaligned<int>(block + 1);
            uint distance = Unsafe.ReadUnaligned<uint>(block + 5);
            if (distance == 0 || distance > (ulong)codeStart)
                return UnwindDataError.BadEhInfo;
            methodStart = codeStart - distance;
            if (!Contains(regionStart, regionEnd, main, 1))
                return UnwindDataError.OutOfRange;
            if ((*main & FuncletKindMask) != RootKind)
                return UnwindDataError.BadEhInfo;
        }
        if (!Contains(regionStart, regionEnd, main, 1 + PointerFieldsSize(*main)))
            return UnwindDataError.Truncated;

        location.MethodStart = methodStart;
        location.MainBlock = main;
        location.Block = block;
        location.Fde = fde;
        return UnwindDataError.None;
    }

    /// <summary>The method's EH info (clause count, then clauses), or null when it has no clauses.</summary>
    public static byte* EhInfo(in MethodLocation location)
    {
        byte* main = location.MainBlock;
        if ((*main & HasEhInfoFlag) == 0)
            return null;
        byte* field = main + 1 + ((*main & HasAssociatedDataFlag) != 0 ? 4 : 0);
        return field + Unsafe.ReadUnaligned<int>(field);
    }

    /// <summary>The method's associated data (flags byte first), or null.</summary>
    public static byte* AssociatedData(in MethodLocation location)
    {
        byte* main = location.MainBlock;
        if ((*main & HasAssociatedDataFlag) == 0)
            return null;
        byte* field = main + 1;
        return field + Unsafe.ReadUnaligned<int>(field);
    }

    private static int PointerFieldsSize(byte flags) =>
        ((flags & HasAssociatedDataFlag) != 0 ? 4 : 0) + ((flags & HasEhInfoFlag) != 0 ? 4 : 0);

    private static bool Contains(byte* start, byte* end, byte* p, int size) =>
        p >= start && p < end && (nuint)(end - p) >= (nuint)size;
}
