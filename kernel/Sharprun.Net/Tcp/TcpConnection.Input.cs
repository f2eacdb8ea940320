using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tcp;

/// <summary>Segment arrival (RFC 9293 §3.10.7), with RFC 5961's defences and RFC 7323's PAWS.</summary>
internal sealed partial class TcpConnection
{
    /// <summary>Passive open: the listener's SYN becomes a connection in SYN-RECEIVED that answers with a SYN-ACK.</summary>
    public void AcceptSyn(in TcpSegment syn)
    {
        State = TcpState.SynReceived;
        _rcvNxt = syn.Sequence + 1;
        _rcvAdvertisedEdge = _rcvNxt;
        _sndWnd = syn.Window;
        _sndWl1 = syn.Sequence;
        _sndWl2 = _iss;
        Negotiate(syn);
        Output();
    }

    /// <summary>In TIME-WAIT: a SYN that cannot be an old duplicate (newer timestamp, or a sequence past ours) starts over.</summary>
    public bool AcceptsNewIncarnation(in TcpSegment segment)
    {
        if (!segment.Has(TcpFlags.Syn) || segment.Has(TcpFlags.Ack))
            return false;
        if (_timestampsEnabled && segment.HasTimestamps)
            return SequenceNumber.Greater(segment.TimestampValue, _tsRecent);
        return SequenceNumber.Greater(segment.Sequence, _rcvNxt);
    }

    public void OnSegment(in TcpSegment segment)
    {
        _lastReceiveAt = Now;
        _keepAliveProbes = 0;
        if (State == TcpState.SynSent)
            OnSegmentInSynSent(segment);
        else if (State != TcpState.Closed)
            OnSegmentSynchronized(segment);
        Output();
    }

    private void Negotiate(in TcpSegment syn)
    {
        if (syn.MaximumSegmentSize != 0)
            _peerMss = syn.MaximumSegmentSize;
        _windowScaling = syn.WindowScale >= 0;
        _sndShift = _windowScaling ? syn.WindowScale : 0;
        if (!_windowScaling)
            _rcvShift = 0;
        _sackEnabled = syn.SackPermitted;
        _timestampsEnabled = syn.HasTimestamps;
        _tsRecent = syn.TimestampValue;
        _congestion = new NewRenoCongestionControl(SendMss, _iss);
    }

    private void OnSegmentInSynSent(in TcpSegment segment)
    {
        bool hasAck = segment.Has(TcpFlags.Ack);
        if (hasAck && (SequenceNumber.LessOrEqual(segment.Acknowledgment, _iss) || SequenceNumber.Greater(segment.Acknowledgment, _sndMax)))
        {
            if (!segment.Has(TcpFlags.Rst))
                _layer.SendReset(Key, segment.Acknowledgment, 0, withAck: false);
            return;
        }
        if (segment.Has(TcpFlags.Rst))
        {
            if (hasAck)
                Terminate(NetError.ConnectionRefused);
            return;
        }
        if (!segment.Has(TcpFlags.Syn))
            return;

        _rcvNxt = segment.Sequence + 1;
        _rcvAdvertisedEdge = _rcvNxt;
        _lastAckSent = _rcvNxt;
        Negotiate(segment);
        if (hasAck)
        {
            _sndWnd = segment.Window;
            _maxSndWnd = _sndWnd;
            _sndWl1 = segment.Sequence;
            _sndWl2 = segment.Acknowledgment;
            State = TcpState.Established;
            OnNewAcknowledgment(segment.Acknowledgment, segment);
            _ackNow = true;
            OnKeepAliveChanged();
            Raise(Readiness.Writable);
            return;
        }
        // Simultaneous open (RFC 9293 §3.5): our SYN is sent again as a SYN-ACK.
        _sndWnd = segment.Window;
        _sndWl1 = segment.Sequence;
        _sndWl2 = _iss;
        State = TcpState.SynReceived;
        _sndNxt = _iss;
        _timing = false;
    }

