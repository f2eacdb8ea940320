using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sharprun.Toolchain.Inspection;

namespace Sharprun.Toolchain.Factions;

/// <summary>
/// The framework assemblies an application can reach: its own assemblies' references, followed through the
/// framework's references to each other. Coarser than what ILC keeps after trimming, but known before compiling,
/// which is when the build must choose the kernel libraries to compile in.
/// </summary>
public static class FrameworkClosure
{
    /// <summary>Simple names (no .dll) of the framework assemblies reachable from <paramref name="applicationAssemblies"/>.</summary>
    public static IReadOnlySet<string> Of(IEnumerable<string> applicationAssemblies, IReadOnlyList<string> frameworkDirectories)
    {
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>();
        foreach (var assembly in applicationAssemblies)
        {
            foreach (var reference in References(assembly))
                pending.Push(reference);
        }
        while (pending.Count > 0)
        {
            string name = pending.Pop();
            string? path = frameworkDirectories.Select(directory => Path.Combine(directory, name + ".dll")).FirstOrDefault(File.Exists);
            if (path is null || !reached.Add(name))
                continue;
            foreach (var reference in References(path))
                pending.Push(reference);
        }
        return reached;
    }

    /// <summary>The simple names of the assemblies the assembly at <paramref name="path"/> references.</summary>
    public static List<string> References(string path)
    {
        try
        {
            using var module = AssemblyFile.Load(path);
            return module.GetAssemblyRefs().Select(reference => reference.Name.String).ToList();
        }
        catch (BadImageFormatException e)
        {
            throw new Pipeline.ToolchainException($"cannot read the references of {path}: {e.Message}");
        }
    }
}
