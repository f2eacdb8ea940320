namespace Sharprun.Net;

/// <summary>Where the stack reports what an operator wants to see (addresses assigned, leases, conflicts): the kernel log in an image.</summary>
public interface INetworkLog
{
    void Write(string line);
}
