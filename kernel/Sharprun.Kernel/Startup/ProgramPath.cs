using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Startup;

/// <summary>
/// The executable's path as the application sees it — argv[0], Environment.ProcessPath, the module's file name —:
/// <c>/app/&lt;assembly name&gt;</c>, linked by the toolchain at the symbol <c>sharprun_program_path</c> (its length in
/// 4 bytes, little-endian, then the path and a NUL, so no code has to measure it). AppContext.BaseDirectory is then
/// /app/, where the baked content items are, as for a published application. Read-only data of the image: never
/// freed, safe to hand out before the runtime starts.
/// </summary>
internal static unsafe class ProgramPath
{
    /// <summary>The NUL-terminated path.</summary>
    public static byte* Start => Address() + sizeof(int);

    public static int Length => *(int*)Address();

    public static System.ReadOnlySpan<byte> Bytes => new(Start, Length);

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of_sharprun_program_path")]
    private static extern byte* Address();
}
