namespace ArenaServer.WebSockets.Tests;

/// <summary>
/// A deterministic duplex stream for oracle tests: the peer under test reads what <see cref="Feed"/> supplied (in reads of
/// at most <see cref="MaxReadSize"/> bytes, to exercise partial reads) and everything it writes is collected for <see cref="TakeWritten"/>; disposal (the BCL closes it) keeps both.
/// </summary>
internal sealed class InMemoryDuplexStream : Stream
{
    private readonly Queue<byte> _inbound = new();
    private readonly List<byte> _outbound = [];

    public int MaxReadSize { get; init; } = int.MaxValue;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }


    public void Feed(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            _inbound.Enqueue(b);
        }
    }

    public byte[] TakeWritten()
    {
        byte[] bytes = [.. _outbound];
        _outbound.Clear();
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Returning 0 means end of stream: a test that under-feeds fails loudly instead of hanging.
        int count = Math.Min(Math.Min(buffer.Length, MaxReadSize), _inbound.Count);
        for (int i = 0; i < count; i++)
        {
            buffer[i] = _inbound.Dequeue();
        }

        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _outbound.AddRange(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _outbound.AddRange(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
