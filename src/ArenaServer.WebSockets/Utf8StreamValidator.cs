using System.Text.Unicode;

namespace ArenaServer.WebSockets;

/// <summary>
/// Incremental UTF-8 validation (RFC 3629 §4, Unicode Table 3-7) across chunks: rejects overlongs, surrogates
/// (ED A0..BF) and code points above U+10FFFF as soon as the offending byte is seen, and rejects a stream that ends
/// mid-character.
/// </summary>
public struct Utf8StreamValidator
{
    // Continuation bytes still owed by the current character, and the allowed range of the next one (Table 3-7:
    // the second byte after E0, ED, F0 and F4 has a narrower range).
    private byte _remaining;
    private byte _nextMin;
    private byte _nextMax;

    /// <summary>Validates the next chunk of a text message.</summary>
    /// <param name="chunk">The next bytes (unmasked).</param>
    /// <param name="isFinal">Whether the message ends after this chunk (it may be empty).</param>
    /// <returns><see langword="false"/> as soon as the bytes can no longer be a prefix of valid UTF-8, or when a final chunk
    /// ends mid-character. After <see langword="true"/> with <paramref name="isFinal"/>, the validator is reset.</returns>
    public bool TryAppend(ReadOnlySpan<byte> chunk, bool isFinal)
    {
        // Finish a character left open by the previous chunk, byte by byte.
        while (_remaining != 0 && !chunk.IsEmpty)
        {
            if (!Step(chunk[0]))
            {
                return false;
            }

            chunk = chunk[1..];
        }

        if (!chunk.IsEmpty)
        {
            // The bulk goes through the vectorised BCL validator; only an incomplete trailing character is carried over.
            int cut = IncompleteTailStart(chunk);
            if (!Utf8.IsValid(chunk[..cut]))
            {
                return false;
            }

            foreach (byte b in chunk[cut..])
            {
                if (!Step(b))
                {
                    return false;
                }
            }
        }

        if (isFinal)
        {
            bool complete = _remaining == 0;
            Reset();
            return complete;
        }

        return true;
    }

    /// <summary>Forgets any partial character, ready for a new message.</summary>
    public void Reset()
    {
        _remaining = 0;
        _nextMin = 0;
        _nextMax = 0;
    }

    // Where the last character starts if the chunk ends before it is complete; otherwise the chunk length.
    private static int IncompleteTailStart(ReadOnlySpan<byte> chunk)
    {
        int stop = Math.Max(0, chunk.Length - 3);
        for (int i = chunk.Length - 1; i >= stop; i--)
        {
            byte b = chunk[i];
            if (b < 0x80)
            {
                return chunk.Length;
            }

            if (b >= 0xC0)
            {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return chunk.Length - i < needed ? i : chunk.Length;
            }
        }

        return chunk.Length;
    }

    private bool Step(byte b)
    {
        if (_remaining != 0)
        {
            if (b < _nextMin || b > _nextMax)
            {
                return false;
            }

            _remaining--;
            _nextMin = 0x80;
            _nextMax = 0xBF;
            return true;
        }

        (_remaining, _nextMin, _nextMax) = b switch
        {
            < 0x80 => ((byte)0, (byte)0, (byte)0),
            >= 0xC2 and <= 0xDF => ((byte)1, (byte)0x80, (byte)0xBF),
            0xE0 => ((byte)2, (byte)0xA0, (byte)0xBF),
            0xED => ((byte)2, (byte)0x80, (byte)0x9F),
            >= 0xE1 and <= 0xEF => ((byte)2, (byte)0x80, (byte)0xBF),
            0xF0 => ((byte)3, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => ((byte)3, (byte)0x80, (byte)0xBF),
            0xF4 => ((byte)3, (byte)0x80, (byte)0x8F),
            _ => ((byte)0xFF, (byte)0, (byte)0),
        };
        if (_remaining == 0xFF)
        {
            Reset();
            return false;
        }

        return true;
    }
}
