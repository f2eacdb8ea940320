using Sharprun.Kernel.Pal;
using Xunit;

namespace Sharprun.Kernel.Tests.Pal;

/// <summary>Argument checks of the mapping calls; none of these reach the page allocator.</summary>
[Collection(PalTestCollection.Name)]
public sealed unsafe class PalMemoryTests
{
    private const int ReadWrite = 3;
    private const int Private = 0x02;
    private const int Shared = 0x01;
    private const int Anonymous = 0x10;

    [Fact]
    public void MMapRejectsMalformedRequests()
    {
        AssertMapFails(LinuxErrno.EINVAL, 0, ReadWrite, Private | Anonymous);
        AssertMapFails(LinuxErrno.EINVAL, 4096, ReadWrite, Anonymous);
        AssertMapFails(LinuxErrno.EINVAL, 4096, ReadWrite, Private | Shared | Anonymous);
        AssertMapFails(LinuxErrno.EINVAL, 4096, ReadWrite, Private | Anonymous | 0x100);
        AssertMapFails(LinuxErrno.EINVAL, 4096, 8, Private | Anonymous);
    }

    [Fact]
    public void MMapRefusesWhatItCannotHonour()
    {
        AssertMapFails(LinuxErrno.ENOTSUP, 4096, ReadWrite, Shared | Anonymous);
        AssertMapFails(LinuxErrno.ENOTSUP, 4096, ReadWrite, Private);
        AssertMapFails(LinuxErrno.ENOTSUP, 4096, ReadWrite | 4, Private | Anonymous);
        AssertMapFails(LinuxErrno.ENOTSUP, 4096, 1, Private | Anonymous);
    }

    [Fact]
    public void MMapOfAnImpossibleLengthIsOutOfMemory() =>
        AssertMapFails(LinuxErrno.ENOMEM, ulong.MaxValue, ReadWrite, Private | Anonymous);

    [Fact]
    public void UnmapAndProtectOnlyActOnMappings()
    {
        void* page = (void*)0x7000_0000_0000;
        AssertFails(LinuxErrno.EINVAL, PalMemory.MUnmap((byte*)page + 1, 4096));
        AssertFails(LinuxErrno.EINVAL, PalMemory.MUnmap(page, 0));
        AssertFails(LinuxErrno.EINVAL, PalMemory.MUnmap(page, 4096));
        AssertFails(LinuxErrno.ENOMEM, PalMemory.MProtect(page, 4096, ReadWrite));
        AssertFails(LinuxErrno.EINVAL, PalMemory.MProtect((byte*)page + 8, 4096, ReadWrite));
        AssertFails(LinuxErrno.EINVAL, PalMemory.MProtect(page, 4096, 16));
        Assert.Equal(0, PalMemory.MProtect(page, 0, ReadWrite));
    }

    [Fact]
    public void ProtectGrantsOnlyReadWriteInsideAMapping()
    {
        nuint start = unchecked((nuint)0x7100_0000_0000);
        Assert.True(AnonymousMappings.Add(start, 4 * 4096));
        try
        {
            Assert.Equal(0, PalMemory.MProtect((void*)start, 4096, ReadWrite));
            Assert.Equal(0, PalMemory.MProtect((void*)(start + 4096), 3 * 4096, 2));
            AssertFails(LinuxErrno.ENOTSUP, PalMemory.MProtect((void*)start, 4096, 0));
            AssertFails(LinuxErrno.ENOTSUP, PalMemory.MProtect((void*)start, 4096, 1));
            AssertFails(LinuxErrno.ENOTSUP, PalMemory.MProtect((void*)start, 4096, ReadWrite | 4));
            AssertFails(LinuxErrno.ENOMEM, PalMemory.MProtect((void*)(start + 4096), 4 * 4096, ReadWrite));
            AssertFails(LinuxErrno.ENOTSUP, PalMemory.MUnmap((void*)start, 4096));
        }
        finally
        {
            Assert.True(AnonymousMappings.RemoveExact(start, 4 * 4096));
        }
    }

    [Fact]
    public void MappingTableHasAFixedCapacity()
    {
        nuint start = unchecked((nuint)0x7200_0000_0000);
        int added = 0;
        try
        {
            while (AnonymousMappings.Add(start + (nuint)added * 4096, 4096))
            {
                added++;
            }

            Assert.True(added <= AnonymousMappings.Capacity);
            Assert.True(AnonymousMappings.Covers(start, (nuint)added * 4096) == (added == 1));
            Assert.True(AnonymousMappings.Overlaps(start + 100, 10));
            Assert.False(AnonymousMappings.Overlaps(start - 4096, 4096));
        }
        finally
        {
            for (int index = 0; index < added; index++)
            {
                Assert.True(AnonymousMappings.RemoveExact(start + (nuint)index * 4096, 4096));
            }
        }
    }

    [Fact]
    public void PagesRoundUp()
    {
        Assert.Equal((nuint)4096, AnonymousMappings.RoundUpToPages(1));
        Assert.Equal((nuint)4096, AnonymousMappings.RoundUpToPages(4096));
        Assert.Equal((nuint)8192, AnonymousMappings.RoundUpToPages(4097));
        Assert.Equal((nuint)0, AnonymousMappings.RoundUpToPages(ulong.MaxValue));
    }

    [Fact]
    public void CallocOverflowIsOutOfMemory()
    {
        Assert.True(PalMemory.Calloc(nuint.MaxValue, 2) == null);
        Assert.Equal((int)LinuxErrno.ENOMEM, PalErrors.GetErrNo());
    }

    [Fact]
    public void FreeOfNullDoesNothing() => PalMemory.Free(null);

    private static void AssertMapFails(LinuxErrno expected, ulong length, int protection, int flags)
    {
        PalErrors.SetErrNo(0);
        Assert.True(PalMemory.MMap(null, length, protection, flags, -1, 0) == null);
        Assert.Equal((int)expected, PalErrors.GetErrNo());
    }

    private static void AssertFails(LinuxErrno expected, int result)
    {
        Assert.Equal(-1, result);
        Assert.Equal((int)expected, PalErrors.GetErrNo());
    }
}
