using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using ArenaServer.Transport.Internal.Uring;

namespace ArenaServer.Transport.Internal;

/// <summary>Moves bytes between a connected <see cref="Socket"/> and two pipes, like Kestrel's SocketConnection: a
/// receive pump (socket → input pipe, paused at MaxReadBufferSize) and a send pump (output pipe → socket).</summary>
/// <remarks>The application reads <see cref="Input"/> and writes <see cref="Output"/> from one read loop and one
/// write loop. On plain TCP the WebSocket write loop calls <see cref="DetachOutputAsync"/> after the 101 and from then
/// on sends its frames straight to <see cref="Socket"/> (gathered, no copy into a pipe, no send-pump hop); the
/// output pipe is then dropped. Likewise its read loop calls <see cref="DetachInputAsync"/> and from then on receives
/// straight from <see cref="Socket"/> into a buffer it rents only while bytes are waiting; the input pipe and the
/// receive pump are dropped, so an idle WebSocket holds neither. <see cref="Abort"/> may be called from any thread
/// (heartbeat, stop) and is idempotent.</remarks>
internal sealed class SocketConnection : IDuplexPipe
{
    // Kestrel's MinAllocBufferSize: half a pool block, so a receive never rents a tiny tail segment.
    private const int MinAllocBufferSize = 2048;

    private readonly Socket _socket;
    private readonly SocketSenderPool _senders;
    private readonly EngineSocket? _engine;
    private Pipe? _input;
    private Pipe? _output;
    private CancellationTokenSource? _receiveCancellation;
    private Task _receiveTask = Task.CompletedTask;
    private Task _sendTask = Task.CompletedTask;
    private int _aborted;
    private volatile bool _detached;

    /// <param name="socket">The accepted socket.</param>
    /// <param name="senders">The listener's send operations.</param>
    /// <param name="inputOptions">Options of the input pipe.</param>
    /// <param name="outputOptions">Options of the output pipe.</param>
    /// <param name="detachableInput">Whether <see cref="DetachInputAsync"/> may be called (plain TCP): the receive
    /// pump's reads then carry a token that stops it without losing a byte.</param>
    /// <param name="engine">Our own engine's socket (io_uring, epoll) that moves this socket's bytes, or
    /// <see langword="null"/> for the runtime's socket engine.</param>
    public SocketConnection(Socket socket, SocketSenderPool senders, PipeOptions inputOptions, PipeOptions outputOptions,
        bool detachableInput = false, EngineSocket? engine = null)
    {
        _socket = socket;
        _engine = engine;
        _senders = senders;
        _input = new Pipe(inputOptions);
        _output = new Pipe(outputOptions);
        _receiveCancellation = detachableInput ? new CancellationTokenSource() : null;
    }

    /// <summary>Options for the socket → application pipe: the receive pump pauses at MaxReadBufferSize.</summary>
    public static PipeOptions CreateInputOptions(int maxReadBufferSize)
        => new(MemoryPool<byte>.Shared, PipeScheduler.Inline, PipeScheduler.Inline, maxReadBufferSize, maxReadBufferSize / 2,
            useSynchronizationContext: false); // socket completions already run on the thread pool: no second hop
                                               // before the read loop (handlers must not block, IWebSocketHandler)

    /// <summary>Options for the application → socket pipe: the write loop's flush waits at MaxWriteBufferSize.</summary>
    public static PipeOptions CreateOutputOptions(int maxWriteBufferSize)
        => new(MemoryPool<byte>.Shared, PipeScheduler.Inline, PipeScheduler.ThreadPool, maxWriteBufferSize, maxWriteBufferSize / 2,
            useSynchronizationContext: false); // the send pump resumes inline on the write loop's flush: one thread hop less per batch

    /// <exception cref="InvalidOperationException">After <see cref="DetachInputAsync"/>.</exception>
    public PipeReader Input => (Volatile.Read(ref _input) ?? throw new InvalidOperationException("The input was detached.")).Reader;

    /// <exception cref="InvalidOperationException">After <see cref="DetachOutputAsync"/>.</exception>
    public PipeWriter Output => (Volatile.Read(ref _output) ?? throw new InvalidOperationException("The output was detached.")).Writer;

    public bool IsAborted => Volatile.Read(ref _aborted) != 0;

    /// <summary>Gets the socket, for direct sends after <see cref="DetachOutputAsync"/>.</summary>
    public Socket Socket => _socket;

    /// <summary>Gets the listener's pool of send operations.</summary>
    public SocketSenderPool Senders => _senders;

    /// <summary>Gets the io_uring ring this socket's bytes move through, or <see langword="null"/>.</summary>
    public UringRing? Ring => (_engine as UringSocket)?.Ring;

