using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Transport;

namespace ArenaServer.Server.Rooms;

internal sealed partial class RoomHost<TRoom, TInput, TOutput>
{
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
            SinkResult result = seat.Sink.TrySetSnapshot(frame);
            if (result is SinkResult.Accepted or SinkResult.Coalesced)
            {
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
