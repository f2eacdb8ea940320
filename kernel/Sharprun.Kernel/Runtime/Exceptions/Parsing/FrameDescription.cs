namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// One FDE of .eh_frame with what it needs from its CIE: the code range, the LSDA (ILC's unwind block)
/// and the two call frame instruction streams to interpret.
/// </summary>
public unsafe struct FrameDescription
{
    private const uint MaxAlignmentFactor = 1 << 16;

    public ulong PcBegin;
    public ulong PcEnd;
    /// <summary>The FDE's LSDA, or null when it has none.</summary>
    public byte* Lsda;
    public byte* CieInstructions;
    public byte* CieInstructionsEnd;
    public byte* Instructions;
    public byte* InstructionsEnd;
    public ulong CodeAlignment;
    public long DataAlignment;
    public int ReturnAddressRegister;

    public readonly bool Covers(ulong pc) => pc >= PcBegin && pc < PcEnd;

    /// <summary>
    /// Parses the FDE at <paramref name="fde"/> and its CIE; both must lie inside
    /// [<paramref name="sectionStart"/>, <paramref name="sectionEnd"/>).
    /// </summary>
    public static UnwindDataError TryParse(byte* fde, byte* sectionStart, byte* sectionEnd, out FrameDescription description)
    {
        description = default;
        if (fde < sectionStart || fde >= sectionEnd)
            return UnwindDataError.OutOfRange;

        UnwindDataError error = TryOpenRecord(fde, sectionEnd, out var record, out uint cieOffset);
        if (error != UnwindDataError.None)
            return error;
        if (cieOffset == 0)
            return UnwindDataError.NotAnFde;
        byte* cieOffsetField = fde + 4;
        if ((nuint)(cieOffsetField - sectionStart) < cieOffset)
            return UnwindDataError.NotAnFde;
        byte* cie = cieOffsetField - cieOffset;

        error = TryParseCie(cie, sectionEnd, ref description, out CieAugmentation augmentation);
        if (error != UnwindDataError.None)
            return error;

        // FDE body: pc_begin, pc_range, augmentation data (the LSDA pointer), instructions.
        if (!DwarfPointerEncoding.TryRead(ref record, augmentation.FdeEncoding, 0, out ulong pcBegin))
            return UnwindDataError.Truncated;
        byte rangeFormat = (byte)(augmentation.FdeEncoding & 0x0F);
        if (!DwarfPointerEncoding.TryRead(ref record, rangeFormat, 0, out ulong pcRange))
            return UnwindDataError.Truncated;
        if (pcRange == 0 || pcBegin + pcRange < pcBegin)
            return UnwindDataError.OutOfRange;

        byte* lsda = null;
        if (augmentation.HasAugmentationData)
        {
            if (!record.TryReadUleb128(out ulong dataLength) || dataLength > record.Remaining)
                return UnwindDataError.Truncated;
            var data = new BoundedReader(record.Cursor, record.Cursor + (nuint)dataLength);
            if (augmentation.LsdaEncoding != DwarfPointerEncoding.Omit)
            {
                if (!DwarfPointerEncoding.TryRead(ref data, augmentation.LsdaEncoding, 0, out ulong lsdaAddress))
                    return UnwindDataError.Truncated;
                lsda = (byte*)lsdaAddress;
            }
            record.Cursor += (nuint)dataLength;
        }

        description.PcBegin = pcBegin;
        description.PcEnd = pcBegin + pcRange;
        description.Lsda = lsda;
        description.Instructions = record.Cursor;
        description.InstructionsEnd = record.End;
        return UnwindDataError.None;
    }

    private struct CieAugmentation
    {
        public bool HasAugmentationData;
        public byte FdeEncoding;
        public byte LsdaEncoding;
    }

