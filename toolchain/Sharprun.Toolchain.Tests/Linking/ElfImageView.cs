using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Tests.Linking;

/// <summary>Test-only reader of a linked image: ELF header, program and section headers, symbols, bytes by address.</summary>
internal sealed class ElfImageView
{
    public sealed record ProgramHeader(uint Type, uint Flags, ulong Offset, ulong Address, ulong PhysicalAddress, ulong FileSize, ulong MemorySize, ulong Align);

    public sealed record SectionHeader(string Name, uint Type, ulong Flags, ulong Address, ulong Offset, ulong Size, uint Link, uint Info);

    public sealed record Symbol(string Name, byte Info, ushort SectionIndex, ulong Value, ulong Size);

    public ElfImageView(byte[] image)
    {
        Bytes = image;
        var s = image.AsSpan();
        Type = BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(16));
        Machine = BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(18));
        Entry = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(24));
        ulong phoff = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(32));
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(40));
        int phnum = BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(56));
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(60));
        int shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(62));
        for (int i = 0; i < phnum; i++)
        {
            var p = s.Slice((int)phoff + i * 56);
            ProgramHeaders.Add(new ProgramHeader(U32(p, 0), U32(p, 4), U64(p, 8), U64(p, 16), U64(p, 24), U64(p, 32), U64(p, 40), U64(p, 48)));
        }
        var raw = new List<(uint Name, SectionHeader Header)>();
        for (int i = 0; i < shnum; i++)
        {
            var h = s.Slice((int)shoff + i * 64);
            raw.Add((U32(h, 0), new SectionHeader("", U32(h, 4), U64(h, 8), U64(h, 16), U64(h, 24), U64(h, 32), U32(h, 40), U32(h, 44))));
        }
        var names = raw[shstrndx].Header;
        foreach (var (name, header) in raw)
            Sections.Add(header with { Name = ReadString(names.Offset + name) });
        var symtab = Sections.FirstOrDefault(h => h.Name == ".symtab");
        if (symtab is not null)
        {
            var strtab = Sections[(int)symtab.Link];
            for (ulong at = symtab.Offset + 24; at < symtab.Offset + symtab.Size; at += 24)
            {
                var e = s.Slice((int)at);
                Symbols.Add(new Symbol(ReadString(strtab.Offset + U32(e, 0)), e[4], BinaryPrimitives.ReadUInt16LittleEndian(e.Slice(6)), U64(e, 8), U64(e, 16)));
            }
        }
    }

    public byte[] Bytes { get; }

    public ushort Type { get; }

    public ushort Machine { get; }

    public ulong Entry { get; }

    public List<ProgramHeader> ProgramHeaders { get; } = new();

    public List<SectionHeader> Sections { get; } = new();

    public List<Symbol> Symbols { get; } = new();

    public SectionHeader Section(string name) => Sections.Single(s => s.Name == name);

    public Symbol SymbolNamed(string name) => Symbols.Single(s => s.Name == name);

    /// <summary>File bytes at a loaded address (through the PT_LOAD that maps it).</summary>
    public ReadOnlySpan<byte> At(ulong address, int length)
    {
        var load = ProgramHeaders.Single(p => p.Type == 1 && address >= p.Address && address + (ulong)length <= p.Address + p.FileSize);
        return Bytes.AsSpan((int)(load.Offset + (address - load.Address)), length);
    }

    public uint U32At(ulong address) => BinaryPrimitives.ReadUInt32LittleEndian(At(address, 4));

    public int I32At(ulong address) => BinaryPrimitives.ReadInt32LittleEndian(At(address, 4));

    public ulong U64At(ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(At(address, 8));

    private string ReadString(ulong offset)
    {
        int start = (int)offset;
        int end = Array.IndexOf(Bytes, (byte)0, start);
        return Encoding.UTF8.GetString(Bytes, start, end - start);
    }

    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s.Slice(at));

    private static ulong U64(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt64LittleEndian(s.Slice(at));
}
