using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Rooms;

/// <summary>One control or lifecycle command, queued from any thread and applied on the room's thread.</summary>
internal sealed class RoomCommand
{
    /// <summary>Gets the kind.</summary>
    public required RoomCommandKind Kind { get; init; }

    /// <summary>Gets the connection the command came from (join, resume, disconnect, leave).</summary>
    public IPlayerSink? Sink { get; init; }

    /// <summary>Gets the join request.</summary>
    public JoinRequest? JoinRequest { get; init; }

    /// <summary>Gets the presented resume token.</summary>
    public string? ResumeToken { get; init; }

    /// <summary>Gets the player (disconnect, leave) or the seat's player id (resume-seat).</summary>
    public Player? Player { get; init; }

    /// <summary>Gets the player id for <see cref="RoomCommandKind.ResumeSeat"/>.</summary>
    public PlayerId PlayerId { get; init; }

    /// <summary>Gets the disconnect reason.</summary>
    public DisconnectReason DisconnectReason { get; init; }

    /// <summary>Gets the leave reason.</summary>
    public LeaveReason LeaveReason { get; init; }

    /// <summary>Gets the server event.</summary>
    public ServerEvent? ServerEvent { get; init; }

    /// <summary>Gets the completion of a join or resume.</summary>
    public TaskCompletionSource<SeatOutcome>? Completion { get; init; }
}