    private void OnSegmentSynchronized(in TcpSegment segment)
    {
        uint seq = segment.Sequence;
        if (State == TcpState.TimeWait)
        {
            // RFC 1337: a RST must not cut TIME-WAIT short; anything else is answered, a FIN restarts the wait.
            if (segment.Has(TcpFlags.Rst))
                return;
            if (segment.Has(TcpFlags.Fin))
                ArmLifetime(Now + 2 * Ticks(_layer.Options.MaximumSegmentLifetime));
            _ackNow = true;
            return;
        }

        if (_timestampsEnabled && segment.HasTimestamps && !segment.Has(TcpFlags.Rst) && SequenceNumber.Less(segment.TimestampValue, _tsRecent))
        {
            _ackNow = true;
            return;
        }

        // The peer's SYN again: our SYN-ACK was lost, so it is sent again at once.
        if (State == TcpState.SynReceived && segment.Has(TcpFlags.Syn) && !segment.Has(TcpFlags.Ack) && seq + 1 == _rcvNxt)
        {
            _sndNxt = _iss;
            _timing = false;
            return;
        }

        uint window = ReceiveWindowForCheck();
        if (!IsAcceptable(seq, segment.SequenceLength, window))
        {
            if (segment.Has(TcpFlags.Rst))
                return;
            // A zero window still takes ACKs and answers probes (RFC 9293 §3.10.7.4).
            if (window == 0 && seq == _rcvNxt && segment.Has(TcpFlags.Ack) && !segment.Has(TcpFlags.Syn))
                ProcessAcknowledgment(segment);
            _ackNow = true;
            return;
        }

        if (segment.HasTimestamps && SequenceNumber.LessOrEqual(seq, _lastAckSent))
            _tsRecent = segment.TimestampValue;

        if (segment.Has(TcpFlags.Rst))
        {
            if (seq == _rcvNxt)
            {
                if (State == TcpState.SynReceived)
                    Terminate(Listener != null ? NetError.Success : NetError.ConnectionRefused);
                else
                    Terminate(NetError.ConnectionReset);
            }
            else
            {
                SendChallengeAck();
            }
            return;
        }

        if (segment.Has(TcpFlags.Syn))
        {
            SendChallengeAck();
            return;
        }

        if (!segment.Has(TcpFlags.Ack))
            return;

        if (State == TcpState.SynReceived)
        {
            uint ack = segment.Acknowledgment;
            if (SequenceNumber.LessOrEqual(ack, _sndUna) || SequenceNumber.Greater(ack, _sndMax))
            {
                _layer.SendReset(Key, ack, 0, withAck: false);
                return;
            }
            // A full accept queue drops the handshake's last ACK; the SYN-ACK's retransmission asks for it again.
            if (Listener != null && !Listener.HasAcceptSpace)
                return;
            State = _finQueued ? TcpState.FinWait1 : TcpState.Established;
            if (!ProcessAcknowledgment(segment))
                return;
            OnKeepAliveChanged();
            if (Listener != null)
                Listener.OnEstablished(this);
            else
                Raise(Readiness.Writable);
        }
        else if (!ProcessAcknowledgment(segment))
        {
            return;
        }

        if (_finAcked)
        {
            switch (State)
            {
                case TcpState.FinWait1:
                    State = TcpState.FinWait2;
                    if (Owner == null)
                        ArmLifetime(Now + Ticks(_layer.Options.OrphanFinWait2Timeout));
                    break;
                case TcpState.Closing:
                    EnterTimeWait();
                    return;
                case TcpState.LastAck:
                    Terminate(NetError.Success);
                    return;
            }
        }

        if (!segment.Payload.IsEmpty && State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2)
            ProcessData(segment);
        if (State == TcpState.Closed)
            return;

        if (segment.Has(TcpFlags.Fin))
        {
            uint finSequence = seq + (uint)segment.Payload.Length;
            if (finSequence == _rcvNxt)
                ProcessFin();
            else if (SequenceNumber.Greater(finSequence, _rcvNxt) && SequenceNumber.Less(finSequence - _rcvNxt, (uint)_receive.Window + 1))
            {
                _peerFinPending = true;
                _peerFinSequence = finSequence;
                _ackNow = true;
            }
        }
        else if (_peerFinPending && _peerFinSequence == _rcvNxt)
        {
            ProcessFin();
        }
    }

    /// <summary>The window used to judge acceptability: what was advertised, or more if the buffer has room.</summary>
    private uint ReceiveWindowForCheck()
    {
        uint advertised = SequenceNumber.Greater(_rcvAdvertisedEdge, _rcvNxt) ? _rcvAdvertisedEdge - _rcvNxt : 0;
        return Math.Max(advertised, (uint)_receive.Window);
    }

    private bool IsAcceptable(uint seq, uint length, uint window)
    {
        if (length == 0)
            return window == 0 ? seq == _rcvNxt : SequenceNumber.InWindow(seq, _rcvNxt, window);
        if (window == 0)
            return false;
        return SequenceNumber.InWindow(seq, _rcvNxt, window) || SequenceNumber.InWindow(seq + length - 1, _rcvNxt, window);
    }

