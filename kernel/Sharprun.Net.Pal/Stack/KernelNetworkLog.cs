using Sharprun.Kernel.Diagnostics;

namespace Sharprun.Net.Pal.Stack;

/// <summary>The stack's log lines ("net: eth0 10.0.2.15/24 ...") on the kernel log (COM3).</summary>
internal sealed class KernelNetworkLog : INetworkLog
{
    public void Write(string line) => KernelLog.Write("net: " + line + "\n");
}
