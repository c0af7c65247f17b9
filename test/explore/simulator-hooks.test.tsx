/**
 * What the explorer added to the simulator: every call announces itself to observers, the
 * parameters a request line shows are available as data, and the decide hook's answers count as
 * input for the loop limit (a queue waited through many runs of its wait music is no loop).
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { twiml } from '../../src/hono/index.js'
import { Enqueue, Gather, Redirect, Response, Say } from '../../src/index.js'
import {
  type CallInput,
  notableParams,
  observeCalls,
  type SimulatedCall,
  simulateCall,
  startCall,
} from '../../src/testing/index.js'

function menu() {
  const app = new Hono()
  app.post('/menu', (c) =>
    twiml(
      c,
      <Response>
        <Gather numDigits={1} action="/menu">
          <Say>Press a key.</Say>
        </Gather>
      </Response>,
    ),
  )
  app.post('/hold', (c) =>
    twiml(
      c,
      <Response>
        <Enqueue waitUrl="/music">support</Enqueue>
      </Response>,
    ),
  )
  app.post('/music', (c) =>
    twiml(
      c,
      <Response>
        <Say>Please hold.</Say>
      </Response>,
    ),
  )
  app.post('/ping', (c) =>
    twiml(
      c,
      <Response>
        <Redirect>/ping</Redirect>
      </Response>,
    ),
  )
  return app
}

describe('observeCalls', () => {
  test('sees every call simulateCall and startCall start, with its options, until stopped', async () => {
    const seen: [SimulatedCall, string][] = []
    const stop = observeCalls((call, options) => seen.push([call, options.url]))
    const scripted = await simulateCall(menu(), { url: '/menu' })
    const steered = startCall(menu(), { url: '/menu', from: '+15550001111' })
    stop()
    await simulateCall(menu(), { url: '/menu' })
    expect(seen.map(([, url]) => url)).toEqual(['/menu', '/menu'])
    expect(seen[0]![0]).toBe(scripted)
    expect(seen[1]![0]).toBe(steered)
  })

  test('an observer sees the call before its first request, and each registration stops on its own', async () => {
    const requestsWhenSeen: number[] = []
    const observer = (call: SimulatedCall) => requestsWhenSeen.push(call.requests.length)
    const stopFirst = observeCalls(observer)
    const stopSecond = observeCalls(observer)
    await simulateCall(menu(), { url: '/menu' })
    stopFirst()
    await simulateCall(menu(), { url: '/menu' })
    stopSecond()
    expect(requestsWhenSeen).toEqual([0, 0, 0])
  })
})

describe('notableParams', () => {
  test('the parameters a request line shows, in the order sent: no call identifiers, no hidden ones', () => {
    const params = {
      CallSid: 'CA1',
      AccountSid: 'AC1',
      From: '+15550001111',
      To: '+15550002222',
      CallStatus: 'in-progress',
      Digits: '1',
      DialCallStatus: 'busy',
      DialCallSid: 'CA2',
      QueueTime: '30',
      CallerName: 'Ann',
    }
    expect(notableParams(params)).toEqual([
      ['Digits', '1'],
      ['DialCallStatus', 'busy'],
      ['QueueTime', '30'],
      ['CallerName', 'Ann'],
    ])
    expect(notableParams(params, new Set(['CallerName']))).toEqual([
      ['Digits', '1'],
      ['DialCallStatus', 'busy'],
      ['QueueTime', '30'],
    ])
  })
})

describe('the loop limit counts requests between inputs, and decide() gives input', () => {
  test('a queue waited through more runs of its wait music than maxRequests is not a loop', async () => {
    const inputs: CallInput[] = [
      ...Array.from({ length: 8 }, (): CallInput => ({ kind: 'advance', seconds: 30 })),
      { kind: 'hangup' },
    ]
    const call = startCall(menu(), {
      url: '/hold',
      maxRequests: 3,
      decide: (waiting) => inputs[waiting.index],
    })
    await call.finished()
    expect(call.requestsTo('/music')).toHaveLength(9)
    expect(call.endReason).toBe('caller hung up in the queue')
  })

  test('a Redirect loop still ends at maxRequests, with the decide hook present', async () => {
    const call = startCall(menu(), { url: '/ping', maxRequests: 3, decide: () => ({ kind: 'hangup' }) })
    await expect(call.finished()).rejects.toThrow(
      'more than 3 requests without input from the caller: a redirect loop? The last ones: POST /ping, POST /ping, POST /ping',
    )
  })
})
