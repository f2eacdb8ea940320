using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.LowLevel.Runtime;

/// <summary>
/// The table of CoreLib callbacks the runtime uses (exception objects, fail-fast, stack-trace
/// collection...), indexed by CoreLib's ClassLibFunctionId. It is handed to InitializeModules
/// and answers RhpGetClasslibFunctionFrom*.
/// </summary>
internal static class ClasslibFunctionTable
{
    public const string Symbol = "sharprun_classlib_functions";

    /// <summary>CoreLib export per ClassLibFunctionId; null where the id is unused.</summary>
    private static readonly string?[] Functions =
    [
        "GetRuntimeException",                          // 0
        "RuntimeFailFast",                              // 1
        "ThreadEntryPoint",                             // 2
        "AppendExceptionStackFrame",                    // 3
        null,                                           // 4 (unused)
        "GetSystemArrayEEType",                         // 5
        "OnFirstChanceException",                       // 6
        "OnUnhandledException",                         // 7
        // 8-11 are the Objective-C marshalling callbacks, which exist only on Apple platforms.
    ];

    public static int Count => Functions.Length;

    public static void AddTo(ObjectFile target)
    {
        var s = new StubAssembler();
        s.GlobalData(Symbol);
        foreach (var function in Functions)
        {
            if (function is null)
                s.Code.dq(0UL);
            else
                s.QwordAddress(function);
        }
        s.GlobalData(Symbol + "_count");
        s.Code.dq((ulong)Functions.Length);
        s.Build(target, ".rodata.classlib", SectionKind.ReadOnlyData, 8);
    }
}
