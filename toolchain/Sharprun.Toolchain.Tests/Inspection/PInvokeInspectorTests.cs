using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Mono.Cecil;
using Mono.Cecil.Cil;
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

    [Fact]
    public void OnlyLibrariesTheKernelLacksAreUnsupported()
    {
        var unsupported = PInvokeInspector.FindUnsupported([typeof(PInvokeInspectorTests).Assembly.Location]);
        Assert.Contains(unsupported, i => i.EntryPoint == "foo_real");
        Assert.DoesNotContain(unsupported, i => i.Library == "libSystem.Native");
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
        Assert.Equal("libbar!bar_add, declared as App.NativeMethods.Add in Generated", import.Describe());
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
    public void MissingEntryPointNamesDefaultToTheMethodName()
    {
        string path = WriteAssembly("Plain", module =>
        {
            var type = AddType(module, "N", "Outer");
            var nested = new TypeDefinition("", "Inner`1", TypeAttributes.NestedPublic | TypeAttributes.Class, module.TypeSystem.Object);
            type.NestedTypes.Add(nested);
            AddPInvoke(module, nested, "crc32", "libz.so", null);
        });
        var import = Assert.Single(PInvokeInspector.FindImports(path));
        Assert.Equal("crc32", import.EntryPoint);
        Assert.Equal("N.Outer.Inner.crc32", import.Method);
        Assert.Single(PInvokeInspector.FindUnsupported([path]));
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

    private string WriteAssembly(string name, Action<ModuleDefinition> fill)
    {
        using var assembly = AssemblyDefinition.CreateAssembly(new AssemblyNameDefinition(name, new Version(1, 0)), name, ModuleKind.Dll);
        fill(assembly.MainModule);
        string path = Path.Combine(_folder, name + ".dll");
        assembly.Write(path);
        return path;
    }

    private static TypeDefinition AddType(ModuleDefinition module, string ns, string name)
    {
        var type = new TypeDefinition(ns, name, TypeAttributes.Public | TypeAttributes.Class, module.TypeSystem.Object);
        module.Types.Add(type);
        return type;
    }

    private static MethodDefinition AddPInvoke(ModuleDefinition module, TypeDefinition type, string name, string library, string? entryPoint)
    {
        var moduleReference = module.ModuleReferences.FirstOrDefault(m => m.Name == library);
        if (moduleReference is null)
        {
            moduleReference = new ModuleReference(library);
            module.ModuleReferences.Add(moduleReference);
        }
        var method = new MethodDefinition(name, MethodAttributes.Static | MethodAttributes.PInvokeImpl | MethodAttributes.HideBySig, module.TypeSystem.Int32)
        {
            PInvokeInfo = new PInvokeInfo(PInvokeAttributes.CallConvWinapi, entryPoint, moduleReference),
        };
        type.Methods.Add(method);
        return method;
    }

    private static void AddCaller(ModuleDefinition module, TypeDefinition type, string name, MethodDefinition callee)
    {
        var caller = new MethodDefinition(name, MethodAttributes.Public | MethodAttributes.Static, module.TypeSystem.Int32);
        var il = caller.Body.GetILProcessor();
        il.Emit(OpCodes.Call, callee);
        il.Emit(OpCodes.Ret);
        type.Methods.Add(caller);
    }
}
