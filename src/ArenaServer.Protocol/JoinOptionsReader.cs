using System.Buffers;
using System.Globalization;
using System.Text;
using ArenaServer.MessagePack;

namespace ArenaServer.Protocol;

/// <summary>Reads the server's keys out of a Join's <c>options</c> value; every other key is left to the room.</summary>
public static class JoinOptionsReader
{
    /// <summary>Reads <paramref name="options"/> (an envelope's Join body: empty, or one validated MessagePack value).</summary>
    /// <param name="options">The encoded options.</param>
    /// <param name="result">The server's options; defaults when the value is empty.</param>
    /// <param name="error">Why the options are invalid, for an <c>invalid_options</c> Error.</param>
    /// <returns>False when the options are not a map, or a server key has the wrong type or value.</returns>
    public static bool TryRead(in ReadOnlySequence<byte> options, out JoinOptions result, out string? error)
    {
        result = default;
        error = null;
        if (options.IsEmpty)
        {
            return true;
        }

        var reader = new MessagePackReader(options);
        if (reader.TryReadNil())
        {
            return true;
        }

        if (!reader.TryReadMapHeader(out int count))
        {
            error = "options must be a map";
            return false;
        }

        string? name = null;
        bool spectate = false;
        bool isPrivate = false;
        for (int i = 0; i < count; i++)
        {
            // Non-string keys belong to the room (a game may key its options by integers).
            if (!reader.TryPeekType(out MessagePackType keyType) || keyType != MessagePackType.String)
            {
                if (!reader.TrySkipValues(2))
                {
                    error = "options are malformed";
                    return false;
                }

                continue;
            }

            if (!reader.TryReadString(out string? key))
            {
                error = "options are malformed";
                return false;
            }

            bool ok = key switch
            {
                JoinOptions.NameKey => TryReadName(ref reader, out name, out error),
                JoinOptions.SpectateKey => TryReadFlag(ref reader, key, out spectate, out error),
                JoinOptions.PrivateKey => TryReadFlag(ref reader, key, out isPrivate, out error),
                _ => reader.TrySkip() || Fail("options are malformed", out error),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (spectate && isPrivate)
        {
            error = "a spectator cannot create a private room";
            return false;
        }

        result = new JoinOptions(name, spectate, isPrivate);
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a valid display name once trimmed: 1–24 scalar values, none of them a
    /// control, format, line or paragraph separator, or private-use character (they spoof or break a scoreboard).</summary>
    /// <param name="name">The candidate.</param>
    /// <param name="trimmed">The trimmed name when valid.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValidName(string name, out string trimmed)
    {
        ArgumentNullException.ThrowIfNull(name);
        trimmed = name.Trim();
        int length = 0;
        foreach (Rune rune in trimmed.EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate
                or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            length++;
        }

        return length is > 0 and <= JoinOptions.MaxNameLength;
    }

    private static bool TryReadName(ref MessagePackReader reader, out string? name, out string? error)
    {
        name = null;
        error = null;
        if (!reader.TryReadString(out string? raw) || raw is null)
        {
            return Fail("name must be a string", out error);
        }

        if (!IsValidName(raw, out string trimmed))
        {
            return Fail($"name must be 1–{JoinOptions.MaxNameLength} printable characters", out error);
        }

        name = trimmed;
        return true;
    }

    private static bool TryReadFlag(ref MessagePackReader reader, string key, out bool value, out string? error)
    {
        error = null;
        if (!reader.TryReadBoolean(out value))
        {
            return Fail($"{key} must be true or false", out error);
        }

        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
