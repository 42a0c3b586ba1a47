using ArenaServer.Transport;
using Microsoft.Extensions.Options;

namespace ArenaServer.Server.Options;

/// <summary>Stops a bad <c>Arena:Transport</c> section at startup, reporting every bad key at once, including the
/// cross-field rules.</summary>
/// <remarks>A superset of the transport's own <see cref="TransportOptionsValidator"/> (whose minimums it repeats), so a
/// configuration accepted here is never refused later by the listener.</remarks>
internal sealed class TransportLimitsValidator(string sectionPath) : IValidateOptions<TransportOptions>
{
    // The transport's floors: a pipe smaller than this thrashes, and no browser's upgrade request fits in less.
    private const int MinBufferSize = 1024;
    private const int MinRequestHeadSize = 256;

    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        var failures = new ValidationFailures(sectionPath);
        failures.Positive(nameof(options.MaxMessageSize), options.MaxMessageSize);
        failures.AtLeast(nameof(options.MaxReadBufferSize), options.MaxReadBufferSize, MinBufferSize);
        failures.AtLeast(nameof(options.MaxWriteBufferSize), options.MaxWriteBufferSize, MinBufferSize);
        failures.AtLeast(nameof(options.MaxRequestHeadSize), options.MaxRequestHeadSize, MinRequestHeadSize);
        failures.Positive(nameof(options.HandshakeTimeout), options.HandshakeTimeout);
        failures.Positive(nameof(options.CloseTimeout), options.CloseTimeout);
        failures.Positive(nameof(options.PingInterval), options.PingInterval);
        failures.Positive(nameof(options.PongTimeout), options.PongTimeout);
        failures.Positive(nameof(options.OutboundQueueCapacity), options.OutboundQueueCapacity);
        failures.Positive(nameof(options.SlowConsumerTimeout), options.SlowConsumerTimeout);
        failures.Positive(nameof(options.MaxConnections), options.MaxConnections);
        failures.InRange(nameof(options.IoUringRings), options.IoUringRings, 1, 64);
        failures.InRange(nameof(options.EpollLoops), options.EpollLoops, 1, 64);
        if (!Enum.IsDefined(options.IoEngine))
        {
            failures.Add($"{failures.Key(nameof(options.IoEngine))} must be Sockets, Epoll, IoUring or Auto (was {(int)options.IoEngine}).");
        }

        // With one ping outstanding at a time (ARCHITECTURE.md §10), a pong deadline inside the ping interval would
        // drop healthy connections whose RTT is merely larger than the difference.
        if (options.PongTimeout <= options.PingInterval)
        {
            failures.Add($"{failures.Key(nameof(options.PongTimeout))} must exceed {failures.Key(nameof(options.PingInterval))} " +
                $"(was {options.PongTimeout} <= {options.PingInterval}).");
        }

        // The receive pipe pauses at MaxReadBufferSize, so a longer head could never be completed.
        if (options.MaxRequestHeadSize > options.MaxReadBufferSize)
        {
            failures.Add($"{failures.Key(nameof(options.MaxRequestHeadSize))} must not exceed {failures.Key(nameof(options.MaxReadBufferSize))} " +
                $"(was {options.MaxRequestHeadSize} > {options.MaxReadBufferSize}).");
        }

        return failures.ToResult();
    }
}
