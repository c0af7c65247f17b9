/** Voicemail: record a message, transcribe it, thank the caller. */
import { Hono } from 'hono'
import { Hangup, Record, Response, Say } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml } from 'twiml-jsx/hono'

export const voicemail = new Hono<TwilioWebhookEnv>()

voicemail.on(['GET', 'POST'], '/', (c) =>
  twiml(
    c,
    <Response>
      <Say>Please leave a message after the beep. Press the pound key when you are done.</Say>
      <Record
        action="/voicemail/saved"
        maxLength={120}
        finishOnKey="#"
        playBeep
        transcribe
        transcribeCallback="/voicemail/transcription"
        recordingStatusCallback="/voicemail/status"
        recordingStatusCallbackEvent={['completed']}
      />
      <Say>We did not get a recording. Goodbye.</Say>
      <Hangup />
    </Response>,
  ),
)

voicemail.on(['GET', 'POST'], '/saved', async (c) => {
  const { RecordingDuration } = twilioParams(c)
  return twiml(
    c,
    <Response>
      <Say>Thanks, we got your {RecordingDuration ?? 'recorded'} second message. Goodbye.</Say>
      <Hangup />
    </Response>,
  )
})

/** Twilio posts the transcription here; it expects no TwiML, just a 2xx. */
voicemail.post('/transcription', (c) => c.body(null, 204))
voicemail.post('/status', (c) => c.body(null, 204))
