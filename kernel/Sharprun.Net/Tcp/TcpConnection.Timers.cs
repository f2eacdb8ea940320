using Sharprun.Net.Sockets;

namespace Sharprun.Net.Tcp;

/// <summary>The connection's timers: retransmission (RFC 6298), persist, delayed ACK, keep-alive, and lifetime (TIME-WAIT, orphaned FIN-WAIT-2).</summary>
internal sealed partial class TcpConnection
{
    public ulong NextDeadline => Math.Min(Math.Min(Math.Min(_retransmitAt, _probeAt), _persistAt), Math.Min(Math.Min(_delayedAckAt, _keepAliveAt), _lifetimeAt));

    public void OnTimers(ulong now)
    {
        if (now >= _lifetimeAt)
        {
            _lifetimeAt = NoDeadline;
            Terminate(State == TcpState.TimeWait ? NetError.Success : NetError.TimedOut);
            return;
        }
        if (now >= _retransmitAt)
        {
            _retransmitAt = NoDeadline;
            OnRetransmissionTimeout();
            if (State == TcpState.Closed)
                return;
        }
        if (now >= _probeAt)
        {
            _probeAt = NoDeadline;
            OnTailLossProbeTimeout();
        }
        if (now >= _persistAt)
        {
            _persistAt = NoDeadline;
            OnPersistTimeout();
        }
        if (now >= _keepAliveAt)
        {
            _keepAliveAt = NoDeadline;
            OnKeepAliveTimeout(now);
            if (State == TcpState.Closed)
                return;
        }
        if (now >= _delayedAckAt)
        {
            _delayedAckAt = NoDeadline;
            _ackNow = true;
            Output();
        }
    }

    private void OnRetransmissionTimeout()
    {
        NetError timedOut = _softError != NetError.Success ? _softError : NetError.TimedOut;
        if (State is TcpState.SynSent or TcpState.SynReceived)
        {
            if (++_retries > _layer.Options.SynRetries)
            {
                Terminate(State == TcpState.SynReceived && Listener != null ? NetError.Success : timedOut);
                return;
            }
            _rto.Backoff();
            _timing = false;
            _sndNxt = _iss;
            Output();
            return;
        }
        if (_sndUna == _sndMax)
            return;
        if (++_retries > _layer.Options.DataRetries)
        {
            Terminate(timedOut);
            return;
        }
        // RFC 5681 §3.1 and RFC 6582 §3.2 step 4: one segment, go back to the first unacknowledged byte.
        _congestion.OnTimeout(_sndMax - _sndUna);
        _congestion.MarkRecoverPoint(_sndMax);
        _duplicateAcks = 0;
        // SACKed data is not resent in the go-back (as Linux keeps its scoreboard), unless the timer expired
        // twice in a row: then the receiver may have reneged (RFC 2018 §8) and everything is resent.
        if (_rto.Backoffs > 0)
            _peerSacked.Clear();
        _sndNxt = _sndUna;
        _rto.Backoff();
        _timing = false;
        Output();
    }

