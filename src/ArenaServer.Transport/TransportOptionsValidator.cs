using Microsoft.Extensions.Options;

namespace ArenaServer.Transport;

/// <summary>Checks <see cref="TransportOptions"/> at startup, naming the bad key (CONVENTIONS.md §25).</summary>
public sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? failure = GetFailure(options);
        return failure is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failure);
    }

    /// <summary>Returns the first problem with <paramref name="options"/>, or <see langword="null"/> when they are valid.</summary>
    /// <param name="options">The options to check.</param>
    /// <returns>A message naming the configuration key, or <see langword="null"/>.</returns>
    public static string? GetFailure(TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxMessageSize <= 0)
        {
            return "Arena:Transport:MaxMessageSize must be positive.";
        }

        if (options.MaxReadBufferSize < 1024 || options.MaxWriteBufferSize < 1024)
        {
            return "Arena:Transport:MaxReadBufferSize and MaxWriteBufferSize must be at least 1024 bytes.";
        }

        if (options.MaxRequestHeadSize < 256)
        {
            return "Arena:Transport:MaxRequestHeadSize must be at least 256 bytes.";
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero || options.CloseTimeout <= TimeSpan.Zero ||
            options.PingInterval <= TimeSpan.Zero || options.SlowConsumerTimeout <= TimeSpan.Zero)
        {
            return "Arena:Transport timeouts (HandshakeTimeout, CloseTimeout, PingInterval, SlowConsumerTimeout) must be positive.";
        }

        if (options.PongTimeout <= options.PingInterval)
        {
            return "Arena:Transport:PongTimeout must exceed Arena:Transport:PingInterval.";
        }

        if (options.OutboundQueueCapacity <= 0)
        {
            return "Arena:Transport:OutboundQueueCapacity must be positive.";
        }

        if (options.MaxConnections <= 0)
        {
            return "Arena:Transport:MaxConnections must be positive.";
        }

        if (!Enum.IsDefined(options.IoEngine))
        {
            return "Arena:Transport:IoEngine must be Sockets, Epoll, IoUring or Auto.";
        }

        if (options.IoUringRings is < 1 or > 64)
        {
            return "Arena:Transport:IoUringRings must be between 1 and 64.";
        }

        if (options.EpollLoops is < 1 or > 64)
        {
            return "Arena:Transport:EpollLoops must be between 1 and 64.";
        }

        return null;
    }
}
