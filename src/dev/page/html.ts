/**
 * The console's one page: a phone beside a timeline, inline styles and script (the page loads
 * nothing from elsewhere, so it works offline). The script is built from `src/dev/client/` into
 * `client.generated.ts` (`npm run build:console`; a test checks it is current).
 *
 * Panels are `<section class="panel" data-panel="…">` children of `#panels`, laid out side by side;
 * a new view (a flow map, a chat) is one more section, mounted by the client's panel registry.
 */
import { CLIENT_SCRIPT } from './client.generated.js'
import { STYLE } from './style.js'

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function consolePage(title: string): string {
  const name = escapeHtml(title)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${name}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="bar">
  <h1>${name}</h1>
  <p id="app-status" class="muted">Loading…</p>
  <label class="switch"><input type="checkbox" id="mute"> Mute</label>
</header>
<main id="panels">
  <section class="panel phone" data-panel="phone" aria-labelledby="phone-title">
    <h2 id="phone-title">Phone</h2>
    <form id="call-form" class="setup">
      <label>Route <select id="route"></select></label>
      <label id="path-label" hidden>Path <input id="path" autocomplete="off" placeholder="/voice"></label>
      <div class="row">
        <label>From <input id="from" autocomplete="off"></label>
        <label>To <input id="to" autocomplete="off"></label>
      </div>
      <details>
        <summary>Method and parameters</summary>
        <label>Method <select id="method"><option>POST</option><option>GET</option></select></label>
        <label>Parameters, one <code>Name=value</code> a line <textarea id="params" rows="3" spellcheck="false"></textarea></label>
      </details>
      <div class="row actions">
        <button type="submit" id="call" class="call">Call</button>
        <button type="button" id="hangup" class="hangup" disabled>Hang up</button>
      </div>
    </form>
    <div class="screen">
      <p id="status" role="status">No call yet.</p>
      <p class="clock">Virtual clock <span id="clock">0 s</span></p>
    </div>
    <div id="steer" role="group" aria-label="What happens next"></div>
    <p id="notice" role="alert" class="notice"></p>
  </section>
  <section class="panel timeline-panel" data-panel="timeline" aria-labelledby="timeline-title">
    <div class="panel-head">
      <h2 id="timeline-title">Timeline</h2>
      <div class="tools">
        <button type="button" id="copy-test" disabled>Copy as test</button>
        <button type="button" id="save-session" disabled>Save session</button>
        <label class="file-button">Load session <input type="file" id="load-session" accept=".json,application/json"></label>
      </div>
    </div>
    <ol id="timeline" role="log" aria-live="polite" aria-label="Call timeline"></ol>
  </section>
</main>
<dialog id="test-dialog" aria-labelledby="test-title">
  <form method="dialog" class="test-form">
    <h2 id="test-title">The session as a vitest test</h2>
    <label>Test file (imports are relative to it) <input id="test-file" autocomplete="off"></label>
    <textarea id="test-code" readonly rows="18" spellcheck="false" aria-label="Test code"></textarea>
    <div class="row actions">
      <button type="button" id="copy-code">Copy to clipboard</button>
      <button value="close">Close</button>
    </div>
  </form>
</dialog>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`
}
