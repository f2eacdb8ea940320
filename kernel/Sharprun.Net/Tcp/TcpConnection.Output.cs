namespace Sharprun.Net.Tcp;

/// <summary>
/// Transmission: what may be sent now (window, congestion window, Nagle, sender SWS avoidance), SYNs, ACKs with
/// SACK blocks and timestamps, retransmissions, and the header of each segment written into the layer's scratch buffer.
/// </summary>
internal sealed partial class TcpConnection
{
    private uint TimestampNow => (uint)(Now / 1_000_000) + 1;

    /// <summary>Sends whatever the state, windows and pending ACK allow.</summary>
    public void Output()
    {
        switch (State)
        {
            case TcpState.Closed:
                return;
            case TcpState.SynSent or TcpState.SynReceived:
                if (_sndNxt == _iss)
                {
                    // Only the first SYN is timed (Karn): an answer to a resent one is ambiguous.
                    bool first = _sndMax == _iss;
                    SendSegment(_iss, State == TcpState.SynSent ? TcpFlags.Syn : TcpFlags.Syn | TcpFlags.Ack, 0, 0);
                    _sndNxt = _iss + 1;
                    _sndMax = _sndNxt;
                    if (first)
                    {
                        _timing = true;
                        _timedSequence = _sndNxt;
                        _timedAt = Now;
                    }
                    if (_retransmitAt == NoDeadline)
                        ArmRetransmit(Now + _rto.Current);
                }
                else if (_ackNow && State == TcpState.SynReceived)
                {
                    SendAck();
                }
                return;
            case TcpState.TimeWait or TcpState.FinWait2:
                if (_ackNow)
                    SendAck();
                return;
        }

        if (_sndUna == _sndMax && _lastDataSentAt != 0 && Now - _lastDataSentAt > _rto.Current)
            _congestion.RestartAfterIdle();
        bool sent = false;
        bool sackRecovery = _sackEnabled && _congestion.InRecovery;
        if (sackRecovery)
            sent = RetransmitLostHoles();
        while (true)
        {
            if (SequenceNumber.Less(_sndNxt, _sndMax) && _peerSacked.Contains(_sndNxt, out uint sackedEnd))
            {
                _sndNxt = SequenceNumber.Min(sackedEnd, _sndMax);
                continue;
            }
            int offset = (int)(_sndNxt - _sendStart);
            int unsent = Math.Max(0, _send.Count - offset);
            // The peer's window bounds what is past SND.UNA; the congestion window bounds the pipe in SACK recovery.
            uint inFlight = _sndNxt - _sndUna;
            uint congestionFlight = sackRecovery ? Pipe() : inFlight;
            // RFC 3042 limited transmit: each of the first two duplicate ACKs lets one new segment out.
            uint limitedTransmit = !_congestion.InRecovery && _duplicateAcks is 1 or 2 ? (uint)(_duplicateAcks * SendMss) : 0;
            long byCongestion = (long)_congestion.Window + limitedTransmit - congestionFlight;
            long byPeer = (long)_sndWnd - inFlight;
            int usable = (int)Math.Clamp(Math.Min(byCongestion, byPeer), 0, int.MaxValue);
            int maxPayload = MaximumPayload();
            int length = Math.Min(Math.Min(unsent, maxPayload), usable);
            // The FIN rides on the segment that carries the last byte, first time or resent.
            bool fin = _finQueued && !_finAcked && _sndNxt + (uint)length == _finSequence;
            if (length == 0 && !fin)
                break;
            // Sender SWS avoidance (RFC 1122 §4.2.3.4): no runts because the window is nearly shut.
            if (length < maxPayload && length < unsent && length < (int)(_maxSndWnd / 2))
                break;
            // Nagle (RFC 896): a runt waits while data is unacknowledged.
            if (length < maxPayload && length == unsent && !fin && !Settings.NoDelay && _sndUna != _sndMax && _sndNxt == _sndMax)
                break;

            TcpFlags flags = TcpFlags.Ack | (length > 0 && length == unsent ? TcpFlags.Psh : 0) | (fin ? TcpFlags.Fin : 0);
            SendSegment(_sndNxt, flags, offset, length);
            if (!_timing && !_timestampsEnabled && _sndNxt == _sndMax && length > 0)
            {
                _timing = true;
                _timedSequence = _sndNxt + (uint)length;
                _timedAt = Now;
            }
            _sndNxt += (uint)length + (fin ? 1u : 0);
            if (SequenceNumber.Greater(_sndNxt, _sndMax))
                _sndMax = _sndNxt;
            if (_retransmitAt == NoDeadline)
                ArmRetransmit(Now + _rto.Current);
            sent = true;
        }

        if (!sent && _ackNow)
            SendAck();

        ScheduleTailLossProbe();

        // Data waiting, nothing in flight, nothing sent: the window is shut (or too small to use). Only the persist
        // timer will move things: a probe of a zero window, or the SWS override of a small one (RFC 1122 §4.2.2.17).
        int waiting = _send.Count - (int)(_sndNxt - _sendStart);
        if (!sent && waiting > 0 && _sndNxt == _sndUna && _persistAt == NoDeadline)
            ArmPersist();
    }

    /// <summary>
    /// RFC 6675's pipe: bytes believed in the network. Outstanding bytes less those SACKed, less the holes below the
    /// highest SACKed byte not yet resent in this recovery (taken as lost).
    /// </summary>
    private uint Pipe()
    {
        uint outstanding = _sndMax - _sndUna;
        uint sacked = _peerSacked.TotalLength();
        uint lost = 0;
        if (_peerSacked.Count > 0)
        {
            uint from = SequenceNumber.Max(_recoveryNext, _sndUna);
            uint highest = _peerSacked.End(_peerSacked.Count - 1);
            if (SequenceNumber.Less(from, highest))
                lost = highest - from - _peerSacked.CoveredBetween(from, highest);
        }
        uint gone = sacked + lost;
        return outstanding > gone ? outstanding - gone : 0;
    }

