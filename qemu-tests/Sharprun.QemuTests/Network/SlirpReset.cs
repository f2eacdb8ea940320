using System.Net.Sockets;

namespace Sharprun.QemuTests.Network;

/// <summary>
/// QEMU's user network sometimes resets a connection a host client made to a published port without ever
/// offering it to the guest: a capture of the guest's link (QEMU's filter-dump) shows no SYN for it, while the
/// connections made beside it arrive. What such a client sees is a reset before any answer; the request is then
/// made again, so that the tests judge the guest and not this quirk. A client cannot tell that reset from one the
/// guest sent, so only resets are retried, at most twice: a guest that resets every time still fails the test.
/// </summary>
internal static class SlirpReset
{
    private const int Attempts = 3;

    public static async Task<T> RetryAsync<T>(Func<Task<T>> request)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await request();
            }
            catch (Exception failure) when (attempt < Attempts && IsReset(failure))
            {
                await Task.Delay(500);
            }
        }
    }

    private static bool IsReset(Exception failure)
    {
        for (Exception? e = failure; e != null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset })
                return true;
        }
        return false;
    }
}
