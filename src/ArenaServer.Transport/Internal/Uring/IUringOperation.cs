using static ArenaServer.Transport.Internal.Uring.UringInterop;

namespace ArenaServer.Transport.Internal.Uring;

/// <summary>Something that writes one submission queue entry.</summary>
internal unsafe interface IUringOperation
{
    /// <summary>Fills <paramref name="sqe"/> (zeroed by the ring; the ring sets the user data afterwards).</summary>
    public void Prepare(Sqe* sqe);
}
