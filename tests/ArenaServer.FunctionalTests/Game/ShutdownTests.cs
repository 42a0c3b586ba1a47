using System.Net.WebSockets;
using ArenaServer.Protocol;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>The stop order: draining refuses new players, rooms close (players get 1001, seats
/// <c>OnLeft(ServerShutdown)</c>, rooms persist in <c>OnClosingAsync</c>), and only then is the server down.</summary>
public sealed class ShutdownTests
{
    private static Task<TestArenaServer> StartAsync()
        => TestArenaServer.StartAsync(null, s => s.AddRoomType<ClosingProbeRoom, IArenaInput, IArenaOutput>(
            "probe", ArenaMessages.Inputs, ArenaMessages.Outputs));

    [Fact]
    public async Task Stop_SeatedPlayer_Gets1001AndTheRoomSavesBeforeTheServerIsDown()
    {
        TestArenaServer server = await StartAsync().DefaultTimeout();
        using GameClient player = await GameClient.ConnectAsync(server);
        await player.SendJoinAsync("probe");
        string roomId = (await player.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.RoomId.Text!;
        Task<WebSocketCloseStatus?> close = player.ReceiveCloseAsync();

        Task stopped = server.DisposeAsync().AsTask();
        await ClosingProbeRoom.SavingOf(roomId).Task.DefaultTimeout();
        bool downWhileSaving = stopped.IsCompleted;
        ClosingProbeRoom.SaveGateOf(roomId).SetResult();
        await stopped.DefaultTimeout();

        Assert.False(downWhileSaving);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await close.DefaultTimeout());
        Assert.Equal(["OnLeft:ServerShutdown", "OnClosingAsync:ServerShutdown", "saved"], ClosingProbeRoom.EventsOf(roomId));
    }

    [Fact]
    public async Task Stop_WhileRoomsSave_NewPlayersRefusedWith503()
    {
        TestArenaServer server = await StartAsync().DefaultTimeout();
        using GameClient player = await GameClient.ConnectAsync(server);
        await player.SendJoinAsync("probe");
        string roomId = (await player.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.RoomId.Text!;
        Uri endpoint = server.GetWebSocketUri("/ws");

        Task stopped = server.DisposeAsync().AsTask();
        await ClosingProbeRoom.SavingOf(roomId).Task.DefaultTimeout();
        using var latecomer = new ClientWebSocket();
        latecomer.Options.AddSubProtocol(Subprotocols.MessagePack);
        latecomer.Options.CollectHttpResponseDetails = true;
        Exception? refused = await Record.ExceptionAsync(() => latecomer.ConnectAsync(endpoint, CancellationToken.None).DefaultTimeout());
        ClosingProbeRoom.SaveGateOf(roomId).SetResult();
        await stopped.DefaultTimeout();

        Assert.IsType<WebSocketException>(refused);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, latecomer.HttpStatusCode);
    }
}
