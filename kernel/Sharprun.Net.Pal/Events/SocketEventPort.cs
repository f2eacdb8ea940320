using System;
using System.Collections.Generic;
using System.Threading;
using Sharprun.Kernel.Pal;
using Sharprun.Net.Pal.Native;
using Sharprun.Net.Pal.Sockets;
using Sharprun.Net.Sockets;

namespace Sharprun.Net.Pal.Events;

/// <summary>
/// Linux's edge-triggered epoll as CoreLib's SocketAsyncEngine uses it: a registration queues an event at once
/// when the socket is already ready, and so does every rise the stack reports (even when the level was high
/// already); a queued socket is reported once per wait, with its level at delivery time. State is guarded by the
/// stack's lock, on which waiters sleep.
/// </summary>
internal sealed class SocketEventPort : OpenFileDescription
{
    private readonly NetworkStack _stack;
    private readonly Dictionary<SocketDescription, Registration> _registrations = [];
    private readonly LinkedList<SocketDescription> _ready = new();
    private readonly Dictionary<SocketDescription, LinkedListNode<SocketDescription>> _queued = [];

    public SocketEventPort(NetworkStack stack) => _stack = stack;

    /// <summary>An epoll descriptor is an anonymous inode: no file type bits.</summary>
    public override int FileType => 0;

    public override object? ReadinessMonitor => _stack.Sync;

    public override LinuxErrno Read(Span<byte> buffer, out int read)
    {
        read = 0;
        return LinuxErrno.EINVAL;
    }

    public override LinuxErrno Write(ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        return LinuxErrno.EINVAL;
    }

    public override PollEvents Readiness(PollEvents requested)
    {
        lock (_stack.Sync)
            return _ready.Count > 0 ? requested & PollEvents.In : PollEvents.None;
    }

    /// <summary>epoll_ctl ADD/MOD/DEL from SocketEvents: None as the new events removes the registration.</summary>
    public LinuxErrno Change(SocketDescription socket, SocketEvents currentEvents, SocketEvents newEvents, nuint data)
    {
        lock (_stack.Sync)
        {
            bool registered = _registrations.ContainsKey(socket);
            if (newEvents == SocketEvents.None)
            {
                if (!registered)
                    return LinuxErrno.ENOENT;
                Forget(socket);
                return 0;
            }
            if (currentEvents == SocketEvents.None && registered)
                return LinuxErrno.EEXIST;
            if (currentEvents != SocketEvents.None && !registered)
                return LinuxErrno.ENOENT;
            _registrations[socket] = new Registration(newEvents, data);
            if (!registered)
                socket.Ports.Add(this);
            // Like epoll_ctl, a registration looks at the current level at once.
            if (EventsOf(socket, newEvents) != SocketEvents.None)
                Raise(socket);
            return 0;
        }
    }

    /// <summary>Called under the stack's lock when <paramref name="socket"/> became more ready.</summary>
    public void Raise(SocketDescription socket)
    {
        if (!_registrations.ContainsKey(socket) || _queued.ContainsKey(socket))
            return;
        _queued.Add(socket, _ready.AddLast(socket));
        Monitor.PulseAll(_stack.Sync);
    }

    /// <summary>Drops the registration (epoll forgets a socket when it is closed). Under the stack's lock.</summary>
    public void Forget(SocketDescription socket)
    {
        _registrations.Remove(socket);
        socket.Ports.Remove(this);
        if (_queued.Remove(socket, out var node))
            _ready.Remove(node);
    }

    /// <summary>epoll_wait with no timeout: blocks until at least one event, then takes up to buffer's length.</summary>
    public int Wait(Span<SocketEvent> buffer)
    {
        lock (_stack.Sync)
        {
            while (true)
            {
                int count = 0;
                while (count < buffer.Length && _ready.First is { } node)
                {
                    SocketDescription socket = node.Value;
                    _ready.RemoveFirst();
                    _queued.Remove(socket);
                    Registration registration = _registrations[socket];
                    SocketEvents events = EventsOf(socket, registration.Events);
                    if (events == SocketEvents.None)
                        continue;
                    buffer[count++] = new SocketEvent { Data = registration.Data, Events = events };
                }
                if (count > 0)
                    return count;
                Monitor.Wait(_stack.Sync);
            }
        }
    }

    protected override void Release()
    {
        lock (_stack.Sync)
        {
            foreach (SocketDescription socket in new List<SocketDescription>(_registrations.Keys))
                Forget(socket);
        }
    }

    /// <summary>
    /// The socket's level as epoll reports it for an interest of EPOLLIN|EPOLLRDHUP (Read) and EPOLLOUT (Write):
    /// a hang-up counts as both directions, as Linux's tcp_poll sets IN and OUT with HUP.
    /// </summary>
    private static SocketEvents EventsOf(SocketDescription socket, SocketEvents interest)
    {
        Readiness level = socket.Socket.Readiness;
        SocketEvents events = SocketEvents.None;
        bool hangup = (level & Net.Sockets.Readiness.Hangup) != 0;
        if ((interest & SocketEvents.Read) != 0)
        {
            if ((level & Net.Sockets.Readiness.Readable) != 0 || hangup)
                events |= SocketEvents.Read;
            if ((level & Net.Sockets.Readiness.ReadHangup) != 0)
                events |= SocketEvents.Read | SocketEvents.ReadClose;
        }
        if ((interest & SocketEvents.Write) != 0 && ((level & Net.Sockets.Readiness.Writable) != 0 || hangup))
            events |= SocketEvents.Write;
        if (hangup)
            events |= SocketEvents.Close;
        if ((level & Net.Sockets.Readiness.Error) != 0)
            events |= SocketEvents.Error;
        return events;
    }

    private readonly record struct Registration(SocketEvents Events, nuint Data);
}
