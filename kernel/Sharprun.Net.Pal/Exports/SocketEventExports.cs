using System;
using System.Runtime;
using System.Runtime.InteropServices;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Pal.Events;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Pal.Stack;

namespace Sharprun.Net.Pal.Exports;

/// <summary>The socket event port (epoll on Linux) that CoreLib's SocketAsyncEngine drives; see <see cref="SocketEventPort"/>.</summary>
internal static unsafe class SocketEventExports
{
    [RuntimeExport("SystemNative_CreateSocketEventPort")]
    public static int CreateSocketEventPort(nint* port)
    {
        if (port == null)
            return (int)PalError.EFAULT;
        nint fd = DescriptorTable.Install(new SocketEventPort(KernelNetwork.Stack));
        *port = fd;
        return fd < 0 ? (int)PalError.EMFILE : 0;
    }

    [RuntimeExport("SystemNative_CloseSocketEventPort")]
    public static int CloseSocketEventPort(nint port)
    {
        if (DescriptorTable.GetDescription(port) is not SocketEventPort)
            return (int)PalError.EBADF;
        DescriptorTable.Close(port);
        return 0;
    }

    [RuntimeExport("SystemNative_CreateSocketEventBuffer")]
    public static int CreateSocketEventBuffer(int count, SocketEvent** buffer)
    {
        if (buffer == null || count < 0)
            return (int)PalError.EFAULT;
        *buffer = (SocketEvent*)NativeMemory.Alloc((nuint)count, (nuint)sizeof(SocketEvent));
        return *buffer == null ? (int)PalError.ENOMEM : 0;
    }

    [RuntimeExport("SystemNative_FreeSocketEventBuffer")]
    public static int FreeSocketEventBuffer(SocketEvent* buffer)
    {
        NativeMemory.Free(buffer);
        return 0;
    }

    [RuntimeExport("SystemNative_TryChangeSocketEventRegistration")]
    public static int TryChangeSocketEventRegistration(nint port, nint socket, int currentEvents, int newEvents, nuint data)
    {
        if (DescriptorTable.GetDescription(port) is not SocketEventPort eventPort)
            return (int)PalError.EBADF;
        if (!SocketDescriptors.TryGet(socket, out SocketDescription description, out int error))
            return error;
        return SocketDescriptors.ToPal(eventPort.Change(description, (SocketEvents)currentEvents, (SocketEvents)newEvents, data));
    }

    /// <summary>Waits without a timeout for at least one event; <paramref name="count"/> is the buffer's size in, the events' number out.</summary>
    [RuntimeExport("SystemNative_WaitForSocketEvents")]
    public static int WaitForSocketEvents(nint port, SocketEvent* buffer, int* count)
    {
        if (DescriptorTable.GetDescription(port) is not SocketEventPort eventPort)
            return (int)PalError.EBADF;
        if (buffer == null || count == null || *count <= 0)
            return (int)PalError.EINVAL;
        *count = eventPort.Wait(new Span<SocketEvent>(buffer, *count));
        return 0;
    }
}
