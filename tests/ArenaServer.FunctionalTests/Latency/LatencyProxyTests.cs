using System.Net;
using System.Net.Sockets;
using ArenaServer.Testing.Latency;
using ArenaServer.Tests;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>The latency-injecting proxy of issue 5 on its own, against a raw TCP echo server.</summary>
[Collection(LatencyCollection.Name)]
public sealed class LatencyProxyTests
{
    [Theory]
    [Trait("Category", "Security")]
    [Trait("CWE", "441")]
    [InlineData("192.0.2.1")]
    [InlineData("0.0.0.0")]
    [InlineData("2001:db8::1")]
    public async Task StartAsync_NonLoopbackUpstream_Throws(string address)
    {
        // A test helper must never become an open relay to another machine.
        var upstream = new IPEndPoint(IPAddress.Parse(address), 80);

        await Assert.ThrowsAsync<ArgumentException>(() => LatencyProxy.StartAsync(upstream)).DefaultTimeout();
    }

    [Fact]
    public async Task StartAsync_NegativeDelay_Throws()
    {
        var upstream = new IPEndPoint(IPAddress.Loopback, 9);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => LatencyProxy.StartAsync(upstream, new LatencyProxyOptions { OneWayDelay = TimeSpan.FromTicks(-1) })).DefaultTimeout();
    }

    [Fact]
    public async Task StartAsync_Loopback_ListensOnLoopbackEphemeralPort()
    {
        await using var echo = new LoopbackEchoServer();

        await using LatencyProxy proxy = await LatencyProxy.StartAsync(echo.EndPoint).DefaultTimeout();

        Assert.Equal(IPAddress.Loopback, proxy.EndPoint.Address);
        Assert.NotEqual(0, proxy.EndPoint.Port);
        Assert.NotEqual(echo.EndPoint.Port, proxy.EndPoint.Port);
        Assert.Equal(echo.EndPoint, proxy.Upstream);
    }

    [Fact]
    public async Task Relay_LargeRandomPayloadBothWaysUnderJitter_ArrivesIntactAndInOrder()
    {
        // 4 MiB each way in many chunks whose delays are drawn from 0..20 ms: any reordering or loss corrupts the echo.
        // A 64 KiB cap per direction also exercises the read pause.
        await using var echo = new LoopbackEchoServer();
        await using LatencyProxy proxy = await LatencyProxy.StartAsync(echo.EndPoint, new LatencyProxyOptions
        {
            OneWayDelay = TimeSpan.FromMilliseconds(10),
            Jitter = TimeSpan.FromMilliseconds(10),
            Seed = 42,
            MaxBufferedBytes = 64 * 1024,
        }).DefaultTimeout();
        byte[] payload = new byte[4 * 1024 * 1024];
        new Random(5).NextBytes(payload);
        using Socket client = await ConnectAsync(proxy);

        Task sending = SendInPiecesAsync(client, payload);
        byte[] received = await ReceiveExactlyAsync(client, payload.Length).DefaultTimeout();
        await sending.DefaultTimeout();
        client.Shutdown(SocketShutdown.Send);
        int afterFin = await client.ReceiveAsync(new byte[1], SocketFlags.None).DefaultTimeout();

        Assert.True(payload.AsSpan().SequenceEqual(received), "the echoed bytes differ from the sent ones");
        Assert.Equal(0, afterFin);   // our FIN reached the echo server, and its FIN came back through the proxy
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task Relay_50MsEachWay_EchoRoundTripIs100MsWithin10()
    {
        await using var echo = new LoopbackEchoServer();
        await using LatencyProxy proxy = await LatencyProxy.StartAsync(echo.EndPoint,
            new LatencyProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50) }).DefaultTimeout();
        using Socket client = await ConnectAsync(proxy);
        await MeasureRoundTripsAsync(client, count: 1).DefaultTimeout();   // warm-up: JIT compilation

        TimeSpan[] roundTrips = await MeasureRoundTripsAsync(client, count: 5).DefaultTimeout();

        // The best of five, as ping reports it: on a busy machine, scheduler latency only ever adds (and never
        // removes) time, while the proxy itself must never deliver early.
        Assert.InRange(roundTrips.Min().TotalMilliseconds, 90, 110);
        Assert.All(roundTrips, rtt => Assert.True(rtt >= TimeSpan.FromMilliseconds(99), $"a round trip of {rtt} beat the injected delay"));
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task Relay_NoDelay_EchoRoundTripBelow5Ms()
    {
        await using var echo = new LoopbackEchoServer();
        await using LatencyProxy proxy = await LatencyProxy.StartAsync(echo.EndPoint).DefaultTimeout();
        using Socket client = await ConnectAsync(proxy);
        await MeasureRoundTripsAsync(client, count: 1).DefaultTimeout();   // warm-up: JIT compilation

        TimeSpan[] roundTrips = await MeasureRoundTripsAsync(client, count: 5).DefaultTimeout();

        Assert.InRange(roundTrips.Min().TotalMilliseconds, 0, 5);
    }

    [Fact]
    public async Task Relay_UpstreamNeverReads_ProxyStopsReadingAtItsCapAndLosesNothing()
    {
        // The upstream does not read until the proxy holds its whole cap; then it reads everything. The cap must hold
        // throughout, with TCP pushing back on the client, and every byte must still arrive in order.
        const int Cap = 128 * 1024;
        await using var upstream = new LoopbackEchoServer(echo: false);
        await using LatencyProxy proxy = await LatencyProxy.StartAsync(upstream.EndPoint,
            new LatencyProxyOptions { MaxBufferedBytes = Cap }).DefaultTimeout();
        using Socket client = await ConnectAsync(proxy);
        Socket server = await upstream.Accepted.Task.DefaultTimeout();
        byte[] payload = new byte[32 * 1024 * 1024];
        new Random(9).NextBytes(payload);

        Task sending = SendInPiecesAsync(client, payload);
        long full = await WaitForBufferedAsync(proxy, Cap).DefaultTimeout();
        bool sendDoneWhileBlocked = sending.IsCompleted;
        byte[] received = await ReceiveExactlyAsync(server, payload.Length).DefaultTimeout();
        await sending.DefaultTimeout();

        Assert.Equal(Cap, full);
        Assert.False(sendDoneWhileBlocked, "32 MiB cannot fit in the proxy's cap plus the socket buffers");
        Assert.True(payload.AsSpan().SequenceEqual(received), "bytes were lost or reordered across the pause");
        Assert.InRange(proxy.BufferedBytes, 0, Cap);
    }

    [Fact]
    public async Task DisposeAsync_OpenConnection_ClientSeesConnectionEnd()
    {
        await using var echo = new LoopbackEchoServer();
        LatencyProxy proxy = await LatencyProxy.StartAsync(echo.EndPoint).DefaultTimeout();
        using Socket client = await ConnectAsync(proxy);
        await MeasureRoundTripsAsync(client, count: 1).DefaultTimeout();

        await proxy.DisposeAsync().DefaultTimeout();
        int read;
        try
        {
            read = await client.ReceiveAsync(new byte[1], SocketFlags.None).DefaultTimeout();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        Assert.Equal(1, proxy.AcceptedConnections);
    }

    [Fact]
    public async Task Connect_NoUpstreamListening_ClientConnectionEnds()
    {
        int freePort;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            freePort = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }

        await using LatencyProxy proxy = await LatencyProxy.StartAsync(new IPEndPoint(IPAddress.Loopback, freePort)).DefaultTimeout();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        int read;
        try
        {
            // The reset may already be there when the connect completes, or arrive while we read.
            await client.ConnectAsync(proxy.EndPoint).DefaultTimeout();
            read = await client.ReceiveAsync(new byte[1], SocketFlags.None).DefaultTimeout();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        Assert.Equal(0, read);
        Assert.Equal(1, proxy.AcceptedConnections);
    }

    private static async Task<Socket> ConnectAsync(LatencyProxy proxy)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(proxy.EndPoint).DefaultTimeout();
        return client;
    }

    private static async Task SendInPiecesAsync(Socket socket, byte[] payload)
    {
        // Irregular write sizes, so chunk boundaries do not line up with anything.
        var random = new Random(1);
        int offset = 0;
        while (offset < payload.Length)
        {
            int length = Math.Min(payload.Length - offset, random.Next(1, 40_000));
            offset += await socket.SendAsync(payload.AsMemory(offset, length), SocketFlags.None);
        }
    }

    private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int length)
    {
        byte[] received = new byte[length];
        int total = 0;
        while (total < length)
        {
            int read = await socket.ReceiveAsync(received.AsMemory(total), SocketFlags.None);
            Assert.NotEqual(0, read);
            total += read;
        }

        return received;
    }

    private static async Task<TimeSpan[]> MeasureRoundTripsAsync(Socket client, int count)
    {
        var roundTrips = new TimeSpan[count];
        byte[] one = new byte[1];
        for (int i = 0; i < count; i++)
        {
            one[0] = (byte)i;
            long start = TimeProvider.System.GetTimestamp();
            await client.SendAsync(one, SocketFlags.None);
            int read = await client.ReceiveAsync(one, SocketFlags.None);
            roundTrips[i] = TimeProvider.System.GetElapsedTime(start);
            Assert.Equal(1, read);
            Assert.Equal((byte)i, one[0]);
        }

        return roundTrips;
    }

    private static async Task<long> WaitForBufferedAsync(LatencyProxy proxy, long cap)
    {
        // The phase barrier is the proxy's own counter: it fills up to exactly the cap and stays there while the
        // upstream does not read. Polled on a timer (not a sleep that guesses a duration), and the
        // caller puts the usual deadline on it.
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (true)
        {
            long buffered = proxy.BufferedBytes;
            Assert.InRange(buffered, 0, cap);
            if (buffered == cap)
            {
                return buffered;
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
