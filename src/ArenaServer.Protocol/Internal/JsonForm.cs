namespace ArenaServer.Protocol.Internal;

/// <summary>Names and bounds shared by both transcoding directions (proto/PROTOCOL.md §3).</summary>
internal static class JsonForm
{
    /// <summary>The largest integer magnitude written as a bare JSON number: 2^53 − 1, the largest every JSON
    /// parser that reads numbers as IEEE doubles (JavaScript's JSON.parse) keeps exactly (RFC 8259 §6).</summary>
    public const long MaxSafeInteger = (1L << 53) - 1;

    public static ReadOnlySpan<byte> Int => "$int"u8;

    public static ReadOnlySpan<byte> Float32 => "$f32"u8;

    public static ReadOnlySpan<byte> Float64 => "$f64"u8;

    public static ReadOnlySpan<byte> Bin => "$bin"u8;

    public static ReadOnlySpan<byte> Ext => "$ext"u8;

    public static ReadOnlySpan<byte> Timestamp => "$ts"u8;

    public static ReadOnlySpan<byte> Map => "$map"u8;

    /// <summary>Whether a map key can be a JSON object member name without changing meaning or order: not a tag
    /// (<c>$</c>…), not an array index that JavaScript objects would move to the front, not <c>__proto__</c>.</summary>
    public static bool IsObjectSafeKey(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return true;
        }

        if (utf8[0] == (byte)'$' || utf8.SequenceEqual("__proto__"u8))
        {
            return false;
        }

        bool indexLike = utf8.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && (utf8[0] != (byte)'0' || utf8.Length == 1);
        return !indexLike;
    }

    /// <summary>A 64-bit FNV-1a hash of a key, for duplicate detection without allocating.</summary>
    public static long KeyHash(ReadOnlySpan<byte> utf8)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in utf8)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return unchecked((long)hash);
    }

    /// <summary>Whether two keys hash alike (sorts <paramref name="hashes"/>). Distinct keys that collide in 64 bits
    /// would also take the <c>$map</c> form, which is lossless too; in practice it never happens.</summary>
    public static bool HasDuplicateHash(Span<long> hashes)
    {
        if (hashes.Length < 2)
        {
            return false;
        }

        hashes.Sort();
        for (int i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] == hashes[i - 1])
            {
                return true;
            }
        }

        return false;
    }
}
