/**
 * An IVR: a menu that takes speech or DTMF, SSML prompts, and Redirects back to the menu when
 * the caller says nothing useful.
 */
import { Hono } from 'hono'
import { Break, Emphasis, Gather, Hangup, Pause, Prosody, Redirect, Response, Say, SayAs } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml } from 'twiml-jsx/hono'

export const ivr = new Hono<TwilioWebhookEnv>()

const VOICE = 'Polly.Joanna-Neural'

/** The menu's options: what to press or say, and where it leads. */
const OPTIONS = [
  { digit: '1', words: ['sales', 'buy'], label: 'sales', path: '/ivr/sales' },
  { digit: '2', words: ['support', 'help'], label: 'support', path: '/ivr/support' },
  { digit: '3', words: ['hours', 'open'], label: 'our opening hours', path: '/ivr/hours' },
] as const

function MenuPrompt() {
  return (
    <Say voice={VOICE}>
      {OPTIONS.map((o) => (
        <>
          For {o.label}, press <SayAs interpretAs="digits">{o.digit}</SayAs> or say {o.words[0]}.
          <Break time="300ms" />
        </>
      ))}
    </Say>
  )
}

ivr.on(['GET', 'POST'], '/', (c) =>
  twiml(
    c,
    <Response>
      <Gather
        input={['speech', 'dtmf']}
        numDigits={1}
        action="/ivr/choice"
        hints={OPTIONS.flatMap((o) => o.words).join(', ')}
        speechTimeout="auto"
        language="en-US"
      >
        <Say voice={VOICE}>
          Thanks for calling <Emphasis level="moderate">Example Corp</Emphasis>.
        </Say>
        <MenuPrompt />
      </Gather>
      <Say voice={VOICE}>We didn't catch that.</Say>
      <Redirect method="POST">/ivr</Redirect>
    </Response>,
  ),
)

ivr.on(['GET', 'POST'], '/choice', async (c) => {
  const { Digits, SpeechResult } = twilioParams(c)
  const said = SpeechResult?.toLowerCase() ?? ''
  const option = OPTIONS.find((o) => o.digit === Digits || o.words.some((w) => said.includes(w)))
  if (option === undefined) {
    return twiml(
      c,
      <Response>
        <Say voice={VOICE}>Sorry, that is not an option.</Say>
        <Redirect method="POST">/ivr</Redirect>
      </Response>,
    )
  }
  return twiml(
    c,
    <Response>
      <Redirect method="POST">{option.path}</Redirect>
    </Response>,
  )
})

ivr.on(['GET', 'POST'], '/sales', (c) =>
  twiml(
    c,
    <Response>
      <Say voice={VOICE}>Connecting you to sales.</Say>
      <Redirect method="POST">/queue/sales</Redirect>
    </Response>,
  ),
)

ivr.on(['GET', 'POST'], '/support', (c) =>
  twiml(
    c,
    <Response>
      <Say voice={VOICE}>Our support team is busy. Please leave a message.</Say>
      <Redirect method="POST">/voicemail</Redirect>
    </Response>,
  ),
)

ivr.on(['GET', 'POST'], '/hours', (c) =>
  twiml(
    c,
    <Response>
      <Say voice={VOICE}>
        We are open <Prosody rate="slow">Monday to Friday, nine to five</Prosody>.
      </Say>
      <Pause length={1} />
      <Hangup />
    </Response>,
  ),
)
