using System.Collections.Generic;
using dnlib.DotNet;

namespace Sharprun.Toolchain.Inspection;

/// <summary>
/// The symbols a kernel assembly defines for native callers: the entry names of its [RuntimeExport] methods
/// (ILC recognizes the attribute by name in any assembly) and of its [UnmanagedCallersOnly(EntryPoint = ...)] ones.
/// </summary>
public static class KernelExports
{
    public static IReadOnlyList<string> Read(string assemblyPath)
    {
        using var module = AssemblyFile.Load(assemblyPath);
        var names = new List<string>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                foreach (var attribute in method.CustomAttributes)
                {
                    if (attribute.TypeFullName == "System.Runtime.RuntimeExportAttribute"
                        && attribute.ConstructorArguments is [{ Value: UTF8String entry }])
                        names.Add(entry.String);
                    else if (attribute.TypeFullName == "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute"
                        && attribute.GetField("EntryPoint") is { Argument.Value: UTF8String entryPoint })
                        names.Add(entryPoint.String);
                }
            }
        }
        return names;
    }
}
