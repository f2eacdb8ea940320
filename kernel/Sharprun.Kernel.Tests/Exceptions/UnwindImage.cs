using System.Collections.Generic;
using System.Linq;

namespace Sharprun.Kernel.Tests.Exceptions;

/// <summary>
/// A miniature linked image laid out the way ILC and our linker lay one out: code, an .eh_frame with
/// ILC's CIE ("zLR", code alignment 1, data alignment -8, return address column 16, pcrel|sdata4
/// pointers), an .eh_frame_hdr search table and a .dotnet_eh_table for the LSDAs.
/// </summary>
internal sealed unsafe class UnwindImage
{
    public const int CodeStart = 0x0000;
    public const int EhFrameStart = 0x1000;
    public const int HeaderStart = 0x2000;
    public const int EhTableStart = 0x2400;
    public const int DataStart = 0x3000;
    public const int Size = 0x4000;

    /// <summary>ILC's CIE program: CFA = rsp + 8, return address at CFA - 8.</summary>
    public static readonly byte[] IlcCieInstructions = [0x0C, 0x07, 0x08, 0x90, 0x01];

    /// <summary>
    /// The FDE program ILC wrote for h.Program.Main: push rbp, r15, r14, r13, rbx; sub rsp, 0x30.
    /// </summary>
    public static readonly byte[] MainPrologInstructions =
    [
        0x41, 0x0E, 0x10, 0x86, 0x02, // 1: cfa 16, rbp at cfa-16
        0x42, 0x0E, 0x18, 0x8F, 0x03, // 3: cfa 24, r15 at cfa-24
        0x42, 0x0E, 0x20, 0x8E, 0x04, // 5: cfa 32, r14 at cfa-32
        0x42, 0x0E, 0x28, 0x8D, 0x05, // 7: cfa 40, r13 at cfa-40
        0x41, 0x0E, 0x30, 0x83, 0x06, // 8: cfa 48, rbx at cfa-48
        0x44, 0x0E, 0xE0, 0x00,       // 12: cfa 96
    ];

    private readonly List<(int Code, int Fde)> _fdes = new();
    private int _ehFramePosition = EhFrameStart;

    public UnwindImage() => Memory = new PinnedMemory(Size);

    public PinnedMemory Memory { get; }

    public byte* At(int offset) => Memory.At(offset);

    public byte* EhFrame => At(EhFrameStart);

    public byte* EhFrameEnd => At(_ehFramePosition);

    public byte* Header => At(HeaderStart);

    public byte* EhTable => At(EhTableStart);

    public byte* EhTableEnd => At(DataStart);

    public int Cie(byte[]? instructions = null, string augmentation = "zLR", byte version = 1, long dataAlignment = -8)
    {
        instructions ??= IlcCieInstructions;
        int start = _ehFramePosition;
        var m = Memory;
        m.Position = start + 4;
        m.UInt32(0); // CIE id
        m.Byte(version);
        foreach (char c in augmentation)
            m.Byte((byte)c);
        m.Byte(0);
        m.Uleb(1);
        m.Sleb(dataAlignment);
        m.Byte(16);
        if (augmentation.Length > 0)
        {
            m.Uleb((ulong)(augmentation.Length - 1));
            for (int i = 1; i < augmentation.Length; i++)
                m.Byte(0x1B);
        }
        m.Write(instructions);
        FinishRecord(start);
        return start;
    }

    public int Fde(int cie, int code, int length, int lsda, byte[] instructions)
    {
        int start = _ehFramePosition;
        var m = Memory;
        m.Position = start + 4;
        m.UInt32((uint)(m.Position - cie));
        m.SelfRelative(At(code));
        m.Int32(length);
        m.Uleb(4);
        m.SelfRelative(At(lsda));
        m.Write(instructions);
        FinishRecord(start);
        _fdes.Add((code, start));
        return start;
    }

    /// <summary>Writes .eh_frame_hdr for every FDE so far: version 1, pcrel|sdata4, udata4, datarel|sdata4.</summary>
    public void WriteHeader()
    {
        var m = Memory;
        m.Position = HeaderStart;
        m.Bytes(1, 0x1B, 0x03, 0x3B);
        m.SelfRelative(At(EhFrameStart));
        m.UInt32((uint)_fdes.Count);
        foreach (var (code, fde) in _fdes.OrderBy(f => f.Code))
        {
            m.Int32(code - HeaderStart);
            m.Int32(fde - HeaderStart);
        }
    }

    private void FinishRecord(int start)
    {
        var m = Memory;
        while ((m.Position - start) % 8 != 0)
            m.Byte(0); // DW_CFA_nop padding
        int end = m.Position;
        m.Position = start;
        m.UInt32((uint)(end - start - 4));
        _ehFramePosition = end;
        m.Position = end;
    }
}