    /// <summary>In SACK recovery, resends the holes below the highest SACKed byte while the pipe has room; true when something went out.</summary>
    private bool RetransmitLostHoles()
    {
        bool sent = false;
        while (_peerSacked.Count > 0 && Pipe() < _congestion.Window)
        {
            uint next = SequenceNumber.Max(_recoveryNext, _sndUna);
            while (_peerSacked.Contains(next, out uint end))
                next = end;
            if (!SequenceNumber.Less(next, _peerSacked.End(_peerSacked.Count - 1)))
                break;
            int length = Retransmit(next);
            if (length == 0)
                break;
            _recoveryNext = next + (uint)length;
            sent = true;
        }
        return sent;
    }

    private int MaximumPayload()
    {
        int blocks = _sackEnabled && _receive.HasOutOfOrder ? SackBlocksAllowed : 0;
        return SendMss - (blocks > 0 ? 4 + 8 * blocks : 0);
    }

    private int SackBlocksAllowed => _timestampsEnabled ? 3 : 4;

    /// <summary>Resends the segment at <paramref name="sequence"/> (up to the next SACKed range); returns the sequence space it covered.</summary>
    private int Retransmit(uint sequence)
    {
        if (SequenceNumber.GreaterOrEqual(sequence, _sndMax) || SequenceNumber.Less(sequence, _sendStart))
            return 0;
        int offset = (int)(sequence - _sendStart);
        int length = Math.Min(Math.Max(0, _send.Count - offset), MaximumPayload());
        if (_peerSacked.NextStartAfter(sequence, out uint sackedStart))
            length = (int)Math.Min((uint)length, sackedStart - sequence);
        bool fin = _finQueued && sequence + (uint)length == _finSequence && SequenceNumber.Greater(_sndMax, _finSequence);
        if (length == 0 && !fin)
            return 0;
        SendSegment(sequence, TcpFlags.Ack | (fin ? TcpFlags.Fin : 0), offset, length);
        _timing = false;
        return length + (fin ? 1 : 0);
    }

    private void SendAck() => SendSegment(_sndNxt, TcpFlags.Ack, 0, 0);

    /// <summary>Writes one segment into the layer's scratch buffer and sends it; every segment with ACK settles the pending ACK.</summary>
    private void SendSegment(uint sequence, TcpFlags flags, int offset, int length)
    {
        Span<byte> buffer = _layer.Scratch;
        bool syn = (flags & TcpFlags.Syn) != 0;
        bool active = State == TcpState.SynSent;
        Span<uint> edges = stackalloc uint[8];
        scoped OutgoingTcpOptions options = OutgoingTcpOptions.None;
        if (syn)
        {
            options.MaximumSegmentSize = (ushort)Math.Min(65535, _routeMss);
            options.WindowScale = active || _windowScaling ? _rcvShift : -1;
            options.SackPermitted = active || _sackEnabled;
            options.Timestamps = active || _timestampsEnabled;
        }
        else
        {
            options.Timestamps = _timestampsEnabled;
            if (_sackEnabled && (flags & TcpFlags.Rst) == 0)
                options.SackEdges = edges[..(2 * _receive.WriteSackEdges(edges[..(2 * SackBlocksAllowed)]))];
        }
        if (options.Timestamps)
        {
            options.TimestampValue = TimestampNow;
            options.TimestampEcho = _tsRecent;
        }

        ushort window = (flags & TcpFlags.Rst) != 0 ? (ushort)0 : WindowField(syn);
        uint acknowledgment = (flags & TcpFlags.Ack) != 0 ? _rcvNxt : 0;
        int header = TcpHeaderWriter.Write(buffer, Key.LocalPort, Key.RemotePort, sequence, acknowledgment, flags, window, options);
        if (length > 0)
        {
            _send.CopyTo(offset, buffer.Slice(header, length));
            _lastDataSentAt = Now;
        }
        Span<byte> segment = buffer[..(header + length)];
        TcpHeaderWriter.FillChecksum(segment, Key.LocalAddress, Key.RemoteAddress);
        _layer.Network.TrySend(Key.LocalAddress, Key.RemoteAddress, segment);

        if ((flags & TcpFlags.Ack) != 0)
        {
            _ackNow = false;
            _unackedBytes = 0;
            _delayedAckAt = NoDeadline;
            _lastAckSent = _rcvNxt;
        }
    }

    /// <summary>The window field: never shrinking the right edge already offered, and not offering small openings (receiver SWS avoidance).</summary>
    private ushort WindowField(bool syn)
    {
        uint free = (uint)_receive.Window;
        uint edge = _rcvNxt + free;
        if (SequenceNumber.Less(edge, _rcvAdvertisedEdge) || (free < Math.Min((uint)_receive.Limit / 2, (uint)SendMss) && SequenceNumber.Greater(_rcvAdvertisedEdge, _rcvNxt)))
            edge = _rcvAdvertisedEdge;
        uint window = SequenceNumber.Greater(edge, _rcvNxt) ? edge - _rcvNxt : 0;
        uint field = syn ? Math.Min(window, 65535u) : Math.Min(window >> _rcvShift, 65535u);
        uint offered = _rcvNxt + (syn ? field : field << _rcvShift);
        if (SequenceNumber.Greater(offered, _rcvAdvertisedEdge))
            _rcvAdvertisedEdge = offered;
        return (ushort)field;
    }
}
