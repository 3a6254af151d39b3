package io.eoc.ingest.api;

/** The console's landing page: what is here and where (the full console comes later). */
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
        <h2>Devices</h2><table id="devices"><tr><th>device</th><th>category</th><th>latest</th></tr></table>
        <script>
        fetch('/api/devices').then(r => r.json()).then(ds => {
          const t = document.getElementById('devices');
          for (const d of ds) {
            const tr = t.insertRow();
            const a = document.createElement('a');
            a.href = '/api/devices/' + encodeURIComponent(d.id) + '/latest?agent=' + encodeURIComponent(d.agentId);
            a.textContent = d.agentId + ' / ' + d.id + (d.simulated ? ' (simulated)' : '');
            tr.insertCell().appendChild(a);
            tr.insertCell().textContent = d.category;
            tr.insertCell().textContent = d.lastPoint || '—';
          }
        });
        </script>
        </body></html>
        """;
  }
}
