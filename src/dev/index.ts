/**
 * twiml-jsx/dev: the call console. A Hono sub-app that serves one small page and its JSON/SSE API;
 * the page places calls to your app through the call simulator, in this process, signed with your
 * token — no phone, number or tunnel. `twiml-jsx dev <module>` serves it; to mount it in your own
 * development server (never in production):
 *
 * ```ts
 * import { devConsole } from 'twiml-jsx/dev'
 * // Only when developing: the console places calls your app takes as Twilio's.
 * if (developing) server.route('/console', devConsole(app, { authToken }))
 * ```
 *
 * Edge-safe like the rest of the library: the page's script and styles are strings in this
 * package (no CDN, no network), and the API is plain Hono.
 */
import { Hono } from 'hono'
import type { SimulatorApp } from '../testing/simulator/index.js'
import { ConsoleCall, type Signing } from './console-call.js'
import { consoleGuard } from './guard.js'
import { BadInput, readInputs, readSetup } from './inputs.js'
import { type AppSource, type DevConsoleOptions, isAppSource } from './options.js'
import { consolePage } from './page/html.js'
import type { AppInfo, CallState, ConsoleMessage } from './protocol.js'
import { listRoutes } from './routes.js'
import { testCode } from './test-code.js'

export type { AppSource, DevConsoleOptions } from './options.js'
export type * from './protocol.js'
export { SESSION_FORMAT } from './protocol.js'
export { type TestCodeOptions, type TestImport, testCode } from './test-code.js'

const DEFAULT_TITLE = 'twiml-jsx call console'
const DEFAULT_TEST_FILE = 'test/call-console.test.ts'
/** A request body larger than this is refused (a saved session of thousands of inputs still fits). */
const MAX_BODY = 1_000_000

