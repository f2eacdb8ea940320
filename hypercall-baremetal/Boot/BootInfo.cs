namespace Sharprun.Hypercall.Boot;

/// <summary>
/// What the loader told us: the memory map and the command line, from a PVH hvm_start_info or a
/// multiboot2 information structure. Both are copied into the image's own storage at boot, before
/// anything can allocate over them. Malformed structures leave an empty command line and stop the
/// map at the last well-formed entry; boot then reports "no usable memory" instead of guessing.
/// The results go to <see cref="BootCommandLine"/> and <see cref="UsableMemoryMap"/>.
/// </summary>
internal static unsafe class BootInfo
{
    public const int BootKindPvh = 1;
    public const int BootKindMultiboot2 = 2;

    private const uint PvhMagic = 0x336EC578;

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
        BootCommandLine.Copy((byte*)*(ulong*)(startInfo + 24), BootCommandLine.Capacity);
        if (version < 1)
            return false;
        ulong map = *(ulong*)(startInfo + 40);
        uint entries = *(uint*)(startInfo + 48);
        for (uint i = 0; i < entries && map != 0; i++)
        {
            byte* entry = (byte*)map + i * 24;
            if (*(uint*)(entry + 16) == 1)
                UsableMemoryMap.Add(*(ulong*)entry, *(ulong*)(entry + 8));
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
                BootCommandLine.Copy(tag + 8, (int)size - 8);
            else if (type == 6 && size >= 16)
            {
                uint entrySize = *(uint*)(tag + 8);
                if (entrySize >= 24)
                {
                    for (uint e = 16; e + entrySize <= size; e += entrySize)
                    {
                        if (*(uint*)(tag + e + 16) == 1)
                            UsableMemoryMap.Add(*(ulong*)(tag + e), *(ulong*)(tag + e + 8));
                    }
                }
            }
            offset += (size + 7) & ~7u;
        }
        return true;
    }
}
