using System.Buffers;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

/// <summary>Writes and reads the two lists of a Presence envelope (kind 73). Presence is sent on joins, drops,
/// resumes and leaves — never per tick — so reading materializes plain lists.</summary>
public static class PresenceCodec
{
    private const int MemberFields = 4;

    /// <summary>Writes one upsert entry <c>[playerId, name, role, connected]</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="member">The member.</param>
    public static void WriteMember(ref MessagePackWriter writer, in PresenceMember member)
    {
        writer.WriteArrayHeader(MemberFields);
        writer.Write(member.PlayerId);
        writer.WriteString(member.Name);
        writer.Write((byte)member.Role);
        writer.Write(member.IsConnected);
    }

    /// <summary>Writes the removals array, which ends the envelope.</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="playerIds">The ids of the members whose seats were released.</param>
    public static void WriteRemovals(ref MessagePackWriter writer, scoped ReadOnlySpan<int> playerIds)
    {
        writer.WriteArrayHeader(playerIds.Length);
        foreach (int id in playerIds)
        {
            writer.Write(id);
        }
    }

    /// <summary>Reads the upserts of an envelope read by <see cref="EnvelopeReader"/> (its <c>Body</c>). Entries with
    /// more than four fields (a newer server) read too; a role other than 0 or 1 fails, so a client never mistakes a
    /// role it does not know for a seat.</summary>
    /// <param name="upserts">The encoded array.</param>
    /// <param name="members">Receives the entries.</param>
    /// <returns>False when the array or an entry is malformed.</returns>
    public static bool TryReadMembers(in ReadOnlySequence<byte> upserts, List<PresenceMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var reader = new MessagePackReader(upserts);
        if (!reader.TryReadArrayHeader(out int count))
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadArrayHeader(out int fields) || fields < MemberFields ||
                !reader.TryReadInt32(out int id) || id < 0 || !reader.TryReadString(out string? name) || name is null ||
                !reader.TryReadByte(out byte role) || role > (byte)PresenceRole.Spectator ||
                !reader.TryReadBoolean(out bool connected) || !reader.TrySkipValues(fields - MemberFields))
            {
                return false;
            }

            members.Add(new PresenceMember(id, name, (PresenceRole)role, connected));
        }

        return reader.End;
    }

    /// <summary>Reads the removals of an envelope read by <see cref="EnvelopeReader"/>.</summary>
    /// <param name="removals">The encoded array (<c>Envelope.PresenceRemovals</c>).</param>
    /// <param name="playerIds">Receives the ids.</param>
    /// <returns>False when malformed.</returns>
    public static bool TryReadRemovals(in ReadOnlySequence<byte> removals, List<int> playerIds)
    {
        ArgumentNullException.ThrowIfNull(playerIds);
        var reader = new MessagePackReader(removals);
        if (!reader.TryReadArrayHeader(out int count))
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!reader.TryReadInt32(out int id) || id < 0)
            {
                return false;
            }

            playerIds.Add(id);
        }

        return reader.End;
    }

    /// <summary>Applies a Presence envelope to a client's member list, as PROTOCOL.md §5 says a client keeps it: a full
    /// list replaces it, a delta upserts by player id (in place, so the list stays in join order) and removes.</summary>
    /// <param name="members">The client's list.</param>
    /// <param name="envelope">A Presence envelope read by <see cref="EnvelopeReader"/>.</param>
    /// <returns>False when the envelope's lists are malformed (the list is then unchanged).</returns>
    public static bool TryApply(List<PresenceMember> members, in Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(members);
        List<PresenceMember> upserts = [];
        List<int> removals = [];
        if (envelope.Kind != EnvelopeKind.Presence || !TryReadMembers(envelope.Body, upserts) ||
            !TryReadRemovals(envelope.PresenceRemovals, removals))
        {
            return false;
        }

        if (envelope.IsFullPresence)
        {
            members.Clear();
        }

        foreach (PresenceMember member in upserts)
        {
            int index = members.FindIndex(m => m.PlayerId == member.PlayerId);
            if (index >= 0)
            {
                members[index] = member;
            }
            else
            {
                members.Add(member);
            }
        }

        members.RemoveAll(m => removals.Contains(m.PlayerId));
        return true;
    }
}
