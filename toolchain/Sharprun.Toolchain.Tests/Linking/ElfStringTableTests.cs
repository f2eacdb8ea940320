using System;
using System.Linq;
using System.Text;
using Sharprun.Toolchain.Linking;
using Xunit;

namespace Sharprun.Toolchain.Tests.Linking;

public sealed class ElfStringTableTests
{
    private static string At(byte[] table, uint offset)
    {
        int end = Array.IndexOf(table, (byte)0, (int)offset);
        return Encoding.UTF8.GetString(table, (int)offset, end - (int)offset);
    }

    [Fact]
    public void EveryNameReadsBackAndSuffixesShareBytes()
    {
        string[] names = ["_lsda0Main", "Main", "ain", "Other", "Main", "Mainx", "ünïcode", "cöde", "x"];
        var table = new ElfStringTable();
        foreach (var name in names)
            table.Add(name);
        table.Add("");
        byte[] bytes = table.Build();

        Assert.Equal(0, bytes[0]);
        Assert.Equal(0u, table.OffsetOf(""));
        foreach (var name in names)
            Assert.Equal(name, At(bytes, table.OffsetOf(name)));
        // "Main" and "ain" live inside "_lsda0Main"; "x" inside "Mainx"; duplicates are stored once.
        Assert.Equal(table.OffsetOf("_lsda0Main") + 6, table.OffsetOf("Main"));
        Assert.Equal(table.OffsetOf("_lsda0Main") + 7, table.OffsetOf("ain"));
        int stored = new[] { "_lsda0Main", "Other", "Mainx", "ünïcode", "cöde" }.Sum(n => Encoding.UTF8.GetByteCount(n) + 1);
        Assert.Equal(1 + stored, bytes.Length);
    }

    [Fact]
    public void AnEmptyTableIsOneNul()
    {
        var table = new ElfStringTable();
        Assert.Equal(new byte[] { 0 }, table.Build());
    }

    [Fact]
    public void NamesCannotBeAddedAfterBuildingNorLookedUpBefore()
    {
        var table = new ElfStringTable();
        table.Add("a");
        Assert.Throws<InvalidOperationException>(() => table.OffsetOf("a"));
        table.Build();
        Assert.Throws<InvalidOperationException>(() => table.Add("b"));
    }
}
