using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Testing.Harness;

/// <summary>Creates <see cref="RoomHarness{TRoom, TInput, TOutput}"/> instances: a room under test, ticked on the
/// test thread by the real room host (ARCHITECTURE.md §11).</summary>
/// <example>
/// <code>
/// using var harness = RoomHarness.Create&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;(
///     ArenaMessages.Inputs, ArenaMessages.Outputs, room =&gt; room.TickRate = 30);
/// HarnessPlayer alice = harness.Join("alice");
/// harness.Input(alice, new Move(1, 0));
/// harness.Tick();
/// Assert.Equal(1u, harness.LastSnapshotFor(alice).AckedInput);
/// </code>
/// </example>
public static class RoomHarness
{
    /// <summary>The default seed of the room's <see cref="Random"/>.</summary>
    public const int DefaultSeed = 20260101;

    /// <summary>Creates a room of <typeparamref name="TRoom"/> and runs its <c>OnCreated</c>.</summary>
    /// <typeparam name="TRoom">The room class.</typeparam>
    /// <typeparam name="TInput">The input marker type.</typeparam>
    /// <typeparam name="TOutput">The output marker type.</typeparam>
    /// <param name="inputs">The room type's input set (inputs are encoded and decoded through it).</param>
    /// <param name="outputs">The room type's output set (outputs are decoded through it).</param>
    /// <param name="configure">Adjusts the room options (validated afterwards).</param>
    /// <param name="seed">The seed of <c>Context.Random</c>.</param>
    /// <param name="createArgs">The creation arguments; by default room type <c>test</c>, no options, public.</param>
    /// <param name="logger">The room's logger; none by default.</param>
    /// <returns>The harness; dispose it at the end of the test.</returns>
    public static RoomHarness<TRoom, TInput, TOutput> Create<TRoom, TInput, TOutput>(MessageSet<TInput> inputs,
        MessageSet<TOutput> outputs, Action<RoomOptions>? configure = null, int seed = DefaultSeed,
        RoomCreateArgs? createArgs = null, ILogger? logger = null)
        where TRoom : Room<TInput, TOutput>, new()
        where TInput : class
        where TOutput : class
    {
        var options = new RoomOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        return new RoomHarness<TRoom, TInput, TOutput>(new TRoom(), inputs, outputs, options, seed,
            createArgs ?? new RoomCreateArgs("test", ReadOnlyMemory<byte>.Empty), logger);
    }
}
