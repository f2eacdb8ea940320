using System;
using System.IO;
using System.Text;
using Sharprun.Toolchain.Pipeline;
using Sharprun.Toolchain.Pipeline.CommandLine;
using Sharprun.Vfs.Nodes;

namespace Sharprun.Toolchain.Disks;

/// <summary>
/// <c>sharprun disk</c>: ext2 disk images made, read and changed on the host by the kernel's own ext2 faction, as a
/// library (no root, no loop devices, no e2fsprogs). Failures are <see cref="ToolchainException"/>s naming the image
/// and the path; <c>check</c> reports problems itself and exits with 1.
/// </summary>
public static class DiskCommands
{
    public const string Disk = "disk";

    public static readonly OptionSpec Size = new("size", 's', "size", "The image's size: bytes, or with K, M, G or T (powers of 1024), e.g. 64M");
    public static readonly OptionSpec BlockSize = new("block-size", 'b', "1024|2048|4096", "The file system's block size (default: 1024 below 512 MiB, 4096 from there, as mke2fs)");
    public static readonly OptionSpec From = new("from", null, "dir", "Copy this host directory's contents into the image's root");
    public static readonly OptionSpec Force = new("force", 'f', null, "Overwrite an existing image file");
    public static readonly OptionSpec Long = new("long", 'l', null, "Long listing: mode, links, uid, gid, size, modification time (UTC), name, link target");
    public static readonly OptionSpec Recursive = new("recursive", 'r', null, "Copy directories and everything under them");

    public static readonly IReadOnlyList<string> BlockSizes = ["1024", "2048", "4096"];

    private const string ImageHelp = "An ext2 image file (ext4 images can be read, not changed)";

    public static readonly CommandSpec CreateCommand = new(
        "disk create",
        "Make a sparse image file holding a fresh ext2 file system, optionally filled from a host directory",
        "image",
        "The image file to write (refused when it exists, unless --force)",
        [Size, BlockSize, From, Force],
        AcceptsPassThrough: false,
        """
        The file system is what 'mke2fs -t ext2' makes of a small disk: 256-byte inodes, one inode
        per 4 KiB below 512 MiB (per 16 KiB from there), 5% reserved blocks, features filetype,
        sparse_super, large_file and ext_attr, a root directory and lost+found. With --from, regular
        files, directories and symbolic links are copied in with their permission bits and
        modification times; owners become root (uid and gid 0). Blocks of zeros stay holes.
        """);

    public static readonly CommandSpec ListCommand = new(
        "disk ls",
        "List a directory of an image",
        "image",
        ImageHelp,
        [Long],
        AcceptsPassThrough: false,
        """
        Names are sorted by their bytes; "." and ".." are not shown. A path that is not a directory
        lists itself. Times are UTC.
        """,
        MoreArguments: [new ArgumentSpec("path", "The directory (or file) inside the image (default: /)", Optional: true)]);

    public static readonly CommandSpec CatCommand = new(
        "disk cat",
        "Write a file of an image to standard output",
        "image",
        ImageHelp,
        [],
        AcceptsPassThrough: false,
        "Symbolic links are followed inside the image.",
        MoreArguments: [new ArgumentSpec("path", "The file inside the image")]);

    public static readonly CommandSpec CopyCommand = new(
        "disk cp",
        "Copy files into or out of an image",
        "image",
        ImageHelp,
        [Recursive],
        AcceptsPassThrough: false,
        """
        A path inside the image starts with ':'. Into the image: sharprun disk cp disk.img ./app.json :/etc/app.json
        Out of it: sharprun disk cp disk.img :/var/log ./log -r
        When the destination is an existing directory, the source goes inside it under its own name.
        Permission bits and modification times are kept; owners in the image become root.
        """,
        MoreArguments: [new ArgumentSpec("src", "A host path, or :path inside the image"), new ArgumentSpec("dst", "A host path, or :path inside the image")]);

    public static readonly CommandSpec CheckCommand = new(
        "disk check",
        "Walk an image read-only, reading every directory, file and link, and report what cannot be read",
        "image",
        ImageHelp,
        [],
        AcceptsPassThrough: false,
        """
        A structural walk through the kernel's ext2 code, not a replacement for e2fsck: it finds what
        the guest would fail to read (damaged directories, block pointers out of range, short files),
        not wrong bitmaps, free counts or link counts, and repairs nothing.
        Prints one line per problem (image:path: what) and a summary; exits with 0 when no problem
        was found, 1 otherwise.
        """);

