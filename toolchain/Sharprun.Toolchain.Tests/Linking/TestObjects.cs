using System;
using Sharprun.Toolchain.Linking;
using Sharprun.Toolchain.LowLevel;
using Sharprun.Toolchain.Objects;

namespace Sharprun.Toolchain.Tests.Linking;

/// <summary>Small objects for linker tests, assembled with <see cref="StubAssembler"/> or made by hand.</summary>
internal static class TestObjects
{
    public static ObjectFile Code(string objectName, Action<StubAssembler> write, string section = ".text") =>
        AddSection(new ObjectFile(objectName), write, section, SectionKind.Code);

    public static ObjectFile AddSection(ObjectFile obj, Action<StubAssembler> write, string section, SectionKind kind, int alignment = 16)
    {
        var assembler = new StubAssembler();
        write(assembler);
        assembler.Build(obj, section, kind, alignment);
        return obj;
    }

    /// <summary>An object with one global function <paramref name="name"/> that returns.</summary>
    public static ObjectFile Function(string objectName, string name) => Code(objectName, a =>
    {
        a.Global(name);
        a.Code.ret();
    });

    public static ObjectSymbol Undefined(string name, SymbolBinding binding = SymbolBinding.Global) =>
        new(name, null, 0, 0, binding, SymbolType.None);

    public static LinkResult Link(params ObjectFile[] objects) => ElfLinker.Link(new LinkOptions { Objects = objects });
}
