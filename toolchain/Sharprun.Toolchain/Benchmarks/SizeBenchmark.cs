using System.Collections.Generic;
using System.IO;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>Image size against the NativeAOT linux-x64 executable of the same program (target: no larger).</summary>
public static class SizeBenchmark
{
    public static IReadOnlyList<BenchmarkResult> Run(BenchmarkWorkspace workspace)
    {
        long withSymbols = new FileInfo(workspace.Image(strip: false)).Length;
        long stripped = new FileInfo(workspace.Image(strip: true)).Length;
        long reference = new FileInfo(workspace.ReferenceBinary()).Length;
        // NativeAOT's default publish already moves symbols to a .dbg file, so its executable is the stripped form.
        const string ReferenceName = "NativeAOT linux-x64 executable (symbols in .dbg)";
        string name = workspace.Project.Name;
        return
        [
            new("size", $"{name} image with symbols", Quantity.Bytes(withSymbols), ReferenceName, Quantity.Bytes(reference), 1.0),
            new("size", $"{name} image stripped (--strip)", Quantity.Bytes(stripped), ReferenceName, Quantity.Bytes(reference), 1.0),
        ];
    }
}
