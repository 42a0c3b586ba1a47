using System.Buffers;
using System.Diagnostics;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;
using ArenaServer.Samples.Arena;
using ArenaServer.Server.Rooms;

namespace ArenaServer.RoomBench;

/// <summary>Plays the read loops' part: at the tick rate, one input per player through the real path
/// (<see cref="IRoomHandle.TryWriteInput(Player, uint, byte, in ReadOnlySequence{byte}, out InputWriteResult)"/>: decode
/// with the room type's input set, then the bounded input channel).</summary>
/// <remarks>A dedicated thread. Inputs are pre-encoded; decoding allocates the input records here, as it would on the
/// read loops, and those bytes are counted apart from the tick threads'. Each player steers in a direction that turns
/// every second and fires every half second (the gun's cooldown), so ships move and tag each other.</remarks>
internal sealed class InputDriver(IReadOnlyList<(IRoomHandle Room, Player Player)> players, int tickRate)
{
    private const byte MoveTag = 1;
    private const byte FireTag = 2;

    private readonly ReadOnlySequence<byte>[] _moves = EncodeMoves();
    private readonly ReadOnlySequence<byte> _fire = Encode(new Fire());
    private volatile bool _stopping;
    private Thread? _running;

    /// <summary>Inputs queued during the measurement window.</summary>
    public long Queued { get; private set; }

    /// <summary>Inputs refused (full queue, closed room) during the measurement window.</summary>
    public long Dropped { get; private set; }

    public long Rounds { get; private set; }

    public long LateRounds { get; private set; }

    /// <summary>Bytes allocated by the driver thread itself (decoded inputs), during the measurement window.</summary>
    public long AllocatedWhileMeasuring { get; private set; }

    public void Start()
    {
        _running = new Thread(Run) { Name = "RoomBench driver", IsBackground = true };
        _running.Start();
    }

    public void Stop()
    {
        _stopping = true;
        _running?.Join();
    }

    private void Run()
    {
        uint[] sequences = new uint[players.Count];
        long interval = Stopwatch.Frequency / tickRate;
        long next = Stopwatch.GetTimestamp();
        long allocatedAtStart = -1;
        while (!_stopping)
        {
            long round = Rounds++;
            for (int i = 0; i < players.Count; i++)
            {
                (IRoomHandle room, Player player) = players[i];
                bool fire = (round + i) % (tickRate / 2) == 0;
                ReadOnlySequence<byte> body = fire ? _fire : _moves[(int)((i + (round / tickRate)) % _moves.Length)];
                room.TryWriteInput(player, ++sequences[i], fire ? FireTag : MoveTag, in body, out InputWriteResult result);
                if (!TickRecorder.Measuring)
                {
                    continue;
                }

                if (result == InputWriteResult.Queued)
                {
                    Queued++;
                }
                else
                {
                    Dropped++;
                }
            }

            if (TickRecorder.Measuring)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                if (allocatedAtStart < 0)
                {
                    allocatedAtStart = allocated;
                }

                AllocatedWhileMeasuring = allocated - allocatedAtStart;
            }

            next += interval;
            long wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
            }
            else
            {
                LateRounds++;
                if (-wait > interval * 10)
                {
                    next = Stopwatch.GetTimestamp(); // far behind: do not burst to catch up
                }
            }
        }
    }

    private static ReadOnlySequence<byte>[] EncodeMoves()
    {
        var moves = new List<ReadOnlySequence<byte>>();
        for (sbyte x = -1; x <= 1; x++)
        {
            for (sbyte y = -1; y <= 1; y++)
            {
                moves.Add(Encode(new Move(x, y)));
            }
        }

        return [.. moves];
    }

    private static ReadOnlySequence<byte> Encode<T>(T message) where T : IArenaInput
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(output);
        ArenaMessages.Inputs.Write(message, ref writer);
        writer.Flush();
        return new ReadOnlySequence<byte>(output.WrittenMemory);
    }
}
