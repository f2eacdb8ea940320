namespace Sharprun.Net.Pal.Native;

/// <summary>pal_networking.h MessageHeader, what SendMessage/ReceiveMessage take instead of a struct msghdr: 40 bytes.</summary>
internal unsafe struct MessageHeader
{
    public byte* SocketAddress;
    public IOVector* IOVectors;
    public byte* ControlBuffer;
    public int SocketAddressLen;
    public int IOVectorCount;
    public int ControlBufferLen;
    public int Flags;
}
