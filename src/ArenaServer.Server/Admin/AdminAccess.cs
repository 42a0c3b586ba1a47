namespace ArenaServer.Server.Admin;

/// <summary>The admin rule's verdict for one request (ARCHITECTURE.md §12).</summary>
internal enum AdminAccess
{
    /// <summary>A loopback caller, or the right bearer key.</summary>
    Allowed,

    /// <summary>Not loopback and no <c>Arena:Http:AdminApiKey</c> is configured: 403.</summary>
    Forbidden,

    /// <summary>Not loopback, and the bearer key is missing or wrong: 401 with <c>WWW-Authenticate: Bearer</c>.</summary>
    Unauthorized,
}
