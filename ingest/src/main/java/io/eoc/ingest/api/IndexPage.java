package io.eoc.ingest.api;

/**
 * The console's landing page: what is here and where, the devices, and — once the cloud has users —
 * a login whose session token stays in the tab (sessionStorage) and goes with every request as a
 * bearer token. The full console comes later.
 */
final class IndexPage {
  private IndexPage() {}

  static String render() {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>eoc — equipment on cloud</title>
        <style>body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:52em;color:#222}
        code{background:#f3f3f3;padding:0 .3em}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}</style>
        </head><body>
        <h1>eoc · 设备上云</h1>
        <p>Equipment on cloud: measured evidence for star-rated cloud adoption (星级上云).</p>
        <ul>
          <li><a href="/health">/health</a> — state of each component</li>
          <li><a href="/api/devices">/api/devices</a> — connected devices</li>
          <li><code>/api/devices/{id}/latest</code> — latest value of every tag of a device</li>
          <li><code>/api/devices/{id}/history?tag=…&amp;from=…&amp;to=…&amp;step=raw|1m|1h</code> — history of a tag (信息追溯)</li>
          <li><a href="/api/ledger">/api/ledger</a> — device ledger (设备台账) · <a href="/api/alarms">/api/alarms</a> — alarms (异常报警)</li>
          <li><code>POST /api/login</code> — once users exist, the API needs <code>Authorization: Bearer &lt;token&gt;</code></li>
          <li><a href="/api/assessment?format=text">/api/assessment</a> — rulebook jiangsu-2023, level 4 (<code>?format=text</code>, <code>?from=…&amp;to=…</code>)</li>
        </ul>
        <form id="login" hidden><p id="why"></p>
          <input id="user" placeholder="user" autocomplete="username">
          <input id="password" type="password" placeholder="password" autocomplete="current-password">
          <button>log in</button></form>
        <p id="session" hidden>signed in as <b id="who"></b> · <a href="#" id="report">report (HTML)</a> · <a href="#" id="logout">log out</a></p>
        <h2>Devices</h2><table id="devices"><tr><th>device</th><th>category</th><th>latest</th></tr></table>
        <script>
        const token = () => sessionStorage.getItem('eoc-token');
        const auth = () => token() ? {Authorization: 'Bearer ' + token()} : {};
        function ask(why) {
          document.getElementById('why').textContent = why;
          document.getElementById('login').hidden = false;
        }
        function devices() {
          fetch('/api/devices', {headers: auth()}).then(r => {
            if (r.status === 401) { sessionStorage.removeItem('eoc-token'); ask('This cloud has users: log in to see its data.'); return []; }
            if (!r.ok) { ask('The device list failed: HTTP ' + r.status); return []; }
            return r.json();
          }).then(ds => {
            const t = document.getElementById('devices');
            while (t.rows.length > 1) t.deleteRow(1);
            for (const d of ds) {
              const tr = t.insertRow();
              tr.insertCell().textContent = d.agentId + ' / ' + d.id + (d.simulated ? ' (simulated)' : '');
              tr.insertCell().textContent = d.category;
              tr.insertCell().textContent = d.lastPoint || '—';
            }
          });
        }
        document.getElementById('login').onsubmit = e => {
          e.preventDefault();
          fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(
              {user: document.getElementById('user').value, password: document.getElementById('password').value})})
            .then(r => r.json().then(b => ({ok: r.ok, b})))
            .then(({ok, b}) => {
              if (!ok) { ask(b.error || 'login refused'); return; }
              sessionStorage.setItem('eoc-token', b.token);
              sessionStorage.setItem('eoc-user', b.user + ' (' + b.role + ')');
              show();
            });
        };
        document.getElementById('logout').onclick = e => {
          e.preventDefault();
          fetch('/api/logout', {method: 'POST', headers: auth()}).finally(() => { sessionStorage.clear(); location.reload(); });
        };
        document.getElementById('report').onclick = e => {
          e.preventDefault();
          fetch('/api/report?format=html&lang=zh', {headers: auth()}).then(r => r.blob())
            .then(b => window.open(URL.createObjectURL(b)));
        };
        function show() {
          document.getElementById('login').hidden = true;
          document.getElementById('session').hidden = !token();
          document.getElementById('who').textContent = sessionStorage.getItem('eoc-user') || '';
          devices();
        }
        show();
        </script>
        </body></html>
        """;
  }
}
