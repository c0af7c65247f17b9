/**
 * Drawing a map: Mermaid (for READMEs and GitHub) and DOT, with the same nodes and edges; the edges
 * where only the caller hangs up left out unless asked for; labels escaped so any text draws.
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { twiml } from '../../src/hono/index.js'
import { Gather, Response, Say } from '../../src/index.js'
import { exploreCalls, toDot, toMermaid } from '../../src/testing/index.js'
import { app as brokenLine } from './fixtures/broken-line.js'

describe('Mermaid', () => {
  test('routes as boxes, waiting verbs as diamonds, ends rounded, failures red; edges labelled by the input', async () => {
    const map = await exploreCalls(brokenLine, { entry: '/menu' })
    expect(toMermaid(map)).toMatchInlineSnapshot(`
      "flowchart TD
        n0[["call to /menu"]]
        n1["POST /menu<br/>Gather: Say “For sales, press 1. For billing…”"]
        n2{"Gather (dtmf; 1 digit)"}
        n3["POST /menu/choice<br/>Dial +15550001111"]
        n4{"Dial +15550001111"}
        n5["POST /menu/choice<br/>Redirect /billing"]
        n6["POST /billing<br/>Redirect /billing/queue"]
        n7["POST /billing/queue<br/>Redirect /billing"]
        n8{{"loop: POST /billing → POST /billing/queue → POST /billing"}}
        n9["POST /menu/choice<br/>Say “Sorry, that is not an option.” · Redirect /menu"]
        n10(["end: end of document"])
        n12{{"POST /after-dail → HTTP 404"}}
        n0 --> n1
        n1 --> n2
        n2 -->|"press 1"| n3
        n3 --> n4
        n2 -->|"press 2"| n5
        n5 -->|"redirect"| n6
        n6 -->|"redirect"| n7
        n7 -->|"redirect"| n6
        n6 --> n8
        n2 -->|"press 3, 4, 5, 6, 7, 8, 9, 0, *"| n9
        n9 -->|"redirect"| n1
        n2 -->|"no input"| n10
        n4 -->|"Dial busy · Dial failed · Dial no-answer · caller hangs up · Dial completed"| n12
        classDef failure fill:#fde2e2,stroke:#c62828,color:#8e0000
        class n8,n12 failure
      "
    `)
  })

  test('hangups: true draws the edges where the caller hangs up, and what only they reach', async () => {
    const map = await exploreCalls(brokenLine, { entry: '/menu' })
    const plain = toMermaid(map)
    const all = toMermaid(map, { hangups: true, title: 'Support line' })
    expect(plain).not.toContain('-->|"caller hangs up"|')
    expect(all).toContain('-->|"caller hangs up"|')
    expect(all.startsWith('---\ntitle: "Support line"\n---\nflowchart TD\n')).toBe(true)
  })

  test('quotes, #, < and > in labels are entity codes, so a label never ends a Mermaid string', async () => {
    const app = new Hono()
    app.post('/menu', (c) =>
      twiml(
        c,
        <Response>
          <Gather numDigits={2} action="/next">
            <Say>Say "hi" or press # for {'<help>'}</Say>
          </Gather>
        </Response>,
      ),
    )
    app.post('/next', (c) => twiml(c, <Response />))
    const drawing = toMermaid(await exploreCalls(app, { entry: '/menu' }))
    expect(drawing).toContain('n1["POST /menu<br/>Gather: Say “Say #quot;hi#quot; or press #35; for #lt;help#gt;”"]')
    // Every label is one quoted string: no quote inside it is left as is.
    for (const line of drawing.split('\n').slice(1, -1)) {
      expect(line.match(/"/g)?.length ?? 0, line).toBeLessThanOrEqual(2)
    }
  })
})

describe('DOT', () => {
  test('the same graph for Graphviz', async () => {
    const map = await exploreCalls(brokenLine, { entry: '/menu' })
    expect(toDot(map)).toMatchInlineSnapshot(`
      "digraph calls {
        rankdir=TB;
        node [fontname="Helvetica", fontsize=11];
        edge [fontname="Helvetica", fontsize=10];
        n0 [shape=box, style="rounded,bold", label="call to /menu"];
        n1 [shape=box, label="POST /menu\\nGather: Say “For sales, press 1. For billing…”"];
        n2 [shape=diamond, label="Gather (dtmf; 1 digit)"];
        n3 [shape=box, label="POST /menu/choice\\nDial +15550001111"];
        n4 [shape=diamond, label="Dial +15550001111"];
        n5 [shape=box, label="POST /menu/choice\\nRedirect /billing"];
        n6 [shape=box, label="POST /billing\\nRedirect /billing/queue"];
        n7 [shape=box, label="POST /billing/queue\\nRedirect /billing"];
        n8 [shape=hexagon, color="#c62828", fontcolor="#8e0000", label="loop: POST /billing → POST /billing/queue → POST /billing"];
        n9 [shape=box, label="POST /menu/choice\\nSay “Sorry, that is not an option.” · Redirect /menu"];
        n10 [shape=box, style=rounded, label="end: end of document"];
        n12 [shape=hexagon, color="#c62828", fontcolor="#8e0000", label="POST /after-dail → HTTP 404"];
        n0 -> n1;
        n1 -> n2;
        n2 -> n3 [label="press 1"];
        n3 -> n4;
        n2 -> n5 [label="press 2"];
        n5 -> n6 [label="redirect"];
        n6 -> n7 [label="redirect"];
        n7 -> n6 [label="redirect"];
        n6 -> n8;
        n2 -> n9 [label="press 3, 4, 5, 6, 7, 8, 9, 0, *"];
        n9 -> n1 [label="redirect"];
        n2 -> n10 [label="no input"];
        n4 -> n12 [label="Dial busy · Dial failed · Dial no-answer · caller hangs up · Dial completed"];
      }
      "
    `)
  })
})
