using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography;
using ArenaServer.FunctionalTests.Game;
using ArenaServer.Protocol;
using ArenaServer.Testing;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>Issue 5 through <c>/ws</c> with a raw client that chooses its Pongs: only a Pong echoing the Ping's nonce
/// is a sample (RFC 6455 §5.5.3), and a seated client that never answers is dropped after PongTimeout with its seat
/// held for Resume.</summary>
[Collection(LatencyCollection.Name)]
public sealed class GamePongTests
{
    private const int PingOpcode = 0x9;
    private const int CloseOpcode = 0x8;

    private static readonly TimeSpan s_pingInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_pongTimeout = TimeSpan.FromSeconds(1);

    // The connection lives for about PingInterval + PongTimeout; bound the whole read-until-drop, not each frame only.
    private static readonly TimeSpan s_dropDeadline = TimeSpan.FromSeconds(20);

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task Pong_Never_DroppedAfterPongTimeoutAndSeatResumable()
    {
        await using TestArenaServer server = await GameLatencyTests.StartServerAsync(s_pingInterval, s_pongTimeout).DefaultTimeout();
        using RawGameClient raw = await RawGameClient.ConnectAsync(server.EndPoint);
        await raw.SendJoinAsync();

        Transcript transcript = await ReadUntilDroppedAsync(raw, pong: null).TimeoutAfter(s_dropDeadline);

        Assert.NotNull(transcript.Joined);
        Assert.True(transcript.Pings >= 1, "the server never pinged");
        Assert.Equal(0, transcript.LatencyMessages);
        Assert.False(transcript.SawClose, "a pong timeout drops TCP without a Close handshake");
        Assert.True(transcript.FirstPingToDrop >= s_pongTimeout - TimeSpan.FromMilliseconds(50),
            $"dropped {transcript.FirstPingToDrop} after the first Ping, before PongTimeout {s_pongTimeout}");

        using GameClient resumer = await GameClient.ConnectAsync(server);
        Envelope joined = transcript.Joined.Value;
        await resumer.SendResumeAsync(joined.ResumeToken.ToArray(), 0);
        ServerMessage resumed = await resumer.ReceiveKindAsync(EnvelopeKind.Resumed);

        Assert.Equal(joined.PlayerId, resumed.Envelope.PlayerId);
        Assert.Equal(joined.RoomId, resumed.Envelope.RoomId);
    }

    [Fact]
    [Trait("Category", "RealTime")]
    [Trait("Category", "Security")]
    [Trait("CWE", "345")]
    public async Task Pong_WrongPayloadAndUnsolicited_NoLatencyThenDropped()
    {
        await using TestArenaServer server = await GameLatencyTests.StartServerAsync(s_pingInterval, s_pongTimeout).DefaultTimeout();
        using RawGameClient raw = await RawGameClient.ConnectAsync(server.EndPoint);

        // An unsolicited Pong ahead of any Ping (a client trying to under-report) and then a wrong nonce on every Ping.
        await raw.SendPongAsync(RandomNumberGenerator.GetBytes(8));
        await raw.SendJoinAsync();
        Transcript transcript = await ReadUntilDroppedAsync(raw, ping => [.. ping.Select(b => (byte)~b)]).TimeoutAfter(s_dropDeadline);

        Assert.NotNull(transcript.Joined);
        Assert.True(transcript.Pings >= 1, "the server never pinged");
        Assert.Equal(0, transcript.LatencyMessages);
        Assert.True(transcript.FirstPingToDrop >= s_pongTimeout - TimeSpan.FromMilliseconds(50),
            $"dropped {transcript.FirstPingToDrop} after the first Ping, before PongTimeout {s_pongTimeout}");
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task Pong_EchoedPayload_LatencyMessage()
    {
        // The control for the two tests above: the same raw client, answering correctly, gets samples.
        await using TestArenaServer server = await GameLatencyTests.StartServerAsync(s_pingInterval, s_pongTimeout).DefaultTimeout();
        using RawGameClient raw = await RawGameClient.ConnectAsync(server.EndPoint);
        await raw.SendJoinAsync();

        Envelope? latency = null;
        for (int frames = 0; latency is null && frames < 1000; frames++)
        {
            (int opcode, byte[] payload) = await raw.ReceiveFrameAsync() ?? throw new InvalidOperationException("dropped");
            if (opcode == PingOpcode)
            {
                Assert.Equal(8, payload.Length);
                await raw.SendPongAsync(payload);
            }
            else if (opcode == 0x2 && RawGameClient.Decode(payload) is { Kind: EnvelopeKind.Latency } envelope)
            {
                latency = envelope;
            }
        }

        Assert.NotNull(latency);
        Assert.InRange(latency.Value.RttMicros, 1, 1_000_000);
        Assert.True(latency.Value.JitterMicros >= 0);
    }

    private static async Task<Transcript> ReadUntilDroppedAsync(RawGameClient raw, Func<byte[], byte[]>? pong)
    {
        var transcript = new Transcript();
        Stopwatch? sinceFirstPing = null;
        while (await raw.ReceiveFrameAsync() is (int opcode, byte[] payload))
        {
            if (opcode == PingOpcode)
            {
                Assert.Equal(8, payload.Length);
                sinceFirstPing ??= Stopwatch.StartNew();
                transcript.Pings++;
                if (pong is not null)
                {
                    await raw.SendPongAsync(pong(payload));
                }
            }
            else if (opcode == CloseOpcode)
            {
                transcript.SawClose = true;
            }
            else if (opcode == 0x2)
            {
                Envelope envelope = RawGameClient.Decode(payload);
                transcript.Joined ??= envelope.Kind == EnvelopeKind.Joined ? envelope : null;
                transcript.LatencyMessages += envelope.Kind == EnvelopeKind.Latency ? 1 : 0;
            }
        }

        transcript.FirstPingToDrop = sinceFirstPing?.Elapsed ?? TimeSpan.Zero;
        return transcript;
    }

    private sealed class Transcript
    {
        public Envelope? Joined { get; set; }

        public int Pings { get; set; }

        public int LatencyMessages { get; set; }

        public bool SawClose { get; set; }

        public TimeSpan FirstPingToDrop { get; set; }
    }
}
