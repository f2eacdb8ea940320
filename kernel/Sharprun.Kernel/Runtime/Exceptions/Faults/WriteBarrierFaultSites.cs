using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The JIT leaves the null check of a reference store to the write-barrier stub (RhpAssignRef and friends), so a
/// fault inside one of those stubs belongs to its caller. As NativeAOT does, the fault is moved to the return
/// address — as if the stub had returned — and becomes the caller's NullReferenceException. The stubs are leaves
/// that push nothing, so the return address is at the stack pointer. Beneath the runtime: no allocation.
/// </summary>
public static unsafe class WriteBarrierFaultSites
{
    /// <summary>When <paramref name="frame"/> faulted in a write-barrier stub, makes it fault at the stub's caller instead.</summary>
    public static void MoveToCaller(InterruptFrame* frame)
    {
        if (Contains(Table(), frame->Rip))
            PopReturnAddress(frame);
    }

    /// <summary>True when <paramref name="rip"/> is one of the zero-terminated <paramref name="sites"/>.</summary>
    public static bool Contains(ulong* sites, ulong rip)
    {
        for (ulong* site = sites; *site != 0; site++)
        {
            if (*site == rip)
                return true;
        }
        return false;
    }

    /// <summary>Resumes <paramref name="frame"/> as a <c>ret</c> would: at the address on top of its stack, with that slot popped.</summary>
    public static void PopReturnAddress(InterruptFrame* frame)
    {
        frame->Rip = *(ulong*)frame->Rsp;
        frame->Rsp += 8;
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_write_barrier_fault_sites")]
    private static extern ulong* Table();
}
