/**
 * A Media Streams echo: `POST /echo` connects the call's audio to the socket `/echo/ws`, which sends
 * every frame straight back (the caller hears themselves) followed by a mark named after the
 * frame's chunk, so Twilio reports when each echo has played.
 */
import { Hono } from 'hono'
import { Connect, Parameter, Response, Say, Stream } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml } from 'twiml-jsx/hono'
import { type MediaStreamSession, mediaStream, type RealtimeRouteOptions } from 'twiml-jsx/realtime'
import { socketUrl } from './socket-url.js'

/** The socket handler, on its own so tests can run it in-process too. */
export function echoSession(stream: MediaStreamSession): void {
  stream.on('media', ({ media }) => {
    stream.sendAudio(media.payload)
    stream.mark(`echo-${media.chunk}`)
  })
  stream.onError((error) => console.warn(`echo: ${error.message}`))
}

/** `/echo`, `/echo/ended` and the socket `/echo/ws`. */
export function createEcho(realtime: RealtimeRouteOptions) {
  const echo = new Hono<TwilioWebhookEnv>()

  echo.on(['GET', 'POST'], '/', (c) => {
    const { From } = twilioParams(c)
    return twiml(
      c,
      <Response>
        <Say>You will hear yourself. Hang up when you are done.</Say>
        <Connect action="/echo/ended">
          <Stream url={socketUrl(c)} name="echo">
            <Parameter name="caller" value={From ?? 'unknown'} />
          </Stream>
        </Connect>
      </Response>,
    )
  })

  echo.on(['GET', 'POST'], '/ended', (c) =>
    twiml(
      c,
      <Response>
        <Say>The echo has ended. Goodbye.</Say>
      </Response>,
    ),
  )

  echo.get('/ws', mediaStream(echoSession, realtime))
  return echo
}
