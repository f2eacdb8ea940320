using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Runtime;

namespace Sharprun.Kernel.Gc;

/// <summary>
/// One collection, start to end: mark from the roots, settle weak handles and finalization, sweep.
/// It runs on the allocating thread's stack with preemption disabled, entered through
/// <c>sharprun_collect_with_registers</c> so that callee-saved registers are on the stack it scans.
/// Conservative roots: every thread's stack — the running one's from the collector's entry, the others' from
/// their saved context frame, which holds all their registers — with interior pointers, and the image's
/// initialized data and the boot thread's TLS (preinitialized objects, static bases) by exact object address
/// only; .bss holds only stacks (with unmapped guard pages) and plain values. Thread-static slots are marked
/// precisely.
/// </summary>
internal static unsafe class Collector
{
    private static byte* s_dataStart;
    private static byte* s_bssStart;
    private static bool s_collecting;

    /// <summary>Check every object and free block before and after each collection (kernel option gc.verify).</summary>
    public static bool VerifyHeap { get; set; }

    /// <summary>Print one line per collection to the kernel log (kernel option gc.trace).</summary>
    public static bool Trace { get; set; }

    public static void Initialize()
    {
        FreeObject.Initialize();
        Marker.Initialize(ModuleRegistry.ImageStart(), ModuleRegistry.ImageEnd());
        s_dataStart = DataStart();
        s_bssStart = BssStart();
        GcHeap.Initialize();
    }

    public static void Collect(CollectionReason reason)
    {
        if (s_collecting)
            Panic.Fail("the collector was entered while collecting");
        Threading.Preemption.Disable();
        CollectWithRegisters((nint)reason);
        Threading.Preemption.Enable();
    }

    [RuntimeExport("sharprun_collect")]
    private static void CollectFrom(nint reason, byte* stackPointer)
    {
        Threading.KernelThread* running = Threading.Scheduler.Current;
        if (stackPointer < running->StackBottom || stackPointer >= running->StackTop)
            Panic.Fail("a collection started on a stack other than the running thread's (e.g. an interrupt stack): its roots cannot be found");
        s_collecting = true;
        ulong start = Hypercalls.MonotonicNanoseconds();
        SmallObjectSpace.RetireSpan();
        nuint heapBefore = GcStatistics.HeapBytes;
        if (VerifyHeap)
            HeapVerifier.Verify(afterCollection: false);

        ConservativeRoots.Begin();
        for (Threading.KernelThread* thread = Threading.Scheduler.AllThreads; thread != null; thread = thread->AllNext)
            ConservativeRoots.ScanRange(thread == running ? stackPointer : (byte*)thread->Context, thread->StackTop);
        ConservativeRoots.ScanReferences(s_dataStart, s_bssStart);
        ConservativeRoots.Flush();
        ThreadServices.MarkThreadStatics();
        HandleRoots.MarkStrong();
        FinalizationQueue.MarkReady();
        Marker.Drain();
        HandleRoots.MarkDependents();

        HandleRoots.ClearDead(HandleSlot.WeakShortType);
        nuint scheduled = FinalizationQueue.ScheduleUnreachable();
        Marker.Drain();
        HandleRoots.MarkDependents();
        HandleRoots.ClearDead(HandleSlot.WeakLongType);
        HandleRoots.ClearDead(HandleSlot.DependentType);

        nuint live = SmallObjectSpace.Sweep() + LargeObjectSpace.Sweep();
        if (VerifyHeap)
            HeapVerifier.Verify(afterCollection: true);
        ulong pause = Hypercalls.MonotonicNanoseconds() - start;
        GcStatistics.Record((CollectionReason)reason, start, pause, heapBefore, live);
        if (Trace)
            WriteTrace((CollectionReason)reason, heapBefore, pause, scheduled);
        s_collecting = false;
    }

    private static void WriteTrace(CollectionReason reason, nuint heapBefore, ulong pause, nuint scheduled)
    {
        KernelLog.Write("gc: #");
        KernelLog.WriteDecimal((ulong)GcStatistics.CollectionCount);
        KernelLog.Write(reason == CollectionReason.Allocation ? " allocation" : " requested");
        KernelLog.Write(": heap ");
        KernelLog.WriteDecimal(heapBefore >> 10);
        KernelLog.Write(" KiB -> ");
        KernelLog.WriteDecimal(GcStatistics.HeapBytes >> 10);
        KernelLog.Write(" KiB (live ");
        KernelLog.WriteDecimal(GcStatistics.LiveBytes >> 10);
        KernelLog.Write(" KiB), pause ");
        KernelLog.WriteDecimal(pause / 1000);
        KernelLog.Write(" us, ");
        KernelLog.WriteDecimal(scheduled);
        KernelLog.Write(" finalizers queued\n");
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_collect_with_registers")]
    private static extern void CollectWithRegisters(nint reason);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_data_start")]
    private static extern byte* DataStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_bss_start")]
    private static extern byte* BssStart();
}
