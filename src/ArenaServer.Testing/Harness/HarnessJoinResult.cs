namespace ArenaServer.Testing.Harness;

/// <summary>The outcome of <c>TryJoin</c> or <c>TryResume</c>.</summary>
/// <param name="Player">The seat when joined or resumed.</param>
/// <param name="Status">The engine's status name: <c>Joined</c>, <c>Resumed</c>, <c>Rejected</c>, <c>RoomFull</c>,
/// <c>Locked</c>, <c>RoomClosed</c>, <c>RoomBusy</c> or <c>ResumeRejected</c>.</param>
/// <param name="Reason">The rejection reason, if any.</param>
/// <example>
/// <code>
/// HarnessJoinResult result = harness.TryJoin("mallory");
/// Assert.Equal("RoomFull", result.Status);
/// </code>
/// </example>
public sealed record HarnessJoinResult(HarnessPlayer? Player, string Status, string? Reason)
{
    /// <summary>Gets whether a seat is bound.</summary>
    public bool Succeeded => Player is not null;
}
