using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using dnlib.DotNet;
using dnlib.DotNet.Emit;
using Sharprun.Toolchain.Inspection;
using Xunit;

namespace Sharprun.Toolchain.Tests.Inspection;

public sealed class PInvokeInspectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sharprun-inspect-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [DllImport("libfoo", EntryPoint = "foo_real")]
    private static extern int FooReal(int value);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetPid")]
    private static extern int GetPid();

    // Never run: it only gives the P/Invokes above a caller in this compiled assembly.
    internal static int CallsNativeCode() => FooReal(1) + GetPid();

    [Fact]
    public void FindsDllImportsInACompiledAssemblyWithTheirCallers()
    {
        var imports = PInvokeInspector.FindImports(typeof(PInvokeInspectorTests).Assembly.Location);
        var foo = Assert.Single(imports, i => i.EntryPoint == "foo_real");
        Assert.Equal("libfoo", foo.Library);
        Assert.Equal("Sharprun.Toolchain.Tests.Inspection.PInvokeInspectorTests.FooReal", foo.Method);
        Assert.Equal(["Sharprun.Toolchain.Tests.Inspection.PInvokeInspectorTests.CallsNativeCode"], foo.Callers);
        Assert.Equal("Sharprun.Toolchain.Tests", foo.Assembly);
    }

    [Theory]
    [InlineData("libSystem.Native", true)]
    [InlineData("libSystem.Native.so", true)]
    [InlineData("System.Native", true)]
    [InlineData("libsystem.native", false)]
    [InlineData("libSystem.Native.so.1", false)]
    [InlineData("libSystem.Globalization.Native", false)]
    [InlineData("libc", false)]
    [InlineData("", false)]
    public void ProvidedLibraries(string library, bool provided) => Assert.Equal(provided, ProvidedNativeLibraries.Provides(library));

    [Fact]
    public void LibraryImportStubsAreReportedAsTheUsersMethod()
    {
        // The shape the LibraryImport generator emits: the user's partial method holds a local function
        // <Method>g____PInvoke|n_m that is the real DllImport.
        string path = WriteAssembly("Generated", module =>
        {
            var type = AddType(module, "App", "NativeMethods");
            var stub = AddPInvoke(module, type, "<Add>g____PInvoke|0_0", "libbar", "bar_add");
            AddCaller(module, type, "Add", stub);
        });
        var import = Assert.Single(PInvokeInspector.FindImports(path));
        Assert.Equal("libbar", import.Library);
        Assert.Equal("bar_add", import.EntryPoint);
        Assert.Equal("App.NativeMethods.Add", import.Method);
        Assert.Empty(import.Callers);
    }

    [Fact]
    public void LocalFunctionsOfTopLevelStatementsNameMain()
    {
        string path = WriteAssembly("TopLevel", module =>
        {
            var type = AddType(module, "", "Program");
            var local = AddPInvoke(module, type, "<<Main>$>g__foo_add|0_0", "libfoo", "");
            AddCaller(module, type, "<Main>$", local);
        });
        var import = Assert.Single(PInvokeInspector.FindImports(path));
        Assert.Equal("Program.Main (local function foo_add)", import.Method);
        Assert.Equal("<<Main>$>g__foo_add|0_0", import.EntryPoint);
        Assert.Equal(["Program.Main"], import.Callers);
    }

    [Fact]
    public void AnAsyncMethodsStateMachineStandsForTheMethod()
    {
        string path = WriteAssembly("Async", module =>
        {
            var type = AddType(module, "App", "Client");
            var machine = new TypeDefUser("", "<Fetch>d__3", module.CorLibTypes.Object.TypeDefOrRef) { Attributes = TypeAttributes.NestedPrivate | TypeAttributes.Class };
            type.NestedTypes.Add(machine);
            var stub = AddPInvoke(module, type, "fetch", "libfetch", null);
            AddCaller(module, machine, "MoveNext", stub);
        });
        var import = Assert.Single(PInvokeInspector.FindImports(path));
        Assert.Equal(["App.Client.Fetch"], import.Callers);
    }

    [Fact]
    public void MissingEntryPointNamesDefaultToTheMethodName()
    {
        string path = WriteAssembly("Plain", module =>
        {
            var type = AddType(module, "N", "Outer");
            var nested = new TypeDefUser("", "Inner`1", module.CorLibTypes.Object.TypeDefOrRef) { Attributes = TypeAttributes.NestedPublic | TypeAttributes.Class };
            type.NestedTypes.Add(nested);
            AddPInvoke(module, nested, "crc32", "libz.so", null);
        });
        var import = Assert.Single(PInvokeInspector.FindImports(path));
        Assert.Equal("crc32", import.EntryPoint);
        Assert.Equal("N.Outer.Inner.crc32", import.Method);
    }

    [Fact]
    public void WithIlcsMethodListOnlyCompiledCallersAreNamed()
    {
        string path = WriteAssembly("Tool", module =>
        {
            var type = AddType(module, "Tool", "Console");
            var mode = AddPInvoke(module, type, "GetConsoleMode", "kernel32.dll", null);
            AddCaller(module, type, "SupportsAnsi", mode);
            AddCaller(module, type, "NeverCompiled", mode);
        });
        // ILC's --mstat: the global method Methods holds an ldtoken of each compiled method, referenced in its assembly.
        string mstat = WriteAssembly("Tool.mstat", module =>
        {
            var tool = new AssemblyRefUser("Tool", new Version(1, 0));
            var type = new TypeRefUser(module, "Tool", "Console", tool);
            var list = new MethodDefUser("Methods", MethodSig.CreateStatic(module.CorLibTypes.Void), MethodAttributes.Public | MethodAttributes.Static) { Body = new CilBody() };
            foreach (var name in new[] { "SupportsAnsi", "GetConsoleMode" })
            {
                list.Body.Instructions.Add(OpCodes.Ldtoken.ToInstruction(new MemberRefUser(module, name, MethodSig.CreateStatic(module.CorLibTypes.Int32), type)));
                list.Body.Instructions.Add(OpCodes.Pop.ToInstruction());
            }
            list.Body.Instructions.Add(OpCodes.Ret.ToInstruction());
            module.GlobalType.Methods.Add(list);
        });

        Assert.Equal(["Tool.Console.NeverCompiled", "Tool.Console.SupportsAnsi"], Assert.Single(PInvokeInspector.FindImports(path)).Callers);
        Assert.Equal(["Tool.Console.SupportsAnsi"], Assert.Single(PInvokeInspector.FindImports(path, CompiledMethods.Read(mstat))).Callers);
        Assert.Throws<InvalidDataException>(() => CompiledMethods.Read(path));
    }

    [Fact]
    public void AnAssemblyWithoutPInvokesHasNone()
    {
        string path = WriteAssembly("Empty", module => AddType(module, "E", "Nothing"));
        Assert.Empty(PInvokeInspector.FindImports(path));
    }

    [Fact]
    public void ANonAssemblyIsABadImage()
    {
        string path = Path.Combine(_folder, "garbage.dll");
        File.WriteAllBytes(path, [0x4D, 0x5A, 1, 2, 3]);
        Assert.ThrowsAny<BadImageFormatException>(() => PInvokeInspector.FindImports(path));
    }

    private string WriteAssembly(string name, Action<ModuleDef> fill)
    {
        var module = new ModuleDefUser(name + ".dll") { Kind = ModuleKind.Dll };
        new AssemblyDefUser(name, new Version(1, 0)).Modules.Add(module);
        fill(module);
        string path = Path.Combine(_folder, name + ".dll");
        module.Write(path);
        return path;
    }

    private static TypeDef AddType(ModuleDef module, string ns, string name)
    {
        var type = new TypeDefUser(ns, name, module.CorLibTypes.Object.TypeDefOrRef) { Attributes = TypeAttributes.Public | TypeAttributes.Class };
        module.Types.Add(type);
        return type;
    }

    private static MethodDef AddPInvoke(ModuleDef module, TypeDef type, string name, string library, string? entryPoint)
    {
        var method = new MethodDefUser(name, MethodSig.CreateStatic(module.CorLibTypes.Int32),
            MethodImplAttributes.PreserveSig, MethodAttributes.Static | MethodAttributes.PinvokeImpl | MethodAttributes.HideBySig)
        {
            ImplMap = new ImplMapUser(new ModuleRefUser(module, library), entryPoint, PInvokeAttributes.CallConvWinapi),
        };
        type.Methods.Add(method);
        return method;
    }

    private static void AddCaller(ModuleDef module, TypeDef type, string name, MethodDef callee)
    {
        var caller = new MethodDefUser(name, MethodSig.CreateStatic(module.CorLibTypes.Int32), MethodAttributes.Public | MethodAttributes.Static)
        {
            Body = new CilBody(),
        };
        caller.Body.Instructions.Add(OpCodes.Call.ToInstruction(callee));
        caller.Body.Instructions.Add(OpCodes.Ret.ToInstruction());
        type.Methods.Add(caller);
    }
}
