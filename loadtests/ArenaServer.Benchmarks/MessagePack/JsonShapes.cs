using System.Buffers;
using System.Text.Json;

namespace ArenaServer.Benchmarks.MessagePack;

/// <summary>The same positional shapes hand-written with <see cref="Utf8JsonWriter"/> and <see cref="Utf8JsonReader"/>:
/// System.Text.Json at its fastest, with no serializer in between.</summary>
public static class JsonShapes
{
    public static void WriteSnapshot(Utf8JsonWriter writer, PlayerState[] players, JsonEncodedText[] names)
    {
        writer.WriteStartArray();
        for (int i = 0; i < players.Length; i++)
        {
            ref PlayerState p = ref players[i];
            writer.WriteStartArray();
            writer.WriteNumberValue(p.Id);
            writer.WriteNumberValue(p.X);
            writer.WriteNumberValue(p.Y);
            writer.WriteNumberValue(p.Vx);
            writer.WriteNumberValue(p.Vy);
            writer.WriteNumberValue(p.Angle);
            writer.WriteNumberValue(p.Score);
            writer.WriteStringValue(names[i]);
            writer.WriteNumberValue(p.Flags);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    public static bool TryReadSnapshot(ReadOnlySpan<byte> json, PlayerState[] players)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        int i = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray && i < players.Length)
        {
            ref PlayerState p = ref players[i++];
            if (!reader.Read() || !reader.TryGetInt32(out p.Id) || !reader.Read() || !reader.TryGetSingle(out p.X) ||
                !reader.Read() || !reader.TryGetSingle(out p.Y) || !reader.Read() || !reader.TryGetSingle(out p.Vx) ||
                !reader.Read() || !reader.TryGetSingle(out p.Vy) || !reader.Read() || !reader.TryGetSingle(out p.Angle) ||
                !reader.Read() || !reader.TryGetInt32(out p.Score) || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            // Like the MessagePack path: keep the held name when the bytes match, so steady state allocates nothing.
            if (!reader.ValueTextEquals(p.Name))
            {
                p.Name = reader.GetString()!;
            }

            if (!reader.Read() || !reader.TryGetByte(out p.Flags) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    public static void WriteInput(Utf8JsonWriter writer, in InputState input)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(3);
        writer.WriteNumberValue(input.Seq);
        writer.WriteNumberValue(input.LastTick);
        writer.WriteNumberValue(input.Tag);
        writer.WriteStartArray();
        writer.WriteNumberValue(input.Dx);
        writer.WriteNumberValue(input.Dy);
        writer.WriteEndArray();
        writer.WriteEndArray();
    }

    public static bool TryReadInput(ReadOnlySpan<byte> json, out InputState input)
    {
        input = default;
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartArray &&
            reader.Read() && reader.TryGetByte(out byte kind) && kind == 3 &&
            reader.Read() && reader.TryGetUInt32(out input.Seq) &&
            reader.Read() && reader.TryGetUInt32(out input.LastTick) &&
            reader.Read() && reader.TryGetByte(out input.Tag) &&
            reader.Read() && reader.TokenType == JsonTokenType.StartArray &&
            reader.Read() && reader.TryGetSByte(out input.Dx) &&
            reader.Read() && reader.TryGetSByte(out input.Dy) &&
            reader.Read() && reader.TokenType == JsonTokenType.EndArray &&
            reader.Read() && reader.TokenType == JsonTokenType.EndArray;
    }
}
