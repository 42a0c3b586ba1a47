using System.Buffers;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Transport;

namespace ArenaServer.Server.Rooms;

internal sealed partial class RoomHost<TRoom, TInput, TOutput>
{
    // Applies what the hook asked for, in call order, once it has returned (ARCHITECTURE.md §8).
    private void FlushOutputs()
    {
        if (!_context.HasPending || _closed)
        {
            _context.DiscardPending();
            return;
        }

        List<PendingOutput<TOutput>> items = _context.TakePending();
        try
        {
            foreach (PendingOutput<TOutput> item in items)
            {
                switch (item.Kind)
                {
                    case PendingOutputKind.Send:
                        SendTo(item.Player!, item.Message!);
                        break;
                    case PendingOutputKind.Broadcast:
                        if (CollectRecipients(item.Player) > 0)
                        {
                            OutboundFrame message = EncodeMessage(item.Message!);
                            _tap?.OnBroadcastEncoded(Payload(message));
                            FanOut(message);
                        }

                        break;
                    case PendingOutputKind.Event:
                        if (CollectRecipients(null) > 0)
                        {
                            OutboundFrame serverEvent = EncodeEvent(item.Event!);
                            _tap?.OnBroadcastEncoded(Payload(serverEvent));
                            FanOut(serverEvent);
                        }

                        break;
                    case PendingOutputKind.Kick:
                        Kick(item.Player!, item.Reason ?? string.Empty);
                        break;
                }

                if (_closed)
                {
                    break;
                }
            }
        }
        finally
        {
            _context.Return(items);
        }
    }

    private void SendTo(Player player, TOutput message)
    {
        if (!_seatsById.TryGetValue(player.Id, out Seat? seat) || seat.Player != player || seat.Sink is not { } sink)
        {
            // A held seat has no connection: the message is dropped and counted (ARCHITECTURE.md §7.6).
            SendsDropped++;
            return;
        }

        OutboundFrame frame = ForSink(EncodeMessage(message), sink);
        _metrics?.MessagesSent(1, frame.PayloadLength);
        if (!TrySendOwned(sink, frame))
        {
            SendsDropped++;
        }
    }

    // One recipient: on refusal the frame's reference comes back to us, so it is released here.
    private static bool TrySendOwned(IPlayerSink sink, OutboundFrame frame)
    {
        if (sink.TrySend(frame) is SinkResult.Accepted)
        {
            return true;
        }

        frame.Release();
        return false;
    }

    // A lone recipient that speaks JSON gets the transcoded frame instead of the MessagePack one.
    private static OutboundFrame ForSink(OutboundFrame frame, IPlayerSink sink)
    {
        if (!sink.PrefersJson)
        {
            return frame;
        }

        OutboundFrame json = ToJson(frame);
        frame.Release();
        return json;
    }

    private static OutboundFrame ToJson(OutboundFrame frame)
    {
        var payload = new ReadOnlySequence<byte>(frame.Payload);
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Text, frame.PayloadLength * 2);
        JsonTranscodeStatus status = JsonTranscoder.TranscodeToJson(payload, output);
        OutboundFrame json = output.Complete();
        if (status != JsonTranscodeStatus.Success)
        {
            // Our own encoding always transcodes; failing here is a bug in a message's Write.
            json.Release();
            throw new InvalidOperationException($"A room output does not transcode to JSON: {status}.");
        }

        return json;
    }

    private int CountJsonRecipients()
    {
        int json = 0;
        foreach (Seat seat in _recipients)
        {
            json += seat.Sink!.PrefersJson ? 1 : 0;
        }

        return json;
    }

    private void Kick(Player player, string reason)
    {
        if (_seatsById.TryGetValue(player.Id, out Seat? seat) && seat.Player == player)
        {
            seat.Sink?.Close(CloseCodes.Kicked, reason);
            seat.Sink = null;
            ReleaseSeat(seat, LeaveReason.Kicked);
        }
    }

    private int CollectRecipients(Player? except)
    {
        _recipients.Clear();
        foreach (Seat seat in _seats)
        {
            if (seat.Sink is not null && seat.Player != except)
            {
                _recipients.Add(seat);
            }
        }

        return _recipients.Count;
    }

    // One frame, one reference per recipient: the buffer returns to the pool after the last write (CONVENTIONS.md §22).
    // With JSON recipients there is a second, transcoded frame, also made once and shared by all of them.
    private void FanOut(OutboundFrame frame)
    {
        int json = CountJsonRecipients();
        OutboundFrame? jsonFrame = json > 0 ? ToJson(frame) : null;
        if (_recipients.Count - json > 0)
        {
            frame.AddReference(_recipients.Count - json);
        }

        jsonFrame?.AddReference(json);
        foreach (Seat seat in _recipients)
        {
            OutboundFrame shared = seat.Sink!.PrefersJson ? jsonFrame! : frame;
            if (seat.Sink.TrySend(shared) is not SinkResult.Accepted)
            {
                shared.Release();
                SendsDropped++;
            }
        }

        _metrics?.MessagesSent(_recipients.Count, frame.PayloadLength);
        _recipients.Clear();
        frame.Release();
        jsonFrame?.Release();
    }

    private OutboundFrame EncodeMessage(TOutput message)
    {
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 128);
        var writer = new MessagePackWriter(output);
        _outputs.TryGetTag(message, out byte tag);
        EnvelopeWriter.WriteMessageHeader(ref writer, tag);
        _outputs.Write(message, ref writer);
        writer.Flush();
        return output.Complete();
    }

    private static OutboundFrame EncodeEvent(ServerEvent serverEvent)
    {
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 64 + serverEvent.Data.Length);
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WriteEvent(ref writer, null, serverEvent.Name, serverEvent.Data.Span);
        writer.Flush();
        return output.Complete();
    }

    // Joined/Resumed go through the same sink as the room's messages, so a client always sees its seat before any
    // message OnJoined or OnReconnected sends it.
    private void SendSeatEnvelope(Seat seat, SeatOutcome outcome)
    {
        seat.Sink!.OnSeated(outcome);
        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 64);
        var writer = new MessagePackWriter(output);
        RoomIdValue roomId = RoomIdValue.FromText(Id.Value);
        if (outcome.Status == SeatStatus.Joined)
        {
            EnvelopeWriter.WriteJoined(ref writer, outcome.Player!.Id.Value, roomId, outcome.ResumeToken!, outcome.TickRate, outcome.ServerTick);
        }
        else
        {
            EnvelopeWriter.WriteResumed(ref writer, outcome.Player!.Id.Value, roomId, outcome.ResumeToken!, outcome.ServerTick);
        }

        writer.Flush();
        TrySendOwned(seat.Sink!, ForSink(output.Complete(), seat.Sink!));
    }

    private static ReadOnlySpan<byte> Payload(OutboundFrame frame) => frame.Payload.Span;

    private void OnHookFailed(Exception exception, RoomHook hook)
    {
        _context.DiscardPending();
        RoomLog.HookFailed(_logger, Id, _tickNumber, hook, _options.OnError, exception);
        if (_options.OnError == RoomErrorPolicy.CloseRoom && !_closed)
        {
            CloseRoom(RoomCloseReason.Error, CloseCodes.InternalServerError, "room error");
        }
    }
}
