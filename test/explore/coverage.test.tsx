/**
 * Coverage: the calls a test suite simulates, compared with the explored map — which edges the
 * tests took, which not, as a table and in the Mermaid drawing.
 */
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import {
  callCoverage,
  collectCalls,
  exploreCalls,
  simulateCall,
  startCall,
  toMermaid,
  trackCallCoverage,
} from '../../src/testing/index.js'

const options = { url: '/ivr', authToken: DEV_AUTH_TOKEN }

/** Two tests' worth of calls: hours by key, support by voice with a 14 s message. */
async function someCalls() {
  const hours = await simulateCall(exampleApp, options)
  await hours.press('3')
  const support = await simulateCall(exampleApp, { ...options, record: { duration: 14, key: '#' } })
  await support.speak('help')
}

describe('callCoverage', () => {
  test('marks the edges the collected calls took, input by input', async () => {
    const collector = collectCalls()
    await someCalls()
    collector.stop()
    await simulateCall(exampleApp, options) // after stop(): not collected
    expect(collector.calls).toHaveLength(2)
    const map = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
    const report = callCoverage(map, collector)
    expect(report.table()).toMatchInlineSnapshot(`
      "taken  from                             input                                             to
      yes    call to /ivr                     →                                                 POST /ivr
      yes    POST /ivr                        →                                                 Gather (speech, dtmf; 1 digit)
      NO     Gather (speech, dtmf; 1 digit)   press 1 · say sales, buy (0/3)                    POST /ivr/choice
      NO     POST /ivr/choice                 redirect                                          POST /ivr/sales
      NO     POST /ivr/sales                  redirect                                          POST /queue/sales
      NO     POST /queue/sales                →                                                 Enqueue sales
      NO     Enqueue sales                    waits                                             POST /queue/wait (enqueue-wait)
      NO     POST /queue/wait (enqueue-wait)  ends                                              Enqueue sales
      yes    Gather (speech, dtmf; 1 digit)   press 2 · say support, help (1/3)                 POST /ivr/choice
      yes    POST /ivr/choice                 redirect                                          POST /ivr/support
      yes    POST /ivr/support                redirect                                          POST /voicemail
      yes    POST /voicemail                  →                                                 Record (max 120s)
      yes    Gather (speech, dtmf; 1 digit)   press 3 · say hours, open (1/3)                   POST /ivr/choice
      yes    POST /ivr/choice                 redirect                                          POST /ivr/hours
      yes    POST /ivr/hours                  →                                                 end: hangup
      NO     Gather (speech, dtmf; 1 digit)   press 4, 5, 6, 7, 8, 9, 0, * (0/8)                POST /ivr/choice
      NO     POST /ivr/choice                 redirect                                          POST /ivr
      NO     Gather (speech, dtmf; 1 digit)   no input                                          POST /ivr
      NO     Enqueue sales                    queue full · queue error · queue system error ·…  POST /queue/left
      NO     POST /queue/left                 →                                                 end: end of document
      yes    Record (max 120s)                recording                                         POST /voicemail/saved
      yes    POST /voicemail/saved            →                                                 end: hangup
      NO     Record (max 120s)                no recording                                      end: hangup
      NO     Enqueue sales                    waits                                             POST /queue/wait (enqueue-wait)
      NO     POST /queue/wait (enqueue-wait)  ends                                              Enqueue sales
      NO     Enqueue sales                    leaves the queue                                  POST /queue/left
      NO     POST /queue/left                 redirect                                          POST /voicemail
      11 of 27 edges taken (41 %)
      "
    `)
    expect(report.unmatched).toEqual([])
  })

  test('the Mermaid drawing shows taken edges green and the others red, dashed', async () => {
    const collector = collectCalls()
    await someCalls()
    collector.stop()
    const map = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
    const report = callCoverage(map, collector)
    const drawing = toMermaid(map, { coverage: report })
    const styles = drawing.split('\n').filter((l) => l.includes('linkStyle'))
    const edges = drawing.split('\n').filter((l) => l.includes('-->'))
    const taken = report.edges.flatMap((e, i) => (e.covered ? [String(i)] : []))
    const missed = report.edges.flatMap((e, i) => (e.covered ? [] : [String(i)]))
    expect(edges).toHaveLength(report.total)
    expect(styles).toEqual([
      `  linkStyle ${taken.join(',')} stroke:#2e7d32,stroke-width:2px`,
      `  linkStyle ${missed.join(',')} stroke:#c62828,stroke-width:2px,stroke-dasharray:5 5`,
    ])
  })

  test('a steered call counts too, and a call to a route the map lacks is listed as unmatched', async () => {
    const collector = collectCalls()
    const steered = startCall(exampleApp, options)
    await steered.nextWait()
    await steered.press('3')
    await simulateCall(exampleApp, { url: '/sip/basic', authToken: DEV_AUTH_TOKEN })
    collector.stop()
    const map = await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN })
    const report = callCoverage(map, collector)
    const nodes = new Map(map.nodes.map((n) => [n.id, n.label]))
    expect(report.edges.filter((e) => e.covered).map((e) => `${nodes.get(e.from)} → ${e.label || '·'}`)).toEqual([
      'call to /ivr → ·',
      'POST /ivr → ·',
      'Gather (speech, dtmf; 1 digit) → press 3 · say hours, open',
      'POST /ivr/choice → redirect',
      'POST /ivr/hours → ·',
    ])
    expect(report.unmatched[0]).toBe('start POST /sip/basic → route caller call POST /sip/basic')
  })
})

describe('trackCallCoverage, the vitest helper', () => {
  test('after the tests of a file, explores the app and prints the table; below the minimum it fails', async () => {
    const hooks: (() => Promise<void>)[] = []
    const printed: string[] = []
    trackCallCoverage((fn) => hooks.push(fn), exampleApp, {
      entry: '/ivr',
      authToken: DEV_AUTH_TOKEN,
      print: (text) => printed.push(text),
      minimum: 90,
    })
    await someCalls()
    expect(hooks).toHaveLength(1)
    await expect(hooks[0]!()).rejects.toThrow(
      /^call-flow coverage \d+ % is below the minimum of 90 %: \d+ edges not taken$/,
    )
    expect(printed).toHaveLength(1)
    expect(printed[0]).toMatch(/edges taken \(\d+ %\)\n$/)
  })
})
