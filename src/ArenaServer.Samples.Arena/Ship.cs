using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Samples.Arena;

/// <summary>A ship's simulation state; owned by the room (its thread only).</summary>
internal sealed class Ship(Player owner)
{
    public Player Owner { get; } = owner;

    public float X { get; set; }

    public float Y { get; set; }

    public float DirectionX { get; set; }

    public float DirectionY { get; set; }

    public float FacingX { get; set; } = 1;

    public float FacingY { get; set; }

    public int Score { get; set; }

    public bool Alive { get; set; } = true;

    public long NextFireTick { get; set; }

    public long RespawnAtTick { get; set; }

    public ShipState ToState() => new(Owner.Id.Value, X, Y, FacingX, FacingY, Score, Alive);
}
