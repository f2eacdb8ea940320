using System.Collections.Generic;
using System.IO;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Image size against the NativeAOT linux-x64 executable of the same program (target: no larger), like for like:
/// each tool's default output, then each one stripped. NativeAOT's default publish already strips its executable
/// (the symbols go to a separate .dbg file), so its executable is the reference of both rows; our default image
/// keeps its symbol table inside (one table, read by gdb and by the kernel's panic symbolizer), --strip drops it.
/// </summary>
public static class SizeBenchmark
{
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace, ICollection<string> notes)
    {
        long ours = new FileInfo(workspace.Image(strip: false)).Length;
        long oursStripped = new FileInfo(workspace.Image(strip: true)).Length;
        string binary = workspace.ReferenceBinary();
        long reference = new FileInfo(binary).Length;
        string debugSymbols = workspace.Reference.DebugSymbols;
        long referenceSymbols = File.Exists(debugSymbols) ? new FileInfo(debugSymbols).Length : 0;

        string name = workspace.Project.Name;
        notes.Add("size: NativeAOT's default publish writes a stripped executable and its symbols to a separate " +
                  $".dbg file ({Quantity.Bytes(referenceSymbols).Format()} here, not counted); a default Sharprun image carries " +
                  "its symbol table, --strip leaves it out");
        return
        [
            new("size", $"{name} image, default (symbols inside)", Quantity.Bytes(ours),
                "NativeAOT executable, default publish", Quantity.Bytes(reference), 1.0),
            new("size", $"{name} image, stripped (--strip)", Quantity.Bytes(oursStripped),
                "NativeAOT executable, stripped (its default)", Quantity.Bytes(reference), 1.0),
        ];
    }
}
