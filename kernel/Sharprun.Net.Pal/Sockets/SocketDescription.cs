using System;
using System.Collections.Generic;
using System.Threading;
using Sharprun.Hypercall;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Addressing;
using Sharprun.Net.Pal.Events;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Sockets;

/// <summary>
/// A socket descriptor: the stack's <see cref="NetSocket"/> with what POSIX adds on top — blocking with
/// SO_RCVTIMEO/SO_SNDTIMEO, O_NONBLOCK, and the event ports it is registered with. Every member takes the stack's
/// lock; blocking waits on it (the stack pulses it on every change).
/// </summary>
internal sealed class SocketDescription : OpenFileDescription, IReadinessObserver
{
    /// <summary>S_IFSOCK.</summary>
    private const int SocketFileType = 0xC000;

    private readonly List<SocketEventPort> _ports = [];

    public SocketDescription(NetworkStack stack, NetSocket socket, int protocol)
    {
        Stack = stack;
        Socket = socket;
        Protocol = protocol;
        socket.Observer = this;
    }

    public NetworkStack Stack { get; }

    public NetSocket Socket { get; }

    /// <summary>The PAL ProtocolType it was created with (TCP 6 or UDP 17).</summary>
    public int Protocol { get; }

    /// <summary>SO_RCVTIMEO in milliseconds; 0 waits forever, as on Linux.</summary>
    public int ReceiveTimeout { get; set; }

    public int SendTimeout { get; set; }

    public bool IsListening { get; set; }

    public override int FileType => SocketFileType;

    public override object? ReadinessMonitor => Stack.Sync;

    /// <summary>Event ports this socket is registered with; changed under the stack's lock.</summary>
    public List<SocketEventPort> Ports => _ports;

    public override LinuxErrno Read(Span<byte> buffer, out int read)
    {
        NetError error = Receive(buffer, peek: false, dontWait: false, out read, out _, out _);
        return (LinuxErrno)(int)error;
    }

    public override LinuxErrno Write(ReadOnlySpan<byte> data, out int written)
    {
        NetError error = Send(data, null, dontWait: false, out written);
        return (LinuxErrno)(int)error;
    }

    public override PollEvents Readiness(PollEvents requested)
    {
        lock (Stack.Sync)
            return ToPollEvents(Socket.Readiness, requested);
    }

    public static PollEvents ToPollEvents(Readiness level, PollEvents requested)
    {
        PollEvents events = PollEvents.None;
        if ((level & (Net.Sockets.Readiness.Readable | Net.Sockets.Readiness.ReadHangup)) != 0)
            events |= PollEvents.In;
        if ((level & Net.Sockets.Readiness.Writable) != 0)
            events |= PollEvents.Out;
        // Errors and hang-ups are reported whether asked for or not, as poll(2) does.
        PollEvents always = PollEvents.None;
        if ((level & Net.Sockets.Readiness.Error) != 0)
            always |= PollEvents.Error;
        if ((level & Net.Sockets.Readiness.Hangup) != 0)
            always |= PollEvents.HangUp;
        return (events & requested) | always;
    }

    /// <summary>
    /// Takes received bytes, waiting (unless non-blocking or <paramref name="dontWait"/>) up to SO_RCVTIMEO.
    /// A zero-byte receive on a socket with nothing queued waits too, and reports EAGAIN when it may not.
    /// </summary>
    public NetError Receive(Span<byte> buffer, bool peek, bool dontWait, out int received, out IpEndpoint from, out bool truncated)
    {
        lock (Stack.Sync)
        {
            ulong deadline = Deadline(ReceiveTimeout);
            NetError error;
            while ((error = Socket.Receive(buffer, peek, out received, out from, out truncated)) == NetError.WouldBlock
                && !dontWait && WaitForChange(deadline))
            {
            }
            return error;
        }
    }

    /// <summary>Queues bytes to send, waiting for space like <see cref="Receive"/>; a blocking send waits until all is queued.</summary>
    public NetError Send(ReadOnlySpan<byte> data, IpEndpoint? to, bool dontWait, out int sent)
    {
        lock (Stack.Sync)
        {
            ulong deadline = Deadline(SendTimeout);
            sent = 0;
            while (true)
            {
                NetError error = Socket.Send(data[sent..], to, out int queued);
                sent += queued;
                bool blocking = !dontWait && !IsNonBlocking;
                if (error == NetError.Success && (sent == data.Length || Socket.Kind == SocketKind.Udp || !blocking))
                    return NetError.Success;
                if (error != NetError.Success && error != NetError.WouldBlock)
                    return sent > 0 ? NetError.Success : error;
                if (!WaitForChange(deadline) && error == NetError.WouldBlock)
                    return sent > 0 ? NetError.Success : NetError.WouldBlock;
            }
        }
    }

    /// <summary>Waits, with the stack's lock held, for a pending connection; EAGAIN when non-blocking.</summary>
    public NetError Accept(out NetSocket? accepted)
    {
        lock (Stack.Sync)
        {
            ulong deadline = Deadline(ReceiveTimeout);
            NetError error;
            while ((error = Socket.Accept(out accepted)) == NetError.WouldBlock && WaitForChange(deadline))
            {
            }
            return error;
        }
    }

    /// <summary>Starts a connection; a blocking socket waits for its outcome, as connect(2) does.</summary>
    public NetError Connect(IpEndpoint remote)
    {
        lock (Stack.Sync)
        {
            NetError error = Socket.Connect(remote);
            if (error != NetError.InProgress || IsNonBlocking)
                return error;
            while ((Socket.Readiness & (Net.Sockets.Readiness.Writable | Net.Sockets.Readiness.Error | Net.Sockets.Readiness.Hangup)) == 0)
                Monitor.Wait(Stack.Sync);
            Socket.GetOption(SocketOption.Error, out int pending);
            return (NetError)pending;
        }
    }

    public void OnReadinessRaised(NetSocket socket, Readiness raised)
    {
        foreach (SocketEventPort port in _ports)
            port.Raise(this);
    }

    protected override void Release()
    {
        lock (Stack.Sync)
        {
            foreach (SocketEventPort port in _ports.ToArray())
                port.Forget(this);
            Socket.Observer = null;
            Socket.Close();
            Monitor.PulseAll(Stack.Sync);
        }
    }

    private ulong Deadline(int timeoutMilliseconds) =>
        timeoutMilliseconds <= 0 ? ulong.MaxValue : Hypercalls.MonotonicNanoseconds() + (ulong)timeoutMilliseconds * 1_000_000;

    /// <summary>Waits for the stack to change; false (without waiting) when non-blocking or past the deadline.</summary>
    private bool WaitForChange(ulong deadline)
    {
        if (IsNonBlocking)
            return false;
        if (deadline == ulong.MaxValue)
            return Monitor.Wait(Stack.Sync);
        ulong now = Hypercalls.MonotonicNanoseconds();
        if (now >= deadline)
            return false;
        Monitor.Wait(Stack.Sync, (int)Math.Min((deadline - now + 999_999) / 1_000_000, int.MaxValue));
        return true;
    }
}
