using System.Buffers;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArenaServer.Tests;
using ArenaServer.Transport.Tests.Infrastructure;
using ArenaServer.WebSockets;

namespace ArenaServer.Transport.Tests;

/// <summary>A gathered frame (per-recipient prefix + shared body + suffix, ARCHITECTURE.md §9) is byte for byte the
/// contiguous frame of the same payload, and shares its body without copying it.</summary>
public sealed class OutboundGatheredFrameTests
{
    private static byte[] Bytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static OutboundFrame Gather(Transport.WebSocketMessageType type, OutboundFrame body, ReadOnlySpan<byte> prefix,
        ReadOnlySpan<byte> suffix)
    {
        OutboundFrameWriter writer = OutboundFrame.RentPrefix(type, body);
        writer.Write(prefix);
        return writer.Complete(suffix);
    }

    private static byte[] ToArray(OutboundFrame frame)
    {
        var output = new ArrayBufferWriter<byte>();
        frame.WriteTo(output);
        return output.WrittenSpan.ToArray();
    }

    // Lengths around the 7-bit, 16-bit and 64-bit length encodings (RFC 6455 §5.2): the header must cover the total.
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(10, 100, 1)]
    [InlineData(10, 115, 0)]
    [InlineData(10, 116, 0)]
    [InlineData(20, 65_515, 1)]
    [InlineData(20, 65_516, 0)]
    [InlineData(17, 200_000, 1)]
    public void WriteTo_AnyLengths_SameBytesAsTheContiguousFrame(int prefixLength, int bodyLength, int suffixLength)
    {
        byte[] prefix = Bytes(prefixLength, 1);
        byte[] bodyBytes = Bytes(bodyLength, 2);
        byte[] suffix = Bytes(suffixLength, 3);
        OutboundFrame body = OutboundFrame.Create(Transport.WebSocketMessageType.Binary, bodyBytes);
        OutboundFrame gathered = Gather(Transport.WebSocketMessageType.Text, body, prefix, suffix);
        OutboundFrame contiguous = OutboundFrame.Create(Transport.WebSocketMessageType.Text, [.. prefix, .. bodyBytes, .. suffix]);

        byte[] expected = contiguous.Memory.ToArray();
        Assert.Equal(expected, ToArray(gathered));
        Assert.Equal(expected.Length, gathered.Length);
        Assert.Equal(contiguous.PayloadLength, gathered.PayloadLength);
        contiguous.Release();
        gathered.Release();
    }

    [Fact]
    public async Task WriteTo_BclClient_ReadsOneTextMessage()
    {
        OutboundFrame body = OutboundFrame.Create(Transport.WebSocketMessageType.Text, "{\"a\":1}"u8);
        OutboundFrame gathered = Gather(Transport.WebSocketMessageType.Text, body, "[66,7,3,1,"u8, "]"u8);

        // Oracle: the BCL's ManagedWebSocket in the client role (CONVENTIONS.md §39).
        using var stream = new MemoryStream(ToArray(gathered));
        using WebSocket client = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false });
        byte[] received = new byte[64];
        ValueWebSocketReceiveResult result = await client.ReceiveAsync(received.AsMemory(), CancellationToken.None);

        Assert.True(result.EndOfMessage);
        Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, result.MessageType);
        Assert.Equal("[66,7,3,1,{\"a\":1}]"u8.ToArray(), received[..result.Count]);
        gathered.Release();
    }

    [Fact]
    public void Release_GatheredFrames_BodyBufferReturnedOnlyAfterTheLastOne()
    {
        var pool = new CountingArrayPool();
        OutboundFrame body = OutboundFrame.Create(Opcode.Binary, Bytes(100, 4), pool);
        body.AddReference(2);
        OutboundFrame[] gathered =
        [
            Gather(Transport.WebSocketMessageType.Binary, body, [0x95, 0x42, 1], []),
            Gather(Transport.WebSocketMessageType.Binary, body, [0x95, 0x42, 2], []),
            Gather(Transport.WebSocketMessageType.Binary, body, [0x95, 0x42, 3], []),
        ];
        Assert.Equal(3, body.ReferenceCount);

        gathered[0].Release();
        gathered[2].Release();
        Assert.Equal(0, pool.Returned);
        Assert.Equal(103, ToArray(gathered[1]).Length - 2);
        gathered[1].Release();

        Assert.Equal(1, pool.Returned);
        Assert.Equal(pool.Rented, pool.Returned);
    }

    [Fact]
    public void RentPrefix_Misuse_Throws()
    {
        OutboundFrame body = OutboundFrame.Create(Transport.WebSocketMessageType.Binary, "b"u8);
        OutboundFrame gathered = Gather(Transport.WebSocketMessageType.Binary, body, "p"u8, []);

        Assert.Throws<InvalidOperationException>(() => gathered.Memory);
        Assert.Throws<InvalidOperationException>(() => gathered.Payload);
        Assert.Throws<ArgumentException>(() => OutboundFrame.RentPrefix(Transport.WebSocketMessageType.Binary, gathered));
        gathered.Release();
    }

    [Fact]
    public async Task TrySetSnapshot_GatheredFrames_WireHasTheContiguousBytes_AndCoalescingReleasesTheOlder()
    {
        const int BigFrame = 256 * 1024;
        const int Messages = 40;
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { MaxWriteBufferSize = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint, receiveBufferSize: 4096);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();
        for (int i = 0; i < Messages; i++)
        {
            Assert.Equal(EnqueueResult.Enqueued, connection.TrySend(Transport.WebSocketMessageType.Binary, new byte[BigFrame]));
        }

        // 10 MiB cannot fit in the socket buffers of a client that does not read: the write loop parks in its send.
        Assert.True(SpinWait.SpinUntil(() => connection.IsFlushPending, TaskTimeoutExtensions.DefaultTimeoutValue));

        var pool = new CountingArrayPool();
        byte[] bodyBytes = Bytes(1000, 5);
        OutboundFrame body = OutboundFrame.Create(Opcode.Binary, bodyBytes, pool);
        body.AddReference();
        OutboundFrame older = Gather(Transport.WebSocketMessageType.Binary, body, [0x95, 0x42, 0x01], []);
        OutboundFrame newer = Gather(Transport.WebSocketMessageType.Binary, body, [0x95, 0x42, 0x02], []);
        int olderGeneration = older.Generation;

        Assert.Equal(EnqueueResult.Enqueued, connection.TrySetSnapshot(older));
        Assert.Equal(EnqueueResult.Coalesced, connection.TrySetSnapshot(newer));
        Assert.True(older.IsReleased || older.Generation != olderGeneration);
        Assert.Equal(1, body.ReferenceCount);
        for (int i = 0; i < Messages; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? message = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal(BigFrame, message!.Value.Payload.Length);
        }

        (byte Opcode, bool Fin, byte[] Payload)? received = await client.ReceiveFrameAsync().DefaultTimeout();

        Assert.Equal((byte)0x2, received!.Value.Opcode);
        Assert.True(received.Value.Fin);
        Assert.Equal([0x95, 0x42, 0x02, .. bodyBytes], received.Value.Payload);
        Assert.True(SpinWait.SpinUntil(() => pool.Returned == 1, TaskTimeoutExtensions.DefaultTimeoutValue));
        Assert.Equal(pool.Rented, pool.Returned);
    }

    // A batch holds up to 256 frames; gathered ones are 3 iovecs each (768, under Linux's IOV_MAX of 1024).
    [Fact]
    public async Task TryEnqueue_ManyGatheredFramesInOneBatch_AllArriveInOrderWithTheirOwnPrefix()
    {
        const int Frames = 600;
        var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
        await using ArenaListener listener = TestListener.Start(handler, new TransportOptions { OutboundQueueCapacity = 1024 });
        using RawWebSocketClient client = await RawWebSocketClient.ConnectWebSocketAsync(listener.LocalEndPoint);
        WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();
        var pool = new CountingArrayPool();
        byte[] bodyBytes = Bytes(40, 6);
        OutboundFrame body = OutboundFrame.Create(Opcode.Binary, bodyBytes, pool);
        body.AddReference(Frames - 1);
        for (int i = 0; i < Frames; i++)
        {
            OutboundFrame frame = Gather(Transport.WebSocketMessageType.Binary, body, BitConverter.GetBytes(i), [0xC3]);
            Assert.Equal(EnqueueResult.Enqueued, connection.TryEnqueue(frame));
        }

        for (int i = 0; i < Frames; i++)
        {
            (byte Opcode, bool Fin, byte[] Payload)? received = await client.ReceiveFrameAsync().DefaultTimeout();
            Assert.Equal([.. BitConverter.GetBytes(i), .. bodyBytes, 0xC3], received!.Value.Payload);
        }

        Assert.True(SpinWait.SpinUntil(() => pool.Returned == 1, TaskTimeoutExtensions.DefaultTimeoutValue));
    }

    // TLS goes through the pipe path (WriteTo into the PipeWriter, then SslStream), not the gathered socket send.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_GatheredFrameOverTlsOrPlain_ClientReadsPrefixBodySuffixAsOneMessage(bool tls)
    {
        string directory = Directory.CreateTempSubdirectory("arena-gather-").FullName;
        try
        {
            TlsOptions? tlsOptions = null;
            if (tls)
            {
                string pfxPath = Path.Combine(directory, "server.pfx");
                using X509Certificate2 certificate = CreateSelfSigned();
                await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pfx, "pw"));
                tlsOptions = new TlsOptions { CertificatePath = pfxPath, Password = "pw" };
            }

            var handler = new TestRequestHandler { WebSocket = new RecordingWebSocketHandler { Echo = false } };
            await using ArenaListener listener = TestListener.Start(handler, tls: tlsOptions);
            using var client = new ClientWebSocket();
            client.Options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            await client.ConnectAsync(listener.WebSocketUri(scheme: tls ? "wss" : "ws"), CancellationToken.None).DefaultTimeout();
            WebSocketConnection connection = await handler.WebSocket.Opened.Task.DefaultTimeout();
            byte[] bodyBytes = [.. Enumerable.Repeat((byte)'x', 3000)];
            OutboundFrame body = OutboundFrame.Create(Transport.WebSocketMessageType.Text, bodyBytes);

            Assert.Equal(EnqueueResult.Enqueued,
                connection.TrySetSnapshot(Gather(Transport.WebSocketMessageType.Text, body, "[66,9,4,1,"u8, "]"u8)));

            byte[] received = new byte[4096];
            int total = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await client.ReceiveAsync(received.AsMemory(total), CancellationToken.None).DefaultTimeout();
                total += result.Count;
            }
            while (!result.EndOfMessage);

            Assert.Equal(System.Net.WebSockets.WebSocketMessageType.Text, result.MessageType);
            Assert.Equal([.. "[66,9,4,1,"u8, .. bodyBytes, .. "]"u8], received[..total]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=arena-test", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
    }
}