async function body(request: Request): Promise<Record<string, unknown>> {
  const length = Number(request.headers.get('content-length') ?? 0)
  if (length > MAX_BODY) throw new BadInput(`the body is ${length} bytes; the console takes at most ${MAX_BODY}`)
  const text = await request.text()
  if (text.length > MAX_BODY) throw new BadInput(`the body is over ${MAX_BODY} characters`)
  let value: unknown
  try {
    value = text === '' ? {} : JSON.parse(text)
  } catch {
    throw new BadInput('the body is not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BadInput('the body is not a JSON object')
  return value as Record<string, unknown>
}

function sse(message: ConsoleMessage): string {
  const id = message.type === 'entry' ? `id: ${message.entry.seq}\n` : ''
  return `event: ${message.type}\n${id}data: ${JSON.stringify(message.type === 'entry' ? message.entry : message.state)}\n\n`
}

/**
 * The call console for `app` (a Hono app, anything with `fetch`, or an {@link AppSource} that
 * reloads it). Mount it where you like: the page finds its API relative to its own address.
 */
export function devConsole(app: SimulatorApp | AppSource, options: DevConsoleOptions = {}): Hono {
  const source: AppSource = isAppSource(app) ? app : { load: () => ({ app }) }
  const signing: Signing = {
    authToken: options.authToken,
    source: options.authToken === undefined ? 'no token' : (options.authTokenSource ?? 'the authToken option'),
  }
  const calls = new Map<string, ConsoleCall>()
  let placed = 0
  const maxCalls = options.maxCalls ?? 20
  const title = options.title ?? DEFAULT_TITLE

  const find = (id: string): ConsoleCall => {
    const call = calls.get(id)
    if (call === undefined) throw new NotFound(`no call ${id} (the console keeps the last ${maxCalls})`)
    return call
  }

  const console_ = new Hono()
  console_.use(consoleGuard(options.allowedHosts ?? []))
  console_.onError((error, c) => {
    if (error instanceof BadInput) return c.json({ error: error.message }, 400)
    if (error instanceof NotFound) return c.json({ error: error.message }, 404)
    return c.json({ error: error instanceof Error ? error.message : String(error) }, 500)
  })

  console_.get('/', (c) => {
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    c.header('Cache-Control', 'no-store')
    return c.html(consolePage(title))
  })

  console_.get('/api/app', async (c) => {
    let loaded: Awaited<ReturnType<AppSource['load']>> | undefined
    let error: string | undefined
    try {
      loaded = await source.load()
    } catch (e) {
      error = e instanceof Error ? e.message : String(e)
    }
    const routes = loaded === undefined ? [] : listRoutes(loaded.app)
    const info: AppInfo = {
      title,
      routes,
      entry: options.entry ?? routes[0]?.path ?? '/',
      from: options.from ?? '+15017122661',
      to: options.to ?? '+15558675310',
      signing: { signed: signing.authToken !== undefined, source: signing.source },
      testFile: options.testFile ?? DEFAULT_TEST_FILE,
      ...(error === undefined ? {} : { error }),
    }
    return c.json(info)
  })

  // Place a call; with `inputs` (a loaded session), replay them.
  console_.post('/api/calls', async (c) => {
    const given = await body(c.req.raw)
    const setup = readSetup(given.call)
    const inputs = given.inputs === undefined ? [] : readInputs(given.inputs)
    const loaded = await source.load()
    const id = `c${++placed}`
    const call = new ConsoleCall(id, loaded.app, setup, signing, options.baseUrl)
    calls.set(id, call)
    for (const old of calls.keys()) if (calls.size > maxCalls) calls.delete(old)
    let state: CallState = await call.ready()
    let replay: string | undefined
    if (inputs.length > 0) {
      const result = await call.send(inputs)
      state = result.state
      if (!result.ok) replay = result.error
    }
    return c.json(
      {
        id,
        state,
        ...(loaded.reloaded === undefined || loaded.reloaded.length === 0 ? {} : { reloaded: loaded.reloaded }),
        ...(replay === undefined ? {} : { replayError: replay }),
      },
      201,
    )
  })

  console_.get('/api/calls/:id', (c) => {
    const call = find(c.req.param('id'))
    return c.json({
      state: call.state(),
      entries: call.entries,
      inputs: call.inputs,
      transcript: call.call.transcript(),
    })
  })

  // The call's timeline as Server-Sent Events: every entry so far (after Last-Event-ID), then each
  // as it happens, with a `state` event after every move; the stream ends when the call does.
  console_.get('/api/calls/:id/events', (c) => {
    const call = find(c.req.param('id'))
    const last = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? -1)
    const from = Number.isInteger(last) ? last + 1 : 0
    const encoder = new TextEncoder()
    let unsubscribe: (() => void) | undefined
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (message: ConsoleMessage) => controller.enqueue(encoder.encode(sse(message)))
        for (const entry of call.entries.slice(from)) send({ type: 'entry', entry })
        const state = call.state()
        send({ type: 'state', state })
        if (state.ended) {
          controller.close()
          return
        }
        unsubscribe = call.subscribe((message) => {
          send(message)
          if (message.type === 'state' && message.state.ended) {
            unsubscribe?.()
            controller.close()
          }
        })
      },
      cancel() {
        unsubscribe?.()
      },
    })
    return new Response(stream, {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' },
    })
  })

  // Steer: one input (`{ input }`) or several in order (`{ inputs }`). 409: it does not fit the wait.
  console_.post('/api/calls/:id/input', async (c) => {
    const call = find(c.req.param('id'))
    const given = await body(c.req.raw)
    const inputs = given.inputs !== undefined ? readInputs(given.inputs) : readInputs([given.input], 'input')
    const result = await call.send(inputs)
    return result.ok ? c.json({ state: result.state }) : c.json({ error: result.error, state: result.state }, 409)
  })

  console_.get('/api/calls/:id/session', (c) => {
    const call = find(c.req.param('id'))
    c.header('Content-Disposition', `attachment; filename="call-${call.id}.json"`)
    return c.json(call.session())
  })

  // "Copy as test": `{ file?, name? }` → `{ file, code }`.
  console_.post('/api/calls/:id/test', async (c) => {
    const call = find(c.req.param('id'))
    const given = await body(c.req.raw)
    const file =
      typeof given.file === 'string' && given.file.trim() !== ''
        ? given.file.trim()
        : (options.testFile ?? DEFAULT_TEST_FILE)
    const code = testCode(call.setup, call.inputs, call.call.transcript(), {
      file,
      import: options.test,
      signed: signing.authToken !== undefined,
      baseUrl: options.baseUrl,
      name: typeof given.name === 'string' && given.name.trim() !== '' ? given.name.trim() : undefined,
    })
    return c.json({ file, code })
  })

  return console_
}

class NotFound extends Error {
  override name = 'NotFound'
}

/**
 * The page loads nothing from elsewhere: its script and styles are inline, its requests go to its
 * own origin. Media (`<Play>` URLs from the app's TwiML) may come from anywhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  'media-src * data: blob:',
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
