/** The console's styles: system fonts, no images, readable in light and dark. */
export const STYLE = `
:root{--bg:#f6f7f9;--fg:#1c2330;--muted:#5b6576;--card:#fff;--line:#d9dee7;--accent:#0b63ce;--ok:#137a3a;--bad:#b3261e;--warn:#8a5a00;--say:#eef4ff;--you:#effaf2;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#12161d;--fg:#e4e8ef;--muted:#9aa4b5;--card:#1b212b;--line:#2e3745;--accent:#6aa8ff;--ok:#5fcf86;--bad:#ff8a80;--warn:#f0c05a;--say:#1d2a40;--you:#18301f}}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
.bar{display:flex;gap:1rem;align-items:center;padding:.5rem 1rem;border-bottom:1px solid var(--line);background:var(--card)}
.bar h1{font-size:1rem;margin:0}
.bar .muted{flex:1;margin:0}
.muted{color:var(--muted)}
#panels{display:grid;grid-template-columns:minmax(280px,340px) minmax(0,1fr);grid-auto-columns:minmax(320px,1fr);grid-auto-flow:column;gap:1rem;padding:1rem;align-items:start}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.75rem 1rem;min-width:0}
.phone{position:sticky;top:1rem}
.panel h2{font-size:.95rem;margin:0 0 .5rem}
.panel-head{display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
.panel-head h2{flex:1;margin:0}
.tools{display:flex;gap:.4rem;flex-wrap:wrap}
label{display:block;margin:.25rem 0;color:var(--muted);font-size:.85rem}
input,select,textarea,button{font:inherit;color:inherit}
input,select,textarea{display:block;width:100%;padding:.3rem .45rem;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
textarea{font-family:var(--mono);font-size:.8rem}
.switch{display:flex;gap:.35rem;align-items:center;margin:0}
.switch input{width:auto;display:inline}
.row{display:flex;gap:.5rem;align-items:end}
.row>label{flex:1}
.actions{margin-top:.5rem}
button,.file-button{padding:.35rem .7rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);cursor:pointer;color:var(--fg);font-size:.85rem;margin:0}
button:hover:not(:disabled),.file-button:hover{border-color:var(--accent)}
button:disabled{opacity:.45;cursor:default}
:focus-visible{outline:3px solid var(--accent);outline-offset:1px}
.file-button input{position:absolute;opacity:0;width:1px;height:1px}
.file-button:focus-within{outline:3px solid var(--accent)}
button.call{background:var(--ok);border-color:var(--ok);color:#fff;flex:1;font-weight:600}
button.hangup{background:var(--bad);border-color:var(--bad);color:#fff;flex:1;font-weight:600}
.screen{margin:.75rem 0 .5rem;padding:.5rem .75rem;border-radius:8px;background:var(--bg);border:1px solid var(--line)}
.screen p{margin:0}
#status{font-weight:600}
.clock{color:var(--muted);font-size:.8rem}
#clock{font-family:var(--mono)}
#steer{display:grid;gap:.5rem}
#steer h3{font-size:.85rem;margin:.25rem 0 0}
.keypad{display:grid;grid-template-columns:repeat(3,1fr);gap:.35rem}
.keypad button{font-size:1.15rem;padding:.45rem 0;font-family:var(--mono)}
.digits{font-family:var(--mono);min-height:1.4em;text-align:center;letter-spacing:.2em}
.choices{display:flex;flex-wrap:wrap;gap:.35rem}
.party{border:1px solid var(--line);border-radius:8px;padding:.4rem .5rem;display:grid;gap:.35rem}
.party .who{font-family:var(--mono);font-size:.8rem;word-break:break-all}
.state{font-size:.75rem;padding:0 .35rem;border-radius:4px;background:var(--bg);border:1px solid var(--line);margin-left:.35rem}
.inline{display:flex;gap:.35rem;align-items:center}
.inline input{width:5.5rem;display:inline-block}
.notice{color:var(--bad);min-height:1em;margin:.5rem 0 0}
#timeline{list-style:none;margin:.5rem 0 0;padding:0;display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.25fr);gap:.3rem .75rem;align-items:start}
#timeline li{grid-column:1;padding:.3rem .5rem;border-radius:6px;border:1px solid transparent;min-width:0}
#timeline li.http{grid-column:2;border-color:var(--line);background:var(--bg)}
#timeline li.note{grid-column:1 / -1;color:var(--muted);font-size:.8rem;padding:.1rem .5rem}
.at{font-family:var(--mono);font-size:.72rem;color:var(--muted);margin-right:.4rem}
li.say{background:var(--say)}
li.say .text{font-size:.95rem}
li.speaking{border-color:var(--accent)!important}
li.you{background:var(--you)}
li.wait{color:var(--muted);font-style:italic;font-size:.8rem}
li.end{font-weight:600}
li.problem,li.warning{border-color:var(--bad)!important;color:var(--bad)}
li.warning{border-color:var(--warn)!important;color:var(--warn)}
.meta{font-size:.75rem;color:var(--muted);margin-left:.35rem}
.badge{font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-right:.35rem}
.head{display:flex;gap:.4rem;align-items:baseline;flex-wrap:wrap}
.method{font-weight:700;font-family:var(--mono);font-size:.8rem}
.url{font-family:var(--mono);font-size:.8rem;word-break:break-all;flex-basis:100%;order:9}
.kind{font-size:.7rem;color:var(--muted);margin-left:auto}
.status{font-family:var(--mono);font-size:.75rem;padding:0 .3rem;border-radius:4px;color:#fff;background:var(--ok)}
.status.bad{background:var(--bad)}
.status.unsent{background:var(--muted)}
details{margin-top:.2rem}
summary{cursor:pointer;font-size:.78rem;color:var(--muted)}
pre.twiml{margin:.2rem 0 0;padding:.4rem .5rem;background:var(--card);border:1px solid var(--line);border-radius:6px;font:.75rem/1.4 var(--mono);white-space:pre-wrap;word-break:break-word}
table.params{border-collapse:collapse;font:.72rem/1.35 var(--mono);width:100%}
table.params td{padding:0 .4rem 0 0;vertical-align:top;word-break:break-all}
table.params td:first-child{color:var(--muted);white-space:nowrap;word-break:normal}
ul.issues{margin:.25rem 0 0;padding-left:1.1rem;font-size:.8rem}
ul.issues li{grid-column:auto!important;padding:0!important;border:0!important}
.issue-error{color:var(--bad)}
.issue-warning{color:var(--warn)}
.countdown{font-family:var(--mono);margin-left:.35rem}
audio{display:block;width:100%;height:2rem;margin-top:.2rem}
dialog{border:1px solid var(--line);border-radius:10px;background:var(--card);color:var(--fg);width:min(900px,95vw);padding:1rem}
dialog::backdrop{background:rgba(0,0,0,.35)}
.test-form h2{font-size:1rem;margin:0 0 .5rem}
/* The map goes under the timeline, beside (not under) the sticky phone; the timeline keeps row 1. */
.timeline-panel{grid-row:1}
.panel[data-panel=map]{grid-column:2 / -1;grid-row:2}
.map-form{margin-bottom:.25rem}
.map-form label{flex:0 1 16rem}
.map-scroll{overflow:auto;max-height:75vh;border:1px solid var(--line);border-radius:8px;background:var(--bg)}
.map-scroll:empty{display:none}
svg.map{display:block;font:11px/1 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
svg.map .edge{fill:none;stroke:var(--muted);stroke-width:1.2}
svg.map .edge.back{stroke-dasharray:4 3}
svg.map .arrow-head{fill:var(--muted)}
svg.map .edge-label{fill:var(--fg);font-size:10px;text-anchor:middle;paint-order:stroke;stroke:var(--bg);stroke-width:3px}
svg.map .node{cursor:pointer}
svg.map .node rect{fill:var(--card);stroke:var(--line);stroke-width:1.2}
svg.map .node.decision rect{stroke:var(--accent);stroke-width:1.6}
svg.map .node.start rect{stroke:var(--ok);stroke-width:2}
svg.map .node.failure rect{stroke:var(--bad);stroke-width:2}
svg.map .node.failure text{fill:var(--bad)}
svg.map .node:hover rect,svg.map .node:focus rect{stroke:var(--accent);stroke-width:2.5}
svg.map .node:focus{outline:none}
svg.map text{fill:var(--fg)}
svg.map text.detail{fill:var(--muted)}
.chat{list-style:none;margin:.25rem 0 .5rem;padding:0;display:flex;flex-direction:column;gap:.35rem;max-height:60vh;overflow-y:auto}
.bubble{max-width:85%;padding:.35rem .6rem;border-radius:12px;border:1px solid var(--line)}
.bubble.agent{align-self:flex-start;background:var(--say);border-bottom-left-radius:3px}
.bubble.caller{align-self:flex-end;background:var(--you);border-bottom-right-radius:3px}
.bubble .who{font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin-right:.35rem}
.bubble .text{display:block;font-size:.95rem;white-space:pre-wrap}
.bubble.streaming{border-color:var(--accent)}
.bubble.cut .text{opacity:.75}
.chat-note{align-self:center;font-size:.78rem;color:var(--muted);text-align:center;max-width:95%}
.chat-note.warning{color:var(--warn)}
.chat-note.end,.chat-note.action{color:var(--fg)}
pre.handoff{margin:.2rem 0 0;padding:.3rem .5rem;text-align:left;background:var(--bg);border:1px solid var(--line);border-radius:6px;font:.75rem/1.4 var(--mono);white-space:pre-wrap;word-break:break-word}
.chat-compose .inline{flex-wrap:wrap}
.chat-compose .inline input{width:auto;flex:1;min-width:8rem}
.chat-keys{display:grid;grid-template-columns:repeat(6,1fr);gap:.3rem;margin-top:.4rem}
.chat-keys button{font-family:var(--mono)}
li.stream{font-size:.85rem}
@media (max-width:760px){#panels{grid-template-columns:1fr;grid-auto-flow:row}.timeline-panel,.panel[data-panel=map]{grid-column:auto;grid-row:auto}#timeline{grid-template-columns:1fr}#timeline li.http{grid-column:1}}
`
