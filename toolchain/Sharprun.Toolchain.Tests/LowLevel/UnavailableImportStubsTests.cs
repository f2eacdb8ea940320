using System.Collections.Generic;
using System.Linq;
using System.Text;
using Iced.Intel;
using Decoder = Iced.Intel.Decoder;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.LowLevel;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.LowLevel;

public sealed class UnavailableImportStubsTests
{
    private static readonly ObjectFile Stubs = UnavailableImportStubs.Build(new Dictionary<string, string>
    {
        ["SystemNative_Socket"] = "sockets: none",
        ["SystemNative_Kill"] = "processes: none",
    });

    [Fact]
    public void EachEntryPointLoadsItsMessageAndJumpsToTheThrower()
    {
        var entry = Stubs.Symbols.Single(s => s.Name == "SystemNative_Kill");
        Assert.Equal(SymbolBinding.Global, entry.Binding);
        var code = entry.Section!;
        var decoder = Decoder.Create(64, new ByteArrayCodeReader(code.Data));
        decoder.IP = (ulong)entry.Value;
        var lea = decoder.Decode();
        var jmp = decoder.Decode();
        Assert.Equal(Mnemonic.Lea, lea.Mnemonic);
        Assert.Equal(Register.RDI, lea.Op0Register);
        Assert.True(lea.IsIPRelativeMemoryOperand);
        Assert.Equal(Mnemonic.Jmp, jmp.Mnemonic);

        var leaTarget = code.Relocations.Single(r => r.Offset == entry.Value + 3);
        Assert.Equal(RelocationType.Pc32, leaTarget.Type);
        var message = Stubs.Symbols.Single(s => s.Name == leaTarget.Symbol.Name && s.IsDefined);
        Assert.Equal(SymbolBinding.Local, message.Binding);
        Assert.Equal("processes: none\0", Encoding.UTF8.GetString(message.Section!.Data, (int)message.Value, "processes: none\0".Length));

        var jumpTarget = code.Relocations.Single(r => r.Offset == (long)jmp.IP + 1);
        Assert.Equal(UnavailableImportStubs.ThrowSymbol, jumpTarget.Symbol.Name);
        Assert.Equal(RelocationType.Plt32, jumpTarget.Type);
    }

    [Fact]
    public void OnlyTheThrowerIsLeftUnresolved()
    {
        // The stubs' messages are locals they refer to by name; the thrower is the kernel's.
        Assert.Equal([UnavailableImportStubs.ThrowSymbol], UnresolvedSymbols.Of([Stubs], []));

        var kernel = new ObjectFile("kernel");
        var s = new StubAssembler();
        s.Global(UnavailableImportStubs.ThrowSymbol);
        s.CallExternal("SystemNative_Socket");
        s.CallExternal("SystemNative_Missing");
        s.Build(kernel, ".text", SectionKind.Code);
        Assert.Equal(["SystemNative_Missing"], UnresolvedSymbols.Of([kernel, Stubs], []));
    }
}
