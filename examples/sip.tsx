/**
 * The `<Sip>` page's examples (https://www.twilio.com/docs/voice/twiml/sip#examples; examples 1 and
 * 2 exactly as Twilio publishes them, with a bare SIP address), parallel and sequential SIP
 * dialing, call screening, and the Dial `action` route. Mounted at /sip by app.tsx.
 */
import { Hono } from 'hono'
import { Dial, Gather, Hangup, Response, Say, Sip } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml, twimlDefaults } from 'twiml-jsx/hono'
import type { DialActionRequest, GatherActionRequest } from 'twiml-jsx/webhook'

export const sip = new Hono<TwilioWebhookEnv>()

// Screening documents run on the called party's leg, where Twilio refuses <Dial>: declaring the
// context makes rendering enforce that.
sip.use('/screening', twimlDefaults({ context: 'screening' }))
sip.use('/screening/*', twimlDefaults({ context: 'screening' }))

/** Parallel and sequential SIP dialing need the account's Enhanced Programmable SIP Features. */
const ENHANCED_SIP = { enhancedSip: true } as const

// A user component: plain function of props returning TwiML.
function Goodbye({ reason }: { reason: string }) {
  return (
    <>
      <Say voice="Polly.Joanna">{reason} Goodbye.</Say>
      <Hangup />
    </>
  )
}

/** Example 1: dial a SIP endpoint, written as Twilio's page writes it (no `sip:` scheme). */
sip.on(['GET', 'POST'], '/basic', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip>kate@example.com</Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 2: dial a SIP endpoint that asks for authentication, as Twilio's page writes it. */
sip.on(['GET', 'POST'], '/auth', (c) =>
  twiml(
    c,
    <Response>
      <Dial>
        <Sip username="admin" password="1234">
          kate@example.com
        </Sip>
      </Dial>
    </Response>,
  ),
)

/** Example 3: pass custom headers (values are percent-encoded into the URI). */
sip.on(['GET', 'POST'], '/headers', (c) =>
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
sip.on(['GET', 'POST'], '/uui', (c) =>
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
sip.on(['GET', 'POST'], '/region', (c) =>
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
sip.on(['GET', 'POST'], '/screened', (c) =>
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
sip.on(['GET', 'POST'], '/screening', (c) =>
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
sip.on(['GET', 'POST'], '/screening/decision', async (c) => {
  const { Digits } = twilioParams<GatherActionRequest>(c)
  return twiml(c, <Response>{Digits === '1' ? <Say>Connecting.</Say> : <Hangup />}</Response>)
})

/** Example 5: call progress events for every state of the SIP leg. */
sip.on(['GET', 'POST'], '/progress', (c) =>
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
sip.on(['GET', 'POST'], '/parallel', (c) =>
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
sip.on(['GET', 'POST'], '/sequential', (c) =>
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
sip.on(['GET', 'POST'], '/after-dial', async (c) => {
  const p = twilioParams<DialActionRequest>(c)
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
