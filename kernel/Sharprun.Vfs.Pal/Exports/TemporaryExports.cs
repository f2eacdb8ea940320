using System.Runtime;
using Sharprun.Kernel.Pal;
using Sharprun.Vfs.Files;
using Sharprun.Vfs.Pal.Files;
using Sharprun.Vfs.Pal.Native;

namespace Sharprun.Vfs.Pal.Exports;

/// <summary>
/// mkstemps and mkdtemp (Path.GetTempFileName, Directory.CreateTempSubdirectory): the six X before the suffix are
/// replaced in the caller's template until a name is free.
/// </summary>
public static unsafe class TemporaryExports
{
    private const int Placeholders = 6;
    private const int Attempts = 100;
    private const uint OwnerOnlyFile = 0x180; // 0600
    private const uint OwnerOnlyDirectory = 0x1C0; // 0700

    private static ReadOnlySpan<byte> NameCharacters => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"u8;

    [RuntimeExport("SystemNative_MksTemps")]
    public static nint MksTemps(byte* pathTemplate, int suffixLength)
    {
        if (pathTemplate == null)
            return PalErrors.Fail(LinuxErrno.EFAULT);
        if (!TryFindPlaceholders(pathTemplate, suffixLength, out Span<byte> placeholders))
            return PalErrors.Fail(LinuxErrno.EINVAL);
        VirtualFileSystem tree = KernelFileSystem.Tree;
        const int flags = OpenFlags.ReadWrite | OpenFlags.Create | OpenFlags.Exclusive | OpenFlags.CloseOnExec;
        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            Fill(placeholders);
            FsError error = tree.Open(PathExports.Span(pathTemplate), flags, OwnerOnlyFile, out OpenFile? file);
            if (error == FsError.Success)
                return PathExports.Install(tree, file!);
            if (error != FsError.Exists)
                return FileErrors.Result(error);
        }
        return PalErrors.Fail(LinuxErrno.EEXIST);
    }

    [RuntimeExport("SystemNative_MkdTemp")]
    public static byte* MkdTemp(byte* pathTemplate)
    {
        if (pathTemplate == null)
        {
            PalErrors.SetError(LinuxErrno.EFAULT);
            return null;
        }

        if (!TryFindPlaceholders(pathTemplate, 0, out Span<byte> placeholders))
        {
            PalErrors.SetError(LinuxErrno.EINVAL);
            return null;
        }

        for (int attempt = 0; attempt < Attempts; attempt++)
        {
            Fill(placeholders);
            FsError error = KernelFileSystem.Tree.MakeDirectory(PathExports.Span(pathTemplate), OwnerOnlyDirectory);
            if (error == FsError.Success)
                return pathTemplate;
            if (error != FsError.Exists)
            {
                PalErrors.SetError(FileErrors.ToErrno(error));
                return null;
            }
        }

        PalErrors.SetError(LinuxErrno.EEXIST);
        return null;
    }

    /// <summary>The six bytes before the suffix, which must all be 'X' (EINVAL otherwise, as glibc answers).</summary>
    private static bool TryFindPlaceholders(byte* pathTemplate, int suffixLength, out Span<byte> placeholders)
    {
        placeholders = default;
        int length = CString.Length(pathTemplate);
        if (suffixLength < 0 || length - suffixLength < Placeholders)
            return false;
        placeholders = new Span<byte>(pathTemplate + length - suffixLength - Placeholders, Placeholders);
        return !placeholders.ContainsAnyExcept((byte)'X');
    }

    private static void Fill(Span<byte> placeholders)
    {
        for (int i = 0; i < placeholders.Length; i++)
            placeholders[i] = NameCharacters[Random.Shared.Next(NameCharacters.Length)];
    }
}
