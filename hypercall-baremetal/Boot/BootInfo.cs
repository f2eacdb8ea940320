using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall.Cpu;

namespace Sharprun.Hypercall.Boot;

/// <summary>
/// What the loader told us: the memory map and the command line, from a PVH hvm_start_info or a
/// multiboot2 information structure. Both are copied into the image's own storage at boot, before
/// anything can allocate over them. Malformed structures leave an empty command line and stop the
/// map at the last well-formed entry; boot then reports "no usable memory" instead of guessing.
/// RAM beyond what one page directory pointer table maps (512 GiB) is left out of the map.
/// </summary>
internal static unsafe class BootInfo
{
    public const int BootKindPvh = 1;
    public const int BootKindMultiboot2 = 2;

    private const uint PvhMagic = 0x336EC578;
    private const int MaxRegions = 64;
    private const int MaxCommandLine = 4096;
    private const ulong LowMemoryEnd = 0x100000;
    private const ulong PageSize = 4096;

    private static RegionTable s_regions;
    private static int s_regionCount;
    private static CommandLineBuffer s_commandLine;

    public static byte* CommandLine => (byte*)Unsafe.AsPointer(ref s_commandLine);

    public static int MemoryRegionCount => s_regionCount;

    public static MemoryRegion GetMemoryRegion(int index) =>
        (uint)index < (uint)s_regionCount ? s_regions[index] : default;

    /// <summary>The end of the highest usable RAM range (0 when there is none).</summary>
    public static ulong HighestEnd
    {
        get
        {
            ulong end = 0;
            for (int i = 0; i < s_regionCount; i++)
                end = s_regions[i].End > end ? s_regions[i].End : end;
            return end;
        }
    }

    /// <summary>
    /// Takes one page from the lowest usable range below <paramref name="limit"/> away from the map, for the
    /// platform's own use (page tables); 0 when there is none. Only before the kernel reads the map.
    /// </summary>
    public static ulong TakePage(ulong limit)
    {
        int best = -1;
        for (int i = 0; i < s_regionCount; i++)
        {
            MemoryRegion region = s_regions[i];
            if (region.Length >= PageSize && region.Start + PageSize <= limit && (best < 0 || region.Start < s_regions[best].Start))
                best = i;
        }
        if (best < 0)
            return 0;
        MemoryRegion taken = s_regions[best];
        s_regions[best] = new MemoryRegion(taken.Start + PageSize, taken.Length - PageSize);
        return taken.Start;
    }

    public static bool Parse(int kind, ulong info)
    {
        if (info == 0)
            return false;
        return kind switch
        {
            BootKindPvh => ParsePvh((byte*)info),
            BootKindMultiboot2 => ParseMultiboot2((byte*)info),
            _ => false,
        };
    }

    private static bool ParsePvh(byte* startInfo)
    {
        if (*(uint*)startInfo != PvhMagic)
            return false;
        uint version = *(uint*)(startInfo + 4);
        CopyCommandLine((byte*)*(ulong*)(startInfo + 24), MaxCommandLine);
        if (version < 1)
            return false;
        ulong map = *(ulong*)(startInfo + 40);
        uint entries = *(uint*)(startInfo + 48);
        for (uint i = 0; i < entries && map != 0; i++)
        {
            byte* entry = (byte*)map + i * 24;
            if (*(uint*)(entry + 16) == 1)
                AddRegion(*(ulong*)entry, *(ulong*)(entry + 8));
        }
        return true;
    }

    private static bool ParseMultiboot2(byte* information)
    {
        uint totalSize = *(uint*)information;
        if (totalSize < 16 || totalSize > 1 << 20)
            return false;
        uint offset = 8;
        while (offset + 8 <= totalSize)
        {
            byte* tag = information + offset;
            uint type = *(uint*)tag;
            uint size = *(uint*)(tag + 4);
            if (type == 0 || size < 8 || offset + size > totalSize)
                break;
            if (type == 1)
                CopyCommandLine(tag + 8, (int)size - 8);
            else if (type == 6 && size >= 16)
            {
                uint entrySize = *(uint*)(tag + 8);
                if (entrySize >= 24)
                {
                    for (uint e = 16; e + entrySize <= size; e += entrySize)
                    {
                        if (*(uint*)(tag + e + 16) == 1)
                            AddRegion(*(ulong*)(tag + e), *(ulong*)(tag + e + 8));
                    }
                }
            }
            offset += (size + 7) & ~7u;
        }
        return true;
    }

    private static void CopyCommandLine(byte* source, int limit)
    {
        byte* target = CommandLine;
        int length = 0;
        if (source != null)
        {
            while (length < MaxCommandLine - 1 && length < limit && source[length] != 0)
            {
                target[length] = source[length];
                length++;
            }
        }
        target[length] = 0;
    }

    /// <summary>Adds RAM, less low memory and the loaded image (from its linker-defined bounds).</summary>
    private static void AddRegion(ulong start, ulong length)
    {
        ulong end = start + length;
        if (end <= start)
            return;
        if (start < LowMemoryEnd)
            start = LowMemoryEnd;
        ulong imageStart = (ulong)ImageStart();
        ulong imageEnd = (ulong)ImageEnd();
        if (start < imageEnd && end > imageStart)
        {
            if (start < imageStart)
                Append(start, imageStart);
            start = imageEnd;
        }
        Append(start, end);
    }

    /// <summary>Adds a range, less what lies beyond the memory the page tables can map.</summary>
    private static void Append(ulong start, ulong end)
    {
        if (end > PageTables.MappableEnd)
            end = PageTables.MappableEnd;
        start = (start + 4095) & ~4095UL;
        end &= ~4095UL;
        if (end <= start || s_regionCount == MaxRegions)
            return;
        s_regions[s_regionCount++] = new MemoryRegion(start, end - start);
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_start")]
    private static extern byte* ImageStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_end")]
    private static extern byte* ImageEnd();

    [InlineArray(MaxRegions)]
    private struct RegionTable
    {
        private MemoryRegion _first;
    }

    [InlineArray(MaxCommandLine)]
    private struct CommandLineBuffer
    {
        private byte _first;
    }
}
