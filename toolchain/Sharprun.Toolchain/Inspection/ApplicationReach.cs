using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using dnlib.DotNet;
using Sharprun.Toolchain.Factions;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// Which methods of the application lead to a framework assembly: for each application method, the framework
/// assemblies that implement the types and members it uses (type forwarders followed, so a reference compiled
/// against System.Runtime counts for the assembly that really implements it).
/// </summary>
public sealed class ApplicationReach
{
    private const string CoreLib = "System.Private.CoreLib";

    private readonly Dictionary<string, SortedSet<string>> _methodsByAssembly = new(StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<string> _frameworkDirectories;
    private readonly Dictionary<string, IReadOnlySet<string>> _closures = new(StringComparer.OrdinalIgnoreCase);

    private ApplicationReach(IReadOnlyList<string> frameworkDirectories) => _frameworkDirectories = frameworkDirectories;

    /// <summary>Reads the application's assemblies; framework references are resolved in <paramref name="frameworkDirectories"/> (the shared frameworks' and CoreLib's folders).</summary>
    public static ApplicationReach Read(IEnumerable<string> applicationAssemblies, IReadOnlyList<string> frameworkDirectories)
    {
        var reach = new ApplicationReach(frameworkDirectories);
        var context = new ModuleContext();
        var resolver = new AssemblyResolver(context) { EnableFrameworkRedirect = false, FindExactMatch = false, UseGAC = false };
        resolver.PreSearchPaths.Clear();
        resolver.PostSearchPaths.Clear();
        foreach (var directory in frameworkDirectories)
            resolver.PreSearchPaths.Add(directory);
        context.AssemblyResolver = resolver;
        context.Resolver = new Resolver(resolver);

        var implementers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var path in applicationAssemblies)
        {
            using var module = AssemblyFile.Load(path, context);
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
            {
                string name = PInvokeInspector.DeclaredName(method);
                foreach (var instruction in method.Body.Instructions)
                {
                    // Only references leave the module: a definition is the application's own.
                    if (DeclaringType(instruction.Operand) is not TypeRef type)
                        continue;
                    string key = type.AssemblyQualifiedName;
                    if (!implementers.TryGetValue(key, out var implementer))
                        implementers[key] = implementer = type.Resolve()?.Module.Assembly?.Name.String;
                    if (implementer is null)
                        continue;
                    if (!reach._methodsByAssembly.TryGetValue(implementer, out var methods))
                        reach._methodsByAssembly[implementer] = methods = new SortedSet<string>(StringComparer.Ordinal);
                    methods.Add(name);
                }
            }
        }
        return reach;
    }

    /// <summary>
    /// The application methods that use a member implemented by one of <paramref name="assemblies"/>; failing that,
    /// the ones that use an assembly whose references reach one of them, with that assembly's name (through).
    /// CoreLib counts for neither: every method uses it, so using it says nothing.
    /// </summary>
    public (IReadOnlyList<string> Methods, string? Through) Reaching(IReadOnlyCollection<string> assemblies)
    {
        var targets = assemblies.Where(a => !string.Equals(a, CoreLib, StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (targets.Count == 0)
            return ([], null);
        var direct = targets.SelectMany(a => _methodsByAssembly.GetValueOrDefault(a) ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        if (direct.Count > 0)
            return (direct, null);
        foreach (var (assembly, methods) in _methodsByAssembly.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!string.Equals(assembly, CoreLib, StringComparison.OrdinalIgnoreCase) && ClosureOf(assembly).Overlaps(targets))
                return (methods.ToList(), assembly);
        }
        return ([], null);
    }

    private IReadOnlySet<string> ClosureOf(string assembly)
    {
        if (!_closures.TryGetValue(assembly, out var closure))
        {
            string? path = _frameworkDirectories.Select(directory => Path.Combine(directory, assembly + ".dll")).FirstOrDefault(File.Exists);
            _closures[assembly] = closure = path is not null
                ? FrameworkClosure.Of([path], _frameworkDirectories)
                : new HashSet<string>();
        }
        return closure;
    }

    /// <summary>The type an instruction operand names or belongs to: a called or loaded member's declaring type, or a type token.</summary>
    private static ITypeDefOrRef? DeclaringType(object? operand) => operand switch
    {
        MethodSpec spec => spec.Method?.DeclaringType?.ScopeType,
        IMethod method => method.DeclaringType?.ScopeType,
        IField field => field.DeclaringType?.ScopeType,
        ITypeDefOrRef type => type.ScopeType,
        _ => null,
    };
}
