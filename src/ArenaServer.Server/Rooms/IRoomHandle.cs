using System.Buffers;
using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>A room host without its generic types: what the connection wiring (/ws) and the room manager use.</summary>
/// <remarks>All members may be called from any thread; they only queue work for the room's tick thread.</remarks>
internal interface IRoomHandle : ITickable
{
    /// <summary>Gets the room type name.</summary>
    public string RoomType { get; }

    /// <summary>Gets the room's latest tick number (for Pong; any thread).</summary>
    public long CurrentTick { get; }

    /// <summary>Gets the latest published summary.</summary>
    public RoomInfo? Info { get; }

    /// <summary>Queues a join.</summary>
    public Task<SeatOutcome> TryEnqueueJoin(JoinRequest request, IPlayerSink sink);

    /// <summary>Queues a resume by token.</summary>
    public Task<SeatOutcome> TryEnqueueResume(string resumeToken, IPlayerSink sink);

    /// <summary>Reports an unplanned drop of <paramref name="sink"/>'s connection.</summary>
    public bool TryEnqueueDisconnect(Player player, IPlayerSink sink, DisconnectReason reason);

    /// <summary>Reports that <paramref name="sink"/>'s player leaves for good.</summary>
    public bool TryEnqueueLeave(Player player, IPlayerSink sink, LeaveReason reason);

    /// <summary>Queues a server event.</summary>
    public bool TryEnqueueServerEvent(ServerEvent serverEvent);

    /// <summary>Decodes an Input envelope's body with the room type's input set (on the caller's thread, the read
    /// loop) and queues it. A status other than <see cref="MessageReadStatus.Success"/> is a protocol error (4010).</summary>
    public MessageReadStatus TryWriteInput(Player player, uint sequence, byte tag, in ReadOnlySequence<byte> body,
        out InputWriteResult result);
}
