using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Objects;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Launch;

/// <summary>
/// The platform an image was built for, recorded in the image as an ELF note in section <c>.note.sharprun</c>:
/// owner "Sharprun", type 1, the platform name NUL-terminated. <c>sharprun run</c> reads it back from the section
/// headers to refuse booting an image on the wrong platform. A second note, type 2, names the optional kernel
/// libraries linked (comma-separated, NUL-terminated), so <c>run</c> knows whether the image has a network stack to
/// give a NIC to. The image is outside input: every offset is checked.
/// </summary>
public static class ImagePlatform
{
    public const string SectionName = ".note.sharprun";
    public const string Owner = "Sharprun";
    public const uint PlatformType = 1;
    public const uint KernelLibrariesType = 2;

    private const uint SectionNote = 7;

    /// <summary>The notes as an object section for the link (read-only data, 4-byte aligned).</summary>
    public static ObjectSection NoteSection(string platform, IEnumerable<string> kernelLibraries)
    {
        byte[] notes = [.. Note(PlatformType, platform), .. Note(KernelLibrariesType, string.Join(',', kernelLibraries))];
        return new ObjectSection(SectionName, SectionKind.ReadOnlyData, notes, 4);
    }

    private static byte[] Note(uint type, string text)
    {
        byte[] name = Encoding.ASCII.GetBytes(Owner + "\0");
        byte[] descriptor = Encoding.ASCII.GetBytes(text + "\0");
        var note = new byte[12 + Align4(name.Length) + Align4(descriptor.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(note, (uint)name.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(note.AsSpan(4), (uint)descriptor.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(note.AsSpan(8), type);
        name.CopyTo(note, 12);
        descriptor.CopyTo(note, 12 + Align4(name.Length));
        return note;
    }

    /// <summary>
    /// The platform recorded in <paramref name="image"/>, or null for an image without the note (built before
    /// the note existed, or by another tool). Throws <see cref="ToolchainException"/> when the file is not an ELF64 image.
    /// </summary>
    public static string? Read(string image) => Parse(ReadFile(image), image);

    /// <summary>The optional kernel libraries linked into <paramref name="image"/>; empty for an image without the note.</summary>
    public static IReadOnlyList<string> ReadKernelLibraries(string image) => ParseKernelLibraries(ReadFile(image), image);

    public static string? Parse(ReadOnlySpan<byte> file, string image)
    {
        var notes = NotesOf(file, image);
        if (notes.IsEmpty || FindNote(notes, PlatformType, image) is not { } descriptor)
            return null;
        foreach (char c in descriptor)
        {
            if (c is < 'a' or > 'z')
                throw new ToolchainException($"{image}: the platform note names no valid platform");
        }
        return descriptor.Length > 0 ? descriptor : throw new ToolchainException($"{image}: the platform note is malformed");
    }

    public static IReadOnlyList<string> ParseKernelLibraries(ReadOnlySpan<byte> file, string image)
    {
        var notes = NotesOf(file, image);
        if (notes.IsEmpty || FindNote(notes, KernelLibrariesType, image) is not { } descriptor || descriptor.Length == 0)
            return [];
        var names = descriptor.Split(',');
        foreach (var name in names)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '.'))
                throw new ToolchainException($"{image}: the kernel-library note is malformed");
        }
        return names;
    }

    private static byte[] ReadFile(string image)
    {
        try
        {
            return File.ReadAllBytes(image);
        }
        catch (IOException e)
        {
            throw new ToolchainException($"cannot read the image {image}: {e.Message}");
        }
    }

    /// <summary>The contents of the note section; empty when the image has none.</summary>
    private static ReadOnlySpan<byte> NotesOf(ReadOnlySpan<byte> file, string image)
    {
        if (file.Length < 64 || file[0] != 0x7F || file[1] != 'E' || file[2] != 'L' || file[3] != 'F' || file[4] != 2 || file[5] != 1)
            throw new ToolchainException($"{image} is not a little-endian ELF64 image");
        ulong sectionTable = BinaryPrimitives.ReadUInt64LittleEndian(file.Slice(0x28));
        ushort entrySize = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(0x3A));
        ushort count = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(0x3C));
        ushort namesIndex = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(0x3E));
        if (count == 0)
            return [];
        if (entrySize < 64 || sectionTable > (ulong)file.Length || (ulong)count * entrySize > (ulong)file.Length - sectionTable || namesIndex >= count)
            throw new ToolchainException($"{image}: the ELF section header table is malformed");
        var names = Section(file, sectionTable, entrySize, namesIndex, image);
        for (int i = 0; i < count; i++)
        {
            var header = file.Slice((int)sectionTable + i * entrySize, entrySize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4)) != SectionNote)
                continue;
            uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (nameOffset >= names.Length)
                continue;
            var name = names.Slice((int)nameOffset);
            int end = name.IndexOf((byte)0);
            if (end < 0 || !name.Slice(0, end).SequenceEqual(Encoding.ASCII.GetBytes(SectionName)))
                continue;
            return Section(file, sectionTable, entrySize, i, image);
        }
        return [];
    }

    private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> file, ulong table, int entrySize, int index, string image)
    {
        var header = file.Slice((int)table + index * entrySize, entrySize);
        ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(0x18));
        ulong size = BinaryPrimitives.ReadUInt64LittleEndian(header.Slice(0x20));
        if (offset > (ulong)file.Length || size > (ulong)file.Length - offset)
            throw new ToolchainException($"{image}: ELF section {index} lies outside the file");
        return file.Slice((int)offset, (int)size);
    }

    /// <summary>The text of the first note of <paramref name="type"/> owned by Sharprun, or null.</summary>
    private static string? FindNote(ReadOnlySpan<byte> notes, uint type, string image)
    {
        while (notes.Length >= 12)
        {
            uint nameSize = BinaryPrimitives.ReadUInt32LittleEndian(notes);
            uint descriptorSize = BinaryPrimitives.ReadUInt32LittleEndian(notes.Slice(4));
            uint noteType = BinaryPrimitives.ReadUInt32LittleEndian(notes.Slice(8));
            ulong total = 12UL + Align4(nameSize) + Align4(descriptorSize);
            if (nameSize > int.MaxValue || descriptorSize > int.MaxValue || total > (ulong)notes.Length)
                throw new ToolchainException($"{image}: the {SectionName} note is malformed");
            var name = notes.Slice(12, (int)nameSize);
            var descriptor = notes.Slice(12 + (int)Align4(nameSize), (int)descriptorSize);
            if (noteType == type && name.SequenceEqual(Encoding.ASCII.GetBytes(Owner + "\0")))
            {
                if (descriptor.Length < 1 || descriptor[^1] != 0 || descriptor[..^1].IndexOf((byte)0) >= 0)
                    throw new ToolchainException($"{image}: the {SectionName} note of type {type} is malformed");
                foreach (byte b in descriptor[..^1])
                {
                    if (b is < 0x20 or > 0x7E)
                        throw new ToolchainException($"{image}: the {SectionName} note of type {type} is not printable ASCII");
                }
                return Encoding.ASCII.GetString(descriptor[..^1]);
            }
            notes = notes.Slice((int)total);
        }
        return null;
    }

    /// <summary>Refuses to boot <paramref name="image"/> on <paramref name="platform"/> when it was built for another.</summary>
    public static void Require(string image, string platform, string hint)
    {
        // Images from before the note existed were all built for bare metal.
        string recorded = Read(image) ?? "baremetal";
        if (recorded != platform)
            throw new ToolchainException($"{image} was built for platform '{recorded}', but this runs it on '{platform}'; {hint}");
    }

    private static int Align4(int value) => (value + 3) & ~3;

    private static uint Align4(uint value) => (value + 3) & ~3u;
}