    /// <summary>Receives from the socket (through our engine, or the runtime's); an empty buffer waits for data.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => _engine is { } engine ? engine.ReceiveAsync(buffer, cancellationToken) : _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    /// <summary>Waits until data may be there (<see cref="EngineSocket.WaitForDataAsync"/>; on the runtime's sockets a
    /// zero-byte receive); follow it with <see cref="ReceiveAfterWaitAsync"/>.</summary>
    public ValueTask<int> WaitForDataAsync()
        => _engine is { } engine ? engine.WaitForDataAsync() : _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);

    /// <summary>Receives after <see cref="WaitForDataAsync"/>: bytes, 0 at end of stream, or -1 when nothing was there.</summary>
    public ValueTask<int> ReceiveAfterWaitAsync(Memory<byte> buffer)
        => _engine is { } engine ? engine.ReceiveAfterWaitAsync(buffer) : _socket.ReceiveAsync(buffer, SocketFlags.None);

    /// <summary>Runs <paramref name="continuation"/>(<paramref name="sender"/>) when the send <paramref name="pending"/>
    /// (from <see cref="SendAsync"/>, not completed) completes; <see cref="SocketSender.PendingSend"/> then holds it,
    /// to read its outcome from.</summary>
    /// <remarks>On our engines the continuation is registered with the send operation itself (no allocation; on
    /// io_uring it runs on the ring's thread, on epoll on the loop's); on the runtime's sockets, whose sends rarely
    /// wait, through the task's awaiter.</remarks>
    public void OnSendCompleted(SocketSender sender, ValueTask<int> pending, Action<object?> continuation)
    {
        sender.PendingSend = pending;
        if (_engine is { } engine)
        {
            engine.OnSendCompleted(continuation, sender);
            return;
        }

        WhenSocketSendCompletes(sender, pending, continuation);
    }

    // A method of its own: the closure captures parameters, so the compiler would allocate it at the entry of any
    // method containing the lambda, on our engines' path too (32 B per send, found with an allocation-tick listener).
    private static void WhenSocketSendCompletes(SocketSender sender, ValueTask<int> pending, Action<object?> continuation)
        => pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => continuation(sender));

    /// <summary>Sends every segment added to <paramref name="sender"/> (one gathered send, then the rest after a partial one).</summary>
    public ValueTask<int> SendAsync(SocketSender sender)
        => _engine is { } engine && sender.SegmentCount > 0 ? engine.SendAsync(sender.Segments, sender.PendingBytes) : sender.SendAddedAsync(_socket);

    /// <summary>Ends the output pipe once everything written to it (the 101) is on the socket, without shutting the
    /// socket down, so the caller can send straight to <see cref="Socket"/>; the pipe is then released.</summary>
    public async Task DetachOutputAsync()
    {
        Pipe output = _output ?? throw new InvalidOperationException("The output was already detached.");
        _detached = true;
        await output.Writer.CompleteAsync().ConfigureAwait(false);
        await _sendTask.ConfigureAwait(false);

        // An idle connection keeps neither the output pipe nor the finished send pump's state machine.
        Volatile.Write(ref _output, null);
        _sendTask = Task.CompletedTask;
    }

    /// <summary>Stops the receive pump and hands over the bytes it had already put in the input pipe (those after the
    /// request head), then releases the pipe; from then on the caller receives from <see cref="Socket"/> itself.</summary>
    /// <remarks>Cancelling a pending receive never loses data: a receive that already completed delivers its bytes to
    /// the pipe before the pump sees the cancellation. Called once, after the request head was consumed.</remarks>
    /// <returns>A rented buffer (return it to <see cref="ArrayPool{T}.Shared"/>) holding the waiting bytes at its
    /// start, or <see langword="null"/> when none were waiting.</returns>
    public async Task<(byte[]? Buffer, int Count)> DetachInputAsync(int minimumBufferSize)
    {
        CancellationTokenSource cancellation = _receiveCancellation
            ?? throw new InvalidOperationException("The input of this connection cannot be detached.");
        Pipe input = _input ?? throw new InvalidOperationException("The input was already detached.");
        await cancellation.CancelAsync().ConfigureAwait(false);
        input.Writer.CancelPendingFlush(); // a pump parked on backpressure (a client that sent MaxReadBufferSize early)
        await _receiveTask.ConfigureAwait(false);
        _receiveCancellation = null;
        cancellation.Dispose();

        byte[]? buffer = null;
        int count = 0;
        if (input.Reader.TryRead(out ReadResult result))
        {
            ReadOnlySequence<byte> waiting = result.Buffer;
            if (!waiting.IsEmpty)
            {
                count = (int)waiting.Length;
                buffer = ArrayPool<byte>.Shared.Rent(Math.Max(count, minimumBufferSize));
                waiting.CopyTo(buffer);
            }

            input.Reader.AdvanceTo(waiting.End);
        }

        await input.Reader.CompleteAsync().ConfigureAwait(false);
        Volatile.Write(ref _input, null);
        _receiveTask = Task.CompletedTask;
        return (buffer, count);
    }

    /// <summary>See <see cref="EngineSocket.AllowInlineCompletions"/>; nothing on the runtime's sockets.</summary>
    public void AllowInlineCompletions(bool always) => _engine?.AllowInlineCompletions(always);

    /// <summary>Gets whether the engine runs this connection's completions on its I/O thread.</summary>
    public bool RunsInline => _engine?.RunsInline == true;

    /// <summary>Completes the input pipe's reader (nothing to do once detached).</summary>
    public ValueTask CompleteInputAsync() => Volatile.Read(ref _input) is { } input ? input.Reader.CompleteAsync() : default;

    /// <summary>Completes the output: the send pump sends what is left, then FIN (nothing to do once detached).</summary>
    public ValueTask CompleteOutputAsync() => Volatile.Read(ref _output) is { } output ? output.Writer.CompleteAsync() : default;

    public void Start()
    {
        _receiveTask = ReceiveLoopAsync();
        _sendTask = SendLoopAsync();
    }

    /// <summary>Drops the TCP connection at once; pending reads end as a lost connection.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        try
        {
            if (_engine is not null)
            {
                _engine.Close(); // wakes what is parked (io_uring: the last completion disposes the socket)
            }
            else
            {
                // Linger 0 would send RST; a plain close is enough and lets already-sent bytes arrive.
                _socket.Dispose();
            }
        }
        catch (ObjectDisposedException)
        {
        }

        // Wake both pumps: a receive pump parked on backpressure and a send pump parked on an empty pipe.
        Volatile.Read(ref _input)?.Writer.CancelPendingFlush();
        Volatile.Read(ref _output)?.Reader.CancelPendingRead();
    }

    /// <summary>Waits until the send pump has written everything the application completed, then closes the socket
    /// (the server closes TCP first, RFC 6455 §7.1.1).</summary>
    public async Task CloseAsync()
    {
        await _sendTask.ConfigureAwait(false);
        if (_detached && !IsAborted)
        {
            try
            {
                // The write loop sent its last frame directly; FIN now, as the send pump would have.
                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (IsConnectionError(ex))
            {
            }
        }

        Abort();
        await _receiveTask.ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync()
    {
        PipeWriter writer = _input!.Writer;
        CancellationToken detaching = _receiveCancellation?.Token ?? default;
        try
        {
            bool filled = false;
            while (true)
            {
                // Zero-byte read: wait for data before renting a buffer, so an idle connection holds none
                // (Kestrel's WaitForDataBeforeAllocatingBuffer). Skipped right after a read that filled its whole
                // buffer: more bytes are almost surely waiting (a 4 KiB message spans a 4 KiB block and a tail), and
                // the extra recvfrom would only cost a syscall.
                if (!filled)
                {
                    await ReceiveAsync(Memory<byte>.Empty, detaching).ConfigureAwait(false);
                }

                Memory<byte> buffer = writer.GetMemory(MinAllocBufferSize);
                int received = await ReceiveAsync(buffer, detaching).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                filled = received == buffer.Length;

                writer.Advance(received);
                FlushResult flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (IsConnectionError(ex))
        {
            // The read loop sees a completed pipe and reports ConnectionLost (or the reason already recorded).
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        PipeReader reader = _output!.Reader;
        try
        {
            while (true)
            {
                ReadResult result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    break;
                }

                ReadOnlySequence<byte> buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    SocketSender sender = _senders.Rent();
                    try
                    {
                        // One gathered sendmsg for a multi-segment batch (a 4 KiB frame spans a pool block and a tail).
                        sender.AddAll(buffer);
                        await SendAsync(sender).ConfigureAwait(false);
                    }
                    finally
                    {
                        _senders.Return(sender);
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    if (!_detached)
                    {
                        _socket.Shutdown(SocketShutdown.Send);
                    }

                    break;
                }
            }
        }
        catch (Exception ex) when (IsConnectionError(ex))
        {
            // The write loop sees a completed pipe on its next flush.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    internal static bool IsConnectionError(Exception ex)
        => ex is SocketException or ObjectDisposedException or IOException or OperationCanceledException;
}
