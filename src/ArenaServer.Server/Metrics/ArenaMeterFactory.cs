using System.Diagnostics.Metrics;

namespace ArenaServer.Server.Metrics;

/// <summary>A minimal <see cref="IMeterFactory"/> for service collections without <c>AddMetrics()</c> (the generic host
/// registers its own, which wins): one meter per name and version, scoped to this factory, disposed with it.</summary>
internal sealed class ArenaMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private bool _disposed;

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Scope is not null && !ReferenceEquals(options.Scope, this))
        {
            throw new InvalidOperationException("The meter options name another factory as their scope.");
        }

        lock (_meters)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (Meter existing in _meters)
            {
                if (existing.Name == options.Name && existing.Version == options.Version && options.Tags is null && existing.Tags is null)
                {
                    return existing;
                }
            }

            options.Scope = this;
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_meters)
        {
            _disposed = true;
            foreach (Meter meter in _meters)
            {
                meter.Dispose();
            }

            _meters.Clear();
        }
    }
}
