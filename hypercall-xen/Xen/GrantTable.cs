using System.Runtime;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Sharprun.Hypercall.Xen;

/// <summary>
/// Grant table, version 1: frames mapped into the image with XENMEM_add_to_physmap (XENMAPSPACE_grant_table);
/// each 8-byte entry grants one of our page frames to another domain (the ground for netfront and blkfront).
/// Entries 0–7 are reserved for the toolstack (console and xenstore).
/// </summary>
internal static unsafe class GrantTable
{
    public const int MaxFrames = 4;
    private const int EntriesPerFrame = 4096 / 8;
    private const int ReservedEntries = 8;

    private const ulong QuerySize = 6;
    private const uint SpaceGrantTable = 1;

    private const ushort PermitAccess = 1;
    private const ushort ReadOnly = 1 << 2;
    private const ushort Reading = 1 << 3;
    private const ushort Writing = 1 << 4;

    private static byte* s_table;
    private static int s_entries;
    private static UsedMap s_used;

    public static int Frames { get; private set; }

    public static int Entries => s_entries;

    /// <summary>Maps as many grant frames as Xen allows, up to <see cref="MaxFrames"/>; false when none could be mapped.</summary>
    public static bool Initialize()
    {
        // struct gnttab_query_size: dom u16, nr_frames u32 (out), max_nr_frames u32 (out), status i16 (out).
        uint* query = stackalloc uint[4];
        query[0] = XenHypercall.DomainSelf;
        query[1] = query[2] = query[3] = 0;
        if (XenHypercall.Call(XenHypercall.GrantTableOp, QuerySize, (ulong)query, 1) != 0 || (short)query[3] != 0)
            return false;
        uint frames = query[2] < MaxFrames ? query[2] : MaxFrames;
        byte* table = TablePages();
        int mapped = 0;
        for (uint i = 0; i < frames; i++)
        {
            if (PhysicalMap.Add(SpaceGrantTable, i, ((ulong)table >> 12) + i) != 0)
                break;
            mapped++;
        }
        if (mapped == 0)
            return false;
        s_table = table;
        Frames = mapped;
        s_entries = mapped * EntriesPerFrame;
        return true;
    }

    /// <summary>Grants <paramref name="domain"/> access to page frame <paramref name="frame"/>; returns the grant reference, or -1 when the table is full.</summary>
    public static int GrantAccess(ushort domain, uint frame, bool readOnly)
    {
        for (int reference = ReservedEntries; reference < s_entries; reference++)
        {
            ulong bit = 1UL << (reference % 64);
            if ((s_used[reference / 64] & bit) != 0)
                continue;
            s_used[reference / 64] |= bit;
            ushort* entry = (ushort*)(s_table + reference * 8);
            entry[1] = domain;
            *(uint*)(entry + 2) = frame;
            // Domain and frame must be visible before the flags make the entry valid.
            Volatile.Write(ref entry[0], (ushort)(PermitAccess | (readOnly ? ReadOnly : 0)));
            return reference;
        }
        return -1;
    }

    /// <summary>Revokes a grant; false while the other domain still has the page mapped (try again later).</summary>
    public static bool EndAccess(int reference)
    {
        if (reference < ReservedEntries || reference >= s_entries)
            return false;
        ushort* flags = (ushort*)(s_table + reference * 8);
        ushort current = Volatile.Read(ref *flags);
        while (true)
        {
            if ((current & (Reading | Writing)) != 0)
                return false;
            ushort seen = Interlocked.CompareExchange(ref *flags, 0, current);
            if (seen == current)
                break;
            current = seen;
        }
        s_used[reference / 64] &= ~(1UL << (reference % 64));
        return true;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_xen_grant_table")]
    private static extern byte* TablePages();

    [InlineArray(MaxFrames * EntriesPerFrame / 64)]
    private struct UsedMap
    {
        private ulong _first;
    }
}