    public static readonly CommandSpec Command = new(
        Disk,
        "Make, list, read, change and check ext2 disk images with the kernel's own ext2 code",
        ArgumentName: null,
        ArgumentHelp: null,
        [],
        AcceptsPassThrough: false,
        """
        Examples:
          sharprun disk create disk.img --size 64M --from ./rootfs
          sharprun disk ls disk.img /etc -l
          sharprun disk cat disk.img /etc/app.json
          sharprun disk cp disk.img ./app.json :/etc/app.json
          sharprun disk check disk.img
        """,
        Subcommands: [CreateCommand, ListCommand, CatCommand, CopyCommand, CheckCommand]);

    /// <summary>Runs a <c>disk</c> subcommand: data on <paramref name="output"/> (bytes for cat), notes and progress on <paramref name="error"/>.</summary>
    public static int Execute(ParsedCommand command, Stream output, TextWriter error)
    {
        // Unix file modes and symbolic links are what the copies carry.
        if (OperatingSystem.IsWindows())
            throw new ToolchainException("the disk commands run on Linux and macOS only");
        var image = command.Argument;
        switch (command.Spec.Word)
        {
            case "create":
                return Create(command, image, error);
            case "check":
                using (var disk = DiskImage.Open(image, readOnly: true))
                using (var text = Text(output))
                {
                    var check = new ImageCheck(disk, text);
                    check.Run();
                    return check.Problems == 0 ? ExitCodes.Success : ExitCodes.BuildFailure;
                }
            case "ls":
                using (var disk = DiskImage.Open(image, readOnly: true))
                using (var text = Text(output))
                    DirectoryListing.Write(disk, DiskImage.Absolute(command.ArgumentAt(1) ?? "/"), command.Has(Long.Name), text);
                return ExitCodes.Success;
            case "cat":
                using (var disk = DiskImage.Open(image, readOnly: true))
                    disk.ReadFile(DiskImage.Absolute(command.ArgumentAt(1)!), output);
                output.Flush();
                return ExitCodes.Success;
            default:
                return Copy(command, image, error);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static int Create(ParsedCommand command, string image, TextWriter error)
    {
        var size = DiskSize.Parse(command.Value(Size.Name) ?? throw new UsageException("'disk create' needs --size", command.Spec.Name), command.Spec.Name);
        int? blockSize = command.Has(BlockSize.Name) ? int.Parse(command.Choice(BlockSize.Name, BlockSizes, "")) : null;
        var from = command.Value(From.Name);
        if (from is not null && !Directory.Exists(from))
            throw new ToolchainException($"--from: no such directory: '{from}'");
        DiskImage.Create(image, size, blockSize, command.Has(Force.Name));
        if (from is not null)
        {
            using var disk = DiskImage.Open(image, readOnly: false);
            new HostTreeCopy(disk, error).CopyContentsIn(from, "/");
            disk.Close();
        }
        return ExitCodes.Success;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static int Copy(ParsedCommand command, string image, TextWriter error)
    {
        var source = command.ArgumentAt(1)!;
        var destination = command.ArgumentAt(2)!;
        var recursive = command.Has(Recursive.Name);
        var intoImage = destination.StartsWith(':');
        if (intoImage == source.StartsWith(':'))
            throw new UsageException("exactly one of <src> and <dst> must be a path inside the image, written with a leading ':' (e.g. :/etc/app.json)", command.Spec.Name);

        using var disk = DiskImage.Open(image, readOnly: !intoImage);
        var copy = new HostTreeCopy(disk, error);
        if (intoImage)
        {
            FileSystemInfo host = Directory.Exists(source) ? new DirectoryInfo(source) : new FileInfo(source);
            if (!host.Exists && host.LinkTarget is null)
                throw new ToolchainException($"no such file or directory: '{source}'");
            if (host is DirectoryInfo && !recursive)
                throw new ToolchainException($"{source} is a directory (use -r to copy directories)");
            var target = DiskImage.Absolute(destination[1..]);
            if (disk.Exists(target, out var attributes) && attributes.Kind == NodeKind.Directory)
                target = DiskImage.Join(target, host.Name);
            copy.CopyIn(host, target);
        }
        else
        {
            var inside = DiskImage.Absolute(source[1..]);
            var target = Directory.Exists(destination) ? Path.Combine(destination, Path.GetFileName(inside.TrimEnd('/'))) : destination;
            copy.CopyOut(inside, target, recursive);
        }
        copy.FinishProgress();
        disk.Close();
        return ExitCodes.Success;
    }

    private static StreamWriter Text(Stream output) => new(output, new UTF8Encoding(false), leaveOpen: true);
}
