using System.Net.WebSockets;
using System.Text;
using ArenaServer.Testing;
using ArenaServer.Transport.Tests.Infrastructure;
using SystemMessageType = System.Net.WebSockets.WebSocketMessageType;

namespace ArenaServer.Transport.Tests;

/// <summary><c>Arena:Transport:EpollInline</c>: where the epoll engine runs a connection's work. An upgraded plain-TCP
/// WebSocket's messages are handled on the loop's own thread exactly when it is on; the request head and the HTTP
/// handler never run on the loop.</summary>
public sealed class EpollInlineTests
{
    private const string LoopThreadPrefix = "arena-epoll-";

    private const int Messages = 4;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WebSocketMessages_RunOnTheLoopThread_ExactlyWhenInlineIsOn(bool inline)
    {
        if (!IoEngineTests.IsAvailable(TransportIoEngine.Epoll))
        {
            return; // the engine is refused there (IoEngineTests)
        }

        var handler = new TestRequestHandler();
        await using ArenaListener listener = TestListener.Start(handler,
            new TransportOptions { IoEngine = TransportIoEngine.Epoll, EpollInline = inline });
        using var client = new ClientWebSocket();
        await client.ConnectAsync(listener.WebSocketUri(), CancellationToken.None).DefaultTimeout();
        for (int i = 0; i < Messages; i++)
        {
            // One at a time: the server's receive parks between messages, so each one arrives through the loop.
            byte[] message = Encoding.UTF8.GetBytes($"m{i}");
            await client.SendAsync(message, SystemMessageType.Binary, true, default).DefaultTimeout();
            Assert.Equal(message, (await ArenaListenerTests.ReceiveAsync(client)).Payload);
        }

        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();
        Assert.Equal(inline, connection.RunsInline);
        if (inline)
        {
            // The first message may be read by the thread that took the socket over at the upgrade; the rest came
            // after a wait, so they ran where the loop put their wake-up: on its own thread. (Without inline they
            // mostly run on the pool, but not always: a loop that serves one busy connection for several turns in a
            // row runs it itself, whatever the option says, and the loops are shared with the suite's other tests.)
            string?[] threads = handler.WebSocket.MessageThreads.Skip(1).ToArray();
            Assert.Equal(Messages - 1, threads.Length);
            Assert.All(threads, name => Assert.StartsWith(LoopThreadPrefix, name ?? "", StringComparison.Ordinal));
        }

        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, default).DefaultTimeout();
    }

    [Fact]
    public async Task HttpRequestHandler_NeverRunsOnTheLoopThread()
    {
        if (!IoEngineTests.IsAvailable(TransportIoEngine.Epoll))
        {
            return;
        }

        var handler = new ThreadRecordingHandler();
        await using ArenaListener listener = TestListener.Start(handler,
            new TransportOptions { IoEngine = TransportIoEngine.Epoll, EpollInline = true });
        using var http = new HttpClient();
        for (int i = 0; i < 3; i++)
        {
            // A new connection each time, and a keep-alive one: neither head may be handled on the loop.
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{listener.LocalEndPoint.Port}/");
            request.Headers.ConnectionClose = i % 2 == 0;
            using HttpResponseMessage response = await http.SendAsync(request).DefaultTimeout();
            Assert.Equal("ok", await response.Content.ReadAsStringAsync().DefaultTimeout());
        }

        Assert.Equal(3, handler.Threads.Count);
        Assert.DoesNotContain(handler.Threads, name => name?.StartsWith(LoopThreadPrefix, StringComparison.Ordinal) == true);
    }

    private sealed class ThreadRecordingHandler : IHttpRequestHandler
    {
        public System.Collections.Concurrent.ConcurrentQueue<string?> Threads { get; } = new();

        public async ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
        {
            Threads.Enqueue(Thread.CurrentThread.Name);
            await context.RespondAsync(200, "text/plain", "ok"u8.ToArray(), cancellationToken: cancellationToken);
        }
    }
}
