namespace ArenaServer.Testing.Harness;

/// <summary>A snapshot as a client decoded it: <c>[66, serverTick, ackedInputSeq, tag, body]</c>.</summary>
/// <typeparam name="TOutput">The output marker type.</typeparam>
/// <param name="Tick">The server tick.</param>
/// <param name="AckedInput">The highest input sequence of this player handed to <c>OnTick</c>.</param>
/// <param name="Body">The decoded body.</param>
/// <param name="IsFull">Whether the server marked it full (first after join or resume).</param>
/// <param name="Envelope">The exact envelope bytes the client received.</param>
/// <example>
/// <code>
/// HarnessSnapshot&lt;IArenaOutput&gt; last = harness.LastSnapshotFor(alice);
/// Assert.Equal(1u, last.AckedInput);
/// </code>
/// </example>
public sealed record HarnessSnapshot<TOutput>(long Tick, uint AckedInput, TOutput Body, bool IsFull, byte[] Envelope)
    where TOutput : class;
