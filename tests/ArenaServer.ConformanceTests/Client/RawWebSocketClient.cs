using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ArenaServer.ConformanceTests.Infrastructure;
using ArenaServer.Tests;

namespace ArenaServer.ConformanceTests.Client;

/// <summary>
/// The independent peer of the conformance suite: an RFC 6455 client written directly on a <see cref="Socket"/>.
/// It sends arbitrary bytes (malformed frames, octet-wise chops, half-sent frames), checks every server frame
/// strictly, and tells a Close frame apart from a bare TCP drop.
/// </summary>
/// <remarks>
/// One test drives one client: receive calls are not concurrent with each other; one send may run concurrently
/// with receives (large echoes). Server Pings are answered with Pongs only between whole client frames.
/// </remarks>
internal sealed partial class RawWebSocketClient : IAsyncDisposable
{
    private const int DefaultWriteChunk = 256 * 1024;

    private readonly Socket _socket;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly List<byte[]> _pendingPongs = [];
    private bool _frameAligned = true;
    private bool _closeSent;

    private RawWebSocketClient(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>The Autobahn case (or RFC section) this connection serves, prefixed to every failure message.</summary>
    public string? CaseId { get; set; }

    /// <summary>The server's 101 response to the opening handshake (null for raw connections).</summary>
    public RawHttpResponse? HandshakeResponse { get; private set; }

    /// <summary>True once a send failed because the server had already closed or reset the connection.</summary>
    public bool SendFailed { get; private set; }

    /// <summary>Number of Pings the server sent (answered automatically, never surfaced as messages).</summary>
    public int ServerPings { get; private set; }

    /// <summary>Opens a TCP connection without any handshake, for raw HTTP and handshake-negative tests.</summary>
    public static async Task<RawWebSocketClient> ConnectRawAsync(IPEndPoint endPoint, string? caseId = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new RawWebSocketClient(socket) { CaseId = caseId };
        try
        {
            await socket.ConnectAsync(endPoint, client._lifetime.Token).DefaultTimeout();
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects and performs the opening handshake (RFC 6455 §4.1), validating the 101 response.</summary>
    public static async Task<RawWebSocketClient> ConnectAsync(
        IPEndPoint endPoint, string path, string? caseId = null, IEnumerable<string>? extraHeaders = null)
    {
        RawWebSocketClient client = await ConnectRawAsync(endPoint, caseId);
        try
        {
            string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            string request = HandshakeRequest.Create(endPoint, path, key, extraHeaders);
            await client.SendAsync(Encoding.ASCII.GetBytes(request));
            RawHttpResponse response = await client.ReadHttpResponseHeadAsync();
            client.HandshakeResponse = response;
            HandshakeRequest.AssertValidUpgrade(response, key, caseId);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Sends bytes as they are, in writes of <paramref name="chopSize"/> bytes (0: as few writes as possible).
    /// With Nagle off, each chop leaves as its own TCP segment, like Autobahn's "octet-wise chops".
    /// A send into a connection the server already closed is recorded in <see cref="SendFailed"/>, not thrown:
    /// after a protocol violation the server is expected to close while the rest is still being sent.
    /// </summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, int chopSize = 0, bool endsFrameAligned = true)
    {
        await _writeLock.WaitAsync(_lifetime.Token).DefaultTimeout();
        try
        {
            _frameAligned = false;
            int chunk = chopSize > 0 ? chopSize : DefaultWriteChunk;
            for (int offset = 0; offset < bytes.Length && !SendFailed; offset += chunk)
            {
                await WriteCoreAsync(bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset)));
            }

            _frameAligned = endsFrameAligned;
            if (_frameAligned)
            {
                byte[][] pongs;
                lock (_pendingPongs)
                {
                    pongs = [.. _pendingPongs];
                    _pendingPongs.Clear();
                }

                foreach (byte[] pong in pongs)
                {
                    if (!_closeSent)
                    {
                        await WriteCoreAsync(FrameBuilder.Build(Opcode.Pong, pong));
                    }
                }
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends whole frames in one write, one write per frame, or one write per octet.</summary>
    public async Task SendFramesAsync(Chopping chopping, params byte[][] frames)
    {
        switch (chopping)
        {
            case Chopping.OneWrite:
                await SendAsync(FrameBuilder.Concat(frames));
                break;
            case Chopping.FrameWise:
                foreach (byte[] frame in frames)
                {
                    await SendAsync(frame);
                }

                break;
            default:
                foreach (byte[] frame in frames)
                {
                    await SendAsync(frame, chopSize: 1);
                }

                break;
        }
    }

    public Task SendFrameAsync(byte opcode, ReadOnlySpan<byte> payload, bool fin = true, byte rsv = 0, int chopSize = 0)
        => SendAsync(FrameBuilder.Build(opcode, payload, fin, rsv), chopSize);

    public Task SendTextAsync(string text, int chopSize = 0)
        => SendFrameAsync(Opcode.Text, Encoding.UTF8.GetBytes(text), chopSize: chopSize);

    public Task SendPingAsync(ReadOnlySpan<byte> payload, int chopSize = 0)
        => SendFrameAsync(Opcode.Ping, payload, chopSize: chopSize);

    /// <summary>Sends a Close frame; afterwards the client sends no automatic Pongs (RFC 6455 §5.5.1).</summary>
    public Task SendCloseAsync(int? code = 1000, ReadOnlySpan<byte> reason = default)
    {
        _closeSent = true;
        return SendAsync(FrameBuilder.Close(code, reason));
    }

    /// <summary>Sends a hand-built (possibly malformed) Close frame; counts as this client's Close.</summary>
    public Task SendCloseFrameAsync(byte[] frame)
    {
        _closeSent = true;
        return SendAsync(frame);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        _socket.Dispose();
        _lifetime.Dispose();
        _writeLock.Dispose();
    }

    private async Task WriteCoreAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            while (!bytes.IsEmpty)
            {
                int sent = await _socket.SendAsync(bytes, SocketFlags.None, _lifetime.Token).DefaultTimeout();
                bytes = bytes[sent..];
            }
        }
        catch (SocketException ex) when (IsPeerGone(ex.SocketErrorCode))
        {
            SendFailed = true;
        }
    }

    private async Task AnswerPingAsync(byte[] payload)
    {
        if (_closeSent)
        {
            return;
        }

        // RFC 6455 §5.5.3: answer with the same payload, but never inside a frame the test is still sending.
        if (_frameAligned && _writeLock.Wait(0))
        {
            try
            {
                await WriteCoreAsync(FrameBuilder.Build(Opcode.Pong, payload));
            }
            finally
            {
                _writeLock.Release();
            }
        }
        else
        {
            lock (_pendingPongs)
            {
                _pendingPongs.Add(payload);
            }
        }
    }

    private static bool IsPeerGone(SocketError error)
        => error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;
}
