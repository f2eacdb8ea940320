using Sharprun.Toolchain.LowLevel.Baremetal;
using Sharprun.Toolchain.LowLevel.Runtime;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.LowLevel;

/// <summary>Every piece of hand-written machine code a bare-metal image contains, as one object.</summary>
public static class BaremetalStubs
{
    public const string PvhEntrySymbol = BootStub.PvhEntry;
    public const string Multiboot2EntrySymbol = BootStub.Multiboot2Entry;

    public static ObjectFile Build()
    {
        var stubs = new ObjectFile("sharprun-stubs (baremetal)");
        BootStub.AddTo(stubs);
        InterruptStubs.AddTo(stubs);
        CpuStubs.AddTo(stubs);
        MemoryStubs.AddTo(stubs);
        CollectorStubs.AddTo(stubs);
        ContextStubs.AddTo(stubs);
        RuntimeHelperStubs.AddTo(stubs);
        InterfaceDispatchStubs.AddTo(stubs);
        ClasslibFunctionTable.AddTo(stubs);
        LinkerSymbolStubs.AddTo(stubs);
        ExceptionStubs.AddTo(stubs);
        return stubs;
    }
}
