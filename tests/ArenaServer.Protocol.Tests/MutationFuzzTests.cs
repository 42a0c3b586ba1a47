using System.Buffers;
using System.Text;

namespace ArenaServer.Protocol.Tests;

/// <summary>Mutated vectors (flipped, inserted, deleted and truncated bytes): every codec entry point returns a
/// classification and never throws (CONVENTIONS.md §7), and whatever it accepts it accepts consistently.</summary>
public sealed class MutationFuzzTests
{
    private static readonly byte[] s_jsonBytes = "[]{}\",:$0-.e\\"u8.ToArray();

    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public void EnvelopeReaderAndTranscoder_MutatedMessagePack_NeverThrow()
    {
        var random = new Random(1002);
        byte[][] seeds = [.. GoldenVector.All.Where(v => v.Bytes.Length < 2048).Select(v => v.Bytes)];
        var output = new ArrayBufferWriter<byte>();
        for (int i = 0; i < 20_000; i++)
        {
            byte[] input = Mutate(seeds[random.Next(seeds.Length)], random);
            var sequence = new ReadOnlySequence<byte>(input);

            EnvelopeStatus fromClient = EnvelopeReader.ReadFromClient(sequence, null, out _);
            EnvelopeReader.ReadFromServer(sequence, null, out _);
            output.ResetWrittenCount();
            JsonTranscodeStatus toJson = JsonTranscoder.TranscodeToJson(sequence, output);

            if (toJson == JsonTranscodeStatus.Success)
            {
                // Whatever transcodes to JSON comes back as the same envelope verdict through the JSON path.
                (JsonTranscodeStatus back, byte[] again) = Transcode.ToMessagePack(new ReadOnlySequence<byte>(output.WrittenMemory));
                Assert.Equal(JsonTranscodeStatus.Success, back);
                Assert.Equal(fromClient, EnvelopeReader.ReadFromClient(new ReadOnlySequence<byte>(again), null, out _));
            }
        }
    }

    [Fact, Trait("Category", "Security"), Trait("CWE", "20")]
    public void TranscodeToMessagePack_MutatedJson_NeverThrows()
    {
        var random = new Random(8259);
        byte[][] seeds = [.. GoldenVector.All.Where(v => v.Json.Length < 2048).Select(v => Encoding.UTF8.GetBytes(v.Json))];
        var output = new ArrayBufferWriter<byte>();
        int accepted = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] input = Mutate(seeds[random.Next(seeds.Length)], random, json: true);
            output.ResetWrittenCount();
            JsonTranscodeStatus status = JsonTranscoder.TranscodeToMessagePack(new ReadOnlySequence<byte>(input), output);
            if (status == JsonTranscodeStatus.Success)
            {
                accepted++;
                Assert.Equal(JsonTranscodeStatus.Success, Transcode.ToJson(new ReadOnlySequence<byte>(output.WrittenMemory)).Status);
            }
        }

        Assert.InRange(accepted, 1, 19_999); // the mutations produce both valid and invalid inputs
    }

    private static byte[] Mutate(byte[] seed, Random random, bool json = false)
    {
        var bytes = new List<byte>(seed);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(json ? 5 : 4))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4 when bytes.Count > 0:
                    bytes[at] = s_jsonBytes[random.Next(s_jsonBytes.Length)];
                    break;
            }
        }

        return [.. bytes];
    }
}
