using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Samples.Arena.Tests.Guide;

/// <summary>One coin appears every <see cref="CoinEvery"/>; the first player to grab it scores.</summary>
public sealed class CoinRoom : Room<ICoinInput, ICoinOutput>
{
    public static readonly TimeSpan CoinEvery = TimeSpan.FromSeconds(1);

    private readonly Dictionary<PlayerId, int> _coins = [];
    private long _coinAtTick;

    public override JoinResult OnJoining(JoinRequest request)
        => request.Name.Contains("bot", StringComparison.OrdinalIgnoreCase) ? JoinResult.Reject("no bots") : JoinResult.Accept();

    public override void OnJoined(Player player)
    {
        if (!player.IsSpectator)
        {
            _coins[player.Id] = 0;
        }
    }

    public override void OnLeft(Player player, LeaveReason reason) => _coins.Remove(player.Id);

    public override void OnTick(in Tick tick, ReadOnlySpan<PlayerInput<ICoinInput>> inputs)
    {
        if (tick.Number < _coinAtTick)
        {
            return; // no coin out yet: grabs are too early
        }

        foreach (PlayerInput<ICoinInput> input in inputs)
        {
            if (input.Message is Grab && _coins.ContainsKey(input.Player.Id))
            {
                _coins[input.Player.Id]++;
                _coinAtTick = tick.Number + (long)(CoinEvery / tick.DeltaTime);
                return; // first come, first served: inputs arrive in order
            }
        }
    }

    public override ICoinOutput? CreateSnapshot(in Tick tick)
        => new Scores([.. _coins.Select(pair => (pair.Key.Value, pair.Value)).OrderBy(e => e.Item1)]);
}
