using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Testing.Harness;

/// <summary>A room's seed, options and per-tick inputs and control commands, enough to replay it offline and get
/// the same snapshot bytes (issue 4 item 8). Saved as one MessagePack value.</summary>
/// <remarks>Recorded by every <see cref="RoomHarness{TRoom, TInput, TOutput}"/>; replayed by <see cref="RoomReplay"/>.
/// The room clock's offset is recorded at each step, so code reading <c>Context.Time</c> and grace expiries replay
/// identically. Not thread-safe.</remarks>
/// <example>
/// <code>
/// harness.Recording.Save(path);
/// IReadOnlyList&lt;RecordedSnapshot&gt; replayed = RoomReplay.Run&lt;ArenaRoom, IArenaInput, IArenaOutput&gt;(
///     RoomRecording.Load(path), ArenaMessages.Inputs, ArenaMessages.Outputs);
/// </code>
/// </example>
public sealed partial class RoomRecording
{
    internal RoomRecording(int seed, RoomId roomId, RoomCreateArgs createArgs, RoomOptions options, DateTimeOffset clockStart)
    {
        Seed = seed;
        RoomId = roomId;
        CreateArgs = createArgs;
        Options = options.Clone();
        ClockStart = clockStart;
    }

    /// <summary>Gets the seed of the room's <see cref="Random"/>.</summary>
    public int Seed { get; }

    /// <summary>Gets the room id.</summary>
    public RoomId RoomId { get; }

    /// <summary>Gets the creation arguments.</summary>
    public RoomCreateArgs CreateArgs { get; }

    /// <summary>Gets the room options.</summary>
    public RoomOptions Options { get; }

    /// <summary>Gets the room clock's UTC time when the room started.</summary>
    public DateTimeOffset ClockStart { get; }

    /// <summary>Gets the number of ticks recorded.</summary>
    public int TickCount => Steps.Count(step => step.IsTick);

    /// <summary>Gets the number of inputs recorded.</summary>
    public int InputCount => Steps.Sum(step => step.Inputs.Count);

    internal List<RecordedStep> Steps { get; } = [];

    internal RecordedStep Current(bool isTick, long elapsedTicks)
    {
        if (isTick || Steps.Count == 0 || Steps[^1].IsTick || Steps[^1].ElapsedTicks != elapsedTicks)
        {
            Steps.Add(new RecordedStep(isTick, elapsedTicks));
        }

        return Steps[^1];
    }

    internal RecordedStep Last(long elapsedTicks) => Steps.Count > 0 ? Steps[^1] : Current(false, elapsedTicks);

    /// <summary>Saves the recording to a file (overwriting it).</summary>
    /// <param name="path">The file path.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.Create(path);
        WriteTo(stream);
    }

    /// <summary>Loads a recording saved by <see cref="Save"/>.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="InvalidDataException">The file is not a recording of this version.</exception>
    public static RoomRecording Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = File.OpenRead(path);
        return ReadFrom(stream);
    }
}
