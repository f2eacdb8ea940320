using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Kernel.Tests.Exceptions;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Kernel.Tests.Contract;

/// <summary>
/// The whole runtime contract of the pinned framework, not only what one program reaches: every name CoreLib and the
/// framework import from the runtime must be defined by the kernel, the platform, the toolchain's stubs or the
/// framework itself. A framework version that adds an import fails here, not in a user's link.
/// </summary>
public sealed class RuntimeContractTests
{
    private static readonly RuntimeLinkage Framework = RuntimeLinkage.Read(
        Directory.GetFiles(NativeAotCoreLib.NativeDirectory, "*.dll").Concat(Directory.GetFiles(NativeAotCoreLib.FrameworkDirectory, "*.dll")));

    // The math library is linked only into images whose code calls it (see the toolchain's KernelLibrary), so the
    // contract counts it with the kernel.
    private static readonly RuntimeLinkage Kernel = RuntimeLinkage.Read(
        [typeof(Sharprun.Kernel.Pal.PalTime).Assembly.Location, typeof(Sharprun.Hypercall.Hypercalls).Assembly.Location,
            typeof(Sharprun.Libm.Exponential).Assembly.Location]);

    public static TheoryData<string> Platforms => new() { "baremetal", "xen" };

    [Theory]
    [MemberData(nameof(Platforms))]
    public void EveryRuntimeImportOfTheFrameworkIsProvided(string platform)
    {
        var stubs = (platform == "xen" ? Toolchain.LowLevel.Xen.XenStubs.Build() : Toolchain.LowLevel.BaremetalStubs.Build())
            .Symbols.Where(s => s.IsDefined && s.Binding == SymbolBinding.Global).Select(s => s.Name);
        var provided = Framework.Exports.Concat(Kernel.Exports).Concat(stubs).ToHashSet();

        var missing = Framework.Imports.Where(i => !provided.Contains(i.Key)).OrderBy(i => i.Key).ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} runtime imports of the framework are not provided:\n" +
            string.Join("\n", missing.Select(i => $"  {i.Key} (imported by {i.Value[0]})")));
    }

    [Fact]
    public void TheFrameworkImportsAWholeContract()
    {
        // Guards the reader itself: CoreLib alone imports well over a hundred runtime entry points.
        Assert.True(Framework.Imports.Count > 150, $"only {Framework.Imports.Count} imports found");
        Assert.Contains("RhpNewFast", Framework.Imports.Keys.Concat(Framework.Exports).Concat(Kernel.Exports));
        Assert.Contains("RhRegisterForGCReporting", Framework.Imports.Keys);
    }
}
