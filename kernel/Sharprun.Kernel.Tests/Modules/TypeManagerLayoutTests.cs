using System;
using System.Runtime.InteropServices;
using Sharprun.Kernel.Tests.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Modules;

/// <summary>
/// CoreLib reads the kernel's TypeManager through its own view (TypeManagerHandle.TypeManager): stack trace
/// names and reflection compare its OsHandle with RhGetOSModuleFromPointer, so the shared prefix must line up.
/// </summary>
public sealed class TypeManagerLayoutTests
{
    [Fact]
    public void CoreLibsViewOfTheTypeManagerIsAPrefixOfOurs()
    {
        var coreLibView = NativeAotCoreLib.SequentialFields("Internal.Runtime.TypeManagerHandle+TypeManager");
        Assert.Equal(["OsHandle", "ReadyToRunHeader"], coreLibView.ConvertAll(f => f.Name));

        Type ours = typeof(Sharprun.Kernel.Pal.PalTime).Assembly.GetType("Sharprun.Kernel.Runtime.TypeManager", throwOnError: true)!;
        Assert.Equal(0, (int)Marshal.OffsetOf(ours, "_osModule"));
        Assert.Equal(8, (int)Marshal.OffsetOf(ours, "_header"));
    }
}
