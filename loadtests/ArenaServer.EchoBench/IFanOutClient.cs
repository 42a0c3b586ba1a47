namespace ArenaServer.EchoBench;

/// <summary>The connections of one fan-out run: every one receives the broadcasts, the first also sends the triggers.</summary>
internal interface IFanOutClient : IAsyncDisposable
{
    /// <summary>How many connections opened.</summary>
    public int Open { get; }

    public int Failed { get; }

    public string? FirstError { get; }

    /// <summary>Starts receiving on every connection; a receiving loop that fails calls <paramref name="fail"/>.</summary>
    public void Start(FanOutDelivered delivered, Action<Exception> fail);

    /// <summary>Sends a trigger frame on the first connection.</summary>
    public ValueTask SendTriggerAsync(byte[] frame, CancellationToken cancellationToken);

    /// <summary>Stops every receiving loop (bounded) and hands back their histograms.</summary>
    public Task<ClientLoops> StopAsync();
}
