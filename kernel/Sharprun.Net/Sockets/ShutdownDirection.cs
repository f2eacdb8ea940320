namespace Sharprun.Net.Sockets;

[Flags]
public enum ShutdownDirection
{
    Receive = 1,
    Send = 2,
    Both = Receive | Send,
}
