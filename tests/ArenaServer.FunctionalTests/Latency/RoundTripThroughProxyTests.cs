using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using ArenaServer.Testing.Latency;
using ArenaServer.Tests;
using ArenaServer.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>Issue 5's proof at the transport level: the server's Ping/Pong samples, smoothed by
/// <see cref="Transport.Latency.RttEstimator"/>, report the latency the proxy injects. The client is the BCL
/// <see cref="ClientWebSocket"/>, which answers Pings by itself, as browsers do.</summary>
[Collection(LatencyCollection.Name)]
public sealed class RoundTripThroughProxyTests
{
    private static readonly TimeSpan s_pingInterval = TimeSpan.FromMilliseconds(200);

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task PingPong_50MsEachWay_SmoothedRttIs100MsWithin10ByFifthSample()
    {
        await using Session session = await Session.StartAsync(new LatencyProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50) });

        // "Within 5 ping intervals": the estimate after the fifth sample (the first already sets SRTT to the sample).
        var estimates = await session.Recorder.WaitForSamplesAsync(5).DefaultTimeout();

        AssertInRange(estimates[^1].Smoothed.TotalMilliseconds, 90, 110, estimates);
        Assert.All(estimates, e => Assert.True(e.Sample >= TimeSpan.FromMilliseconds(99), $"a sample of {e.Sample} beat the injected delay"));
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task PingPong_NoDelay_SmoothedRttBelow5Ms()
    {
        await using Session session = await Session.StartAsync(new LatencyProxyOptions());

        var estimates = await session.Recorder.WaitForSamplesAsync(5).DefaultTimeout();

        AssertInRange(estimates[^1].Smoothed.TotalMilliseconds, 0, 5, estimates);
    }

    [Fact]
    [Trait("Category", "RealTime")]
    public async Task PingPong_20MsJitterEachWay_EstimatedJitterWithinFactorTwoOfInjected()
    {
        // Each way draws 50 ± 20 ms, so samples spread over 60..140 ms. RTTVAR starts at R/2 (about 50 ms) and decays by
        // 3/4 per sample, so after 16 samples the start-up bias is below 1 ms and RTTVAR estimates the mean deviation
        // of the samples: 2/3 of 20 ms for the sum of two uniform delays. One EWMA reading spreads about ±3.5 ms around
        // that, so the seed is fixed: with seed 18 the draws of this connection give RTTVAR ≈ 17 ms (15 to 21.5 ms
        // if the handshake took one chunk more or less in either direction), inside the factor of two.
        TimeSpan injected = TimeSpan.FromMilliseconds(20);
        await using Session session = await Session.StartAsync(
            new LatencyProxyOptions { OneWayDelay = TimeSpan.FromMilliseconds(50), Jitter = injected, Seed = 18 });

        var estimates = await session.Recorder.WaitForSamplesAsync(16).DefaultTimeout();
        double[] samples = estimates.Select(e => e.Sample.TotalMilliseconds).ToArray();

        Assert.All(samples, sample => Assert.True(sample >= 60 - 1, $"a sample of {sample} ms beat the injected minimum"));
        Assert.True(samples.Max() - samples.Min() >= 10, "the injected jitter is not there");
        AssertInRange(estimates[^1].Jitter.TotalMilliseconds, injected.TotalMilliseconds / 2, injected.TotalMilliseconds * 2, estimates);
        AssertInRange(estimates[^1].Smoothed.TotalMilliseconds, 85, 120, estimates);
    }

    private static void AssertInRange(double value, double low, double high,
        (TimeSpan Sample, TimeSpan Smoothed, TimeSpan Jitter)[] estimates)
    {
        // Real time on a shared machine: name the samples, so a failure shows whether the path or the math was off.
        Assert.True(value >= low && value <= high, $"{value:F2} ms is outside [{low}, {high}] ms; samples (ms): " +
            string.Join(", ", estimates.Select(e => e.Sample.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture))));
    }

    /// <summary>A listener with a short ping interval, the proxy in front of it and a connected, reading client.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly ArenaListener _listener;
        private readonly LatencyProxy _proxy;
        private readonly ClientWebSocket _client;
        private readonly Task _receiving;

        private Session(RoundTripRecorder recorder, ArenaListener listener, LatencyProxy proxy, ClientWebSocket client)
        {
            Recorder = recorder;
            _listener = listener;
            _proxy = proxy;
            _client = client;

            // The BCL client processes control frames (and answers Pings) only while a receive is pending.
            _receiving = client.ReceiveAsync(new byte[1024], CancellationToken.None);
        }

        public RoundTripRecorder Recorder { get; }

        public static async Task<Session> StartAsync(LatencyProxyOptions proxyOptions)
        {
            var recorder = new RoundTripRecorder();
            var options = new TransportOptions { PingInterval = s_pingInterval, PongTimeout = TimeSpan.FromSeconds(5) };
            var listener = new ArenaListener(new IPEndPoint(IPAddress.Loopback, 0), options, recorder, NullLoggerFactory.Instance,
                new FastHeartbeatTimeProvider(TimeSpan.FromMilliseconds(20)));
            listener.Start();
            LatencyProxy proxy = await LatencyProxy.StartAsync(listener.LocalEndPoint, proxyOptions).DefaultTimeout();
            Uri uri = new($"ws://{proxy.EndPoint}/ws");

            // Warm-up: the first Pings and Pongs of the process JIT-compile the server's, the proxy's and the client's paths.
            using (ClientWebSocket warmUp = CreateClient())
            {
                await warmUp.ConnectAsync(uri, CancellationToken.None).DefaultTimeout();
                Task<WebSocketReceiveResult> pending = warmUp.ReceiveAsync(new byte[16], CancellationToken.None);
                await recorder.WarmedUp.Task.DefaultTimeout();
                warmUp.Abort();
                await Assert.ThrowsAnyAsync<Exception>(() => pending).DefaultTimeout();
            }

            ClientWebSocket client = CreateClient();
            await client.ConnectAsync(uri, CancellationToken.None).DefaultTimeout();
            return new Session(recorder, listener, proxy, client);
        }

        private static ClientWebSocket CreateClient()
        {
            var client = new ClientWebSocket();
            client.Options.KeepAliveInterval = TimeSpan.Zero;   // no unsolicited client Pongs in the measurement
            return client;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Abort();
            _client.Dispose();
            await Assert.ThrowsAnyAsync<Exception>(() => _receiving).DefaultTimeout();
            await _proxy.DisposeAsync().DefaultTimeout();
            await _listener.DisposeAsync().DefaultTimeout();
        }
    }
}
