using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Server.Metrics;
using ArenaServer.Transport;

namespace ArenaServer.Server.Rooms;

internal sealed partial class RoomHost<TRoom, TInput, TOutput> : IMeteredRoom
{
    // The p99 in RoomInfo is over this many recent ticks (about 8.5 s at 30 Hz): small enough to copy nowhere, large
    // enough that one slow tick does not make the p99 the maximum.
    private const int TickRingSize = 256;

    private readonly float[] _tickDurationsMs = new float[TickRingSize];
    private int _tickDurationCount;
    private int _tickDurationNext;
    private RoomMetrics? _metrics;
    private KeyValuePair<string, object?> _roomTypeTag;
    private DateTimeOffset? _createdAt;

    /// <inheritdoc />
    public void AttachMetrics(RoomMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _roomTypeTag = RoomMetrics.RoomTypeTag(_createArgs.RoomType);
        _metrics = metrics;
    }

    /// <summary>Gets the 99th percentile (nearest rank) of the recent tick durations; tick thread only.</summary>
    internal TimeSpan RecentTickP99
    {
        get
        {
            int count = _tickDurationCount;
            if (count == 0)
            {
                return TimeSpan.Zero;
            }

            // Nearest rank: the ceil(0.99 n)-th smallest is the (n - rank + 1)-th largest, at most the 3rd largest for
            // n <= 256, so a pass keeping the top few finds it without sorting or copying.
            int rank = (int)Math.Ceiling(0.99 * count);
            Span<float> top = stackalloc float[count - rank + 1];
            top.Fill(float.NegativeInfinity);
            for (int i = 0; i < count; i++)
            {
                float value = _tickDurationsMs[i];
                for (int j = 0; j < top.Length; j++)
                {
                    if (value > top[j])
                    {
                        top[j..^1].CopyTo(top[(j + 1)..]);
                        top[j] = value;
                        break;
                    }
                }
            }

            return TimeSpan.FromMilliseconds(top[^1]);
        }
    }

    /// <summary>Gets when the room started: the first summary's wall-clock time.</summary>
    private DateTimeOffset CreatedAt => _createdAt ??= _time.GetUtcNow();

    /// <summary>Records one tick's duration: the ring behind <see cref="RoomInfo.TickP99"/>, the histogram and the
    /// overrun counter. Called by <see cref="Advance"/> after each tick; tick thread only.</summary>
    internal void RecordTickDuration(TimeSpan duration)
    {
        _tickDurationsMs[_tickDurationNext] = (float)duration.TotalMilliseconds;
        _tickDurationNext = (_tickDurationNext + 1) % TickRingSize;
        _tickDurationCount = Math.Min(_tickDurationCount + 1, TickRingSize);
        _metrics?.Tick(duration, _step, _roomTypeTag);
    }

    /// <summary>Runs exactly one tick: control and lifecycle commands, grace expiries, <c>OnTick</c> with the inputs
    /// present at tick start, then the snapshot on snapshot ticks. Tick thread only.</summary>
    public void RunTick()
    {
        if (_closed)
        {
            return;
        }

        long tickNumber = _tickNumber + 1;
        Volatile.Write(ref _tickNumber, tickNumber);
        var tick = new Tick(tickNumber, _step);
        _context.Current = tick;
        long now = _time.GetTimestamp();
        _tap?.OnTickStarting(tickNumber, _time.GetElapsedTime(_startedAt, now));

        ApplyCommands(_control.Reader);
        ApplyCommands(_lifecycle.Reader);
        ExpireHeldSeats(now);
        if (ApplyRequestedClose() || _closed)
        {
            return;
        }

        foreach (Seat seat in _seats)
        {
            seat.Player.BeginTick();
            seat.InputsThisTick = 0;
        }

        int count = DrainInputs();
        _tap?.OnInputsHanded(_inputBuffer.AsSpan(0, count));
        try
        {
            _room.OnTick(tick, _inputBuffer.AsSpan(0, count));
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.OnTick);
        }
        finally
        {
            AcknowledgeInputs(count);
        }

        if (ApplyRequestedClose() || _closed)
        {
            return;
        }

        if (tickNumber % _options.SnapshotEveryTicks == 0)
        {
            SendSnapshot(tick);
        }

