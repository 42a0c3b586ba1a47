namespace ArenaServer.Server.Admin;

/// <summary>The <c>GET /admin</c> page: self-contained HTML (no external assets) that polls <c>/admin/rooms</c> every
/// second and shows the rooms in a table.</summary>
/// <remarks>Room fields are inserted with <c>textContent</c>, never as HTML. A caller that is not on loopback enters
/// the admin key once; it is kept in <c>sessionStorage</c> and sent as a bearer token.</remarks>
internal static class AdminPage
{
    /// <summary>Gets the page, UTF-8.</summary>
    public static ReadOnlySpan<byte> Html => """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ArenaServer admin</title>
        <style>
        body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
        h1 { font-size: 1.3rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; font-variant-numeric: tabular-nums; }
        th { background: #f4f4f4; }
        #status { color: #666; margin: .5rem 0; }
        #status.error { color: #b00; }
        </style>
        </head>
        <body>
        <h1>ArenaServer rooms</h1>
        <p><a href="/metrics">/metrics</a> · <a href="/admin/rooms">/admin/rooms</a> ·
        <label>Admin key <input id="key" type="password" autocomplete="off"></label></p>
        <div id="status">loading…</div>
        <table>
        <thead><tr><th>id</th><th>type</th><th>node</th><th>players</th><th>connected</th><th>spectators</th>
        <th>max</th><th>locked</th><th>private</th><th>tick</th><th>tick p99 (ms)</th><th>created</th></tr></thead>
        <tbody id="rooms"></tbody>
        </table>
        <script>
        'use strict';
        const keyInput = document.getElementById('key');
        keyInput.value = sessionStorage.getItem('arena.adminKey') || '';
        keyInput.addEventListener('change', () => sessionStorage.setItem('arena.adminKey', keyInput.value));
        const columns = ['id', 'type', 'node', 'players', 'connected', 'spectators', 'maxPlayers', 'locked', 'private',
          'tick', 'tickP99Ms', 'created'];
        async function refresh() {
          const status = document.getElementById('status');
          try {
            const headers = keyInput.value ? { Authorization: 'Bearer ' + keyInput.value } : {};
            const response = await fetch('/admin/rooms', { headers, cache: 'no-store' });
            if (!response.ok) { throw new Error('HTTP ' + response.status); }
            const rooms = await response.json();
            const body = document.getElementById('rooms');
            body.replaceChildren(...rooms.map(room => {
              const row = document.createElement('tr');
              for (const column of columns) {
                const cell = document.createElement('td');
                const value = room[column];
                cell.textContent = value === null || value === undefined ? '—' : String(value);
                row.appendChild(cell);
              }
              return row;
            }));
            status.className = '';
            status.textContent = rooms.length + ' room(s), updated ' + new Date().toLocaleTimeString();
          } catch (error) {
            status.className = 'error';
            status.textContent = 'cannot load /admin/rooms: ' + error.message;
          }
        }
        refresh();
        setInterval(refresh, 1000);
        </script>
        </body>
        </html>
        """u8;
}
