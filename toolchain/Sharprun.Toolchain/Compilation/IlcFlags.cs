using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Inspection;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Compilation;

/// <summary>
/// Every fixed flag sharprun passes to ILC, in one place. Based on what the .NET 10 SDK passes for PublishAot on
/// linux-x64, with these differences: no --dehydrate (CoreLib rehydrates type data only in InitializeModules, and
/// the kernel's early boot and its logs read string literals and static data before that), no -g by default, no
/// exports file or dynamic symbols (nothing links dynamically), invariant globalization (there is no ICU), and unmanaged entry points generated
/// for the kernel and platform assemblies so their RuntimeExport symbols are rooted.
/// </summary>
public static class IlcFlags
{
    public const string KernelAssembly = "Sharprun.Kernel";
    public const string PlatformAssembly = "Sharprun.Hypercall";

    /// <summary>Feature switches, each passed both as --feature (for trimming) and --runtimeknob (for AppContext).</summary>
    public static readonly IReadOnlyList<string> FeatureSwitches =
    [
        "Microsoft.Extensions.DependencyInjection.VerifyOpenGenericServiceTrimmability=true",
        "System.ComponentModel.DefaultValueAttribute.IsSupported=false",
        "System.ComponentModel.Design.IDesignerHost.IsSupported=false",
        "System.ComponentModel.TypeConverter.EnableUnsafeBinaryFormatterInDesigntimeLicenseContextSerialization=false",
        "System.ComponentModel.TypeDescriptor.IsComObjectDescriptorSupported=false",
        "System.Data.DataSet.XmlSerializationIsSupported=false",
        "System.Diagnostics.Tracing.EventSource.IsSupported=false",
        "System.Globalization.Invariant=true",
        "System.Linq.Enumerable.IsSizeOptimized=true",
        "System.Net.Security.UseManagedNtlm=false",
        "System.Net.SocketsHttpHandler.Http3Support=false",
        "System.Reflection.Metadata.MetadataUpdater.IsSupported=false",
        "System.Resources.ResourceManager.AllowCustomResourceTypes=false",
        "System.Resources.UseSystemResourceKeys=false",
        "System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported=false",
        "System.Runtime.InteropServices.BuiltInComInterop.IsSupported=false",
        "System.Runtime.InteropServices.EnableConsumingManagedCodeFromNativeHosting=false",
        "System.Runtime.InteropServices.EnableCppCLIHostActivation=false",
        "System.Runtime.InteropServices.Marshalling.EnableGeneratedComInterfaceComImportInterop=false",
        "System.Runtime.Serialization.EnableUnsafeBinaryFormatterSerialization=false",
        "System.StartupHookProvider.IsSupported=false",
        "System.Text.Encoding.EnableUnsafeUTF7Encoding=false",
        "System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault=false",
        "System.Threading.Thread.EnableAutoreleasePool=false",
        "System.Linq.Expressions.CanEmitObjectArrayDelegate=false",
    ];

    /// <summary>Switches the SDK passes only as --feature (no matching runtime knob).</summary>
    public static readonly IReadOnlyList<string> TrimOnlyFeatureSwitches =
    [
        "System.Diagnostics.Debugger.IsSupported=false",
    ];

    /// <summary>Assemblies whose module initializers run at startup, in order, as the SDK lists them.</summary>
    public static readonly IReadOnlyList<string> InitAssemblies =
    [
        "System.Private.CoreLib",
        "System.Private.StackTraceMetadata",
        "System.Private.TypeLoader",
        "System.Private.Reflection.Execution",
    ];

    /// <summary>Assemblies whose exports ([RuntimeExport], [UnmanagedCallersOnly(EntryPoint=...)]) are rooted.</summary>
    public static readonly IReadOnlyList<string> UnmanagedEntryPointAssemblies =
    [
        "System.Private.CoreLib",
        KernelAssembly,
        PlatformAssembly,
    ];

    /// <summary>
    /// The project's own runtime options as the SDK passes them: its trimming feature switches (a package's build file
    /// may add one, as Serilog's does for trimmed publishes) as --feature, and every option, switches and runtimeconfig
    /// settings (System.GC.Server in Web SDK projects) alike, as --runtimeknob, which AppContext reads. An option fixed
    /// above keeps its fixed value: the kernel is built for those.
    /// </summary>
    public static IEnumerable<string> ProjectOptions(IReadOnlyList<RuntimeHostOption> options)
    {
        var fixedNames = FeatureSwitches.Concat(TrimOnlyFeatureSwitches).Select(Name).ToHashSet(System.StringComparer.Ordinal);
        var added = options.Where(option => !fixedNames.Contains(option.Name)).DistinctBy(option => option.Name, System.StringComparer.Ordinal).ToList();
        foreach (var option in added.Where(option => option.Trim))
            yield return "--feature:" + option.Setting;
        foreach (var option in added)
            yield return "--runtimeknob:" + option.Setting;
    }

    private static string Name(string feature) => feature.Split('=', 2)[0];

    /// <summary>The flags that do not depend on the application.</summary>
    public static IEnumerable<string> Fixed()
    {
        yield return "--targetos:linux";
        yield return "--targetarch:x64";
        yield return "-O";
        foreach (var assembly in InitAssemblies)
            yield return "--initassembly:" + assembly;
        // Every framework library binds directly, so an import the kernel lacks is an undefined symbol the build
        // reports and binds to a throwing stub, rather than a failed dlopen at run time. Any other library binds
        // lazily, as on Linux: its calls fail in the kernel's dlopen with DllNotFoundException (see CompiledNativeImports).
        foreach (var library in ProvidedNativeLibraries.Names.Union(FrameworkImportCatalogue.NativeLibraries))
            yield return "--directpinvoke:" + library;
        foreach (var feature in FeatureSwitches)
            yield return "--feature:" + feature;
        foreach (var feature in TrimOnlyFeatureSwitches)
            yield return "--feature:" + feature;
        foreach (var feature in FeatureSwitches)
            yield return "--runtimeknob:" + feature;
        yield return "--runtimeknob:RUNTIME_IDENTIFIER=linux-x64";
        // Method names and line data for exception stack traces.
        yield return "--stacktracedata";
        // Keep what reflection over string literals and typeof() needs, as the SDK does.
        yield return "--scanreflection";
        // Like the SDK: instantiations of generic code that compile to the same bytes share one body.
        yield return "--methodbodyfolding:generic";
        // Like the SDK: IL that cannot be compiled (a missing reference, bad IL) becomes a throwing stub, not a failed build.
        yield return "--resilient";
        yield return "--singlewarn";
        foreach (var assembly in UnmanagedEntryPointAssemblies)
            yield return "--generateunmanagedentrypoints:" + assembly;
    }
}
