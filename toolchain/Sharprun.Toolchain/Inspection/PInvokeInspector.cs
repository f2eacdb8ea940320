using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using dnlib.DotNet;
using dnlib.DotNet.Emit;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// Finds the P/Invokes declared in compiled assemblies with dnlib, and the methods that call them: what names, in
/// the build's warning, the application's side of a P/Invoke ILC compiled into a library the kernel lacks.
/// </summary>
public static class PInvokeInspector
{
    /// <summary>
    /// Every P/Invoke declared in the assembly at <paramref name="path"/>, DllImport and LibraryImport alike; with
    /// <paramref name="compiled"/>, only callers ILC compiled are named.
    /// </summary>
    public static IReadOnlyList<NativeImport> FindImports(string path, CompiledMethods? compiled = null)
    {
        using var module = AssemblyFile.Load(path);
        string assembly = module.Assembly?.Name.String ?? Path.GetFileNameWithoutExtension(path);

        var methods = module.GetTypes().SelectMany(t => t.Methods).ToList();
        var imports = methods.Where(m => m.IsPinvokeImpl && m.ImplMap is not null).ToList();
        if (imports.Count == 0)
            return [];

        var callers = FindCallers(compiled is null ? methods : methods.Where(compiled.Contains).ToList(), imports);
        return imports
            .Select(m => new NativeImport(
                assembly,
                m.ImplMap.Module?.Name.String ?? "",
                EntryPoint(m),
                DeclaredName(m),
                callers.TryGetValue(m, out var found) ? found.Where(c => c != DeclaredName(m)).Distinct().Order(StringComparer.Ordinal).ToList() : []))
            .ToList();
    }

    /// <summary>The native symbol a P/Invoke binds to: its DllImport EntryPoint, or the method's own name without one.</summary>
    internal static string EntryPoint(MethodDef method) =>
        UTF8String.IsNullOrEmpty(method.ImplMap.Name) ? method.Name.String : method.ImplMap.Name.String;

    private static Dictionary<MethodDef, List<string>> FindCallers(List<MethodDef> methods, List<MethodDef> imports)
    {
        var targets = imports.ToHashSet();
        var callers = new Dictionary<MethodDef, List<string>>();
        foreach (var method in methods.Where(m => m.HasBody))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.OpCode.Code is not (Code.Call or Code.Callvirt or Code.Ldftn))
                    continue;
                // P/Invokes found here are methods of this module, which dnlib hands out as definitions.
                if (instruction.Operand is MethodDef target && targets.Contains(target))
                {
                    if (!callers.TryGetValue(target, out var list))
                        callers[target] = list = [];
                    list.Add(DeclaredName(method));
                }
            }
        }
        return callers;
    }

    /// <summary>
    /// <c>Type.Method</c> as the user wrote it. The C# compiler names a local function <c>&lt;Outer&gt;g__Name|n_m</c>
    /// (the LibraryImport generator puts the real DllImport into one called <c>__PInvoke</c>, which stands for its
    /// outer method, the user's partial method) and top-level statements <c>&lt;Main&gt;$</c>.
    /// </summary>
    internal static string DeclaredName(MethodDef method)
    {
        string type = TypeName(method.DeclaringType);
        string name = method.Name.String;
        if (!name.StartsWith('<'))
            return type + "." + (StateMachineOwner(method.DeclaringType) ?? name);

        int close = MatchingBracket(name);
        if (close < 0)
            return type + "." + name;
        string outer = UnmangleMethod(name[..(close + 1)]);
        string rest = name[(close + 1)..];
        if (rest.StartsWith("g__", StringComparison.Ordinal))
        {
            string local = rest[3..];
            int bar = local.IndexOf('|');
            if (bar >= 0)
                local = local[..bar];
            return local == "__PInvoke" ? $"{type}.{outer}" : $"{type}.{outer} (local function {local})";
        }
        return $"{type}.{outer}";
    }

    /// <summary>
    /// The method whose body the compiler moved into the state machine <paramref name="type"/> (an async or iterator
    /// method becomes <c>MoveNext</c> of a nested <c>&lt;Method&gt;d__n</c>), or null for any other type.
    /// </summary>
    private static string? StateMachineOwner(TypeDef type)
    {
        string name = type.Name.String;
        if (!name.StartsWith('<') || type.DeclaringType is null)
            return null;
        int close = MatchingBracket(name);
        return close > 0 && name.AsSpan(close + 1).StartsWith("d__", StringComparison.Ordinal) ? UnmangleMethod(name[..(close + 1)]) : null;
    }

    /// <summary><c>&lt;Main&gt;$</c> → <c>Main</c>, <c>&lt;Foo&gt;</c> → <c>Foo</c>.</summary>
    private static string UnmangleMethod(string name)
    {
        if (!name.StartsWith('<'))
            return name;
        int close = MatchingBracket(name);
        return close > 1 ? UnmangleMethod(name[1..close]) : name;
    }

    private static int MatchingBracket(string name)
    {
        int depth = 0;
        for (int i = 0; i < name.Length; i++)
        {
            if (name[i] == '<')
                depth++;
            else if (name[i] == '>' && --depth == 0)
                return i;
        }
        return -1;
    }

    internal static string TypeName(TypeDef type)
    {
        // Compiler-generated types (closures, state machines) stand for the type that owns them.
        while (type.Name.StartsWith("<") && type.DeclaringType is not null)
            type = type.DeclaringType;
        string name = type.Name.String;
        int tick = name.IndexOf('`');
        if (tick > 0)
            name = name[..tick];
        if (type.DeclaringType is not null)
            return TypeName(type.DeclaringType) + "." + name;
        return type.Namespace.Length > 0 ? type.Namespace.String + "." + name : name;
    }
}
