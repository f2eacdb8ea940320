using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>One descriptor of a poll request (pal_io_common.h PollEvent, CoreLib's Interop.PollEvent): 8 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PollEvent
{
    public int FileDescriptor;
    public PollEvents Events;
    public PollEvents TriggeredEvents;
}
