using System.Text;

namespace ArenaServer.ConformanceTests.Infrastructure;

/// <summary>Payloads as Autobahn builds them.</summary>
internal static class Payloads
{
    public static byte[] Repeat(byte value, int length)
    {
        byte[] payload = new byte[length];
        payload.AsSpan().Fill(value);
        return payload;
    }

    /// <summary>A pattern repeated and cut to <paramref name="length"/> bytes (Autobahn's payload_len).</summary>
    public static byte[] Repeat(string pattern, int length)
    {
        byte[] unit = Encoding.UTF8.GetBytes(pattern);
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++)
        {
            payload[i] = unit[i % unit.Length];
        }

        return payload;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
