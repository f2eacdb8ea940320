using Sharprun.Kernel.Runtime.Exceptions;
using Xunit;

namespace Sharprun.Kernel.Tests.Exceptions;

/// <summary>A fault in a write-barrier stub is moved to the stub's caller, as if the stub had returned.</summary>
public sealed unsafe class WriteBarrierFaultSitesTests
{
    [Fact]
    public void OnlyTheListedInstructionsAreSites()
    {
        ulong* sites = stackalloc ulong[] { 0x1000, 0x2004, 0x2007, 0 };
        Assert.True(WriteBarrierFaultSites.Contains(sites, 0x1000));
        Assert.True(WriteBarrierFaultSites.Contains(sites, 0x2007));
        Assert.False(WriteBarrierFaultSites.Contains(sites, 0x1001));
        Assert.False(WriteBarrierFaultSites.Contains(sites, 0x2005));
        Assert.False(WriteBarrierFaultSites.Contains(sites, 0));
    }

    [Fact]
    public void AnEmptyTableHasNoSites()
    {
        ulong* sites = stackalloc ulong[] { 0 };
        Assert.False(WriteBarrierFaultSites.Contains(sites, 0x1000));
    }

    [Fact]
    public void TheFaultMovesToTheReturnAddressWithItsSlotPopped()
    {
        ulong* stack = stackalloc ulong[] { 0x401234, 0xDEAD };
        InterruptFrame frame = default;
        frame.Rip = 0x1000;
        frame.Rsp = (ulong)stack;
        frame.Rdi = 8;
        WriteBarrierFaultSites.PopReturnAddress(&frame);
        Assert.Equal(0x401234UL, frame.Rip);
        Assert.Equal((ulong)(stack + 1), frame.Rsp);
        Assert.Equal(8UL, frame.Rdi);
    }
}