    /// <summary>RFC 5961 §3.2/§4.2: a segment that might be a blind attack is answered with an ACK, rate limited.</summary>
    private void SendChallengeAck()
    {
        if (_layer.TryTakeChallengeAck())
            SendAck();
    }

    /// <summary>The ACK field and window (RFC 9293 §3.10.7.4 fifth check); false when the segment is to be dropped.</summary>
    private bool ProcessAcknowledgment(in TcpSegment segment)
    {
        uint ack = segment.Acknowledgment;
        if (SequenceNumber.Greater(ack, _sndMax))
        {
            _ackNow = true;
            return false;
        }
        // RFC 5961 §5.2: an ACK older than a window's worth is refused.
        if (SequenceNumber.Less(ack, _sndUna - Math.Max(_maxSndWnd, 65535u)))
        {
            SendChallengeAck();
            return false;
        }

        if (_sackEnabled)
        {
            for (int i = 0; i < segment.SackBlockCount; i++)
            {
                segment.GetSackBlock(i, out uint left, out uint right);
                if (SequenceNumber.Less(left, right) && SequenceNumber.GreaterOrEqual(left, ack) && SequenceNumber.LessOrEqual(right, _sndMax))
                    _peerSacked.TryAdd(left, right);
            }
        }

        bool windowChanged = false;
        if (SequenceNumber.Less(_sndWl1, segment.Sequence) || (_sndWl1 == segment.Sequence && SequenceNumber.LessOrEqual(_sndWl2, ack)))
        {
            uint window = (uint)segment.Window << _sndShift;
            windowChanged = window != _sndWnd;
            _sndWnd = window;
            _sndWl1 = segment.Sequence;
            _sndWl2 = ack;
            _maxSndWnd = Math.Max(_maxSndWnd, window);
            if (window > 0)
            {
                _persistAt = NoDeadline;
                _persistBackoff = 0;
            }
        }

        if (SequenceNumber.Greater(ack, _sndUna))
            OnNewAcknowledgment(ack, segment);
        // Answers to zero-window probes repeat the ACK too; they say nothing about loss.
        else if (ack == _sndUna && segment.Payload.IsEmpty && !segment.Has(TcpFlags.Fin) && !windowChanged && _sndUna != _sndMax && _sndWnd != 0)
            OnDuplicateAcknowledgment();
        return true;
    }

    private void OnNewAcknowledgment(uint ack, in TcpSegment segment)
    {
        uint acked = ack - _sndUna;
        if (_timestampsEnabled && segment.HasTimestamps && segment.TimestampEcho != 0)
        {
            uint milliseconds = TimestampNow - segment.TimestampEcho;
            if (milliseconds < 3_600_000)
                _rto.AddSample((ulong)milliseconds * 1_000_000);
        }
        else if (_timing && SequenceNumber.GreaterOrEqual(ack, _timedSequence))
        {
            _rto.AddSample(Now - _timedAt);
            _timing = false;
        }

        if (SequenceNumber.Greater(ack, _sendStart))
        {
            int n = (int)Math.Min(ack - _sendStart, (uint)_send.Count);
            _send.Discard(n);
            _sendStart += (uint)n;
        }
        if (_finQueued && SequenceNumber.Greater(ack, _finSequence))
            _finAcked = true;
        _sndUna = ack;
        if (SequenceNumber.Less(_sndNxt, _sndUna))
            _sndNxt = _sndUna;
        _peerSacked.RemoveBelow(ack);
        _probeSent = false;
        _retries = 0;
        _rto.ResetBackoff();

        uint flight = _sndMax - _sndUna;
        if (_congestion.InRecovery)
        {
            if (SequenceNumber.GreaterOrEqual(ack, _congestion.Recover))
            {
                _congestion.ExitRecovery(flight);
                _duplicateAcks = 0;
            }
            else if (!_sackEnabled)
            {
                _congestion.OnPartialAcknowledgment(acked);
                Retransmit(_sndUna);
            }
        }
        else
        {
            _duplicateAcks = 0;
            _congestion.OnAcknowledged(acked);
            if (_sackEnabled)
                MaybeEnterSackRecovery();
        }

        if (_sndUna == _sndMax)
            _retransmitAt = NoDeadline;
        else
            ArmRetransmit(Now + _rto.Current);

        if (_sendBlocked && IsWritable)
        {
            _sendBlocked = false;
            Raise(Readiness.Writable);
        }
    }

