using System;
using System.Collections.Generic;
using System.IO;
using dnlib.DotNet;
using dnlib.DotNet.Emit;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The methods ILC compiled, read from its --mstat file: an assembly whose global method <c>Methods</c> holds one
/// <c>ldtoken</c> per compiled method body, each a reference into the method's own assembly. Methods are known by
/// assembly, declaring type and name (every overload and instantiation of a compiled one counts as compiled).
/// </summary>
public sealed class CompiledMethods
{
    private const string MethodsList = "Methods";
    private readonly HashSet<string> _methods;

    private CompiledMethods(HashSet<string> methods) => _methods = methods;

    /// <summary>Reads <paramref name="mstatPath"/>; throws InvalidDataException when it has no method list.</summary>
    public static CompiledMethods Read(string mstatPath)
    {
        using var module = AssemblyFile.Load(mstatPath);
        if (module.GlobalType?.FindMethod(MethodsList) is not { HasBody: true } list)
            throw new InvalidDataException($"{mstatPath} has no {MethodsList} list (has ILC's --mstat format changed?)");
        var methods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instruction in list.Body.Instructions)
        {
            if (instruction.OpCode.Code == Code.Ldtoken && instruction.Operand is IMethod method)
            {
                var target = method is MethodSpec spec ? spec.Method : method;
                if (target?.DeclaringType?.ScopeType is { } type && type.Scope is { } scope)
                    methods.Add(Key(AssemblyOf(scope), type.FullName, target.Name));
            }
        }
        return new CompiledMethods(methods);
    }

    public bool Contains(MethodDef method) =>
        _methods.Contains(Key(method.Module.Assembly?.Name.String ?? "", method.DeclaringType.FullName, method.Name));

    private static string AssemblyOf(IScope scope) => scope switch
    {
        AssemblyRef assembly => assembly.Name.String,
        ModuleDef module => module.Assembly?.Name.String ?? "",
        _ => scope.ScopeName,
    };

    private static string Key(string assembly, string type, string method) => assembly + "|" + type + "::" + method;
}
