namespace ArenaServer.ConformanceTests.Infrastructure;

/// <summary>
/// Autobahn cases 6.5.x–6.23.x: the sequences of Markus Kuhn's UTF-8-test.txt in Autobahn's order and grouping
/// (crossbario/autobahn-testsuite, <c>case/case6_x_x.py</c>), each sent as one text message.
/// </summary>
internal static class Utf8TestSequences
{
    private static readonly byte[] s_kosme = [0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5]; // "κόσμε"

    private static List<(string, byte[], bool)> Create()
    {
        List<List<(bool Valid, byte[] Payload)>> categories =
        [
            SomeValid(),
            Prefixes(),
            [(true, [0x00]), (true, [0xc2, 0x80]), (true, [0xe0, 0xa0, 0x80]), (true, [0xf0, 0x90, 0x80, 0x80])],
            [(false, [0xf8, 0x88, 0x80, 0x80, 0x80]), (false, [0xfc, 0x84, 0x80, 0x80, 0x80, 0x80])],
            [(true, [0x7f]), (true, [0xdf, 0xbf]), (true, [0xef, 0xbf, 0xbf]), (true, [0xf4, 0x8f, 0xbf, 0xbf])],
            [
                (false, [0xf7, 0xbf, 0xbf, 0xbf]), (false, [0xfb, 0xbf, 0xbf, 0xbf, 0xbf]),
                (false, [0xfd, 0xbf, 0xbf, 0xbf, 0xbf, 0xbf]),
            ],
            [
                (true, [0xed, 0x9f, 0xbf]), (true, [0xee, 0x80, 0x80]), (true, [0xef, 0xbf, 0xbd]),
                (true, [0xf4, 0x8f, 0xbf, 0xbf]), (false, [0xf4, 0x90, 0x80, 0x80]),
            ],
            UnexpectedContinuations(),
            LonelyStarts(),
            [.. s_incomplete.Select(k => (false, k))],
            [(false, s_incomplete.SelectMany(k => k).ToArray())],
            [(false, [0xfe]), (false, [0xff]), (false, [0xfe, 0xfe, 0xff, 0xff])],
            [
                (false, [0xc0, 0xaf]), (false, [0xe0, 0x80, 0xaf]), (false, [0xf0, 0x80, 0x80, 0xaf]),
                (false, [0xf8, 0x80, 0x80, 0x80, 0xaf]), (false, [0xfc, 0x80, 0x80, 0x80, 0x80, 0xaf]),
            ],
            [
                (false, [0xc1, 0xbf]), (false, [0xe0, 0x9f, 0xbf]), (false, [0xf0, 0x8f, 0xbf, 0xbf]),
                (false, [0xf8, 0x87, 0xbf, 0xbf, 0xbf]), (false, [0xfc, 0x83, 0xbf, 0xbf, 0xbf, 0xbf]),
            ],
            [
                (false, [0xc0, 0x80]), (false, [0xe0, 0x80, 0x80]), (false, [0xf0, 0x80, 0x80, 0x80]),
                (false, [0xf8, 0x80, 0x80, 0x80, 0x80]), (false, [0xfc, 0x80, 0x80, 0x80, 0x80, 0x80]),
            ],
            [.. s_singleSurrogates.Select(s => (false, s))],
            PairedSurrogates(),
            NonCharacters(),
            [.. new byte[] { 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf }.Select(b => (true, new byte[] { 0xef, 0xbf, b }))],
        ];

        var all = new List<(string, byte[], bool)>();
        for (int category = 0; category < categories.Count; category++)
        {
            for (int item = 0; item < categories[category].Count; item++)
            {
                (bool valid, byte[] payload) = categories[category][item];
                all.Add(($"6.{category + 5}.{item + 1}", payload, valid));
            }
        }

        return all;
    }

    private static readonly byte[][] s_incomplete =
    [
        [0xc0], [0xe0, 0x80], [0xf0, 0x80, 0x80], [0xf8, 0x80, 0x80, 0x80], [0xfc, 0x80, 0x80, 0x80, 0x80],
        [0xdf], [0xef, 0xbf], [0xf7, 0xbf, 0xbf], [0xfb, 0xbf, 0xbf, 0xbf], [0xfd, 0xbf, 0xbf, 0xbf, 0xbf],
    ];

