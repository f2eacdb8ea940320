using System.Collections.Generic;

namespace Sharprun.Toolchain.Xen;

/// <summary>
/// One DomU the rig's dom0 creates with <c>xl create</c>: a Sharprun image (its command line the encoded arguments)
/// or any PVH kernel with an optional ramdisk. <paramref name="FirstOutputPattern"/> is what the dom0 script waits
/// for in the console log to time "xl create → first output" (a grep pattern; null: the first application line
/// of a Sharprun guest). <paramref name="Input"/>: dom0 passes its console input on to this guest.
/// </summary>
public sealed record XenGuest(
    string Name,
    string Kernel,
    string CommandLine,
    int MemoryMiB,
    string? Ramdisk = null,
    string? FirstOutputPattern = null,
    bool Input = false)
{
    /// <summary>Guest names become file names and xl domain names: lower-case letters, digits and '-'.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 32 && System.Linq.Enumerable.All(name, c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
