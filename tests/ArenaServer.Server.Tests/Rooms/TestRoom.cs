using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Server.Tests.Rooms;

/// <summary>A small room that records every hook call and can be told to misbehave.</summary>
public sealed class TestRoom : Room<ITestInput, ITestOutput>
{
    public List<string> Calls { get; } = [];

    public List<(string Player, int Amount, uint Sequence)> Handed { get; } = [];

    public int Total { get; private set; }

    /// <summary>The hook name that throws (once), such as "OnTick".</summary>
    public string? ThrowIn { get; set; }

    public ReconnectDecision Decision { get; set; } = ReconnectDecision.HoldSeat();

    public string? KickOnNextTick { get; set; }

    public string? CloseOnNextTick { get; set; }

    public bool SendUnregistered { get; set; }

    public TimeSpan LastRoundTripTime { get; private set; }

    public RoomCloseReason? ClosingReason { get; private set; }

    public TaskCompletionSource<long>? ReachedTick { get; set; }

    public long ReachedTickTarget { get; set; } = long.MaxValue;

    public TaskCompletionSource<RoomCloseReason> Closing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RoomContext<ITestOutput> Ctx => Context;

    public override void OnCreated(RoomCreateArgs args)
    {
        Record(nameof(OnCreated));
    }

    public override JoinResult OnJoining(JoinRequest request)
    {
        Record(nameof(OnJoining));
        return request.Name == "banned" ? JoinResult.Reject("banned here") : JoinResult.Accept();
    }

    public override void OnJoined(Player player)
    {
        Context.Send(player, new Note("welcome " + player.Name));
        Context.Broadcast(new Note("joined " + player.Name), except: player);
        Record(nameof(OnJoined));
    }

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<ITestInput>> inputs)
    {
        Calls.Add($"{nameof(OnTick)}:{tick.Number}");
        foreach (PlayerInput<ITestInput> input in inputs)
        {
            switch (input.Message)
            {
                case Push push:
                    Total += push.Amount;
                    Handed.Add((input.Player.Name, push.Amount, input.Sequence));
                    break;
                case Boom:
                    Context.Broadcast(new Note("before boom"));
                    throw new InvalidOperationException("boom");
            }
        }

        foreach (Player player in Context.Players)
        {
            LastRoundTripTime = player.RoundTripTime;
        }

        if (KickOnNextTick is { } name)
        {
            KickOnNextTick = null;
            Context.Kick(Context.Players.Single(p => p.Name == name), "bye");
        }

        if (CloseOnNextTick is { } reason)
        {
            CloseOnNextTick = null;
            Context.Close(reason);
        }

        if (SendUnregistered)
        {
            SendUnregistered = false;
            Context.Broadcast(new Unregistered());
        }

        ThrowIfAsked(nameof(OnTick));
        if (tick.Number >= ReachedTickTarget)
        {
            ReachedTick?.TrySetResult(tick.Number);
        }
    }

    public override ITestOutput? CreateSnapshot(in Tick tick)
    {
        ThrowIfAsked(nameof(CreateSnapshot));
        return new CounterState(tick.Number, Total, Context.Players.Count, Context.Random.Next(1000));
    }

    public override ReconnectDecision OnDisconnected(Player player, DisconnectReason reason)
    {
        Record($"{nameof(OnDisconnected)}:{player.Name}:{reason}");
        return Decision;
    }

    public override void OnReconnected(Player player)
    {
        Context.Send(player, new Note("welcome back " + player.Name));
        Record($"{nameof(OnReconnected)}:{player.Name}");
    }

    public override void OnLeft(Player player, LeaveReason reason)
    {
        Context.Broadcast(new Note("left " + player.Name));
        Record($"{nameof(OnLeft)}:{player.Name}:{reason}");
    }

    public override void OnServerEvent(ServerEvent serverEvent)
    {
        Record($"{nameof(OnServerEvent)}:{serverEvent.Name}");
        base.OnServerEvent(serverEvent);
    }

    /// <summary>When set, <see cref="OnClosingAsync"/> waits for it (a room persisting its results).</summary>
    public TaskCompletionSource? ClosingGate { get; set; }

    public override async ValueTask OnClosingAsync(RoomCloseReason reason, CancellationToken cancellationToken)
    {
        ClosingReason = reason;
        Closing.TrySetResult(reason);
        if (ClosingGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
    }

    private void Record(string call)
    {
        Calls.Add(call);
        ThrowIfAsked(call.Split(':')[0]);
    }

    private void ThrowIfAsked(string hook)
    {
        if (ThrowIn == hook)
        {
            ThrowIn = null;
            throw new InvalidOperationException("test failure in " + hook);
        }
    }
}
