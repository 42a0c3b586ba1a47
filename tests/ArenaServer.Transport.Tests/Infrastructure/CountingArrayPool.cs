using System.Buffers;

namespace ArenaServer.Transport.Tests.Infrastructure;

/// <summary>Counts rents and returns so tests can prove every pooled buffer comes back exactly once.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly Dictionary<byte[], int> _returns = new(ReferenceEqualityComparer.Instance);

    public int Rented { get; private set; }

    public int Returned { get; private set; }

    public override byte[] Rent(int minimumLength)
    {
        lock (_returns)
        {
            Rented++;
            byte[] array = new byte[minimumLength];
            _returns[array] = 0;
            return array;
        }
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_returns)
        {
            Returned++;
            _returns[array]++;
            Assert.Equal(1, _returns[array]);
        }
    }
}
