using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Memory;

namespace Sharprun.Kernel.Threading;

/// <summary>
/// The memory a thread owns: its control structure, a stack with an inaccessible guard page below it (so an
/// overflow faults and is reported instead of overwriting a neighbour), and its TLS block, a copy of the image's
/// TLS template as it was before any code ran (the boot thread uses the template itself).
/// </summary>
internal static unsafe class ThreadStacks
{
    public const nuint DefaultStackSize = 256 * 1024;
    public const nuint IdleStackSize = 16 * 1024;
    private const nuint PageSize = 4096;
    // The control block FS points at: [0] the TLS block (what __tls_get_addr reads), [1] the thread, and at 0x28 the
    // stack-protector canary, where the x86-64 psABI's TCB has it: C code built with -fstack-protector reads %fs:0x28.
    private const nuint ControlBlockSize = 0x30;
    public const int StackGuardSlot = 0x28 / 8;

    private static byte* s_tlsTemplate;
    private static nuint s_tlsSize;

    /// <summary>Snapshots the TLS template; call before the runtime's first TLS access.</summary>
    public static void Initialize()
    {
        byte* start = TlsStart();
        s_tlsSize = (nuint)(TlsEnd() - start);
        s_tlsTemplate = (byte*)KernelHeap.Allocate(s_tlsSize == 0 ? 1 : s_tlsSize);
        if (s_tlsTemplate == null)
            Diagnostics.Panic.Fail("out of memory copying the TLS template");
        System.Buffer.MemoryCopy(start, s_tlsTemplate, s_tlsSize, s_tlsSize);
    }

    /// <summary>
    /// A thread that will start with <paramref name="entry"/>(<paramref name="argument"/>) on a stack of at least
    /// <paramref name="stackSize"/> bytes (0: the default), not yet runnable; null when memory is short.
    /// </summary>
    public static KernelThread* CreateThread(delegate* unmanaged<nint, nint> entry, nint argument, nuint stackSize)
    {
        if (stackSize == 0)
            stackSize = DefaultStackSize;
        stackSize = (stackSize + PageSize - 1) & ~(PageSize - 1);

        var thread = (KernelThread*)KernelHeap.Allocate((nuint)sizeof(KernelThread));
        var controlBlock = (nint*)KernelHeap.Allocate(ControlBlockSize + s_tlsSize);
        byte* stack = (byte*)PageMemory.AllocatePages(stackSize + PageSize);
        if (thread == null || controlBlock == null || stack == null || !ProtectGuardPage(stack))
        {
            if (stack != null)
                PageMemory.FreePages(stack, stackSize + PageSize);
            KernelHeap.Free(controlBlock);
            KernelHeap.Free(thread);
            return null;
        }

        byte* tls = (byte*)controlBlock + ControlBlockSize;
        System.Buffer.MemoryCopy(s_tlsTemplate, tls, s_tlsSize, s_tlsSize);
        controlBlock[0] = (nint)tls;
        controlBlock[1] = (nint)thread;
        controlBlock[StackGuardSlot] = NewStackGuard();

        thread->StackAllocation = stack;
        thread->StackAllocationSize = stackSize + PageSize;
        thread->StackBottom = stack + PageSize;
        thread->StackTop = stack + PageSize + stackSize;
        thread->ControlBlock = controlBlock;
        thread->Deadline = ulong.MaxValue;
        thread->Entry = entry;
        thread->Argument = argument;
        thread->Context = Hypercalls.CreateContext(thread->StackTop, &ThreadEntry.Start, (nint)thread);
        return thread;
    }

    /// <summary>Gives back an exited thread's memory (never the running thread's).</summary>
    public static void Free(KernelThread* thread)
    {
        Hypercalls.ProtectPages((ulong)thread->StackAllocation, PageSize, PageAccess.ReadWrite);
        PageMemory.FreePages(thread->StackAllocation, thread->StackAllocationSize);
        KernelHeap.Free(thread->ControlBlock);
        KernelHeap.Free(thread);
    }

    /// <summary>A thread's canary: random, with a zero low byte (as glibc's) so a string overrun cannot reproduce it.</summary>
    public static nint NewStackGuard()
    {
        ulong guard;
        Hypercalls.GetEntropy((byte*)&guard, sizeof(ulong));
        guard &= ~0xFFUL;
        return (nint)(guard == 0 ? 0x5eed_0000_0000_0100UL : guard);
    }

    private static bool ProtectGuardPage(byte* stack)
    {
        while (Hypercalls.SparePageTableCount < 2)
        {
            void* table = PageMemory.AllocatePages(PageSize);
            if (table == null)
                return false;
            MemoryBlock.Zero(table, PageSize);
            Hypercalls.AddSparePageTable((ulong)table);
        }
        return Hypercalls.ProtectPages((ulong)stack, PageSize, PageAccess.None);
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_tls_start")]
    private static extern byte* TlsStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_tls_end")]
    private static extern byte* TlsEnd();
}
