using System.Net.WebSockets;
using ArenaServer.Protocol;
using ArenaServer.Samples.Arena;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Game;

/// <summary>The stop order: rooms close (players get 1001, seats <c>OnLeft(ServerShutdown)</c>, rooms persist in
/// <c>OnClosingAsync</c>) before the server stops, and no player is seated while it drains.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_SeatedPlayer_Gets1001AndTheRoomSavesBeforeTheServerIsDown()
    {
        TestArenaServer server = await TestArenaServer.StartAsync(null, s => s.AddRoomType<ClosingProbeRoom, IArenaInput, IArenaOutput>(
            "probe", ArenaMessages.Inputs, ArenaMessages.Outputs)).DefaultTimeout();
        using GameClient player = await GameClient.ConnectAsync(server);
        await player.SendJoinAsync("probe");
        string roomId = (await player.ReceiveKindAsync(EnvelopeKind.Joined)).Envelope.RoomId.Text!;
        Task<WebSocketCloseStatus?> close = player.ReceiveCloseAsync();

        await server.DisposeAsync().AsTask().DefaultTimeout();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await close.DefaultTimeout());
        Assert.Equal(["OnLeft:ServerShutdown", "OnClosingAsync:ServerShutdown", "saved"], ClosingProbeRoom.EventsOf(roomId));
    }
}
