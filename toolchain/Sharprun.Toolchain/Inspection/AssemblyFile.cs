using System;
using System.IO;
using dnlib.DotNet;
using dnlib.IO;

namespace Sharprun.Toolchain.Inspection;

/// <summary>Opens an assembly with dnlib; a file that is not one is a <see cref="BadImageFormatException"/>, as the runtime reports it.</summary>
public static class AssemblyFile
{
    public static ModuleDefMD Load(string path, ModuleContext? context = null)
    {
        // Read into memory so no file handle or mapping outlives the call (tests delete their assemblies).
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return ModuleDefMD.Load(bytes, new ModuleCreationOptions(context) { TryToLoadPdbFromDisk = false });
        }
        catch (DataReaderException e)
        {
            throw new BadImageFormatException($"{path} is not a .NET assembly: {e.Message}", path, e);
        }
    }
}
