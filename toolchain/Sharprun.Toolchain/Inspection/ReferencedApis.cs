using System;
using System.Collections.Generic;
using System.IO;
using dnlib.DotNet;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The framework types and members assemblies reference, by name: "Namespace.Type" for every type reference (nested
/// types as "Outer/Inner"), "Namespace.Type::Member" for every member reference, and for a constructor whose first
/// parameter is a string also "Namespace.Type::.ctor(string)" (a StreamReader over a path, not over a stream).
/// Read from metadata, so a reference counts whether or not ILC keeps the code that makes it.
/// </summary>
public static class ReferencedApis
{
    public static IReadOnlySet<string> Of(IEnumerable<string> assemblies)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in assemblies)
        {
            try
            {
                using var module = AssemblyFile.Load(path);
                foreach (var type in module.GetTypeRefs())
                    names.Add(type.FullName);
                foreach (var member in module.GetMemberRefs())
                {
                    if (member.DeclaringType is not { } declaring)
                        continue;
                    string owner = declaring.ScopeType?.FullName ?? declaring.FullName;
                    names.Add(owner + "::" + member.Name);
                    if (member.Name == ".ctor" && member.MethodSig?.Params is [{ ElementType: ElementType.String }, ..])
                        names.Add(owner + "::.ctor(string)");
                }
            }
            catch (Exception e) when (e is BadImageFormatException or IOException)
            {
                throw new Pipeline.ToolchainException($"cannot read the references of {path}: {e.Message}");
            }
        }
        return names;
    }

    /// <summary>Whether <paramref name="referenced"/> names one of <paramref name="apis"/>: a type, a member, or (ending in '.') any type of a namespace.</summary>
    public static bool AnyOf(IReadOnlySet<string> referenced, IReadOnlyCollection<string> apis)
    {
        foreach (var api in apis)
        {
            if (!api.EndsWith('.'))
            {
                if (referenced.Contains(api))
                    return true;
                continue;
            }
            foreach (var name in referenced)
            {
                if (name.StartsWith(api, StringComparison.Ordinal))
                    return true;
            }
        }
        return false;
    }
}
