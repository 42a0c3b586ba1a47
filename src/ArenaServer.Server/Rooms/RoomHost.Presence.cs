using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Protocol;
using ArenaServer.Transport;

namespace ArenaServer.Server.Rooms;

internal sealed partial class RoomHost<TRoom, TInput, TOutput>
{
    // Presence (PROTOCOL.md §5, kind 73) is the server's, not the game's: every room gets join/leave notices and the
    // member list without writing them. Joins, drops, resumes and leaves are rare next to ticks, so each change is
    // encoded once and fanned out like a broadcast.

    /// <summary>The whole member list, to a seat that was just bound (after its Joined/Resumed): it replaces whatever
    /// the client knew, which after a resume may be stale.</summary>
    private void SendFullPresence(Seat seat)
    {
        if (_closed || seat.Sink is not { } sink)
        {
            return;
        }

        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 16 + (_seats.Count * 24));
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WritePresenceHeader(ref writer, full: true, _seats.Count);
        foreach (Seat member in _seats)
        {
            PresenceCodec.WriteMember(ref writer, MemberOf(member.Player));
        }

        PresenceCodec.WriteRemovals(ref writer, []);
        writer.Flush();
        TrySendOwned(sink, ForSink(output.Complete(), sink));
    }

    /// <summary>Tells every other connected member that <paramref name="player"/> joined, dropped or came back.</summary>
    private void BroadcastPresenceUpsert(Player player) => BroadcastPresenceDelta(player, removed: false);

    /// <summary>Tells every other connected member that <paramref name="player"/>'s seat was released.</summary>
    private void BroadcastPresenceRemoval(Player player) => BroadcastPresenceDelta(player, removed: true);

    // A delta names one member: either as an upsert (its current state) or as a removal (its id).
    private void BroadcastPresenceDelta(Player player, bool removed)
    {
        if (_closed || CollectRecipients(player) == 0)
        {
            return;
        }

        OutboundFrameWriter output = OutboundFrame.Rent(WebSocketMessageType.Binary, 48);
        var writer = new MessagePackWriter(output);
        EnvelopeWriter.WritePresenceHeader(ref writer, full: false, upsertCount: removed ? 0 : 1);
        if (removed)
        {
            PresenceCodec.WriteRemovals(ref writer, [player.Id.Value]);
        }
        else
        {
            PresenceCodec.WriteMember(ref writer, MemberOf(player));
            PresenceCodec.WriteRemovals(ref writer, []);
        }

        writer.Flush();
        FanOut(output.Complete());
    }

    private static PresenceMember MemberOf(Player player)
        => new(player.Id.Value, player.Name, player.IsSpectator ? PresenceRole.Spectator : PresenceRole.Player, player.IsConnected);
}
