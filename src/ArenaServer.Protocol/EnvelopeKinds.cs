namespace ArenaServer.Protocol;

/// <summary>Classifies <see cref="EnvelopeKind"/> values by direction.</summary>
public static class EnvelopeKinds
{
    /// <summary>The smallest server-to-client kind; every kind below it travels client to server.</summary>
    public const byte FirstServerKind = 64;

    /// <summary>The largest value a kind (or a message tag) may take: one positive fixint byte.</summary>
    public const byte MaxKind = 127;

    /// <summary>Whether <paramref name="kind"/> is a kind a client may send (1–7 in v1).</summary>
    /// <param name="kind">The kind read from the wire.</param>
    /// <returns><see langword="true"/> for <see cref="EnvelopeKind.Join"/> through <see cref="EnvelopeKind.Ping"/>.</returns>
    public static bool IsClientToServer(this EnvelopeKind kind) => kind is >= EnvelopeKind.Join and <= EnvelopeKind.Ping;

    /// <summary>Whether <paramref name="kind"/> is a kind the server sends (64–73 in v1).</summary>
    /// <param name="kind">The kind read from the wire.</param>
    /// <returns><see langword="true"/> for <see cref="EnvelopeKind.Joined"/> through <see cref="EnvelopeKind.Presence"/>.</returns>
    public static bool IsServerToClient(this EnvelopeKind kind) => kind is >= EnvelopeKind.Joined and <= EnvelopeKind.Presence;
}
