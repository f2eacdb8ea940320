using System.Runtime.InteropServices;

namespace Sharprun.Kernel.Pal;

/// <summary>A terminal's size (pal_console.h WinSize, System.Console's Interop.Sys.WinSize).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct WindowSize
{
    public ushort Row;
    public ushort Col;
    public ushort XPixel;
    public ushort YPixel;
}
