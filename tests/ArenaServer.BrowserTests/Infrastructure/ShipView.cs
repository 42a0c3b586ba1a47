namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>One ship as a page's <c>window.arena.ships</c> reports it (the latest authoritative snapshot).</summary>
public sealed record ShipView(int Id, double X, double Y, double FacingX, double FacingY, int Score, bool Alive, string Name);
