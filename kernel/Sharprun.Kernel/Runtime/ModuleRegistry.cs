using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime;

/// <summary>
/// The image is one OS module; this answers the runtime-contract questions about it (which module a
/// code address belongs to, its classlib callbacks, its frozen object segments).
/// </summary>
internal static unsafe class ModuleRegistry
{
    private static TypeManager* s_module;
    private static nint s_osModule;

    public static void Register(TypeManager* module) => s_module = module;

    [RuntimeExport("RhpRegisterOsModule")]
    private static nint RegisterOsModule(nint osModule)
    {
        s_osModule = osModule;
        return osModule;
    }

    [RuntimeExport("RhGetOSModuleFromPointer")]
    private static nint GetOsModuleFromPointer(nint pointer)
    {
        ulong address = (ulong)pointer;
        return address >= (ulong)ImageStart() && address < (ulong)ImageEnd() ? s_osModule : 0;
    }

    /// <summary>The image's path as the application sees it (argv[0]); CoreLib requires a non-null name.</summary>
    [RuntimeExport("RhGetModuleFileName")]
    private static int GetModuleFileName(nint module, byte** name)
    {
        *name = Startup.ProgramPath.Start;
        return Startup.ProgramPath.Length;
    }

    [RuntimeExport("RhpGetClasslibFunctionFromCodeAddress")]
    private static void* GetClasslibFunctionFromCodeAddress(nint address, int id) =>
        s_module == null ? null : s_module->GetClasslibFunction(id);

    [RuntimeExport("RhpGetClasslibFunctionFromEEType")]
    private static void* GetClasslibFunctionFromType(MethodTable* type, int id) =>
        s_module == null ? null : s_module->GetClasslibFunction(id);

    /// <summary>A frozen segment CoreLib allocated (see <see cref="Gc.FrozenSegments"/>): its objects are live without marks.</summary>
    [RuntimeExport("RhRegisterFrozenSegment")]
    private static nint RegisterFrozenSegment(void* start, nuint allocatedSize, nuint committedSize, nuint reservedSize) =>
        Gc.FrozenSegments.Register((byte*)start, reservedSize);

    [RuntimeExport("RhUnregisterFrozenSegment")]
    private static void UnregisterFrozenSegment(nint segment) => Gc.FrozenSegments.Unregister(segment);

    /// <summary>The image is the one OS module: fills as much of <paramref name="modules"/> as fits, returns how many there are.</summary>
    [RuntimeExport("RhGetLoadedOSModules")]
    private static uint GetLoadedOsModules(nint* modules)
    {
        if (s_module == null)
            return 0;
        // modules is a managed nint[] (or null): its length precedes the elements.
        if (modules != null && *(int*)((byte*)modules + sizeof(nint)) > 0)
            *(nint*)((byte*)modules + 2 * sizeof(nint)) = s_module->OsModule;
        return 1;
    }

    public static void* GetClasslibFunction(ClasslibFunction id) => s_module == null ? null : s_module->GetClasslibFunction((int)id);

    /// <summary>Nothing to update: a segment is recorded with its whole reserved range from the start.</summary>
    [RuntimeExport("RhUpdateFrozenSegment")]
    private static void UpdateFrozenSegment(nint segment, void* allocated, void* committed)
    {
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_start")]
    internal static extern byte* ImageStart();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_image_end")]
    internal static extern byte* ImageEnd();
}
