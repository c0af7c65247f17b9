/**
 * Small apps for simulator tests of realtime sessions: `/voice` answers `<Connect>` with a
 * ConversationRelay or Media Streams noun on `ws://localhost/ws`, whose handler the test gives;
 * `/after` is the Connect action and says what it received.
 */
import { Hono } from 'hono'
import { twiml } from '../../src/hono/index.js'
import {
  Connect,
  ConversationRelay,
  type ConversationRelayProps,
  Parameter,
  Response,
  Say,
  Stream,
} from '../../src/index.js'
import {
  type ConversationRelaySession,
  conversationRelay,
  IN_PROCESS_SOCKET,
  type MediaStreamSession,
  mediaStream,
} from '../../src/realtime/index.js'

export const TOKEN = 'realtime-test-token'

/** The Connect action's TwiML: says which SessionStatus (if any) it got, so transcripts show the TwiML ran. */
function after(app: Hono) {
  app.post('/after', async (c) => {
    const body = await c.req.parseBody()
    return twiml(
      c,
      <Response>
        <Say>After the session: {String(body.SessionStatus ?? 'stream')}.</Say>
      </Response>,
    )
  })
}

/** `/voice` connects to a ConversationRelay socket at `/ws` run by `handler`. */
export function relayApp(
  handler: (session: ConversationRelaySession) => unknown,
  relay: Omit<ConversationRelayProps, 'url' | 'children'> = {},
  parameters: Record<string, string> = {},
) {
  const app = new Hono()
  app.post('/voice', (c) =>
    twiml(
      c,
      <Response>
        <Connect action="/after">
          <ConversationRelay url="ws://localhost/ws" {...relay}>
            {Object.entries(parameters).map(([name, value]) => (
              <Parameter name={name} value={value} />
            ))}
          </ConversationRelay>
        </Connect>
      </Response>,
    ),
  )
  app.get('/ws', conversationRelay(handler, { authToken: TOKEN }))
  after(app)
  return app
}

/** `/voice` connects to a Media Streams socket at `/ws` run by `handler`. */
export function streamApp(
  handler: (stream: MediaStreamSession) => void,
  options: { statusCallback?: string; name?: string; parameters?: Record<string, string> } = {},
) {
  const app = new Hono()
  app.post('/voice', (c) =>
    twiml(
      c,
      <Response>
        <Connect action="/after">
          <Stream
            url="ws://localhost/ws"
            {...(options.name === undefined ? {} : { name: options.name })}
            {...(options.statusCallback === undefined ? {} : { statusCallback: options.statusCallback })}
          >
            {Object.entries(options.parameters ?? {}).map(([name, value]) => (
              <Parameter name={name} value={value} />
            ))}
          </Stream>
        </Connect>
      </Response>,
    ),
  )
  app.get('/ws', mediaStream(handler, { authToken: TOKEN }))
  app.post('/stream-status', (c) => c.body(null, 204))
  after(app)
  return app
}

/** The app's end of an in-process socket, as a hand-written socket server would hold it. */
interface RawSocket {
  send(text: string): void
  close(code?: number, reason?: string): void
}

/**
 * `/voice` connects to a socket at `/ws` that does not use twiml-jsx/realtime's checked `send`:
 * `onOpen` gets the raw socket and `onMessage` each text Twilio sends, so it can send anything.
 */
export function rawSocketApp(
  protocol: 'ConversationRelay' | 'Media Streams',
  onMessage: (socket: RawSocket, text: string) => void,
) {
  const app = new Hono<{ Bindings: Record<symbol, unknown> }>()
  app.post('/voice', (c) =>
    twiml(
      c,
      <Response>
        <Connect action="/after">
          {protocol === 'ConversationRelay' ? (
            <ConversationRelay url="ws://localhost/ws" />
          ) : (
            <Stream url="ws://localhost/ws" />
          )}
        </Connect>
      </Response>,
    ),
  )
  app.get('/ws', (c) => {
    const end = c.env[IN_PROCESS_SOCKET] as {
      accept(protocol: string, driver: { receive(text: string): void; closed(): void }): RawSocket
    }
    const socket: RawSocket = end.accept(protocol, {
      receive: (text) => onMessage(socket, text),
      closed: () => {},
    })
    return c.body(null, 200)
  })
  after(app as unknown as Hono)
  return app
}