    private static UnwindDataError TryParseCie(byte* cie, byte* sectionEnd, ref FrameDescription description, out CieAugmentation augmentation)
    {
        augmentation = new CieAugmentation { FdeEncoding = DwarfPointerEncoding.AbsolutePointer, LsdaEncoding = DwarfPointerEncoding.Omit };
        UnwindDataError error = TryOpenRecord(cie, sectionEnd, out var record, out uint cieId);
        if (error != UnwindDataError.None)
            return error;
        if (cieId != 0)
            return UnwindDataError.BadCie;
        if (!record.TryReadByte(out byte version))
            return UnwindDataError.Truncated;
        if (version != 1 && version != 3)
            return UnwindDataError.UnsupportedVersion;

        // Augmentation string: "" or 'z' followed by any of L, P, R, S.
        byte* augmentationString = record.Cursor;
        int length = 0;
        while (true)
        {
            if (!record.TryReadByte(out byte c))
                return UnwindDataError.Truncated;
            if (c == 0)
                break;
            if (length == 0 ? c != (byte)'z' : c != (byte)'L' && c != (byte)'P' && c != (byte)'R' && c != (byte)'S')
                return UnwindDataError.UnsupportedAugmentation;
            length++;
        }

        if (!record.TryReadUleb128(out ulong codeAlignment) || !record.TryReadSleb128(out long dataAlignment))
            return UnwindDataError.Truncated;
        if (codeAlignment == 0 || codeAlignment > MaxAlignmentFactor || dataAlignment == 0
            || dataAlignment > MaxAlignmentFactor || dataAlignment < -(long)MaxAlignmentFactor)
            return UnwindDataError.BadOffset;
        ulong returnRegister;
        if (version == 1)
        {
            if (!record.TryReadByte(out byte register))
                return UnwindDataError.Truncated;
            returnRegister = register;
        }
        else if (!record.TryReadUleb128(out returnRegister))
        {
            return UnwindDataError.Truncated;
        }
        if (returnRegister > CfiInterpreter.MaxRegister)
            return UnwindDataError.BadRegister;

        if (length > 0)
        {
            augmentation.HasAugmentationData = true;
            if (!record.TryReadUleb128(out ulong dataLength) || dataLength > record.Remaining)
                return UnwindDataError.Truncated;
            var data = new BoundedReader(record.Cursor, record.Cursor + (nuint)dataLength);
            for (int i = 1; i < length; i++)
            {
                switch (augmentationString[i])
                {
                    case (byte)'L':
                        if (!data.TryReadByte(out augmentation.LsdaEncoding))
                            return UnwindDataError.Truncated;
                        if (augmentation.LsdaEncoding != DwarfPointerEncoding.Omit && !DwarfPointerEncoding.IsSupported(augmentation.LsdaEncoding))
                            return UnwindDataError.UnsupportedEncoding;
                        break;
                    case (byte)'R':
                        if (!data.TryReadByte(out augmentation.FdeEncoding))
                            return UnwindDataError.Truncated;
                        if (!DwarfPointerEncoding.IsSupported(augmentation.FdeEncoding))
                            return UnwindDataError.UnsupportedEncoding;
                        break;
                    case (byte)'P':
                        // A personality routine: skipped, dispatch never calls one.
                        if (!data.TryReadByte(out byte personalityEncoding))
                            return UnwindDataError.Truncated;
                        if (!DwarfPointerEncoding.TryRead(ref data, personalityEncoding, 0, out _))
                            return UnwindDataError.UnsupportedEncoding;
                        break;
                }
            }
            record.Cursor += (nuint)dataLength;
        }

        description.CodeAlignment = codeAlignment;
        description.DataAlignment = dataAlignment;
        description.ReturnAddressRegister = (int)returnRegister;
        description.CieInstructions = record.Cursor;
        description.CieInstructionsEnd = record.End;
        return UnwindDataError.None;
    }

    /// <summary>Reads a record's length and the 4-byte id after it; the reader covers the rest of the record.</summary>
    private static UnwindDataError TryOpenRecord(byte* record, byte* sectionEnd, out BoundedReader body, out uint id)
    {
        body = default;
        id = 0;
        var header = new BoundedReader(record, sectionEnd);
        if (!header.TryReadUInt32(out uint length))
            return UnwindDataError.Truncated;
        if (length == 0 || length == 0xFFFF_FFFF || length < 4)
            return UnwindDataError.BadLength;
        if (length > header.Remaining)
            return UnwindDataError.Truncated;
        body = new BoundedReader(header.Cursor, header.Cursor + length);
        body.TryReadUInt32(out id);
        return UnwindDataError.None;
    }
}
