using System;
using Sharprun.Toolchain.LowLevel;
using Sharprun.Toolchain.LowLevel.Runtime;
using Sharprun.Toolchain.Objects;
using static Iced.Intel.AssemblerRegisters;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// The archive of baked files (<see cref="Baking.ImageFiles"/>), linked only into images that carry the file PAL:
/// a read-only section holding, at the global symbol <see cref="Symbol"/>, the archive's length (8 bytes,
/// little-endian) and the cpio archive, and the function the file PAL calls for its address
/// (<c>sharprun_address_of_sharprun_baked_files</c>). Images without the file PAL get neither, so they do not grow.
/// </summary>
public static class BakedFiles
{
    public const string Symbol = "sharprun_baked_files";
    public const string SectionName = ".rodata.sharprun_files";

    public static void AddTo(ObjectFile target, byte[] archive)
    {
        if (archive.LongLength >= int.MaxValue)
            throw new ToolchainException($"the baked files come to {archive.LongLength} bytes; an image holds less than 2 GiB of them");
        var data = new byte[sizeof(ulong) + archive.Length];
        BitConverter.TryWriteBytes(data, (ulong)archive.LongLength);
        archive.CopyTo(data, sizeof(ulong));
        var section = target.AddSection(new ObjectSection(SectionName, SectionKind.ReadOnlyData, data, sizeof(ulong)));
        target.Symbols.Add(new ObjectSymbol(Symbol, section, 0, data.Length, SymbolBinding.Global, SymbolType.Object));

        var stub = new StubAssembler();
        stub.Global(LinkerSymbolStubs.Prefix + Symbol);
        stub.LeaExternal(rax, Symbol);
        stub.Code.ret();
        stub.Build(target, ".text.baked_files_address", SectionKind.Code);
    }
}
