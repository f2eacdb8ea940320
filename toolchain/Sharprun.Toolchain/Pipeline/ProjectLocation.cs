using System.IO;
using System.Linq;
using Sharprun.Toolchain.Pipeline.CommandLine;

namespace Sharprun.Toolchain.Pipeline;

/// <summary>An application project named on the command line, and the paths sharprun derives from it.</summary>
public sealed class ProjectLocation
{
    private ProjectLocation(string projectFile)
    {
        ProjectFile = projectFile;
        Directory = Path.GetDirectoryName(projectFile)!;
        Name = Path.GetFileNameWithoutExtension(projectFile);
    }

    public string ProjectFile { get; }

    public string Directory { get; }

    /// <summary>The project file's name without extension; names the image and the intermediates.</summary>
    public string Name { get; }

    /// <summary>ILC's object, its response file and other intermediates.</summary>
    public string IntermediateDirectory => Path.Combine(Directory, "obj", "sharprun");

    public string DefaultImage => Path.Combine(Directory, "bin", "sharprun", Name + ".elf");

    public static bool IsProjectFile(string path) => path.EndsWith(".csproj", System.StringComparison.OrdinalIgnoreCase);

    /// <summary>Accepts a .csproj or a folder holding exactly one; anything else is a usage error naming the path.</summary>
    public static ProjectLocation Resolve(string argument, string command)
    {
        string path = Path.GetFullPath(argument);
        if (System.IO.Directory.Exists(path))
        {
            var projects = System.IO.Directory.GetFiles(path, "*.csproj");
            return projects.Length switch
            {
                1 => new ProjectLocation(projects[0]),
                0 => throw new UsageException($"no .csproj in '{argument}'", command),
                _ => throw new UsageException(
                    $"'{argument}' holds several projects ({string.Join(", ", projects.Select(Path.GetFileName).Order())}); name one", command),
            };
        }
        if (File.Exists(path))
        {
            return IsProjectFile(path)
                ? new ProjectLocation(path)
                : throw new UsageException($"'{argument}' is not a .csproj file or a project directory", command);
        }
        throw new UsageException($"no such project: '{argument}'", command);
    }
}
