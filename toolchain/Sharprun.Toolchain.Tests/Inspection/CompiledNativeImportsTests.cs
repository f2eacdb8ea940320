using System.IO;
using System.Text;
using Sharprun.Toolchain.Inspection;
using Sharprun.Toolchain.Objects;
using Xunit;

namespace Sharprun.Toolchain.Tests.Inspection;

/// <summary>ILC's lazy P/Invoke cells, laid out as ILC 10.0 emits them (read off the object of a test program).</summary>
public sealed class CompiledNativeImportsTests
{
    [Fact]
    public void EachCellNamesItsLibraryAndEntryPoint()
    {
        var compiled = new IlcObject();
        var kernel32 = compiled.Module("__nativemodule_app__Module__kernel32_dll", "kernel32.dll");
        compiled.Cell("__pinvoke_app__Module__kernel32_dll__SetConsoleMode", "SetConsoleMode", kernel32);
        compiled.Cell("__pinvoke_app__Module__kernel32_dll__GetConsoleMode", "GetConsoleMode", kernel32);
        compiled.Cell("__pinvoke_app__Module__libc__getuid", "getuid", compiled.Module("__nativemodule_app__Module__libc", "libc"));

        Assert.Equal(
            [new CompiledNativeImport("kernel32.dll", "GetConsoleMode"), new CompiledNativeImport("kernel32.dll", "SetConsoleMode"), new CompiledNativeImport("libc", "getuid")],
            CompiledNativeImports.Read(compiled.Object));
    }

    [Fact]
    public void AnObjectWithoutCellsHasNoImports() => Assert.Empty(CompiledNativeImports.Read(new IlcObject().Object));

    [Fact]
    public void ACellOfAnotherLayoutIsAnError()
    {
        var compiled = new IlcObject();
        compiled.Object.Symbols.Add(new ObjectSymbol("__pinvoke_app__Module__libc__getuid", compiled.Data, 0, 0, SymbolBinding.Global, SymbolType.Object));
        var error = Assert.Throws<InvalidDataException>(() => CompiledNativeImports.Read(compiled.Object));
        Assert.Contains("__pinvoke_app__Module__libc__getuid+16", error.Message);
    }

    /// <summary>An object with ILC's .data (cells) and .rodata (names) sections.</summary>
    private sealed class IlcObject
    {
        private readonly MemoryStream _data = new();
        private readonly MemoryStream _names = new();

        public IlcObject()
        {
            Object = new ObjectFile("ilc");
            Data = Object.AddSection(new ObjectSection(".data", SectionKind.Data, new byte[256], 8));
            Names = Object.AddSection(new ObjectSection(".rodata", SectionKind.ReadOnlyData, new byte[256], 1));
        }

        public ObjectFile Object { get; }

        public ObjectSection Data { get; }

        private ObjectSection Names { get; }

        /// <summary>A module cell: handle, library name, the module's type manager.</summary>
        public ObjectSymbol Module(string symbol, string library) => Add(symbol, 24, [(8, String(library))]);

        /// <summary>An import cell: resolved address, entry point name, module cell, flags.</summary>
        public void Cell(string symbol, string entryPoint, ObjectSymbol module) => Add(symbol, 32, [(8, String(entryPoint)), (16, module)]);

        private ObjectSymbol Add(string name, int size, (long Offset, ObjectSymbol Target)[] pointers)
        {
            long at = _data.Length;
            _data.Write(new byte[size]);
            var symbol = new ObjectSymbol(name, Data, at, 0, SymbolBinding.Global, SymbolType.Object);
            Object.Symbols.Add(symbol);
            foreach (var (offset, target) in pointers)
                Data.Relocations.Add(new ObjectRelocation(at + offset, RelocationType.Absolute64, target, 0));
            return symbol;
        }

        private ObjectSymbol String(string text)
        {
            long at = _names.Length;
            byte[] bytes = Encoding.UTF8.GetBytes(text + "\0");
            _names.Write(bytes);
            bytes.CopyTo(Names.Data, at);
            var symbol = new ObjectSymbol("__utf8str_" + text, Names, at, bytes.Length, SymbolBinding.Global, SymbolType.Object);
            Object.Symbols.Add(symbol);
            return symbol;
        }
    }
}
