using System;
using System.Collections.Generic;
using System.IO;
using Sharprun.Toolchain.Pipeline;

namespace Sharprun.Toolchain.Benchmarks;

/// <summary>
/// What the sections share during one benchmark run: the project under test, the cache, progress output, and
/// the images and reference binary, each built at most once per run whichever section asks first.
/// </summary>
public sealed class BenchmarkWorkspace
{
    private string? _unstrippedImage;
    private string? _strippedImage;
    private string? _xenImage;
    private bool _referencePublished;

    public BenchmarkWorkspace(RepositoryLayout layout, ProjectLocation project, int runs, string cacheDirectory, StepLog log)
    {
        Layout = layout;
        Project = project;
        Runs = runs;
        CacheDirectory = cacheDirectory;
        Log = log;
        WorkDirectory = Directory.CreateDirectory(Path.Combine(cacheDirectory, "work", project.Name)).FullName;
        Builder = new SharprunBuild(layout, project.Directory);
        Reference = new NativeAotReference(project.ProjectFile, cacheDirectory);
    }

    public RepositoryLayout Layout { get; }

    public ProjectLocation Project { get; }

    public int Runs { get; }

    public string CacheDirectory { get; }

    /// <summary>Images and generated guests of this run.</summary>
    public string WorkDirectory { get; }

    public StepLog Log { get; }

    public SharprunBuild Builder { get; }

    public NativeAotReference Reference { get; }

    /// <summary>
    /// One unmeasured round, then <see cref="Runs"/> measured ones, each a step of its own; returns what the measured
    /// rounds returned. A round runs every guest (or tool) once, in turn, so a slow phase of the shared machine hits
    /// them alike.
    /// </summary>
    public IReadOnlyList<T> Rounds<T>(string section, Func<T> round)
    {
        Log.Step($"{section} warm-up", round);
        var measured = new List<T>();
        for (int run = 1; run <= Runs; run++)
            measured.Add(Log.Step($"{section} run {run}/{Runs}", round));
        return measured;
    }

    /// <summary>The project's Sharprun image, with symbols or stripped.</summary>
    public string Image(bool strip)
    {
        ref string? image = ref strip ? ref _strippedImage : ref _unstrippedImage;
        if (image is null)
        {
            string path = Path.Combine(WorkDirectory, Project.Name + (strip ? ".stripped.elf" : ".elf"));
            Log.Step(strip ? "build --strip" : "build image", () => Builder.Build(path, strip));
            image = path;
        }
        return image;
    }

    /// <summary>The project's image built with <c>--platform xen</c>.</summary>
    public string XenImage()
    {
        if (_xenImage is null)
        {
            string path = Path.Combine(WorkDirectory, Project.Name + ".xen.elf");
            Log.Step("build --platform xen", () => Builder.Build(path, strip: false, platform: "xen"));
            _xenImage = path;
        }
        return _xenImage;
    }

    /// <summary>The NativeAOT binary of the project, published once per run.</summary>
    public string ReferenceBinary()
    {
        if (!_referencePublished)
        {
            Reference.SyncSources();
            Log.Step("aot publish", () => Reference.Publish());
            _referencePublished = true;
        }
        return Reference.Binary;
    }
}
