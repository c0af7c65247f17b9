/**
 * A broken document never becomes a bare 500: twiml() and twimlErrorHandler() log the method, the
 * path and every issue, then answer the apology (production, 200) or the readable error
 * (development, 500). Through app.request(), with exact bodies.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { APOLOGY_TEXT, DEFAULT_APOLOGY, twiml, twimlDefaults, twimlErrorHandler } from '../src/hono/index.js'
import {
  Dial,
  Gather,
  Hangup,
  Message,
  MessagingResponse,
  Response,
  render,
  Say,
  TwimlValidationError,
} from '../src/index.js'

const TWIML = 'text/xml; charset=utf-8'
const XML = '<?xml version="1.0" encoding="UTF-8"?>'

/** A document with two problems: Gather cannot hold Dial; a Dial timeout below 5. */
const broken = () => (
  <Response>
    <Gather>
      <Dial timeout={1}>+15550001111</Dial>
    </Gather>
  </Response>
)
const ISSUES = [
  'TwimlValidationError: 2 problems in TwiML document:',
  '  Response > Gather > Dial: <Gather> cannot contain <Dial>; it takes <Say>, <Play>, <Pause>',
  '  Response > Gather > Dial: timeout is 1; it must be a whole number from 5 to 600',
]

let logged: string[]
beforeEach(() => {
  logged = []
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
    logged.push(String(line))
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

function brokenApp(...middleware: Parameters<Hono['use']>[1][]) {
  const app = new Hono()
  for (const handler of middleware) app.use(handler)
  app.post('/voice', (c) => twiml(c, broken()))
  return app
}

describe('production (the default)', () => {
  test('answers 200 with the apology and logs method, path and every issue', async () => {
    const response = await brokenApp().request('/voice', { method: 'POST' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(TWIML)
    expect(await response.text()).toBe(DEFAULT_APOLOGY)
    expect(logged).toEqual([[`twiml: POST /voice: ${ISSUES[0]}`, ISSUES[1], ISSUES[2]].join('\n')])
  })

  test('the default apology is a Say and a Hangup, exactly as rendered', () => {
    expect(DEFAULT_APOLOGY).toBe(
      render(
        <Response>
          <Say>{APOLOGY_TEXT}</Say>
          <Hangup />
        </Response>,
      ),
    )
  })

  test('is the default also where NODE_ENV is test, production or unset', async () => {
    for (const value of ['test', 'production', '']) {
      vi.stubEnv('NODE_ENV', value)
      expect((await brokenApp().request('/voice', { method: 'POST' })).status).toBe(200)
    }
  })

  test('TwimlValidationError carries the request’s method and path', async () => {
    let seen: unknown
    const app = new Hono()
    app.post('/queue/wait', (c) =>
      twiml(c, broken(), {
        apology: (error) => {
          seen = error
          return (
            <Response>
              <Say>One moment.</Say>
            </Response>
          )
        },
      }),
    )
    const response = await app.request('/queue/wait', { method: 'POST' })
    expect(await response.text()).toBe(`${XML}<Response><Say>One moment.</Say></Response>`)
    expect(seen).toBeInstanceOf(TwimlValidationError)
    expect((seen as TwimlValidationError).request).toEqual({ method: 'POST', path: '/queue/wait' })
    expect((seen as TwimlValidationError).issues.map((issue) => issue.rule)).toHaveLength(2)
  })

  test('an app-wide apology from twimlDefaults()', async () => {
    const apology = (
      <Response>
        <Say voice="Polly.Joanna">We are having trouble. Please try again.</Say>
        <Hangup />
      </Response>
    )
    const response = await brokenApp(twimlDefaults({ apology })).request('/voice', { method: 'POST' })
    expect(await response.text()).toBe(
      `${XML}<Response><Say voice="Polly.Joanna">We are having trouble. Please try again.</Say><Hangup/></Response>`,
    )
  })

  test('an apology that is itself broken: the default one, and both errors logged', async () => {
    const response = await brokenApp(twimlDefaults({ apology: broken() })).request('/voice', { method: 'POST' })
    expect(await response.text()).toBe(DEFAULT_APOLOGY)
    expect(logged).toHaveLength(2)
    expect(logged[1]).toMatch(/^twiml: the apology itself cannot be rendered: TwimlValidationError: 2 problems/)
  })

  test('messaging: an empty <Response/> (no reply sent); a conference wait document: Say only', async () => {
    const app = new Hono()
    app.post('/sms', (c) =>
      twiml(
        c,
        <MessagingResponse>
          <Message>{'\u0001'}</Message>
        </MessagingResponse>,
        { context: 'messaging' },
      ),
    )
    app.post('/wait', (c) => twiml(c, broken(), { context: 'conference-wait' }))
    expect(await (await app.request('/sms', { method: 'POST' })).text()).toBe(`${XML}<Response/>`)
    expect(await (await app.request('/wait', { method: 'POST' })).text()).toBe(
      `${XML}<Response><Say>${APOLOGY_TEXT}</Say></Response>`,
    )
  })

  test('an async component that throws is a broken document too', async () => {
    const Customer = async (): Promise<never> => {
      throw new Error('database unreachable')
    }
    const app = new Hono()
    app.post('/voice', (c) =>
      twiml(
        c,
        <Response>
          <Customer />
        </Response>,
      ),
    )
    const response = await app.request('/voice', { method: 'POST' })
    expect(await response.text()).toBe(DEFAULT_APOLOGY)
    expect(logged[0]).toMatch(/^twiml: POST \/voice: Error: database unreachable\n\s+at /)
  })

  test('a custom log', async () => {
    const lines: string[] = []
    await brokenApp(twimlDefaults({ log: (line) => lines.push(line) })).request('/voice', { method: 'POST' })
    expect(lines).toHaveLength(1)
    expect(logged).toEqual([])
  })
})

describe('development', () => {
  test('NODE_ENV=development: 500 with the readable error as text', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    const response = await brokenApp().request('/voice', { method: 'POST' })
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await response.text()).toBe([`twiml: POST /voice: ${ISSUES[0]}`, ISSUES[1], ISSUES[2]].join('\n'))
    expect(logged).toHaveLength(1)
  })

  test('as a Workers binding', async () => {
    const response = await brokenApp().request('/voice', { method: 'POST' }, { NODE_ENV: 'development' })
    expect(response.status).toBe(500)
  })

  test('the mode option overrides the environment, either way', async () => {
    vi.stubEnv('NODE_ENV', 'development')
    expect((await brokenApp(twimlDefaults({ mode: 'production' })).request('/voice', { method: 'POST' })).status).toBe(
      200,
    )
    vi.stubEnv('NODE_ENV', 'production')
    expect((await brokenApp(twimlDefaults({ mode: 'development' })).request('/voice', { method: 'POST' })).status).toBe(
      500,
    )
  })
})

describe('twimlErrorHandler() for app.onError', () => {
  test('any error a route throws: the apology, logged with method and path', async () => {
    const app = new Hono()
    app.onError(twimlErrorHandler())
    app.post('/hand-rendered', (c) => c.body(render(broken()), 200, { 'Content-Type': TWIML }))
    app.get('/boom', () => {
      throw new TypeError('undefined is not a function')
    })
    const response = await app.request('/hand-rendered', { method: 'POST' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(DEFAULT_APOLOGY)
    expect(logged[0]).toBe([`twiml: POST /hand-rendered: ${ISSUES[0]}`, ISSUES[1], ISSUES[2]].join('\n'))
    expect(await (await app.request('/boom')).text()).toBe(DEFAULT_APOLOGY)
    expect(logged[1]).toMatch(/^twiml: GET \/boom: TypeError: undefined is not a function/)
  })

  test('uses the route’s twimlDefaults() and its own options', async () => {
    const app = new Hono()
    app.onError(twimlErrorHandler({ mode: 'development' }))
    app.use('/sms', twimlDefaults({ context: 'messaging' }))
    app.post('/sms', () => {
      throw new Error('no')
    })
    expect((await app.request('/sms', { method: 'POST' })).status).toBe(500)
    const production = new Hono()
    production.onError(twimlErrorHandler())
    production.use('/sms', twimlDefaults({ context: 'messaging' }))
    production.post('/sms', () => {
      throw new Error('no')
    })
    expect(await (await production.request('/sms', { method: 'POST' })).text()).toBe(`${XML}<Response/>`)
  })

  test('HTTPException answers as Hono intends, in the handler and inside twiml()', async () => {
    const app = new Hono()
    app.onError(twimlErrorHandler())
    app.get('/teapot', () => {
      throw new HTTPException(418, { message: 'short and stout' })
    })
    const Gate = () => {
      throw new HTTPException(401, { message: 'who are you' })
    }
    app.get('/gate', (c) =>
      twiml(
        c,
        <Response>
          <Gate />
        </Response>,
      ),
    )
    const teapot = await app.request('/teapot')
    expect([teapot.status, await teapot.text()]).toEqual([418, 'short and stout'])
    const gate = await app.request('/gate')
    expect([gate.status, await gate.text()]).toEqual([401, 'who are you'])
    expect(logged).toEqual([])
  })
})

test('middleware and handlers are named functions', () => {
  expect(twimlDefaults({}).name).toBe('twimlDefaultsMiddleware')
  expect(twimlErrorHandler().name).toBe('twimlErrorHandlerMiddleware')
})
