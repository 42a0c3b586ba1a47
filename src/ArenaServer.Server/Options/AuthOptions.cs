namespace ArenaServer.Server.Options;

/// <summary>Who may open the game endpoint: configuration section <c>Arena:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>Whether clients without a token may play.</summary>
    /// <remarks>Defaults to <see langword="false"/> (ARCHITECTURE.md §13): a public server should say so explicitly.
    /// Token authentication is not implemented yet, so with <see langword="false"/> every upgrade to <c>/ws</c> is
    /// answered 401. <c>appsettings.Development.json</c> sets it to <see langword="true"/>.</remarks>
    public bool AllowAnonymous { get; set; }
}
