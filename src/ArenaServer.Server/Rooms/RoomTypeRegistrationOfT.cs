using ArenaServer.Abstractions;
using ArenaServer.Abstractions.Rooms;
using Microsoft.Extensions.Logging;

namespace ArenaServer.Server.Rooms;

/// <summary>A room type backed by <typeparamref name="TRoom"/> and its message sets.</summary>
internal sealed class RoomTypeRegistration<TRoom, TInput, TOutput>(string name, RoomOptions options,
    MessageSet<TInput> inputs, MessageSet<TOutput> outputs, Func<TRoom> factory) : RoomTypeRegistration(name, options)
    where TRoom : Room<TInput, TOutput>
    where TInput : class
    where TOutput : class
{
    /// <inheritdoc />
    public override IRoomHandle CreateHost(RoomId id, RoomCreateArgs args, TimeProvider time, int seed, ILogger logger,
        IResumeRegistry resumes)
        => new RoomHost<TRoom, TInput, TOutput>(id, args, factory(), outputs, Options, time, seed, logger, tap: null,
            inputs, resumes);
}
