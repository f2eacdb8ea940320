using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Memory;

/// <summary>Raw memory fills that work before the runtime is up (they compile to memset).</summary>
internal static unsafe class MemoryBlock
{
    public static void Zero(void* start, ulong length)
    {
        byte* p = (byte*)start;
        while (length > 0)
        {
            uint chunk = length > 0x40000000 ? 0x40000000u : (uint)length;
            Unsafe.InitBlockUnaligned(p, 0, chunk);
            p += chunk;
            length -= chunk;
        }
    }
}
