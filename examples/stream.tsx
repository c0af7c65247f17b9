/** A media stream: the call's audio goes to a WebSocket, with custom parameters. */
import { Hono } from 'hono'
import { Connect, Parameter, Response, Say, Stream } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml } from 'twiml-jsx/hono'

export const stream = new Hono<TwilioWebhookEnv>()

stream.on(['GET', 'POST'], '/', async (c) => {
  const { CallSid, From } = twilioParams(c)
  return twiml(
    c,
    <Response>
      <Say>Connecting you to our assistant.</Say>
      <Connect action="/stream/ended">
        <Stream url="wss://media.example.com/calls" name="assistant" statusCallback="/stream/status">
          <Parameter name="callSid" value={CallSid ?? 'unknown'} />
          <Parameter name="caller" value={From ?? 'unknown'} />
        </Stream>
      </Connect>
    </Response>,
  )
})

stream.on(['GET', 'POST'], '/ended', (c) =>
  twiml(
    c,
    <Response>
      <Say>The assistant has left the call. Goodbye.</Say>
    </Response>,
  ),
)
