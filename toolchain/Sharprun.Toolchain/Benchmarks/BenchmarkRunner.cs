using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// Runs the selected sections in order (size, boot, build, memory, gc, threads, throughput, net, disk, xen) and assembles the Markdown report. A section whose
/// prerequisites are missing is skipped, a section that fails is reported as failed, and one that measured only some
/// of its rows gives those and is reported as incomplete; the others still run.
/// </summary>
public sealed class BenchmarkRunner
{
    private readonly BenchmarkOptions _options;
    private readonly BenchmarkWorkspace _workspace;

    public BenchmarkRunner(RepositoryLayout layout, ProjectLocation project, BenchmarkOptions options, TextWriter progress)
    {
        _options = options;
        _workspace = new BenchmarkWorkspace(layout, project, options.Runs, BenchmarkCache.Directory(), new StepLog(progress, verbose: false));
    }

    /// <summary>The report, and whether every selected section produced its figures.</summary>
    public (string Report, bool Complete) Run()
    {
        var results = new List<BenchmarkResult>();
        var notes = new List<string>();
        bool complete = true;
        foreach (var section in BenchmarkOptions.AllSections)
        {
            if (!_options.Sections.Contains(section))
                continue;
            string name = BenchmarkOptions.NameOf(section);
            _workspace.Log.Note(name, "...");
            try
            {
                results.AddRange(section switch
                {
                    BenchmarkSection.Size => SizeBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Boot => BootBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Build => BuildBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Memory => MemoryBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Gc => GcBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Threads => ThreadsBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Throughput => ThroughputBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Net => NetBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Disk => DiskBenchmark.Run(_workspace, notes),
                    BenchmarkSection.Xen => XenBenchmark.Run(_workspace, notes),
                    _ => throw new InvalidOperationException($"unknown section {section}"),
                });
            }
            catch (BenchmarkPrerequisiteException e)
            {
                notes.Add($"{name}: skipped: {e.Message}");
                complete = false;
            }
            catch (IncompleteSectionException e)
            {
                results.AddRange(e.Results);
                notes.Add($"{name}: incomplete: {e.Message}");
                complete = false;
            }
            catch (ToolchainException e)
            {
                notes.Add($"{name}: failed: {e.Message}");
                complete = false;
            }
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Medians of {_options.Runs} run(s) after one warm-up; sizes are single measurements. Host: {Environment.ProcessorCount} CPU(s), " +
            $"{Environment.OSVersion.VersionString}, QEMU TCG; measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        return (ResultTable.Format(results, notes), complete);
    }
}
