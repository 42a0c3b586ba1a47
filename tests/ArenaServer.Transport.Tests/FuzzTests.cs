using System.Net.Sockets;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;

namespace ArenaServer.Transport.Tests;

/// <summary>Random frames and raw noise after the handshake: the server answers or closes, never hangs or leaks.</summary>
public sealed class FuzzTests
{
    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public async Task RandomFramesAndNoise_EveryConnectionEndsAndIsReportedOnce()
    {
        const int Connections = 40;
        var random = new Random(20261121);
        var handler = new TestRequestHandler { MaxMessageSize = 4096 };
        ArenaListener listener = TestListener.Start(handler);
        await using (listener)
        {
            for (int i = 0; i < Connections; i++)
            {
                using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
                await client.SendAsync(NextInput(random));

                // Half-close: whatever state the parser is in, the server must finish the connection.
                client.Socket.Shutdown(SocketShutdown.Send);
                await client.ReadToEndAsync().DefaultTimeout();
            }

            await listener.StopAsync(1001, "done", CancellationToken.None).DefaultTimeout();
            Assert.Equal(0, listener.ActiveConnections);
            Assert.Equal(Connections, handler.WebSocket.ClosedCount);
        }
    }

    private static byte[] NextInput(Random random)
    {
        var bytes = new List<byte>();
        int frames = random.Next(1, 6);
        for (int f = 0; f < frames; f++)
        {
            switch (random.Next(4))
            {
                case 0:
                    bytes.AddRange(RandomBytes(random, random.Next(1, 64)));
                    break;
                case 1:
                    byte opcode = (byte)random.Next(16);
                    byte[] payload = RandomBytes(random, random.Next(0, opcode >= 8 ? 130 : 5000));
                    bytes.AddRange(RawWebSocketClient.EncodeFrame(opcode, payload, fin: random.Next(3) != 0, mask: random.Next(8) != 0,
                        rsv: random.Next(6) == 0 ? (byte)0x40 : (byte)0));
                    break;
                case 2:
                    bytes.AddRange(RawWebSocketClient.EncodeFrame(0x1, System.Text.Encoding.UTF8.GetBytes("ok ✓")));
                    break;
                default:
                    byte[] header = RawWebSocketClient.EncodeFrame(0x2, [], declaredLength: random.NextInt64(0, long.MaxValue));
                    bytes.AddRange(header);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