    /// <summary>
    /// RFC 8985 §7: with SACK, a flight that ends in losses is probed after about two round trips instead of
    /// waiting for the RTO, so the ACK of the probe reveals the holes and SACK recovery repairs them.
    /// </summary>
    private void ScheduleTailLossProbe()
    {
        if (!_sackEnabled || _probeSent || _congestion.InRecovery || !_rto.HasSample || _sndUna == _sndMax || _sndNxt != _sndMax
            || _retransmitAt == NoDeadline || State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck))
        {
            _probeAt = NoDeadline;
            return;
        }
        ulong srtt = _rto.SmoothedRtt;
        ulong timeout = Math.Max(2 * srtt, 2_000_000);
        // A lone segment may be waiting for a delayed ACK (Linux's worst case is 200 ms).
        if (_sndMax - _sndUna <= (uint)SendMss)
            timeout = Math.Max(timeout, srtt + srtt / 2 + 200_000_000);
        ulong at = Now + timeout;
        if (at >= _retransmitAt)
        {
            _probeAt = NoDeadline;
            return;
        }
        _probeAt = at;
        _layer.NoteDeadline(at);
    }

    private void OnTailLossProbeTimeout()
    {
        if (_sndUna == _sndMax || _congestion.InRecovery || _sndNxt != _sndMax)
            return;
        _probeSent = true;
        int offset = (int)(_sndNxt - _sendStart);
        int unsent = _send.Count - offset;
        uint inFlight = _sndNxt - _sndUna;
        if (unsent > 0 && _sndWnd > inFlight)
        {
            // New data makes the best probe: it costs nothing if nothing was lost.
            int length = (int)Math.Min(Math.Min(_sndWnd - inFlight, (uint)MaximumPayload()), (uint)unsent);
            bool fin = _finQueued && _sndNxt + (uint)length == _finSequence;
            SendSegment(_sndNxt, TcpFlags.Ack | TcpFlags.Psh | (fin ? TcpFlags.Fin : 0), offset, length);
            _sndNxt += (uint)length + (fin ? 1u : 0);
            _sndMax = _sndNxt;
        }
        else
        {
            uint last = _sndMax - Math.Min((uint)SendMss, _sndMax - SequenceNumber.Max(_sndUna, _sendStart));
            Retransmit(last);
        }
        ArmRetransmit(Now + _rto.Current);
    }

    private void OnPersistTimeout()
    {
        if (State is not (TcpState.Established or TcpState.CloseWait or TcpState.FinWait1 or TcpState.Closing or TcpState.LastAck))
            return;
        int offset = (int)(_sndNxt - _sendStart);
        if (offset >= _send.Count)
            return;
        uint inFlight = _sndNxt - _sndUna;
        if (_sndWnd > inFlight)
        {
            // A small window the sender held back from: after the timeout it is used anyway.
            int length = (int)Math.Min(Math.Min(_sndWnd - inFlight, (uint)MaximumPayload()), (uint)(_send.Count - offset));
            SendSegment(_sndNxt, TcpFlags.Ack | TcpFlags.Psh, offset, length);
            _sndNxt += (uint)length;
            if (SequenceNumber.Greater(_sndNxt, _sndMax))
                _sndMax = _sndNxt;
            if (_retransmitAt == NoDeadline)
                ArmRetransmit(Now + _rto.Current);
            return;
        }
        // One byte past the closed window: the receiver must answer with its current window. The byte stays
        // unsent as far as SND.NXT goes (BSD does the same), so every probe repeats it.
        SendSegment(_sndNxt, TcpFlags.Ack, offset, 1);
        if (SequenceNumber.Greater(_sndNxt + 1, _sndMax))
            _sndMax = _sndNxt + 1;
        _persistBackoff++;
        ArmPersist();
    }

    private void OnKeepAliveTimeout(ulong now)
    {
        if (!Settings.KeepAlive || State is not (TcpState.Established or TcpState.CloseWait))
            return;
        ulong idle = (ulong)Math.Max(1, Settings.KeepAliveIdleSeconds) * 1_000_000_000;
        ulong interval = (ulong)Math.Max(1, Settings.KeepAliveIntervalSeconds) * 1_000_000_000;
        if (_keepAliveProbes == 0 && now < _lastReceiveAt + idle)
        {
            ArmKeepAlive(_lastReceiveAt + idle);
            return;
        }
        if (_keepAliveProbes >= Math.Max(1, Settings.KeepAliveCount))
        {
            Abort(NetError.TimedOut);
            return;
        }
        if (_sndUna != _sndMax)
        {
            // Data in flight: the retransmission timer watches the peer already.
            ArmKeepAlive(now + idle);
            return;
        }
        // An old sequence number: the peer answers with an ACK without taking anything (RFC 1122 §4.2.3.6).
        SendSegment(_sndUna - 1, TcpFlags.Ack, 0, 0);
        _keepAliveProbes++;
        ArmKeepAlive(now + interval);
    }

    private void ArmRetransmit(ulong at)
    {
        _retransmitAt = at;
        _layer.NoteDeadline(at);
    }

    private void ArmPersist()
    {
        ulong minimum = 200_000_000, maximum = 60_000_000_000;
        ulong delay = _rto.Current << Math.Min(_persistBackoff, 12);
        _persistAt = Now + Math.Clamp(delay, minimum, maximum);
        _layer.NoteDeadline(_persistAt);
    }

    private void ArmDelayedAck(ulong at)
    {
        _delayedAckAt = at;
        _layer.NoteDeadline(at);
    }

    private void ArmKeepAlive(ulong at)
    {
        _keepAliveAt = at;
        _layer.NoteDeadline(at);
    }

    private void ArmLifetime(ulong at)
    {
        _lifetimeAt = at;
        _layer.NoteDeadline(at);
    }
}
