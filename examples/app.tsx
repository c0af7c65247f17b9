/**
 * The example call flows: the `<Sip>` page's five examples, parallel and sequential SIP
 * dialing, and the Dial `action` route that decides what happens after the dial.
 * `examples/server.tsx` serves this app; the tests drive it through `app.request()`.
 */
import { Hono } from 'hono'
import { Dial, Gather, Hangup, Response, Say, Sip } from 'twiml-jsx'
import { twiml, twimlDefaults } from 'twiml-jsx/hono'

export const app = new Hono()

// Screening documents run on the called party's leg, where Twilio refuses <Dial>: declaring the
// context makes rendering enforce that.
app.use('/sip/screening', twimlDefaults({ context: 'screening' }))
app.use('/sip/screening/*', twimlDefaults({ context: 'screening' }))

/** Parallel and sequential SIP dialing need the account's Enhanced Programmable SIP Features. */
const ENHANCED_SIP = { enhancedSip: true } as const

/** Webhook parameters arrive as a form (POST) or a query string (GET). */
async function params(c: { req: { method: string; query(): Record<string, string>; parseBody(): Promise<unknown> } }) {
  if (c.req.method === 'GET') return c.req.query()
  const body = (await c.req.parseBody()) as Record<string, string | File>
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}

// A user component: plain function of props returning TwiML.
function Goodbye({ reason }: { reason: string }) {
  return (
    <>
      <Say voice="Polly.Joanna">{reason} Goodbye.</Say>
      <Hangup />
    </>
  )
}

app.get('/', (c) =>
  c.text(
    [
      'twiml-jsx example call flows. POST (or GET) any of:',
      ...ROUTES.map(([path, what]) => `  ${path.padEnd(26)} ${what}`),
      '',
    ].join('\n'),
  ),
)

/** Example 1: dial a SIP endpoint. */
app.on(['GET', 'POST'], '/sip/basic', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip>sip:kate@example.com</Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 2: dial a SIP endpoint that asks for authentication. */
app.on(['GET', 'POST'], '/sip/auth', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip username="admin" password="1234">
          sip:kate@example.com
        </Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 3: pass custom headers (values are percent-encoded into the URI). */
app.on(['GET', 'POST'], '/sip/headers', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip headers={{ 'x-customname': 'Madhu,Mathiyalagan;Title=Manager', 'x-myotherheader': 'bar' }}>
          sip:jack@example.com
        </Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 3b: User-to-User information goes without the x- prefix. */
app.on(['GET', 'POST'], '/sip/uui', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip headers={{ 'User-to-User': '123456789;encoding=hex', 'x-myotherheader': 'bar' }}>sip:jack@example.com</Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 3c: region and transport are URI parameters too. */
app.on(['GET', 'POST'], '/sip/region', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip region="ie1" transport="tls">
          sip:alice@example.com
        </Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 4: Dial attributes and call screening (the screening TwiML is served below). */
app.on(['GET', 'POST'], '/sip/screened', (c) =>
  twiml(
    c,
    <Response>
      <Dial record="record-from-answer" timeout={10} hangupOnStar callerId="bob" method="POST" action="/sip/after-dial">
        <Sip method="POST" url="/sip/screening" headers={{ 'x-mycustomheader': 'foo', 'x-myotherheader': 'bar' }}>
          sip:kate@example.com
        </Sip>
      </Dial>
    </Response>,
  ),
)

/** Runs on Kate's side after she answers, before the caller is connected. No <Dial> here. */
app.on(['GET', 'POST'], '/sip/screening', (c) =>
  twiml(
    c,
    <Response>
      <Gather numDigits={1} action="/sip/screening/decision" timeout={5}>
        <Say>You have a call from the support line. Press 1 to accept, any other key to decline.</Say>
      </Gather>
      <Say>No answer given. Declining.</Say>
      <Hangup />
    </Response>,
  ),
)

/** Kate's choice: an empty document connects the call; hanging up declines it. */
app.on(['GET', 'POST'], '/sip/screening/decision', async (c) => {
  const { Digits } = await params(c)
  return twiml(c, <Response>{Digits === '1' ? <Say>Connecting.</Say> : <Hangup />}</Response>)
})

/** Example 5: call progress events for every state of the SIP leg. */
app.on(['GET', 'POST'], '/sip/progress', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip
          statusCallbackEvent={['initiated', 'ringing', 'answered', 'completed']}
          statusCallback="https://myapp.com/calls/events"
          statusCallbackMethod="POST"
          headers={{ 'x-customheader': 'foo' }}
        >
          sip:kate@example.com
        </Sip>
      </Dial>
    </Response>,
  ),
)

/** Parallel dialing: Alice's soft phone, desk phone and mobile ring at once; the first to answer wins. */
app.on(['GET', 'POST'], '/sip/parallel', (c) =>
  twiml(
    c,
    <Response>
      <Dial action="/sip/after-dial">
        <Sip>sip:alice-soft@example.com</Sip>
        <Sip>sip:alice-desk@example.com</Sip>
        <Sip>sip:alice-mobile@example.com</Sip>
      </Dial>
    </Response>,
    ENHANCED_SIP,
  ),
)

/** Sequential dialing: Alice, then Bob, then Charlie, each for 15 seconds. */
app.on(['GET', 'POST'], '/sip/sequential', (c) =>
  twiml(
    c,
    <Response>
      <Dial sequential timeout={15} action="/sip/after-dial">
        <Sip>sip:alice@example.com</Sip>
        <Sip>sip:bob@example.com</Sip>
        <Sip>sip:charlie@example.com</Sip>
      </Dial>
    </Response>,
    ENHANCED_SIP,
  ),
)

/** What the caller hears for the SIP final responses worth telling apart. */
const SIP_OUTCOMES: Record<string, string> = {
  '404': 'That extension does not exist.',
  '480': 'Nobody is available right now.',
  '486': 'The line is busy.',
  '603': 'The call was declined.',
}

/** Dial `action`: Twilio reports how the dial ended; the TwiML here continues the call. */
app.on(['GET', 'POST'], '/sip/after-dial', async (c) => {
  const p = await params(c)
  const status = p.DialCallStatus
  if (status === 'completed' || status === 'answered') {
    return twiml(
      c,
      <Response>
        <Goodbye reason="Thanks for calling." />
      </Response>,
    )
  }
  const sipMessage = p.DialSipResponseCode ? SIP_OUTCOMES[p.DialSipResponseCode] : undefined
  const reason = sipMessage ?? (status === 'busy' ? 'The line is busy.' : 'Nobody answered.')
  return twiml(
    c,
    <Response>
      <Goodbye reason={reason} />
    </Response>,
  )
})

/** Every route, for the index page and the README. */
export const ROUTES: readonly (readonly [string, string])[] = [
  ['/sip/basic', 'dial a SIP endpoint'],
  ['/sip/auth', 'dial with SIP authentication'],
  ['/sip/headers', 'custom x- headers'],
  ['/sip/uui', 'User-to-User header'],
  ['/sip/region', 'region and transport'],
  ['/sip/screened', 'Dial attributes + call screening'],
  ['/sip/screening', 'the screening TwiML (callee side)'],
  ['/sip/screening/decision', 'the screening decision (Digits)'],
  ['/sip/progress', 'call progress events'],
  ['/sip/parallel', 'parallel dialing, three endpoints'],
  ['/sip/sequential', 'sequential dialing: Alice, Bob, Charlie'],
  ['/sip/after-dial', 'Dial action: DialCallStatus + DialSipResponseCode'],
]
