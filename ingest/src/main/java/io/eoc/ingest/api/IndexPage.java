package io.eoc.ingest.api;

/**
 * The console's landing page: what is here and where, the devices with their latest values, and —
 * once the cloud has users — a login whose session token stays in the tab (sessionStorage) and goes
 * with every request as a bearer token. The device list refreshes every few seconds while the tab
 * is visible (数据监控, real-time data) and stops when the session ends; so do the SCADA screens
 * (组态画面): the list of screens and the one selected, drawn as SVG from its definition with its
 * live state (device green online, grey offline, red abnormal; values red when abnormal). The full
 * console comes later.
 */
final class IndexPage {
  private IndexPage() {}

  static String render() {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>eoc — equipment on cloud</title><link rel="icon" href="data:,">
        <style>body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:52em;color:#222}
        code{background:#f3f3f3;padding:0 .3em}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}
        #screen{border:1px solid #ddd;width:100%;height:auto}#screen[hidden]{display:none}#screen text{font:14px system-ui,sans-serif}</style>
        </head><body>
        <h1>eoc · 设备上云</h1>
        <p>Equipment on cloud: measured evidence for star-rated cloud adoption (星级上云).</p>
        <ul>
          <li><a href="/health">/health</a> — state of each component</li>
          <li><a href="/api/devices">/api/devices</a> — connected devices</li>
          <li><code>/api/devices/{id}/latest</code> — latest value of every tag of a device</li>
          <li><code>/api/devices/{id}/history?tag=…&amp;from=…&amp;to=…&amp;step=raw|1m|1h</code> — history of a tag (信息追溯)</li>
          <li><a href="/api/ledger">/api/ledger</a> — device ledger (设备台账) · <a href="/api/alarms">/api/alarms</a> — alarms (异常报警)</li>
          <li>设备管理: <a href="/api/inspection/plans">/api/inspection/plans</a> · <a href="/api/inspection/overdue">overdue</a> — inspection (设备点检) ·
            <a href="/api/work-orders">/api/work-orders</a> — work orders (工单管理) ·
            <a href="/api/maintenance/plans">/api/maintenance/plans</a> · <a href="/api/maintenance/overdue">overdue</a> — maintenance (维修保养)</li>
          <li>数据监控: <a href="/api/scada/screens">/api/scada/screens</a> · <code>/api/scada/screens/{id}/state</code> — screens (组态画面)</li>
          <li>决策优化: <a href="/api/commands">/api/commands</a> — remote control (反向控制) ·
            <a href="/api/optimisation/strategies">/api/optimisation/strategies</a> · <a href="/api/optimisation/decisions">decisions</a> — optimisation (执行优化)</li>
          <li><code>POST /api/login</code> — once users exist, the API needs <code>Authorization: Bearer &lt;token&gt;</code></li>
          <li><a href="/api/assessment?format=text">/api/assessment</a> — rulebook jiangsu-2023, level 4 (<code>?format=text</code>, <code>?from=…&amp;to=…</code>)</li>
        </ul>
        <form id="login" hidden><p id="why"></p>
          <input id="user" placeholder="user" autocomplete="username">
          <input id="password" type="password" placeholder="password" autocomplete="current-password">
          <button>log in</button></form>
        <p id="session" hidden>signed in as <b id="who"></b> · <a href="#" id="report">report (HTML)</a> · <a href="#" id="logout">log out</a></p>
        <h2>Devices</h2><p id="problem" hidden></p>
        <table id="devices"><tr><th>device</th><th>category</th><th>values</th><th>latest</th></tr></table>
        <h2>Screens</h2><ul id="screens"></ul><p id="screen-summary" hidden></p>
        <svg id="screen" xmlns="http://www.w3.org/2000/svg" hidden></svg>
        <h2>Optimisation</h2>
        <table id="optimisation"><tr><th>strategy</th><th>set point</th><th>mode</th><th>latest decision</th></tr></table>
        <script>
        const token = () => sessionStorage.getItem('eoc-token');
        const auth = () => token() ? {Authorization: 'Bearer ' + token()} : {};
        const REFRESH_MS = 3000;
        // Evidence counts people, not open tabs: a refresh with no input on the page for 5 minutes
        // says so (X-Eoc-Refresh: auto) and is then counted as a data read only, not as a use of the
        // service or the user's activity.
        const IDLE_MS = 300000;
        let lastInput = Date.now();
        for (const ev of ['keydown', 'mousedown', 'wheel', 'touchstart']) {
          document.addEventListener(ev, () => { lastInput = Date.now(); }, {passive: true, capture: true});
        }
        const polled = () => Object.assign(auth(), Date.now() - lastInput > IDLE_MS ? {'X-Eoc-Refresh': 'auto'} : {});
        let refresh;
        function ask(why) {
          document.getElementById('why').textContent = why;
          document.getElementById('login').hidden = false;
          document.getElementById('session').hidden = true;
        }
        function problem(what) {
          document.getElementById('problem').textContent = what || '';
          document.getElementById('problem').hidden = !what;
        }
        function latest(d) {
          return fetch('/api/devices/' + encodeURIComponent(d.id) + '/latest?agent=' + encodeURIComponent(d.agentId), {headers: polled()})
            .then(r => r.ok ? r.json() : {tags: []})
            .then(b => b.tags.map(t => t.tag + ' ' + (t.value === null ? '—' : +t.value.toFixed(3)) + (t.unit ? ' ' + t.unit : '')).join(' · '));
        }
        function render(rows) {
          const t = document.getElementById('devices');
          while (t.rows.length > 1) t.deleteRow(1);
          for (const {d, values} of rows) {
            const tr = t.insertRow();
            tr.insertCell().textContent = d.agentId + ' / ' + d.id + (d.simulated ? ' (simulated)' : '');
            tr.insertCell().textContent = d.category;
            tr.insertCell().textContent = values || '—';
            tr.insertCell().textContent = d.lastPoint || '—';
          }
        }
        // Polls while the tab is visible; a 401 ends the session and the polling with it.
        function devices() {
          clearTimeout(refresh);
          if (document.hidden) { refresh = setTimeout(devices, REFRESH_MS); return; }
          fetch('/api/devices', {headers: polled()}).then(r => {
            if (r.status === 401) { sessionStorage.removeItem('eoc-token'); render([]); listScreens([]); strategies([], []); ask('This cloud has users: log in to see its data.'); return null; }
            if (!r.ok) throw new Error('the device list failed: HTTP ' + r.status);
            return r.json();
          }).then(ds => ds && Promise.all([Promise.all(ds.map(d => latest(d).then(values => ({d, values})))), screens(), optimisation()]).then(([rows]) => {
            problem('');
            render(rows);
            refresh = setTimeout(devices, REFRESH_MS);
          })).catch(e => {
            problem('Not up to date: ' + e.message);
            refresh = setTimeout(devices, REFRESH_MS);
          });
        }
        // Optimisation (执行优化): each strategy and its latest decision, every fifth refresh (decisions
        // come every 10 s at the most often).
        let cycle = 0;
        function optimisation() {
          if (cycle++ % 5) return Promise.resolve();
          return Promise.all([fetch('/api/optimisation/strategies', {headers: polled()}).then(r => json(r, 'the strategies')),
              fetch('/api/optimisation/decisions?limit=100', {headers: polled()}).then(r => json(r, 'the decisions'))])
            .then(([s, d]) => strategies(s.strategies, d.decisions));
        }
        function strategies(list, decisions) {
          const t = document.getElementById('optimisation');
          while (t.rows.length > 1) t.deleteRow(1);
          for (const s of list) {
            const last = decisions.find(x => x.strategy === s.id), tr = t.insertRow();
            tr.insertCell().textContent = s.name;
            tr.insertCell().textContent = s.agent + ' / ' + s.device + ': ' + s.setpointTag;
            tr.insertCell().textContent = s.mode + (s.enabled ? '' : ' (disabled)');
            tr.insertCell().textContent = last ? last.at + ' ' + last.action + ': ' + last.reason : 'none yet';
          }
        }
        // SCADA screens (组态画面), refreshed with the devices: the list, and the selected screen's state.
        const SVG = 'http://www.w3.org/2000/svg';
        let listed = '', shown = null; // shown: {id, version, nodes: element id -> its SVG parts}
        function json(r, what) {
          if (!r.ok) throw new Error(what + ' failed: HTTP ' + r.status);
          return r.json();
        }
        function screens() {
          return fetch('/api/scada/screens', {headers: polled()}).then(r => json(r, 'the screen list')).then(b => {
            listScreens(b.screens);
            const want = wanted();
            if (want && (!shown || shown.id !== want) && b.screens.some(s => s.id === want)) return select(want);
            if (!shown) return null;
            return fetch('/api/scada/screens/' + shown.id + '/state', {headers: polled()}).then(r => json(r, 'the screen state'))
              .then(st => st.version === shown.version ? paint(st) : select(shown.id));
          });
        }
        function listScreens(list) {
          if (shown && !list.some(s => s.id === shown.id)) {
            shown = null;
            document.getElementById('screen').setAttribute('hidden', ''); // an SVG element has no .hidden
            document.getElementById('screen-summary').hidden = true;
          }
          const text = JSON.stringify(list);
          if (text === listed) return;
          listed = text;
          const ul = document.getElementById('screens');
          ul.replaceChildren();
          if (!list.length) { ul.append(Object.assign(document.createElement('li'), {textContent: 'none defined (POST /api/scada/screens)'})); }
          for (const s of list) {
            const li = document.createElement('li'), a = Object.assign(document.createElement('a'), {href: '#screen=' + s.id, textContent: s.name});
            a.onclick = () => { select(s.id).catch(err => problem('The screen failed: ' + err.message)); };
            li.append(a, ' — ' + (s.description ? s.description + ', ' : '') + s.elements + ' element(s)');
            ul.append(li);
          }
        }
        // The selected screen is in the address (#screen=3): a bookmark opens it, the refresh cycle draws it.
        function wanted() {
          const m = /^#screen=([0-9]+)$/.exec(location.hash);
          return m ? +m[1] : null;
        }
        function svg(name, attrs, text) {
          const e = document.createElementNS(SVG, name);
          for (const k in attrs) e.setAttribute(k, attrs[k]);
          if (text !== undefined) e.textContent = text;
          return e;
        }
        // Draws a screen from its definition: x, y are the centre of a device or value and the start of a label.
        function select(id) {
          return fetch('/api/scada/screens/' + id, {headers: auth()}).then(r => json(r, 'the screen')).then(def => {
            const pic = document.getElementById('screen'), at = {}, nodes = {};
            def.elements.forEach(x => { at[x.id] = x; });
            pic.replaceChildren();
            pic.setAttribute('viewBox', '0 0 ' + def.width + ' ' + def.height);
            for (const x of def.elements.filter(x => x.kind === 'link')) {
              pic.append(svg('line', {x1: at[x.from].x, y1: at[x.from].y, x2: at[x.to].x, y2: at[x.to].y, stroke: '#999', 'stroke-width': 3}));
            }
            for (const x of def.elements) {
              if (x.kind === 'device') {
                const g = svg('g', {}), box = svg('rect', {x: x.x - 60, y: x.y - 20, width: 120, height: 40, rx: 8, fill: '#9e9e9e'}), tip = svg('title');
                g.append(box, svg('text', {x: x.x, y: x.y + 5, 'text-anchor': 'middle', fill: '#fff'}, x.label || x.device), tip);
                pic.append(g);
                nodes[x.id] = {x, box, tip};
              } else if (x.kind === 'value') {
                const text = svg('text', {x: x.x, y: x.y, 'text-anchor': 'middle'}, (x.label || x.tag) + ': …');
                pic.append(text);
                nodes[x.id] = {x, text};
              } else if (x.kind === 'label') {
                pic.append(svg('text', {x: x.x, y: x.y, 'font-weight': 'bold'}, x.text));
              }
            }
            shown = {id: def.id, version: def.version, nodes};
            pic.removeAttribute('hidden');
            return fetch('/api/scada/screens/' + id + '/state', {headers: auth()}).then(r => json(r, 'the screen state')).then(paint);
          });
        }
        function paint(st) {
          for (const [id, s] of Object.entries(st.elements)) {
            const n = shown.nodes[id];
            if (!n) continue;
            if (s.kind === 'device') {
              n.box.setAttribute('fill', s.abnormal ? '#e53935' : s.online ? '#43a047' : '#9e9e9e');
              n.tip.textContent = n.x.agent + ' / ' + n.x.device + ': ' + (s.online ? 'online' : 'offline') + ', last seen ' + (s.lastSeen || 'never')
                + (s.alarms.length ? ', alarms: ' + s.alarms.join(', ') : '');
            } else {
              const v = s.value === null ? (s.status === 'no-data' ? 'no data' : '—')
                : n.x.decimals === undefined ? +s.value.toFixed(3) : s.value.toFixed(n.x.decimals);
              n.text.textContent = (n.x.label || n.x.tag) + ': ' + v + (n.x.unit && s.value !== null ? ' ' + n.x.unit : '') + (s.abnormal ? ' (' + s.status + ')' : '');
              n.text.setAttribute('fill', s.abnormal ? '#e53935' : '#222');
            }
          }
          const sum = document.getElementById('screen-summary');
          sum.textContent = st.summary.devicesOnline + ' of ' + st.summary.devices + ' device(s) online · ' + st.summary.abnormal + ' abnormal · ' + st.at;
          sum.hidden = false;
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
          fetch('/api/report?format=html&lang=zh', {headers: auth()})
            .then(r => r.ok ? r.blob() : r.json().then(b => { throw new Error(b.error || 'HTTP ' + r.status); }))
            .then(b => { problem(''); window.open(URL.createObjectURL(b)); })
            .catch(e => problem('The report failed: ' + e.message));
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
