using ArenaServer.Abstractions.Rooms;

namespace ArenaServer.Testing.Harness;

/// <summary>A simulated client seated in a harness room: the player, its resume token and its connection state.</summary>
/// <remarks>The same object stays valid across <c>Disconnect</c> and <c>Resume</c>, like the server's
/// <see cref="Abstractions.Rooms.Player"/>. Test thread only.</remarks>
/// <example>
/// <code>
/// HarnessPlayer alice = harness.Join("alice");
/// harness.Disconnect(alice);
/// harness.Resume(alice);
/// Assert.True(alice.Player.IsConnected);
/// </code>
/// </example>
public sealed class HarnessPlayer
{
    internal HarnessPlayer(Player player) => Player = player;

    /// <summary>Gets the server-side player (read it only between harness calls).</summary>
    public Player Player { get; }

    /// <summary>Gets the player's id, as decoded from <c>Joined</c>.</summary>
    public PlayerId Id => Player.Id;

    /// <summary>Gets the name.</summary>
    public string Name => Player.Name;

    /// <summary>Gets the current resume token, as decoded from the last <c>Joined</c> or <c>Resumed</c>.</summary>
    public string ResumeToken { get; internal set; } = string.Empty;

    /// <summary>Gets the room tick from the last <c>Joined</c> or <c>Resumed</c>.</summary>
    public long JoinedAtTick { get; internal set; }

    /// <summary>Gets the close code the current connection received, or null while it is open.</summary>
    public ushort? CloseCode { get; internal set; }

    /// <summary>Gets every close code any of this player's connections received, in order.</summary>
    public IReadOnlyList<ushort> CloseCodes => ReceivedCloseCodes;

    internal List<ushort> ReceivedCloseCodes { get; } = [];

    /// <summary>Gets the next input sequence number <c>Input</c> uses (inputs start at 1 and continue across resumes).</summary>
    public uint NextSequence { get; internal set; } = 1;

    internal object? Connection { get; set; }

    /// <summary>The display form.</summary>
    /// <returns>Name and id.</returns>
    public override string ToString() => Player.ToString();
}
