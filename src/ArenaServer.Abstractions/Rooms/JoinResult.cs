namespace ArenaServer.Abstractions.Rooms;

/// <summary>The answer of <see cref="Room{TInput, TOutput}.OnJoining"/>: accept, or reject with a reason the client
/// receives in <c>Error{join_rejected}</c> (the connection stays open).</summary>
/// <example>
/// <code>
/// return _started ? JoinResult.Reject("round already started") : JoinResult.Accept();
/// </code>
/// </example>
public sealed class JoinResult
{
    private static readonly JoinResult s_accepted = new(true, null);

    private JoinResult(bool accepted, string? reason)
    {
        IsAccepted = accepted;
        Reason = reason;
    }

    /// <summary>Gets whether the join is accepted.</summary>
    public bool IsAccepted { get; }

    /// <summary>Gets the rejection reason (null when accepted).</summary>
    public string? Reason { get; }

    /// <summary>Accepts the join.</summary>
    /// <returns>The shared accepted result.</returns>
    public static JoinResult Accept() => s_accepted;

    /// <summary>Rejects the join.</summary>
    /// <param name="reason">A short, client-visible reason; never a secret.</param>
    /// <returns>The result.</returns>
    public static JoinResult Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new JoinResult(false, reason);
    }
}
