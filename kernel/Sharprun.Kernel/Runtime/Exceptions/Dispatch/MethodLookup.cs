namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>Finds, for an address in managed code, the FDE that covers it and the method it belongs to.</summary>
internal static unsafe class MethodLookup
{
    /// <summary>
    /// Locates the code at <paramref name="pc"/>. Returns <see cref="UnwindDataError.OutOfRange"/> when
    /// <paramref name="pc"/> is not managed code or no FDE covers it, and other errors for corrupt data.
    /// </summary>
    public static UnwindDataError TryFind(byte* pc, out MethodLocation location)
    {
        location = default;
        if (!UnwindSections.IsManagedCode(pc))
            return UnwindDataError.OutOfRange;
        UnwindDataError error = UnwindSections.TryOpenSearchTable(out EhFrameHeader table);
        if (error != UnwindDataError.None)
            return error;
        if (!table.TryFindFde((ulong)pc, out byte* fde))
            return UnwindDataError.OutOfRange;
        error = FrameDescription.TryParse(fde, UnwindSections.EhFrameStart, UnwindSections.EhFrameEnd, out FrameDescription description);
        if (error != UnwindDataError.None)
            return error;
        if (!description.Covers((ulong)pc))
            return UnwindDataError.OutOfRange;
        if (description.Lsda == null)
            return UnwindDataError.BadEhInfo;
        return UnwindBlock.TryLocate(description.Lsda, UnwindSections.EhTableStart, UnwindSections.EhTableEnd,
            (byte*)description.PcBegin, fde, out location);
    }

    /// <summary>The CFI row in force at <paramref name="pc"/> inside the code of <paramref name="location"/>.</summary>
    public static UnwindDataError TryGetRow(in MethodLocation location, byte* pc, out UnwindRow row, out int returnAddressRegister)
    {
        row = default;
        returnAddressRegister = 0;
        UnwindDataError error = FrameDescription.TryParse(location.Fde, UnwindSections.EhFrameStart, UnwindSections.EhFrameEnd, out FrameDescription description);
        if (error != UnwindDataError.None)
            return error;
        returnAddressRegister = description.ReturnAddressRegister;
        return CfiInterpreter.Run(description, (ulong)pc, out row);
    }
}
