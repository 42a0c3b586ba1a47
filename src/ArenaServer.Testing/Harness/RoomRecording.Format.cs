using System.Buffers;
using ArenaServer.Abstractions.Rooms;
using ArenaServer.MessagePack;

namespace ArenaServer.Testing.Harness;

public sealed partial class RoomRecording
{
    private const string Magic = "arena-room-recording";
    private const int Version = 1;

    /// <summary>Writes the recording as one MessagePack value.</summary>
    /// <param name="stream">The destination.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(9);
        writer.WriteString(Magic);
        writer.Write(Version);
        writer.Write(Seed);
        writer.WriteString(RoomId.Value);
        writer.WriteString(CreateArgs.RoomType);
        writer.WriteBinary(CreateArgs.Options.Span);
        writer.Write(CreateArgs.IsPrivate);
        writer.WriteArrayHeader(12);
        writer.Write(Options.TickRate);
        writer.Write(Options.SnapshotEveryTicks);
        writer.Write(Options.MaxCatchUpTicks);
        writer.Write(Options.MaxPlayers);
        writer.Write(Options.InputQueueCapacity);
        writer.Write(Options.MaxInputsPerPlayerPerTick);
        writer.Write(Options.ControlQueueCapacity);
        writer.Write(Options.ReconnectGracePeriod.Ticks);
        writer.Write(Options.MaxEmptyTime.Ticks);
        writer.Write((int)Options.OnError);
        writer.Write(ClockStart.UtcTicks);
        writer.Write(0);
        writer.WriteArrayHeader(Steps.Count);
        foreach (RecordedStep step in Steps)
        {
            WriteStep(ref writer, step);
        }

