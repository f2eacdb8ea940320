using System.Runtime.CompilerServices;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// The ranges MMap handed out, so that MUnmap and MProtect act only on memory MMap owns. Fixed capacity; when it is
/// full, MMap fails with ENOMEM as Linux does at its map count limit. Not synchronized: one CPU, no threads yet.
/// </summary>
public static class AnonymousMappings
{
    public const int Capacity = 64;

    private static Entries s_entries;

    public static bool Add(nuint start, nuint length)
    {
        for (int index = 0; index < Capacity; index++)
        {
            if (s_entries[index].Length == 0)
            {
                s_entries[index] = new Mapping(start, length);
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes the mapping that is exactly [start, start + length); false when there is none.</summary>
    public static bool RemoveExact(nuint start, nuint length)
    {
        for (int index = 0; index < Capacity; index++)
        {
            if (s_entries[index].Length != 0 && s_entries[index].Start == start && s_entries[index].Length == length)
            {
                s_entries[index] = default;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when [start, start + length) lies inside one mapping.</summary>
    public static bool Covers(nuint start, nuint length)
    {
        for (int index = 0; index < Capacity; index++)
        {
            Mapping mapping = s_entries[index];
            if (mapping.Length != 0 && start >= mapping.Start && length <= mapping.Length && start - mapping.Start <= mapping.Length - length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when [start, start + length) shares at least one byte with some mapping.</summary>
    public static bool Overlaps(nuint start, nuint length)
    {
        for (int index = 0; index < Capacity; index++)
        {
            Mapping mapping = s_entries[index];
            if (mapping.Length != 0 && start < mapping.Start + mapping.Length && mapping.Start < start + length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="length"/> rounded up to whole pages, or 0 when that does not fit in an address (the callers
    /// reject a zero length before asking).
    /// </summary>
    public static nuint RoundUpToPages(ulong length)
    {
        if (length > nuint.MaxValue - (PageMemory.PageSize - 1))
        {
            return 0;
        }

        return ((nuint)length + PageMemory.PageSize - 1) & ~(PageMemory.PageSize - 1);
    }

    private readonly struct Mapping(nuint start, nuint length)
    {
        public nuint Start { get; } = start;

        public nuint Length { get; } = length;
    }

    [InlineArray(Capacity)]
    private struct Entries
    {
        private Mapping _first;
    }
}