    private static readonly byte[][] s_singleSurrogates =
    [
        [0xed, 0xa0, 0x80], [0xed, 0xad, 0xbf], [0xed, 0xae, 0x80], [0xed, 0xaf, 0xbf],
        [0xed, 0xb0, 0x80], [0xed, 0xbe, 0x80], [0xed, 0xbf, 0xbf],
    ];

    // Declared after the tables it reads: static initializers run in textual order.
    /// <summary>(Autobahn case id, payload, valid UTF-8).</summary>
    public static IReadOnlyList<(string CaseId, byte[] Payload, bool Valid)> All { get; } = Create();

    private static List<(bool, byte[])> SomeValid() =>
    [
        (true, "hello\u0024world"u8.ToArray()),
        (true, "hello\u00a2world"u8.ToArray()),
        (true, "hello\u20acworld"u8.ToArray()),
        (true, [.. "hello"u8, 0xf0, 0xa4, 0xad, 0xa2, .. "world"u8]),
        (true, s_kosme),
    ];

    // Every prefix of "κόσμε": valid exactly when it ends on a code point boundary.
    private static List<(bool, byte[])> Prefixes()
    {
        int[] boundaries = [2, 5, 7, 9, 11];
        return [.. Enumerable.Range(1, s_kosme.Length).Select(n => (boundaries.Contains(n), s_kosme[..n]))];
    }

    // Autobahn's range(0x80, 0xbf) stops before 0xbf.
    private static List<(bool, byte[])> UnexpectedContinuations() =>
    [
        (false, [0x80]), (false, [0xbf]), (false, [0x80, 0xbf]), (false, [0x80, 0xbf, 0x80]),
        (false, [0x80, 0xbf, 0x80, 0xbf]), (false, [0x80, 0xbf, 0x80, 0xbf, 0x80]),
        (false, [0x80, 0xbf, 0x80, 0xbf, 0x80, 0xbf]),
        (false, [.. Enumerable.Range(0x80, 0xbf - 0x80).Select(i => (byte)i)]),
    ];

    // Each start byte of a range (end exclusive, as in Autobahn) followed by a space.
    private static List<(bool, byte[])> LonelyStarts()
    {
        (int From, int To)[] ranges = [(0xc0, 0xdf), (0xe0, 0xef), (0xf0, 0xf7), (0xf8, 0xfb), (0xfc, 0xfd)];
        return
        [
            .. ranges.Select(r => (false, Enumerable.Range(r.From, r.To - r.From)
                .SelectMany(i => new[] { (byte)i, (byte)0x20 })
                .ToArray())),
        ];
    }

    private static List<(bool, byte[])> PairedSurrogates()
    {
        byte[][] high = [[0xed, 0xa0, 0x80], [0xed, 0xad, 0xbf], [0xed, 0xae, 0x80], [0xed, 0xaf, 0xbf]];
        byte[][] low = [[0xed, 0xb0, 0x80], [0xed, 0xbf, 0xbf]];
        return [.. high.SelectMany(h => low.Select(l => (false, h.Concat(l).ToArray())))];
    }

    // Non-characters are valid UTF-8 (RFC 3629): EF BF BE/BF and F[0-4] [89AB]F BF BE/BF up to U+10FFFF.
    private static List<(bool, byte[])> NonCharacters()
    {
        var list = new List<(bool, byte[])> { (true, [0xef, 0xbf, 0xbe]), (true, [0xef, 0xbf, 0xbf]) };
        foreach (byte z1 in new byte[] { 0xf0, 0xf1, 0xf2, 0xf3, 0xf4 })
        {
            foreach (byte z2 in new byte[] { 0x8f, 0x9f, 0xaf, 0xbf })
            {
                if (z1 == 0xf4 && z2 != 0x8f)
                {
                    continue;
                }

                foreach (byte z3 in new byte[] { 0xbe, 0xbf })
                {
                    if (!(z1 == 0xf0 && z2 == 0x8f))
                    {
                        list.Add((true, [z1, z2, 0xbf, z3]));
                    }
                }
            }
        }

        return list;
    }
}