        CheckEmpty(now);
    }

    // Exactly the items present at tick start: inputs arriving during the tick wait for the next one, so a flooding
    // client cannot keep the tick from ending (CONVENTIONS.md §23).
    private int DrainInputs()
    {
        int present = _inputs.Reader.Count;
        int count = 0;
        long perTickDrops = 0;
        for (int i = 0; i < present && _inputs.Reader.TryRead(out QueuedInput<TInput> queued); i++)
        {
            Player player = queued.Player;
            if (!_seatsById.TryGetValue(player.Id, out Seat? seat) || seat.Player != player || player.IsSpectator ||
                seat.InputsThisTick >= _options.MaxInputsPerPlayerPerTick || queued.Sequence <= seat.HighestSequence)
            {
                perTickDrops++;
                continue;
            }

            seat.InputsThisTick++;
            seat.HighestSequence = queued.Sequence;
            _inputBuffer[count++] = new PlayerInput<TInput>(player, queued.Message, queued.Sequence, queued.ReceivedAtTick);
        }

        if (perTickDrops > 0)
        {
            InputsDroppedPerTick += perTickDrops;
            _metrics?.InputsDroppedPerTick(perTickDrops);
            if (ShouldWarn(_time.GetTimestamp()))
            {
                RoomLog.InputsDropped(_logger, Id, _tickNumber, InputsDroppedQueueFull, InputsDroppedPerTick);
            }
        }

        return count;
    }

    // ackedInputSeq is the highest sequence handed to OnTick (ARCHITECTURE.md §9), whatever the hook did with it.
    private void AcknowledgeInputs(int count)
    {
        for (int i = 0; i < count; i++)
        {
            ref PlayerInput<TInput> input = ref _inputBuffer[i];
            if (input.Sequence > input.Player.LastProcessedInput)
            {
                input.Player.LastProcessedInput = input.Sequence;
            }
        }

        // Do not keep players and messages alive until the next busy tick.
        Array.Clear(_inputBuffer, 0, count);
    }

    private void SendSnapshot(in Tick tick)
    {
        TOutput? snapshot;
        try
        {
            snapshot = _room.CreateSnapshot(tick);
            FlushOutputs();
        }
        catch (Exception ex)
        {
            OnHookFailed(ex, RoomHook.CreateSnapshot);
            return;
        }

        if (snapshot is null || ApplyRequestedClose() || _closed)
        {
            return;
        }

        // Encode-once: one body for every recipient; each gets only its own prefix values (ARCHITECTURE.md §9).
        OutboundFrameWriter bodyWriter = OutboundFrame.Rent(WebSocketMessageType.Binary, 256);
        var writer = new MessagePackWriter(bodyWriter);
        byte tag = _outputs.Write(snapshot, ref writer);
        writer.Flush();
        OutboundFrame body = bodyWriter.Complete();
        var frameView = new SnapshotFrame(body, tick.Number, 0, tag, true);
        _tap?.OnSnapshotEncoded(tick.Number, tag, frameView.BodyBytes.Span);

        CollectRecipients(except: null);
        int json = CountJsonRecipients();
        OutboundFrame? jsonBody = json > 0 ? ToJson(body) : null;
        if (_recipients.Count - json > 0)
        {
            body.AddReference(_recipients.Count - json);
        }

        jsonBody?.AddReference(json);
        foreach (Seat seat in _recipients)
        {
            bool isJson = seat.Sink!.PrefersJson;
            OutboundFrame shared = isJson ? jsonBody! : body;
            var frame = new SnapshotFrame(shared, tick.Number, seat.Player.LastProcessedInput, tag, seat.NeedsFullSnapshot, isJson);
            int length = shared.PayloadLength; // read before the sink may release its reference
            SinkResult result = seat.Sink.TrySetSnapshot(frame);
            if (result is SinkResult.Accepted or SinkResult.Coalesced)
            {
                _metrics?.SnapshotSent(length, result == SinkResult.Coalesced);
                seat.NeedsFullSnapshot = false;
            }
            else
            {
                shared.Release();
                SendsDropped++;
            }
        }

        _recipients.Clear();
        body.Release();
        jsonBody?.Release();
    }

    private void CheckEmpty(long now)
    {
        if (_seats.Count > 0)
        {
            _emptySince = null;
            return;
        }

        _emptySince ??= now;
        if (_time.GetElapsedTime(_emptySince.Value, now) >= _options.MaxEmptyTime)
        {
            CloseRoom(RoomCloseReason.Empty, Protocol.CloseCodes.RoomClosed, "room empty");
        }
    }
}
