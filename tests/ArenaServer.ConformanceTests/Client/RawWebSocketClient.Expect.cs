using System.Diagnostics.CodeAnalysis;
using System.Text;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests.Client;

internal sealed partial class RawWebSocketClient
{
    public Task ExpectTextAsync(string text) => ExpectMessageAsync(MessageKind.Text, Encoding.UTF8.GetBytes(text));

    public Task ExpectTextAsync(byte[] utf8) => ExpectMessageAsync(MessageKind.Text, utf8);

    public Task ExpectBinaryAsync(byte[] payload) => ExpectMessageAsync(MessageKind.Binary, payload);

    public Task ExpectPongAsync(byte[] payload) => ExpectMessageAsync(MessageKind.Pong, payload);

    public Task ExpectPongAsync(string payload) => ExpectMessageAsync(MessageKind.Pong, Encoding.UTF8.GetBytes(payload));

    /// <summary>The next thing the server sends must be exactly this message.</summary>
    public async Task ExpectMessageAsync(MessageKind kind, byte[] expected)
    {
        _waitingFor = $"waiting for {kind}({expected.Length} bytes)";
        ReceivedMessage received = await ReceiveAsync();
        if (received.Kind != kind || !received.Payload.AsSpan().SequenceEqual(expected))
        {
            string shown = $"{kind}({expected.Length} bytes: {ReceivedMessage.Preview(expected, kind == MessageKind.Text)})";
            Fail($"Expected {shown} but the server sent {received}.");
        }
    }

    /// <summary>
    /// The next thing the server sends must be a Close frame with one of <paramref name="acceptedCodes"/> (1005:
    /// no status code); the client then answers with its own Close (unless it already sent one) and the server must
    /// end the TCP connection without sending anything more (RFC 6455 §5.5.1, §7.1.1).
    /// </summary>
    public async Task ExpectCloseAsync(params int[] acceptedCodes)
    {
        string expected = $"Close({string.Join(" or ", acceptedCodes)})";
        _waitingFor = $"waiting for {expected}";
        ReceivedMessage received = await ReceiveAsync();
        if (received.Kind != MessageKind.Close)
        {
            Fail($"Expected {expected} but the server sent {received}.");
        }

        if (!acceptedCodes.Contains(received.CloseCode))
        {
            Fail($"Expected {expected} but the server sent {received}.");
        }

        bool replied = false;
        if (!_closeSent && _frameAligned)
        {
            replied = true;
            // RFC 6455 §5.5.1: the endpoint that receives a Close answers with a Close, echoing the code; never in
            // the middle of a half-sent frame (fail-fast cases), where it would only be more payload bytes.
            await SendCloseAsync(received.CloseCode == 1005 ? null : received.CloseCode);
        }

        // Without a reply to wait for (we are inside a frame, or our Close was the malformed frame itself) a server
        // may hold the connection for its close timeout (Transport:CloseTimeout, 2 s) before it drops TCP.
        _readTimeout = replied
            ? TaskTimeoutExtensions.DefaultTimeoutValue
            : TaskTimeoutExtensions.DefaultTimeoutValue + TimeSpan.FromSeconds(5);
        await ExpectTcpClosedAsync();
    }

    /// <summary>After the Close handshake the server must close the TCP connection (RFC 6455 §7.1.1).</summary>
    public async Task ExpectTcpClosedAsync()
    {
        _waitingFor = "waiting for the server to close the TCP connection after the Close handshake (§7.1.1)";
        ReceivedMessage received = await ReceiveAsync();
        if (received.Kind != MessageKind.TcpClosed)
        {
            Fail($"Expected the server to close the TCP connection but it sent {received}.");
        }
    }

    /// <summary>Fails the test, naming the Autobahn case so that the failure list reads like an Autobahn report.</summary>
    [DoesNotReturn]
    public void Fail(string message) => Assert.Fail(CaseId is null ? message : $"[{CaseId}] {message}");

    /// <summary>The clean end of every passing case: Close(1000) from us, Close(1000) back, TCP closed by the server.</summary>
    public async Task CloseNormallyAsync()
    {
        await SendCloseAsync(1000);
        await ExpectCloseAsync(1000);
    }
}
