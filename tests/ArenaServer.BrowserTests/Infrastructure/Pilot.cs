using System.Globalization;

namespace ArenaServer.BrowserTests.Infrastructure;

/// <summary>Flies a page's ship with the keyboard, as a player would: hold a key until the authoritative snapshot
/// says the ship is where it should be, release, and wait until the room has consumed the stop.</summary>
internal static class Pilot
{
    private static readonly TimeSpan s_moveTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Holds <paramref name="key"/> until <paramref name="condition"/> holds, a JavaScript expression over
    /// <c>m</c> (own ship) and <c>t</c> (the ship with id <paramref name="otherId"/>), then stops.</summary>
    public static async Task HoldUntilAsync(ArenaPage page, string key, int otherId, string condition)
    {
        await page.Page.Keyboard.DownAsync(key).DefaultTimeout();
        try
        {
            await page.WaitForAsync(
                $"(a, id) => {{ const m = a.ships.find(s => s.id === a.playerId); const t = a.ships.find(s => s.id === id); return m && t && ({condition}) && {{ x: m.x, y: m.y }}; }}",
                otherId, s_moveTimeout);
        }
        finally
        {
            await page.Page.Keyboard.UpAsync(key).DefaultTimeout();
        }

        await page.SettleAsync();
    }

    /// <summary>A short press: at least one Move goes out (which turns the ship), then the stop.</summary>
    public static async Task TapAsync(ArenaPage page, string key)
    {
        int seq = await page.EvaluateAsync<int>("window.arena.seq");
        await page.Page.Keyboard.DownAsync(key).DefaultTimeout();
        try
        {
            await page.WaitForAsync("(a, seq) => a.seq > seq && { seq: a.seq }", seq);
        }
        finally
        {
            await page.Page.Keyboard.UpAsync(key).DefaultTimeout();
        }

        await page.SettleAsync();
    }

    /// <summary>Lines the shooter up with the target (same row, 8–30 units apart, facing it) and fires until the
    /// shooter's score goes up. The target must stay still.</summary>
    public static async Task<int> ScoreAHitAsync(ArenaPage shooter, int targetId)
    {
        for (int attempt = 0; attempt < 15; attempt++)
        {
            ShipView[] ships = await shooter.ShipsAsync();
            int ownId = await shooter.PlayerIdAsync();
            ShipView me = ships.Single(s => s.Id == ownId);
            ShipView target = ships.Single(s => s.Id == targetId);
            double dx = target.X - me.X;
            double dy = target.Y - me.Y;
            if (!me.Alive || !target.Alive)
            {
                await shooter.WaitForAsync("(a, id) => a.ships.filter(s => s.id === id || s.id === a.playerId).every(s => s.alive) && { ok: 1 }", targetId);
            }
            else if (Math.Abs(dy) > 1.5)
            {
                // Also stops once the target is on the other side: the positions this move was decided on may have
                // been a view that has moved on since (a CI run flew into the wall for 20 s), and the next attempt
                // decides again from fresh ones.
                await HoldUntilAsync(shooter, dy > 0 ? "ArrowDown" : "ArrowUp", targetId,
                    $"Math.abs(t.y - m.y) < 1 || Math.sign(t.y - m.y) !== {Math.Sign(dy)}");
            }
            else if (Math.Abs(dx) > 30)
            {
                await HoldUntilAsync(shooter, dx > 0 ? "ArrowRight" : "ArrowLeft", targetId,
                    $"Math.abs(t.x - m.x) < 25 || Math.sign(t.x - m.x) !== {Math.Sign(dx)}");
            }
            else if (Math.Abs(dx) < 8)
            {
                await HoldUntilAsync(shooter, me.X > 50 ? "ArrowLeft" : "ArrowRight", targetId, "Math.abs(t.x - m.x) > 12");
            }
            else if (Math.Sign(me.FacingX) != Math.Sign(dx) || Math.Abs(me.FacingX) < 0.99)
            {
                await TapAsync(shooter, dx > 0 ? "ArrowRight" : "ArrowLeft");
            }
            else
            {
                await shooter.Page.Keyboard.PressAsync("Space").DefaultTimeout();
                try
                {
                    string before = me.Score.ToString(CultureInfo.InvariantCulture);
                    await shooter.WaitForAsync($"(a) => {{ const m = a.ships.find(s => s.id === a.playerId); return m && m.score > {before} && {{ score: m.score }}; }}",
                        timeout: TimeSpan.FromSeconds(3));
                    return (await shooter.OwnShipAsync()).Score;
                }
                catch (TimeoutException)
                {
                    // Missed (the target drifted or the shot went out during the cooldown): line up again.
                }
            }
        }

        throw new InvalidOperationException($"{shooter.Label} could not hit ship {targetId}: {await shooter.DescribeAsync()}");
    }
}
