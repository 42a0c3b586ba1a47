using System.Net;
using System.Net.Sockets;
using ArenaServer.Testing;
using ArenaServer.Transport.Internal.Epoll;

namespace ArenaServer.Transport.Tests;

/// <summary>The epoll socket's wait for data (what an upgraded connection's read loop does between messages): it costs
/// no system call, may end on a stale signal, and the receive after it then reports "nothing" without parking, so an
/// idle connection never holds a receive buffer.</summary>
public sealed class EpollWaitForDataTests
{
    [Fact]
    public async Task Wait_ParksUntilDataArrives_ThenTheReceiveTakesIt()
    {
        using Pair? pair = await Pair.ConnectIfAvailableAsync();
        if (pair is null)
        {
            return; // the engine is refused there (IoEngineTests)
        }

        Task<int> wait = await ParkedWaitAsync(pair.Server);
        pair.Client.Send([1, 2, 3]);
        Assert.Equal(0, await wait.DefaultTimeout());

        byte[] buffer = new byte[16];
        Assert.Equal(3, await pair.Server.ReceiveAfterWaitAsync(buffer).AsTask().DefaultTimeout());
        Assert.Equal([1, 2, 3], buffer[..3]);
    }

    [Fact]
    public async Task StaleSignal_ReceiveReportsNothing_AndTheNextWaitParks()
    {
        using Pair? pair = await Pair.ConnectIfAvailableAsync();
        if (pair is null)
        {
            return; // the engine is refused there (IoEngineTests)
        }

        // A fresh socket may be readable as far as it knows: its wait ends at once although nothing was sent, the
        // receive reports nothing, and that EAGAIN makes the next wait park instead of spinning (all asserted there).
        Task<int> wait = await ParkedWaitAsync(pair.Server);
        pair.Client.Send([9]);
        Assert.Equal(0, await wait.DefaultTimeout());
        Assert.Equal(1, await pair.Server.ReceiveAfterWaitAsync(new byte[16]).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task PeerShutdown_EndsTheWait_AndTheReceiveSeesEndOfStream()
    {
        using Pair? pair = await Pair.ConnectIfAvailableAsync();
        if (pair is null)
        {
            return; // the engine is refused there (IoEngineTests)
        }

        Task<int> wait = await ParkedWaitAsync(pair.Server);
        pair.Client.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await wait.DefaultTimeout());
        Assert.Equal(0, await pair.Server.ReceiveAfterWaitAsync(new byte[16]).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task Close_EndsTheParkedWait_AndTheReceiveFailsAsDisposed()
    {
        using Pair? pair = await Pair.ConnectIfAvailableAsync();
        if (pair is null)
        {
            return; // the engine is refused there (IoEngineTests)
        }

        Task<int> wait = await ParkedWaitAsync(pair.Server);
        pair.Server.Close();
        Assert.Equal(0, await wait.DefaultTimeout());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Server.ReceiveAfterWaitAsync(new byte[16]).AsTask()).DefaultTimeout();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pair.Server.WaitForDataAsync().AsTask()).DefaultTimeout();
    }

    /// <summary>Ends the wait a fresh socket starts with (it may be readable as far as it knows) with the EAGAIN that
    /// makes the next wait park, and starts that next wait.</summary>
    private static async Task<Task<int>> ParkedWaitAsync(EpollSocket socket)
    {
        Assert.Equal(0, await socket.WaitForDataAsync().AsTask().DefaultTimeout());
        Assert.Equal(-1, await socket.ReceiveAfterWaitAsync(new byte[16]).AsTask().DefaultTimeout());
        ValueTask<int> wait = socket.WaitForDataAsync();
        Assert.False(wait.IsCompleted); // nothing was sent and the receive above saw EAGAIN: parked
        return wait.AsTask();
    }

    /// <summary>A loopback TCP connection whose server side is an <see cref="EpollSocket"/> on the process's loop.</summary>
    private sealed class Pair : IDisposable
    {
        private Pair(Socket client, EpollSocket server)
        {
            Client = client;
            Server = server;
        }

        public Socket Client { get; }

        public EpollSocket Server { get; }

        /// <returns><see langword="null"/> where epoll is not available.</returns>
        public static async Task<Pair?> ConnectIfAvailableAsync()
        {
            if (!IoEngineTests.IsAvailable(TransportIoEngine.Epoll))
            {
                return null;
            }

            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await client.ConnectAsync(listener.LocalEndPoint!).DefaultTimeout();
            Socket accepted = await listener.AcceptAsync().DefaultTimeout();
            EpollLoop loop = EpollEngine.TryGet(1, out string? error)?.Next() ?? throw new InvalidOperationException(error);
            var server = new EpollSocket(accepted, loop);
            Assert.Equal(0, loop.Register(server));
            return new Pair(client, server);
        }

        public void Dispose()
        {
            Server.Close();
            Client.Dispose();
        }
    }
}
