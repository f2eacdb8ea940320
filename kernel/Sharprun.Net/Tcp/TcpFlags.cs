namespace Sharprun.Net.Tcp;

/// <summary>The control bits of a TCP header (RFC 9293 §3.1; ECE/CWR are carried but unused).</summary>
[Flags]
internal enum TcpFlags : byte
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
    Urg = 0x20,
}
