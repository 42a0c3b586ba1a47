using System.Text;
using ArenaServer.Transport;

namespace ArenaServer.Transport.Tests.Infrastructure;

/// <summary>Accepts every WebSocket request with one shared <see cref="RecordingWebSocketHandler"/>, echoing; answers
/// plain HTTP with 200 "hello" (or the request body for POST).</summary>
internal sealed class TestRequestHandler : IHttpRequestHandler
{
    public RecordingWebSocketHandler WebSocket { get; init; } = new();

    public IWebSocketHandler? Custom { get; init; }

    public long? MaxMessageSize { get; init; }

    public TaskCompletionSource<HttpRequestContext> Requests { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask HandleAsync(HttpRequestContext context, CancellationToken cancellationToken)
    {
        Requests.TrySetResult(context);
        if (context.IsWebSocketRequest)
        {
            string? subprotocol = context.WebSocketHandshake?.Subprotocols.FirstOrDefault();
            await context.AcceptWebSocketAsync(new WebSocketAcceptOptions { Subprotocol = subprotocol, MaxMessageSize = MaxMessageSize },
                Custom ?? WebSocket, cancellationToken);
            return;
        }

        if (context.Head.Method == "POST")
        {
            System.Buffers.ReadOnlySequence<byte>? body = await context.ReadBodyAsync(1024, cancellationToken);
            if (body is { } bytes)
            {
                await context.RespondAsync(200, "application/octet-stream", System.Buffers.BuffersExtensions.ToArray(bytes),
                    cancellationToken: cancellationToken);
            }

            return;
        }

        await context.RespondAsync(200, "text/plain", Encoding.UTF8.GetBytes("hello"), cancellationToken: cancellationToken);
    }
}