        writer.Flush();
        stream.Write(buffer.WrittenSpan);
    }

    /// <summary>Reads a recording written by <see cref="WriteTo"/>.</summary>
    /// <param name="stream">The source (read to its end).</param>
    /// <returns>The recording.</returns>
    /// <exception cref="InvalidDataException">The data is not a recording of this version.</exception>
    public static RoomRecording ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var options = new MessagePackReaderOptions { MaxCollectionLength = int.MaxValue / 2 };
        var reader = new MessagePackReader(new ReadOnlyMemory<byte>(copy.GetBuffer(), 0, (int)copy.Length), options);
        Check(reader.TryReadArrayHeader(out int count) && count >= 9);
        Check(reader.TryReadString(out string? magic) && magic == Magic);
        Check(reader.TryReadInt32(out int version) && version == Version);
        Check(reader.TryReadInt32(out int seed));
        Check(reader.TryReadString(out string? roomId) && roomId is not null);
        Check(reader.TryReadString(out string? roomType) && roomType is not null);
        Check(reader.TryReadBinary(out ReadOnlySequence<byte> createOptions));
        Check(reader.TryReadBoolean(out bool isPrivate));
        Check(reader.TryReadArrayHeader(out int optionCount) && optionCount >= 12);
        var roomOptions = new RoomOptions
        {
            TickRate = ReadInt(ref reader),
            SnapshotEveryTicks = ReadInt(ref reader),
            MaxCatchUpTicks = ReadInt(ref reader),
            MaxPlayers = ReadInt(ref reader),
            InputQueueCapacity = ReadInt(ref reader),
            MaxInputsPerPlayerPerTick = ReadInt(ref reader),
            ControlQueueCapacity = ReadInt(ref reader),
            ReconnectGracePeriod = TimeSpan.FromTicks(ReadLong(ref reader)),
            MaxEmptyTime = TimeSpan.FromTicks(ReadLong(ref reader)),
            OnError = (RoomErrorPolicy)ReadInt(ref reader),
        };
        var clockStart = new DateTimeOffset(ReadLong(ref reader), TimeSpan.Zero);
        Check(reader.TrySkipValues(optionCount - 11));
        var recording = new RoomRecording(seed, new RoomId(roomId!),
            new RoomCreateArgs(roomType!, createOptions.ToArray(), isPrivate), roomOptions, clockStart);
        Check(reader.TryReadArrayHeader(out int stepCount));
        for (int i = 0; i < stepCount; i++)
        {
            recording.Steps.Add(ReadStep(ref reader));
        }

        return recording;
    }

    private static void WriteStep(ref MessagePackWriter writer, RecordedStep step)
    {
        writer.WriteArrayHeader(4);
        writer.Write(step.IsTick);
        writer.Write(step.ElapsedTicks);
        writer.WriteArrayHeader(step.Commands.Count);
        foreach (RecordedCommand command in step.Commands)
        {
            writer.WriteArrayHeader(10);
            writer.Write((int)command.Kind);
            writer.Write(command.PlayerId);
            writer.WriteString(command.Name);
            if (command.Claims is null)
            {
                writer.WriteNil();
            }
            else
            {
                writer.WriteMapHeader(command.Claims.Count);
                foreach (KeyValuePair<string, string> claim in command.Claims.OrderBy(c => c.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(claim.Key);
                    writer.WriteString(claim.Value);
                }
            }

            writer.WriteBinary(command.Data);
            writer.Write(command.AsSpectator);
            writer.Write(command.Reason);
            writer.WriteString(command.EventName);
            writer.Write(command.RoundTripTicks);
            writer.Write(command.JitterTicks);
        }

        writer.WriteArrayHeader(step.Inputs.Count);
        foreach (RecordedInput input in step.Inputs)
        {
            writer.WriteArrayHeader(4);
            writer.Write(input.PlayerId);
            writer.Write(input.Sequence);
            writer.Write(input.Tag);
            writer.WriteBinary(input.Body);
        }
    }

    private static RecordedStep ReadStep(ref MessagePackReader reader)
    {
        Check(reader.TryReadArrayHeader(out int count) && count >= 4);
        Check(reader.TryReadBoolean(out bool isTick));
        var step = new RecordedStep(isTick, ReadLong(ref reader));
        Check(reader.TryReadArrayHeader(out int commands));
        for (int i = 0; i < commands; i++)
        {
            Check(reader.TryReadArrayHeader(out int fields) && fields >= 10);
            var kind = (RecordedCommandKind)ReadInt(ref reader);
            int playerId = ReadInt(ref reader);
            string? name = ReadNullableString(ref reader);
            Dictionary<string, string>? claims = null;
            Check(reader.TryPeekType(out MessagePackType claimsType));
            if (claimsType == MessagePackType.Nil)
            {
                Check(reader.TryReadNil());
            }
            else
            {
                Check(reader.TryReadMapHeader(out int claimCount));
                claims = new Dictionary<string, string>(claimCount, StringComparer.Ordinal);
                for (int c = 0; c < claimCount; c++)
                {
                    string? key = ReadNullableString(ref reader);
                    string? value = ReadNullableString(ref reader);
                    Check(key is not null);
                    claims[key!] = value ?? string.Empty;
                }
            }

            Check(reader.TryReadBinary(out ReadOnlySequence<byte> data));
            Check(reader.TryReadBoolean(out bool asSpectator));
            int reason = ReadInt(ref reader);
            string? eventName = ReadNullableString(ref reader);
            long rtt = ReadLong(ref reader);
            long jitter = ReadLong(ref reader);
            Check(reader.TrySkipValues(fields - 10));
            step.Commands.Add(new RecordedCommand(kind, playerId, name, claims, data.ToArray(), asSpectator, reason, eventName, rtt, jitter));
        }

        Check(reader.TryReadArrayHeader(out int inputs));
        for (int i = 0; i < inputs; i++)
        {
            Check(reader.TryReadArrayHeader(out int fields) && fields >= 4);
            int playerId = ReadInt(ref reader);
            Check(reader.TryReadUInt32(out uint sequence));
            Check(reader.TryReadByte(out byte tag));
            Check(reader.TryReadBinary(out ReadOnlySequence<byte> body));
            Check(reader.TrySkipValues(fields - 4));
            step.Inputs.Add(new RecordedInput(playerId, sequence, tag, body.ToArray()));
        }

        Check(reader.TrySkipValues(count - 4));
        return step;
    }

    // TryReadString reads nil as null.
    private static string? ReadNullableString(ref MessagePackReader reader)
    {
        Check(reader.TryReadString(out string? value));
        return value;
    }

    private static int ReadInt(ref MessagePackReader reader)
    {
        Check(reader.TryReadInt32(out int value));
        return value;
    }

    private static long ReadLong(ref MessagePackReader reader)
    {
        Check(reader.TryReadInt64(out long value));
        return value;
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidDataException("Not an ArenaServer room recording (version 1), or it is truncated.");
        }
    }
}
