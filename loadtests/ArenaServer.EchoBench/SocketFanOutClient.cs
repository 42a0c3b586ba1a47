using System.Buffers.Binary;

namespace ArenaServer.EchoBench;

/// <summary>The fan-out client on the runtime's sockets: one async receive loop per <see cref="RawWebSocket"/>.</summary>
internal sealed class SocketFanOutClient : IFanOutClient
{
    private readonly RawWebSocket?[] _sockets;
    private readonly RawWebSocket[] _open;
    private readonly CancellationTokenSource _cancellation = new();
    private Receiver[] _receivers = [];
    private Task[] _running = [];

    private SocketFanOutClient(RawWebSocket?[] sockets, int failed, string? firstError)
    {
        _sockets = sockets;
        _open = sockets.Where(s => s is not null).ToArray()!;
        Failed = failed;
        FirstError = firstError;
    }

    public int Open => _open.Length;

    public int Failed { get; }

    public string? FirstError { get; }

    public static async Task<SocketFanOutClient> OpenAsync(LoopbackTarget target, int connections, int messageSize,
        CancellationToken cancellationToken)
    {
        (RawWebSocket?[] sockets, int failed, string? firstError) =
            await ConnectionOpener.OpenAsync(target, connections, messageSize + 64, cancellationToken);
        return new SocketFanOutClient(sockets, failed, firstError);
    }

    public void Start(FanOutDelivered delivered, Action<Exception> fail)
    {
        CancellationToken token = _cancellation.Token;
        _receivers = _open.Select(socket => new Receiver(socket)).ToArray();
        _running = _receivers.Select(r => Task.Run(() => r.RunAsync(delivered, fail, token))).ToArray();
    }

    public ValueTask SendTriggerAsync(byte[] frame, CancellationToken cancellationToken) =>
        _open[0].SendAsync(frame, cancellationToken);

    public async Task<ClientLoops> StopAsync()
    {
        _cancellation.Cancel();
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(10));
        ClientLoops result = new();
        foreach (Receiver receiver in _receivers)
        {
            result.Add(receiver.Histogram, null);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        _cancellation.Cancel();
        await ConnectionOpener.CloseAllAsync(_sockets);
        _cancellation.Dispose();
    }

    /// <summary>One connection's receive loop and its own delivery-latency histogram.</summary>
    private sealed class Receiver(RawWebSocket socket)
    {
        public LatencyHistogram Histogram { get; } = new();

        public async Task RunAsync(FanOutDelivered delivered, Action<Exception> fail, CancellationToken cancellationToken)
        {
            byte[] head = new byte[sizeof(int)];
            try
            {
                while (true)
                {
                    ReceivedMessage message = await socket.ReceiveMessageAsync(head, cancellationToken);
                    if (message.Opcode == RawWebSocket.OpcodeClose)
                    {
                        return;
                    }

                    delivered(Histogram, BinaryPrimitives.ReadInt32LittleEndian(head));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException || cancellationToken.IsCancellationRequested)
            {
                // The run is over.
            }
            catch (Exception ex)
            {
                fail(ex);
            }
        }
    }
}
