namespace ArenaServer.Server.Rooms;

/// <summary>The room hooks, named in <c>{Hook}</c> of error logs.</summary>
internal enum RoomHook
{
    /// <summary><c>OnCreated</c>.</summary>
    OnCreated,

    /// <summary><c>OnJoining</c>.</summary>
    OnJoining,

    /// <summary><c>OnJoined</c>.</summary>
    OnJoined,

    /// <summary><c>OnTick</c>.</summary>
    OnTick,

    /// <summary><c>CreateSnapshot</c>.</summary>
    CreateSnapshot,

    /// <summary><c>OnDisconnected</c>.</summary>
    OnDisconnected,

    /// <summary><c>OnReconnected</c>.</summary>
    OnReconnected,

    /// <summary><c>OnLeft</c>.</summary>
    OnLeft,

    /// <summary><c>OnServerEvent</c>.</summary>
    OnServerEvent,

    /// <summary><c>OnClosingAsync</c>.</summary>
    OnClosingAsync,
}
