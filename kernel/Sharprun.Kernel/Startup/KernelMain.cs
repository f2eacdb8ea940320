using System.Runtime;
using System.Runtime.CompilerServices;
using Sharprun.Hypercall;
using Sharprun.Kernel.Diagnostics;
using Sharprun.Kernel.Gc;
using Sharprun.Kernel.Memory;
using Sharprun.Kernel.Runtime;
using Sharprun.Kernel.Threading;

namespace Sharprun.Kernel.Startup;

/// <summary>
/// From the platform's hand-over to the application's exit: memory, the managed runtime's module
/// initialization (statics, frozen objects, eager class constructors), the command line, then the
/// ILC-generated <c>__managed__Main(argc, argv)</c>, whose return value is the exit code.
/// </summary>
internal static unsafe class KernelMain
{
    private const int MaxArguments = 256;
    private const int ArgumentBytes = 4096;

    [RuntimeExport("sharprun_kernel_main")]
    private static void Main()
    {
        Scheduler.Initialize(ThreadServices.BootStackBottom(), ThreadServices.BootStackTop(), ThreadServices.BootControlBlock());
        PageMemory.Initialize();
        if (PageMemory.TotalBytes == 0)
            Panic.Fail("no usable memory in the boot memory map");
        MemoryRequirement.Check();
        ThreadStacks.Initialize();
        Collector.Initialize();
        KernelLog.Write("sharprun: ");
        KernelLog.WriteDecimal(PageMemory.TotalBytes >> 20);
        KernelLog.Write(" MiB usable memory\n");

        byte* arguments = (byte*)KernelHeap.Allocate(ArgumentBytes);
        byte** argv = (byte**)KernelHeap.Allocate((nuint)(sizeof(byte*) * (MaxArguments + 2)));
        if (arguments == null || argv == null)
            Panic.Fail("out of memory while reading the command line");
        int argc = BuildArgv(arguments, argv);

        Scheduler.Start();
        Collector.VerifyHeap = KernelOptions.VerifyHeap;
        Collector.Trace = KernelOptions.TraceCollections;
        Pal.ConsoleInput.Connected = KernelOptions.ConsoleInput;
        DetectCpuFeatures();
        InitializeModules();
        Finalization.FinalizerThread.Start();
        KernelLog.Write("sharprun: runtime initialized, entering Main\n");
        int exitCode = ((delegate* unmanaged<int, byte**, int>)ManagedMain())(argc, argv);
        Pal.ProcessEnd.Exit(exitCode);
    }

    private static int BuildArgv(byte* arguments, byte** argv)
    {
        // argv[0]: what Environment.GetCommandLineArgs()[0] shows, as for any NativeAOT program.
        System.ReadOnlySpan<byte> name = ProgramPath.Bytes;
        name.CopyTo(new System.Span<byte>(arguments, name.Length));
        arguments[name.Length] = 0;
        argv[0] = arguments;
        byte* parsed = arguments + name.Length + 1;
        int capacity = ArgumentBytes - name.Length - 1;

        byte* line = Hypercalls.CommandLine;
        int length = 0;
        while (line[length] != 0)
            length++;
        var text = new System.ReadOnlySpan<byte>(line, length);
        int argumentsStart = KernelOptions.Parse(text, out string? optionError, out System.Range culprit);
        if (argumentsStart < 0)
        {
            (int offset, int culpritLength) = culprit.GetOffsetAndLength(length);
            Panic.Begin(optionError ?? "malformed kernel options");
            KernelLog.Write(": '");
            KernelLog.WriteBytes(line + offset, culpritLength);
            KernelLog.Write("'");
            Panic.End();
        }
        Environment.BootEnvironment.Initialize(text[KernelOptions.Environment]);
        int count = CommandLine.Parse(text[argumentsStart..], new System.Span<byte>(parsed, capacity), out string? error);
        if (count < 0)
            Panic.Fail(error ?? "malformed kernel command line");
        if (count > MaxArguments)
            Panic.Fail("too many arguments on the kernel command line");
        for (int i = 0; i < count; i++)
        {
            argv[i + 1] = parsed;
            while (*parsed != 0)
                parsed++;
            parsed++;
        }
        argv[count + 1] = null;
        return count + 1;
    }

    private static void InitializeModules()
    {
        nint* start = (nint*)ModulesStart();
        int count = (int)((nint*)ModulesEnd() - start);
        var initialize = (delegate* unmanaged<nint, nint*, int, nint*, int, void>)InitializeModulesEntry();
        initialize((nint)Runtime.ModuleRegistry.ImageStart(), start, count, (nint*)ClasslibFunctions(), ClasslibFunctionCount);
    }

    /// <summary>Entries in the toolchain's ClasslibFunctionTable.</summary>
    private const int ClasslibFunctionCount = 8;

    /// <summary>Lets generated code take the SSE4.2 and AES-NI paths the CPU has (toolchain RuntimeHelperStubs).</summary>
    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_detect_cpu_features")]
    private static extern void DetectCpuFeatures();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___start___modules")]
    private static extern byte* ModulesStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___stop___modules")]
    private static extern byte* ModulesEnd();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_classlib_functions")]
    private static extern byte* ClasslibFunctions();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_InitializeModules")]
    private static extern byte* InitializeModulesEntry();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___managed__Main")]
    private static extern byte* ManagedMain();
}
