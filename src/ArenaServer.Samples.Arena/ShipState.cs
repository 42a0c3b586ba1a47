using ArenaServer.MessagePack;

namespace ArenaServer.Samples.Arena;

/// <summary>One ship in a <see cref="WorldSnapshot"/>; <c>[id, x, y, facingX, facingY, score, alive]</c>.</summary>
/// <param name="PlayerId">The owner's player id.</param>
/// <param name="X">Position, 0–<see cref="ArenaRoom.WorldSize"/>.</param>
/// <param name="Y">Position, 0–<see cref="ArenaRoom.WorldSize"/>.</param>
/// <param name="FacingX">Unit facing vector, x.</param>
/// <param name="FacingY">Unit facing vector, y.</param>
/// <param name="Score">Tags scored.</param>
/// <param name="Alive">False while waiting to respawn.</param>
/// <remarks>A value type: the room refills one list of them every tick instead of allocating a record per ship.</remarks>
public readonly record struct ShipState(int PlayerId, float X, float Y, float FacingX, float FacingY, int Score, bool Alive)
{
    internal const int FieldCount = 7;

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(FieldCount);
        writer.Write(PlayerId);
        writer.Write(X);
        writer.Write(Y);
        writer.Write(FacingX);
        writer.Write(FacingY);
        writer.Write(Score);
        writer.Write(Alive);
    }

    internal static bool TryRead(ref MessagePackReader reader, out ShipState ship)
    {
        ship = default;
        if (!reader.TryReadArrayHeader(out int count) || count < FieldCount || !reader.TryReadInt32(out int id) ||
            !reader.TryReadSingle(out float x) || !reader.TryReadSingle(out float y) ||
            !reader.TryReadSingle(out float fx) || !reader.TryReadSingle(out float fy) ||
            !reader.TryReadInt32(out int score) || !reader.TryReadBoolean(out bool alive) ||
            !reader.TrySkipValues(count - FieldCount))
        {
            return false;
        }

        ship = new ShipState(id, x, y, fx, fy, score, alive);
        return true;
    }
}
