using System.Buffers;
using System.Text;
using System.Text.Json;
using ArenaServer.MessagePack;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>
/// Encode and decode of a 50-player snapshot and of a small input message with our MessagePack codec, against
/// System.Text.Json on the same data: its source-generated serializer (the baseline of each category) and
/// hand-written <see cref="Utf8JsonWriter"/>/<see cref="Utf8JsonReader"/> code. Encoders write into a reused
/// <see cref="ArrayBufferWriter{T}"/>; decoders fill preallocated structs. Target: ≥ 3× faster than System.Text.Json
/// and 0 B allocated per operation (docs/benchmarks.md, issue 3).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MessagePackCodecBenchmarks
{
    private const int PlayerCount = 50;

    private readonly ArrayBufferWriter<byte> _output = new(16 * 1024);
    private readonly PlayerState[] _players = new PlayerState[PlayerCount];
    private readonly PlayerState[] _decodedPlayers = new PlayerState[PlayerCount];
    private readonly byte[][] _namesUtf8 = new byte[PlayerCount][];
    private readonly byte[][] _decodedNamesUtf8 = new byte[PlayerCount][];
    private readonly JsonEncodedText[] _jsonNames = new JsonEncodedText[PlayerCount];
    private readonly PlayerDto[] _playerDtos = new PlayerDto[PlayerCount];
    private Utf8JsonWriter _jsonWriter = null!;
    private InputState _input;
    private InputDto _inputDto = null!;
    private byte[] _snapshotMessagePack = [];
    private ReadOnlySequence<byte> _snapshotMessagePackSegmented;
    private byte[] _snapshotJson = [];
    private byte[] _snapshotJsonObjects = [];
    private byte[] _inputMessagePack = [];
    private byte[] _inputJson = [];
    private byte[] _inputJsonObject = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < PlayerCount; i++)
        {
            string name = $"player-{i:D2}-{(char)('a' + (i % 26))}";
            _players[i] = new PlayerState
            {
                Id = 1000 + i,
                X = (float)(random.NextDouble() * 2000),
                Y = (float)(random.NextDouble() * 2000),
                Vx = (float)(random.NextDouble() * 10 - 5),
                Vy = (float)(random.NextDouble() * 10 - 5),
                Angle = (float)(random.NextDouble() * Math.Tau),
                Score = random.Next(0, 100_000),
                Name = name,
                Flags = (byte)random.Next(0, 256),
            };
            _namesUtf8[i] = Encoding.UTF8.GetBytes(name);
            _jsonNames[i] = JsonEncodedText.Encode(name);
            ref PlayerState p = ref _players[i];
            _playerDtos[i] = new PlayerDto
            {
                Id = p.Id, X = p.X, Y = p.Y, Vx = p.Vx, Vy = p.Vy, Angle = p.Angle, Score = p.Score, Name = name, Flags = p.Flags,
            };
        }

        _input = new InputState { Seq = 123_456, LastTick = 98_765, Tag = 1, Dx = 1, Dy = -1 };
        _inputDto = new InputDto { Seq = _input.Seq, LastTick = _input.LastTick, Tag = _input.Tag, Move = [1, -1] };
        _jsonWriter = new Utf8JsonWriter(_output);

        _snapshotMessagePack = Capture(() => SnapshotEncode_MessagePack());
        _snapshotJson = Capture(() => SnapshotEncode_Utf8Json());
        _snapshotJsonObjects = Capture(() => SnapshotEncode_JsonSerializer());
        _inputMessagePack = Capture(() => InputEncode_MessagePack());
        _inputJson = Capture(() => InputEncode_Utf8Json());
        _inputJsonObject = Capture(() => InputEncode_JsonSerializer());

        _snapshotMessagePackSegmented = BenchmarkSegment.Split(_snapshotMessagePack, 512);

        // Prime the decoded state (names included) so that each measured decode is the steady state.
        if (SnapshotDecode_MessagePack() != PlayerCount || SnapshotDecode_Utf8Json() != PlayerCount ||
            SnapshotDecode_MessagePack_Segmented() != PlayerCount)
        {
            throw new InvalidOperationException("snapshot decode failed");
        }
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Snapshot50.Encode")]
    public int SnapshotEncode_JsonSerializer()
    {
        _output.ResetWrittenCount();
        _jsonWriter.Reset(_output);
        JsonSerializer.Serialize(_jsonWriter, _playerDtos, BenchmarkJsonContext.Default.PlayerDtoArray);
        return _output.WrittenCount;
    }

    [Benchmark, BenchmarkCategory("Snapshot50.Encode")]
    public int SnapshotEncode_Utf8Json()
    {
        _output.ResetWrittenCount();
        _jsonWriter.Reset(_output);
        JsonShapes.WriteSnapshot(_jsonWriter, _players, _jsonNames);
        _jsonWriter.Flush();
        return _output.WrittenCount;
    }

    [Benchmark, BenchmarkCategory("Snapshot50.Encode")]
    public int SnapshotEncode_MessagePack()
    {
        _output.ResetWrittenCount();
        var writer = new MessagePackWriter(_output);
        MessagePackShapes.WriteSnapshot(ref writer, _players, _namesUtf8);
        writer.Flush();
        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Snapshot50.Decode")]
    public int SnapshotDecode_JsonSerializer()
        => JsonSerializer.Deserialize(_snapshotJsonObjects, BenchmarkJsonContext.Default.PlayerDtoArray)!.Length;

    [Benchmark, BenchmarkCategory("Snapshot50.Decode")]
    public int SnapshotDecode_Utf8Json()
        => JsonShapes.TryReadSnapshot(_snapshotJson, _decodedPlayers) ? PlayerCount : -1;

    [Benchmark, BenchmarkCategory("Snapshot50.Decode")]
    public int SnapshotDecode_MessagePack()
    {
        var reader = new MessagePackReader(_snapshotMessagePack);
        return MessagePackShapes.TryReadSnapshot(ref reader, _decodedPlayers, _decodedNamesUtf8) ? PlayerCount : -1;
    }

    /// <summary>The same snapshot in 512-byte segments, as a pipe may deliver it: values that straddle a boundary
    /// take the slow path.</summary>
    [Benchmark, BenchmarkCategory("Snapshot50.Decode")]
    public int SnapshotDecode_MessagePack_Segmented()
    {
        var reader = new MessagePackReader(_snapshotMessagePackSegmented);
        return MessagePackShapes.TryReadSnapshot(ref reader, _decodedPlayers, _decodedNamesUtf8) ? PlayerCount : -1;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Input.Encode")]
    public int InputEncode_JsonSerializer()
    {
        _output.ResetWrittenCount();
        _jsonWriter.Reset(_output);
        JsonSerializer.Serialize(_jsonWriter, _inputDto, BenchmarkJsonContext.Default.InputDto);
        return _output.WrittenCount;
    }

    [Benchmark, BenchmarkCategory("Input.Encode")]
    public int InputEncode_Utf8Json()
    {
        _output.ResetWrittenCount();
        _jsonWriter.Reset(_output);
        JsonShapes.WriteInput(_jsonWriter, _input);
        _jsonWriter.Flush();
        return _output.WrittenCount;
    }

    [Benchmark, BenchmarkCategory("Input.Encode")]
    public int InputEncode_MessagePack()
    {
        _output.ResetWrittenCount();
        var writer = new MessagePackWriter(_output);
        MessagePackShapes.WriteInput(ref writer, _input);
        writer.Flush();
        return _output.WrittenCount;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Input.Decode")]
    public uint InputDecode_JsonSerializer()
        => JsonSerializer.Deserialize(_inputJsonObject, BenchmarkJsonContext.Default.InputDto)!.Seq;

    [Benchmark, BenchmarkCategory("Input.Decode")]
    public uint InputDecode_Utf8Json()
        => JsonShapes.TryReadInput(_inputJson, out InputState input) ? input.Seq : 0;

    [Benchmark, BenchmarkCategory("Input.Decode")]
    public uint InputDecode_MessagePack()
    {
        var reader = new MessagePackReader(_inputMessagePack);
        return MessagePackShapes.TryReadInput(ref reader, out InputState input) ? input.Seq : 0;
    }

    private byte[] Capture(Func<int> encode)
    {
        encode();
        return _output.WrittenSpan.ToArray();
    }
}
