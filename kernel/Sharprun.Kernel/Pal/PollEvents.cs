using System;

namespace Sharprun.Kernel.Pal;

/// <summary>The PAL's poll event bits (they equal Linux's).</summary>
[Flags]
public enum PollEvents : short
{
    None = 0,
    In = 0x01,
    Priority = 0x02,
    Out = 0x04,
    Error = 0x08,
    HangUp = 0x10,
    Invalid = 0x20,
}
