using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Sharprun.Toolchain.Linking;

/// <summary>
/// An ELF string table (offset 0 is the empty string), built in two steps: <see cref="Add"/> every name, then
/// <see cref="Build"/>. A name that ends another shares its bytes (tail merging, as GNU ld does): ILC's symbol
/// names repeat a lot as suffixes, so this keeps the symbol table that images carry small.
/// </summary>
internal sealed class ElfStringTable
{
    private readonly Dictionary<string, uint> _offsets = new(StringComparer.Ordinal);
    private byte[]? _bytes;

    public void Add(string name)
    {
        if (_bytes is not null)
            throw new InvalidOperationException("the string table is already built");
        if (name.Length > 0)
            _offsets.TryAdd(name, 0);
    }

    /// <summary>Lays the names out and returns the table's bytes.</summary>
    public byte[] Build()
    {
        if (_bytes is not null)
            return _bytes;
        var names = _offsets.Keys.Select(n => (Name: n, Bytes: Encoding.UTF8.GetBytes(n))).ToList();
        // Ordered by their bytes read backwards, a name that is a suffix of others comes right before the first of them.
        names.Sort((a, b) => CompareBackwards(a.Bytes, b.Bytes));
        var placed = new List<byte[]>();
        long size = 1;
        var offsets = new uint[names.Count];
        for (int i = names.Count - 1; i >= 0; i--)
        {
            byte[] bytes = names[i].Bytes;
            if (i + 1 < names.Count && names[i + 1].Bytes.AsSpan().EndsWith(bytes))
            {
                offsets[i] = offsets[i + 1] + (uint)(names[i + 1].Bytes.Length - bytes.Length);
                continue;
            }
            offsets[i] = checked((uint)size);
            placed.Add(bytes);
            size += bytes.Length + 1;
        }
        var table = new byte[size];
        int position = 1;
        foreach (var bytes in placed)
        {
            bytes.CopyTo(table, position);
            position += bytes.Length + 1;
        }
        for (int i = 0; i < names.Count; i++)
            _offsets[names[i].Name] = offsets[i];
        return _bytes = table;
    }

    /// <summary>Where <paramref name="name"/> starts in the built table (0 for the empty name).</summary>
    public uint OffsetOf(string name)
    {
        if (_bytes is null)
            throw new InvalidOperationException("the string table is not built yet");
        return name.Length == 0 ? 0 : _offsets[name];
    }

    private static int CompareBackwards(byte[] a, byte[] b)
    {
        for (int i = 1; i <= Math.Min(a.Length, b.Length); i++)
        {
            int order = a[^i].CompareTo(b[^i]);
            if (order != 0)
                return order;
        }
        return a.Length.CompareTo(b.Length);
    }
}
