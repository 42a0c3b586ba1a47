using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ArenaServer.Server.Rooms;

namespace ArenaServer.Server.Admin;

/// <summary>The JSON bodies built from rooms' published <see cref="RoomInfo"/>: the public lobby listing
/// (<c>/api/rooms</c>) and the admin view (<c>/admin/rooms</c>).</summary>
/// <remarks>HTTP answers, not the hot path, so <see cref="Utf8JsonWriter"/> into a fresh buffer is fine. Property
/// names are camelCase; the browser client relies on the lobby shape.</remarks>
internal static class RoomListingJson
{
    /// <summary>The lobby listing: <c>[{"id","type","players","maxPlayers","locked","metadata"}]</c>.</summary>
    /// <param name="rooms">Public, open rooms of one type.</param>
    /// <returns>The UTF-8 JSON array.</returns>
    public static byte[] WriteLobby(IEnumerable<RoomInfo> rooms)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (RoomInfo room in rooms)
            {
                writer.WriteStartObject();
                writer.WriteString("id", room.Id.Value);
                writer.WriteString("type", room.RoomType);
                writer.WriteNumber("players", room.Players);
                writer.WriteNumber("maxPlayers", room.MaxPlayers);
                writer.WriteBoolean("locked", room.IsLocked);

                // Room metadata (a game-defined lobby blurb) is not part of the room API yet; the key is kept so
                // clients can rely on it.
                writer.WriteNull("metadata");
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The admin view: <c>[{"id","type","node","players","connected","spectators","maxPlayers","locked",
    /// "private","tick","tickP99Ms","created"}]</c>.</summary>
    /// <param name="rooms">Every open room.</param>
    /// <param name="node">The node name in cluster mode; null in single-process mode.</param>
    /// <returns>The UTF-8 JSON array.</returns>
    public static byte[] WriteAdmin(IEnumerable<RoomInfo> rooms, string? node)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (RoomInfo room in rooms)
            {
                writer.WriteStartObject();
                writer.WriteString("id", room.Id.Value);
                writer.WriteString("type", room.RoomType);
                if (node is null)
                {
                    writer.WriteNull("node");
                }
                else
                {
                    writer.WriteString("node", node);
                }

                writer.WriteNumber("players", room.Players);
                writer.WriteNumber("connected", room.Connected);
                writer.WriteNumber("spectators", room.Spectators);
                writer.WriteNumber("maxPlayers", room.MaxPlayers);
                writer.WriteBoolean("locked", room.IsLocked);
                writer.WriteBoolean("private", room.IsPrivate);
                writer.WriteNumber("tick", room.Tick);
                writer.WriteNumber("tickP99Ms", Math.Round(room.TickP99.TotalMilliseconds, 3));
                // ISO 8601 in UTC with a Z (Utf8JsonWriter would escape the + of an offset as \u002B).
                writer.WriteString("created", room.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
