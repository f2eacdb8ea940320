using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// Writes the ELF executable around the loaded bytes: the ELF header and program headers at the start of
/// the R segment, then after the loaded part .shstrtab and the section headers. The symbol table, when there is
/// one, is loaded like other read-only data (see <see cref="ElfSymbolTable"/>); its header links it to .strtab.
/// </summary>
internal static class ElfImageWriter
{
    public static byte[] Write(byte[] loaded, ImageLayout layout, ulong entry, ElfSymbolTable? symbolTable)
    {
        var sections = layout.Sections.ToList();
        var shstrtab = new ElfStringTable();
        foreach (var s in sections)
            shstrtab.Add(s.Name);
        shstrtab.Add(".shstrtab");
        byte[] shstrtabBytes = shstrtab.Build();

        var headers = new List<(uint Name, uint Type, ulong Flags, ulong Address, long Offset, long Size, uint Link, uint Info, long Align, long EntrySize)>
        {
            default,
        };
        foreach (var s in sections)
        {
            if (ReferenceEquals(s, layout.Symbols))
            {
                uint namesIndex = (uint)(sections.IndexOf(layout.SymbolNames!) + 1);
                headers.Add((shstrtab.OffsetOf(s.Name), s.ElfType, FlagsOf(s.Kind), s.Address, s.FileOffset, s.Size, namesIndex, (uint)symbolTable!.FirstGlobal, s.Alignment, Elf64.SymbolSize));
            }
            else
            {
                headers.Add((shstrtab.OffsetOf(s.Name), s.ElfType, FlagsOf(s.Kind), s.Address, s.FileOffset, s.Size, 0, 0, s.Alignment, 0));
            }
        }
        long shstrtabOffset = layout.LoadedFileSize;
        int shstrtabIndex = headers.Count;
        headers.Add((shstrtab.OffsetOf(".shstrtab"), Elf64.SectionStrTab, 0, 0, shstrtabOffset, shstrtabBytes.Length, 0, 0, 1, 0));

        long sectionHeadersOffset = ImageLayout.AlignUp(shstrtabOffset + shstrtabBytes.Length, 8);
        var image = new byte[sectionHeadersOffset + headers.Count * Elf64.SectionHeaderSize];
        loaded.AsSpan(0, (int)layout.LoadedFileSize).CopyTo(image);
        shstrtabBytes.CopyTo(image, shstrtabOffset);
        var span = image.AsSpan();
        for (int i = 0; i < headers.Count; i++)
        {
            var h = headers[i];
            var target = span.Slice((int)sectionHeadersOffset + i * Elf64.SectionHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(target, h.Name);
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(4), h.Type);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(8), h.Flags);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(16), h.Address);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(24), (ulong)h.Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(32), (ulong)h.Size);
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(40), h.Link);
            BinaryPrimitives.WriteUInt32LittleEndian(target.Slice(44), h.Info);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(48), (ulong)h.Align);
            BinaryPrimitives.WriteUInt64LittleEndian(target.Slice(56), (ulong)h.EntrySize);
        }
        WriteElfHeader(span, entry, layout.ProgramHeaderCount, sectionHeadersOffset, headers.Count, shstrtabIndex);
        WriteProgramHeaders(span.Slice(Elf64.HeaderSize), layout);
        return image;
    }

    private static void WriteElfHeader(Span<byte> image, ulong entry, int programHeaderCount, long sectionHeadersOffset, int sectionCount, int shstrtabIndex)
    {
        image.Slice(0, Elf64.HeaderSize).Clear();
        image[0] = 0x7f;
        image[1] = (byte)'E';
        image[2] = (byte)'L';
        image[3] = (byte)'F';
        image[4] = Elf64.ClassElf64;
        image[5] = Elf64.DataLittleEndian;
        image[6] = Elf64.VersionCurrent;
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(16), Elf64.TypeExecutable);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(18), Elf64.MachineX86_64);
        BinaryPrimitives.WriteUInt32LittleEndian(image.Slice(20), Elf64.VersionCurrent);
        BinaryPrimitives.WriteUInt64LittleEndian(image.Slice(24), entry);
        BinaryPrimitives.WriteUInt64LittleEndian(image.Slice(32), Elf64.HeaderSize);
        BinaryPrimitives.WriteUInt64LittleEndian(image.Slice(40), (ulong)sectionHeadersOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(52), Elf64.HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(54), Elf64.ProgramHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(56), (ushort)programHeaderCount);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(58), Elf64.SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(60), (ushort)sectionCount);
        BinaryPrimitives.WriteUInt16LittleEndian(image.Slice(62), (ushort)shstrtabIndex);
    }

    private static void WriteProgramHeaders(Span<byte> target, ImageLayout layout)
    {
        int index = 0;
        void Add(Span<byte> t, uint type, uint flags, long offset, ulong address, long fileSize, long memorySize, long align)
        {
            var h = t.Slice(index++ * Elf64.ProgramHeaderSize, Elf64.ProgramHeaderSize);
            BinaryPrimitives.WriteUInt32LittleEndian(h, type);
            BinaryPrimitives.WriteUInt32LittleEndian(h.Slice(4), flags);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(8), (ulong)offset);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(16), address);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(24), address);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(32), (ulong)fileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(40), (ulong)memorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(h.Slice(48), (ulong)align);
        }
        foreach (var segment in layout.Segments.Where(s => s.IsEmitted))
            Add(target, Elf64.SegmentLoad, segment.Protection, segment.FileOffset, segment.Address, segment.FileSize, segment.MemorySize, Elf64.PageSize);
        if (layout.XenNote is { } note)
            Add(target, Elf64.SegmentNote, Elf64.SegmentRead, note.FileOffset, note.Address, note.Size, note.Size, 4);
        if (layout.HasTls)
        {
            long size = (long)(layout.TlsEnd - layout.TlsStart);
            long align = layout.Data.Sections.Where(s => s.Kind is SectionKind.ThreadData or SectionKind.ThreadZeroData).Max(s => s.Alignment);
            long offset = layout.Data.FileOffset + (long)(layout.TlsStart - layout.Data.Address);
            Add(target, Elf64.SegmentTls, Elf64.SegmentRead, offset, layout.TlsStart, size, size, align);
        }
    }

    private static ulong FlagsOf(SectionKind kind) => Elf64.FlagAlloc | kind switch
    {
        SectionKind.Code => Elf64.FlagExecute,
        SectionKind.Data or SectionKind.ZeroData => Elf64.FlagWrite,
        SectionKind.ThreadData or SectionKind.ThreadZeroData => Elf64.FlagWrite | Elf64.FlagTls,
        _ => 0UL,
    };
}
