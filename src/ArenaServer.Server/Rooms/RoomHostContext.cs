using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>The host's <see cref="RoomContext{TOutput}"/>: it records what hooks ask for, and the host applies it
/// after each hook (deferred output, ARCHITECTURE.md §8).</summary>
/// <remarks>Tick thread only, like the room.</remarks>
internal sealed class RoomHostContext<TOutput>(RoomId id, MessageSet<TOutput> outputs, TimeProvider time, Random random,
    ILogger logger) : RoomContext<TOutput> where TOutput : class
{
    private List<PendingOutput<TOutput>> _pending = [];
    private List<PendingOutput<TOutput>>? _spare = [];

    // Read-only views, so room code cannot add or remove seats by casting.
    private IReadOnlyList<Player>? _players;
    private IReadOnlyList<Player>? _spectators;

    /// <inheritdoc />
    public override RoomId Id { get; } = id;

    /// <inheritdoc />
    public override IReadOnlyList<Player> Players => _players ??= PlayerList.AsReadOnly();

    /// <inheritdoc />
    public override IReadOnlyList<Player> Spectators => _spectators ??= SpectatorList.AsReadOnly();

    /// <inheritdoc />
    public override Tick CurrentTick => Current;

    /// <inheritdoc />
    public override TimeProvider Time { get; } = time;

    /// <inheritdoc />
    public override Random Random { get; } = random;

    /// <inheritdoc />
    public override ILogger Logger { get; } = logger;

    /// <inheritdoc />
    public override bool IsLocked => Locked;

    /// <summary>Gets the mutable player list (host only).</summary>
    public List<Player> PlayerList { get; } = [];

    /// <summary>Gets the mutable spectator list (host only).</summary>
    public List<Player> SpectatorList { get; } = [];

    /// <summary>Gets or sets the current tick (host only).</summary>
    public Tick Current { get; set; }

    /// <summary>Gets or sets the lock state.</summary>
    public bool Locked { get; set; }

    /// <summary>Gets or sets the reason of a pending <see cref="Close"/>, or null.</summary>
    public string? CloseRequested { get; set; }

    /// <summary>Gets whether a hook left outputs to apply.</summary>
    public bool HasPending => _pending.Count > 0;

    /// <inheritdoc />
    public override void Send(Player to, TOutput message)
    {
        ArgumentNullException.ThrowIfNull(to);
        CheckRegistered(message);
        _pending.Add(new PendingOutput<TOutput>(PendingOutputKind.Send, to, message, null, null));
    }

    /// <inheritdoc />
    public override void Broadcast(TOutput message, Player? except = null)
    {
        CheckRegistered(message);
        _pending.Add(new PendingOutput<TOutput>(PendingOutputKind.Broadcast, except, message, null, null));
    }

    /// <inheritdoc />
    public override void BroadcastEvent(ServerEvent serverEvent)
    {
        ArgumentNullException.ThrowIfNull(serverEvent);
        _pending.Add(new PendingOutput<TOutput>(PendingOutputKind.Event, null, null, serverEvent, null));
    }

    /// <inheritdoc />
    public override void Kick(Player player, string reason)
    {
        ArgumentNullException.ThrowIfNull(player);
        _pending.Add(new PendingOutput<TOutput>(PendingOutputKind.Kick, player, null, null, reason ?? string.Empty));
    }

    /// <inheritdoc />
    public override void Close(string reason) => CloseRequested ??= reason ?? string.Empty;

    /// <inheritdoc />
    public override void SetLocked(bool locked) => Locked = locked;

    /// <summary>Takes the pending outputs (the caller returns the list with <see cref="Return"/>).</summary>
    /// <returns>The outputs in call order.</returns>
    public List<PendingOutput<TOutput>> TakePending()
    {
        List<PendingOutput<TOutput>> taken = _pending;
        _pending = _spare ?? [];
        _spare = null;
        return taken;
    }

    /// <summary>Returns a list from <see cref="TakePending"/> for reuse.</summary>
    /// <param name="list">The list.</param>
    public void Return(List<PendingOutput<TOutput>> list)
    {
        list.Clear();
        _spare ??= list;
    }

    /// <summary>Drops what a failed hook asked for.</summary>
    public void DiscardPending() => _pending.Clear();

    // Fail inside the hook that made the mistake, so the fence names the right hook.
    private void CheckRegistered(TOutput message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!outputs.TryGetTag(message, out _))
        {
            throw new ArgumentException($"{message.GetType().Name} is not registered in the room type's output MessageSet.", nameof(message));
        }
    }
}
