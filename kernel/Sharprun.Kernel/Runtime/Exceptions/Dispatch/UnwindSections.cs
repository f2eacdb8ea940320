using System.Runtime;
using System.Runtime.CompilerServices;

namespace Sharprun.Kernel.Runtime.Exceptions;

/// <summary>
/// The linked image's code and unwind sections, as the linker's symbols bound them: managed code
/// (__managedcode), unboxing stubs (__unbox), .eh_frame with its .eh_frame_hdr search table, and
/// .dotnet_eh_table, where ILC puts every FDE's LSDA.
/// </summary>
internal static unsafe class UnwindSections
{
    /// <summary>Smallest FDE ILC writes (length, CIE pointer, pc_begin, pc_range, augmentation length, LSDA).</summary>
    private const int MinFdeSize = 16;

    public static byte* ManagedCodeStart => StartOfManagedCode();

    public static byte* ManagedCodeEnd => EndOfManagedCode();

    public static byte* EhFrameStart => StartOfEhFrame();

    public static byte* EhFrameEnd => EndOfEhFrame();

    public static byte* EhTableStart => StartOfDotnetEhTable();

    public static byte* EhTableEnd => EndOfDotnetEhTable();

    public static bool IsManagedCode(byte* address) => address >= StartOfManagedCode() && address < EndOfManagedCode();

    public static bool IsUnboxingStub(byte* address) => address >= StartOfUnbox() && address < EndOfUnbox();

    public static byte* UnboxingStubsEnd => EndOfUnbox();

    /// <summary>The search table, bounded by what .eh_frame's size allows it to hold.</summary>
    public static UnwindDataError TryOpenSearchTable(out EhFrameHeader header)
    {
        nuint ehFrameSize = (nuint)(EndOfEhFrame() - StartOfEhFrame());
        byte* start = EhFrameHeaderAddress();
        byte* limit = start + 12 + (ehFrameSize / MinFdeSize + 1) * 8;
        return EhFrameHeader.TryOpen(start, limit, out header);
    }

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___start___managedcode")]
    private static extern byte* StartOfManagedCode();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___stop___managedcode")]
    private static extern byte* EndOfManagedCode();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___start___unbox")]
    private static extern byte* StartOfUnbox();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___stop___unbox")]
    private static extern byte* EndOfUnbox();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_eh_frame_hdr")]
    private static extern byte* EhFrameHeaderAddress();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_eh_frame_start")]
    private static extern byte* StartOfEhFrame();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_eh_frame_end")]
    private static extern byte* EndOfEhFrame();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_dotnet_eh_table_start")]
    private static extern byte* StartOfDotnetEhTable();

    [MethodImpl(MethodImplOptions.InternalCall), RuntimeImport("sharprun_address_of___sharprun_dotnet_eh_table_end")]
    private static extern byte* EndOfDotnetEhTable();
}
