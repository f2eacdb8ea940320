using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Pal;

/// <summary>
/// What fstat reports for a descriptor that is a stream (a console stream or a socket), whichever file PAL the image
/// links: an object owned by root with times 0 and an inode number of its own, so that duplicates compare equal and
/// different streams do not.
/// </summary>
public static unsafe class StreamStatus
{
    /// <summary>Fills <paramref name="output"/> for the open <paramref name="fd"/>; false when the description is gone.</summary>
    // Inlined into each file PAL's FStat (its only callers), so an image pays for it once, as when it lived there.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Describe(nint fd, DescriptorKind kind, FileStatus* output)
    {
        *output = default;
        if (kind == DescriptorKind.Description)
        {
            if (DescriptorTable.GetDescription(fd) is not { } description)
                return false;
            output->Mode = description.FileType | FileStatus.OwnerReadWrite;
            output->Ino = description.Identity;
            return true;
        }

        output->Mode = FileStatus.TypeFifo | FileStatus.OwnerReadWrite;
        output->Ino = (long)kind;
        return true;
    }
}
