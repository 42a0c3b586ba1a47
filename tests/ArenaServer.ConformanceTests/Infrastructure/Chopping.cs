namespace ArenaServer.ConformanceTests.Infrastructure;

/// <summary>How a sequence of frames goes onto the wire (Autobahn's "one chop", "sync" and "chopsize = 1").</summary>
public enum Chopping
{
    /// <summary>All frames in a single write.</summary>
    OneWrite,

    /// <summary>One write per frame.</summary>
    FrameWise,

    /// <summary>One write per octet, each its own TCP segment.</summary>
    OctetWise,
}
