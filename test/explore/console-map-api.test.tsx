/**
 * The console's side of the call-flow map: `GET api/map` explores the app the console serves (with
 * its token), once per app and entry, and the panel's layout puts every box in its own place.
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import { layoutMap } from '../../src/dev/client/map-layout.js'
import { devConsole } from '../../src/dev/index.js'
import { twiml } from '../../src/hono/index.js'
import { Response, Say } from '../../src/index.js'
import { type CallMap, exploreCalls, followPath, pathTo, startCall } from '../../src/testing/index.js'

describe('GET api/map', () => {
  test('the map exploreCalls makes of the served app, signed with the console token', async () => {
    const console_ = devConsole(exampleApp, { authToken: DEV_AUTH_TOKEN, entry: '/ivr' })
    const response = await console_.request('/api/map?entry=/ivr')
    expect(response.status).toBe(200)
    const served = (await response.json()) as CallMap
    expect(served).toEqual(
      JSON.parse(JSON.stringify(await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN }))),
    )
    // Without ?entry, the console's entry; a node's path places a call that waits where it says.
    expect(await (await console_.request('/api/map')).json()).toEqual(served)
    const record = served.nodes.find((n) => n.kind === 'decision' && n.verb === 'Record')!
    const call = startCall(exampleApp, followPath(pathTo(served, record.id)!, { authToken: DEV_AUTH_TOKEN }))
    expect(await call.nextWait()).toMatchObject({ kind: 'record', document: '/voicemail' })
  })

  test('explored once per app and entry; a reloaded app is explored again; a bad entry is a 400', async () => {
    let requests = 0
    const make = (words: string) => {
      const app = new Hono()
      app.post('/hello', (c) => {
        requests++
        return twiml(
          c,
          <Response>
            <Say>{words}</Say>
          </Response>,
        )
      })
      return app
    }
    let current = make('Hello.')
    const console_ = devConsole({ load: () => ({ app: current }) })
    const says = async () => {
      const map = (await (await console_.request('/api/map?entry=/hello')).json()) as CallMap
      return map.nodes.flatMap((n) => (n.kind === 'route' ? n.document.verbs : []))
    }
    expect(await says()).toEqual(['Say “Hello.”'])
    expect(await says()).toEqual(['Say “Hello.”'])
    expect(requests).toBe(1)
    current = make('Hi again.')
    expect(await says()).toEqual(['Say “Hi again.”'])
    const bad = await console_.request('/api/map?entry=hello')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ error: 'entry "hello": give a path, e.g. /voice' })
  })
})

describe('the panel layout', () => {
  test('one row per step from the start; no two boxes overlap; every shown edge is drawn', async () => {
    const map = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
    const layout = layoutMap(map)
    const boxes = layout.nodes
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y
        expect(apart, `${a.node.label} / ${b.node.label}`).toBe(true)
      }
      expect(a.x).toBeGreaterThanOrEqual(0)
      expect(a.x + a.width).toBeLessThanOrEqual(layout.width)
    }
    const y = (label: string) => boxes.find((b) => b.node.label === label)!.y
    expect(y('call to /ivr')).toBeLessThan(y('POST /ivr'))
    expect(y('POST /ivr')).toBeLessThan(y('Gather (speech, dtmf; 1 digit)'))
    expect(layout.edges.every((e) => /^M [\d.]+ [\d.]+ C /.test(e.d))).toBe(true)
    // The menu's "no input" goes back up to it.
    expect(layout.edges.find((e) => e.edge.label === 'no input')).toMatchObject({ back: true })
  })
})
