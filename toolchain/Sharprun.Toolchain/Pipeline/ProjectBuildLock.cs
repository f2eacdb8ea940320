using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>
/// One sharprun build of a project at a time, across processes: two builds of one project (its bare-metal and Xen
/// images, say) would otherwise run <c>dotnet build</c> into the same bin/ and obj/ files and ILC into the same
/// object, and fail or mix their outputs. An exclusive lock on a file in the project's obj/sharprun (flock on
/// Linux, released when the process ends however it ends); a second build waits for the first.
/// </summary>
public sealed class ProjectBuildLock : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _file;

    private ProjectBuildLock(FileStream file) => _file = file;

    public static ProjectBuildLock Acquire(ProjectLocation project, StepLog log)
    {
        Directory.CreateDirectory(project.IntermediateDirectory);
        string path = Path.Combine(project.IntermediateDirectory, "build.lock");
        var waited = Stopwatch.StartNew();
        bool announced = false;
        while (true)
        {
            try
            {
                return new ProjectBuildLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < MaxWait)
            {
                if (!announced)
                {
                    log.Note("wait", $"another sharprun build of {project.Name} is running; waiting for it");
                    announced = true;
                }
                Thread.Sleep(Poll);
            }
            catch (IOException e)
            {
                throw new ToolchainException($"another sharprun build of {project.Name} held {path} for {MaxWait.TotalMinutes:0} minutes: {e.Message}");
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