    /// <summary>Linux's sk_stream_is_writeable: free space at least half of what is queued.</summary>
    public bool IsWritable => _send.Free > 0 && _send.Free * 2 >= _send.Count;

    private void OnDuplicateAcknowledgment()
    {
        _duplicateAcks++;
        if (_congestion.InRecovery)
        {
            // With SACK the pipe estimate already counts what left the network (Output sends by it).
            if (!_sackEnabled)
                _congestion.OnDuplicateInRecovery();
            return;
        }
        if (_sackEnabled)
        {
            MaybeEnterSackRecovery();
            return;
        }
        // RFC 6582 §3.2 step 1: no new recovery for losses of the window that was already recovered.
        if (_duplicateAcks == DuplicateThreshold() && SequenceNumber.Greater(_sndUna, _congestion.Recover))
        {
            _congestion.EnterRecovery(_sndMax - _sndUna, _sndMax, sack: false);
            _recoveryNext = _sndUna + (uint)Retransmit(_sndUna);
            ArmRetransmit(Now + _rto.Current);
        }
    }

    /// <summary>
    /// Three duplicates, or fewer when fewer than four segments are out and nothing new can be sent: with such a
    /// small flight three duplicates may never come (RFC 5827 early retransmit).
    /// </summary>
    private int DuplicateThreshold()
    {
        int mss = SendMss;
        int outstanding = (int)((_sndMax - _sndUna + (uint)mss - 1) / (uint)mss);
        bool nothingNew = _send.Count - (int)(_sndMax - _sendStart) <= 0 || _sndWnd <= _sndMax - _sndUna;
        return outstanding < 4 && nothingNew ? Math.Max(1, outstanding - 1) : 3;
    }

    /// <summary>
    /// RFC 6675 §5: recovery starts after three duplicate ACKs or once more than three segments' worth above
    /// SND.UNA is SACKed (lost ACKs hide duplicates); not while a timeout's go-back is still resending.
    /// </summary>
    private void MaybeEnterSackRecovery()
    {
        if (_sndUna == _sndMax || SequenceNumber.Less(_sndNxt, _sndMax) || !SequenceNumber.Greater(_sndUna, _congestion.Recover))
            return;
        // A SACK answering a tail loss probe: the holes below were sent a probe timeout before it (far longer than
        // any reordering), so they are lost (RFC 8985's time-based reasoning, without its per-segment clock).
        int threshold = _probeSent ? 1 : DuplicateThreshold();
        if (_duplicateAcks < threshold && _peerSacked.TotalLength() <= (uint)((threshold - 1) * SendMss))
            return;
        _congestion.EnterRecovery(_sndMax - _sndUna, _sndMax, sack: true);
        _recoveryNext = _sndUna;
        ArmRetransmit(Now + _rto.Current);
    }

    private void ProcessData(in TcpSegment segment)
    {
        ReadOnlySpan<byte> payload = segment.Payload;
        // New data for a closed socket can never be read: Linux answers it with a RST, and so do we.
        if (_orphaned && SequenceNumber.Greater(segment.Sequence + (uint)payload.Length, _rcvNxt))
        {
            Abort(NetError.ConnectionAborted);
            return;
        }
        bool inOrder = segment.Sequence == _rcvNxt && !_receive.HasOutOfOrder;
        uint advance = _receive.Receive(_rcvNxt, segment.Sequence, payload);
        if (payload.Length <= _routeMss)
            _rcvMss = Math.Max(_rcvMss, payload.Length);
        if (advance > 0)
        {
            _rcvNxt += advance;
            Raise(Readiness.Readable);
        }
        if (!inOrder || advance == 0 || _receive.HasOutOfOrder)
        {
            _ackNow = true;
            return;
        }
        _unackedBytes += (int)advance;
        if (_unackedBytes >= 2 * _rcvMss)
            _ackNow = true;
        else if (_delayedAckAt == NoDeadline)
            ArmDelayedAck(Now + Ticks(_layer.Options.DelayedAckTimeout));
    }

    private void ProcessFin()
    {
        _peerFinPending = false;
        _rcvNxt++;
        FinReceived = true;
        _ackNow = true;
        switch (State)
        {
            case TcpState.SynReceived or TcpState.Established:
                State = TcpState.CloseWait;
                break;
            case TcpState.FinWait1:
                State = TcpState.Closing;
                break;
            case TcpState.FinWait2:
                EnterTimeWait();
                return;
        }
        Raise(Readiness.Readable | Readiness.ReadHangup | (SendShut ? Readiness.Hangup : Readiness.None));
    }
}
