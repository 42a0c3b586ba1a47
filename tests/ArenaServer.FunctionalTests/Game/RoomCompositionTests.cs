using ArenaServer.Protocol;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;
using ArenaServer.Tests;
using Microsoft.Extensions.Options;

namespace ArenaServer.FunctionalTests.Game;

/// <summary><c>AddRoomType</c> and the <c>Arena:Rooms</c> defaults, observed through <c>Joined</c>.</summary>
public sealed class RoomCompositionTests
{
    [Fact]
    public async Task AddRoomType_RoomsDefaultsFromConfiguration_PerTypeConfigureWins()
    {
        await using TestArenaServer server = await TestArenaServer.StartAsync(c => c["Arena:Rooms:TickRate"] = "10", builder => builder
            .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("slow", ArenaMessages.Inputs, ArenaMessages.Outputs)
            .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("fast", ArenaMessages.Inputs, ArenaMessages.Outputs,
                room => room.TickRate = 60)).DefaultTimeout();

        Assert.Equal(10, await JoinedTickRateAsync(server, "slow"));
        Assert.Equal(60, await JoinedTickRateAsync(server, "fast"));
    }

    [Fact]
    public async Task AddArenaServer_InvalidRoomsDefault_StartFailsNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(
            () => TestArenaServer.StartAsync(c => c["Arena:Rooms:TickRate"] = "0")).DefaultTimeout();

        Assert.Contains("Arena:Rooms:TickRate", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRoomType_SameNameTwice_Throws()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => TestArenaServer.StartAsync(null, builder => builder
            .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("arena", ArenaMessages.Inputs, ArenaMessages.Outputs)
            .AddRoomType<ArenaRoom, IArenaInput, IArenaOutput>("arena", ArenaMessages.Inputs, ArenaMessages.Outputs)))
            .DefaultTimeout();

        Assert.Contains("'arena'", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<int> JoinedTickRateAsync(TestArenaServer server, string roomType)
    {
        using GameClient client = await GameClient.ConnectAsync(server);
        await client.SendJoinAsync(roomType);
        return (await client.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.TickRate;
    }
}
