using System.Net;
using System.Net.Sockets;

namespace ArenaServer.FunctionalTests.Latency;

/// <summary>A raw TCP echo server on <c>127.0.0.1:0</c>: the simplest upstream for proxy tests. A FIN from the client
/// is answered with a FIN after the echo.</summary>
internal sealed class LoopbackEchoServer : IAsyncDisposable
{
    private readonly Socket _listenSocket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    public LoopbackEchoServer(bool echo = true)
    {
        Echo = echo;
        _listenSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listenSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listenSocket.Listen(16);
        EndPoint = (IPEndPoint)_listenSocket.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Gets whether accepted sockets are echoed; when false they are handed to <see cref="Accepted"/> unread.</summary>
    public bool Echo { get; }

    public TaskCompletionSource<Socket> Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listenSocket.Dispose();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        if (Accepted.Task.IsCompletedSuccessfully)
        {
            Accepted.Task.Result.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listenSocket.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            if (!Echo)
            {
                Accepted.TrySetResult(socket);
                continue;
            }

            lock (_connections)
            {
                _connections.Add(EchoAsync(socket));
            }
        }
    }

    private async Task EchoAsync(Socket socket)
    {
        using (socket)
        {
            byte[] buffer = new byte[16 * 1024];
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                    if (read == 0)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                        return;
                    }

                    await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The client or the proxy reset the connection, or the test is over.
            }
        }
    }
}
