namespace ArenaServer.Transport;

/// <summary>Application close codes (4000–4999, RFC 6455 §7.4.2) that the transport itself sends.</summary>
public static class TransportCloseCodes
{
    /// <summary>4008: the outbound queue overflowed or a write stalled past <see cref="TransportOptions.SlowConsumerTimeout"/>;
    /// the client should resume (its seat is held, ARCHITECTURE.md §6).</summary>
    public const ushort SlowConsumer = 4008;
}
