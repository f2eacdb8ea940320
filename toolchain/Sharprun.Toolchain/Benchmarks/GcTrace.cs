using System;
using System.Collections.Generic;
using System.Linq;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// The collections a run traced, from the lines the launcher relays (other lines are ignored). The kernel numbers
/// collections one by one, so the numbers must rise by exactly one: a gap means lines were lost, and pause
/// figures from an incomplete trace would be wrong.
/// </summary>
public static class GcTrace
{
    public static IReadOnlyList<GcTraceEntry> Parse(IEnumerable<string> lines)
    {
        var entries = new List<GcTraceEntry>();
        foreach (var line in lines)
        {
            if (!line.StartsWith(GcTraceEntry.Prefix, StringComparison.Ordinal))
                continue;
            var entry = GcTraceEntry.Parse(line);
            if (entries.Count > 0 && entry.Number != entries[^1].Number + 1)
                throw new ToolchainException($"the GC trace jumps from collection #{entries[^1].Number} to #{entry.Number}: lines are missing or out of order");
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>The collections numbered after <paramref name="after"/> up to and including <paramref name="last"/>, all of which must be in the trace.</summary>
    public static IReadOnlyList<GcTraceEntry> Between(IReadOnlyList<GcTraceEntry> trace, int after, int last)
    {
        if (after < 0 || last < after)
            throw new ToolchainException($"collection numbers {after} and {last} do not delimit a range");
        var selected = trace.Where(e => e.Number > after && e.Number <= last).ToList();
        if (selected.Count != last - after)
            throw new ToolchainException($"the GC trace holds {selected.Count} of the collections #{after + 1} to #{last}");
        return selected;
    }
}
