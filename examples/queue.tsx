/** A call queue: callers wait with music and their position until an agent dequeues them. */
import { Hono } from 'hono'
import { Enqueue, Leave, Play, Redirect, Response, Say } from 'twiml-jsx'
import { type TwilioWebhookEnv, twilioParams, twiml } from 'twiml-jsx/hono'
import { type EnqueueActionRequest, type EnqueueWaitRequest, numericParams } from 'twiml-jsx/webhook'

export const queue = new Hono<TwilioWebhookEnv>()

queue.on(['GET', 'POST'], '/sales', (c) =>
  twiml(
    c,
    <Response>
      <Enqueue action="/queue/left" waitUrl="/queue/wait" waitUrlMethod="POST" maxQueueSize={20}>
        sales
      </Enqueue>
    </Response>,
  ),
)

/** Runs in a loop while the caller waits; Twilio sends QueuePosition, QueueTime, AvgQueueTime, ... */
queue.on(['GET', 'POST'], '/wait', async (c) => {
  const params = twilioParams<EnqueueWaitRequest>(c)
  const { QueuePosition } = params
  const waitedTooLong = (numericParams(params).QueueTime ?? 0) > 600
  return twiml(
    c,
    <Response>
      {waitedTooLong ? (
        <>
          <Say>Sorry for the wait. Please leave a message instead.</Say>
          <Leave />
        </>
      ) : (
        <>
          <Say>You are number {QueuePosition ?? 'one'} in line.</Say>
          <Play>https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3</Play>
        </>
      )}
    </Response>,
  )
})

/** The caller left the queue (QueueResult: bridged, hangup, leave, error, ...). */
queue.on(['GET', 'POST'], '/left', async (c) => {
  const { QueueResult } = twilioParams<EnqueueActionRequest>(c)
  return twiml(
    c,
    <Response>
      {QueueResult === 'leave' ? <Redirect method="POST">/voicemail</Redirect> : <Say>Goodbye.</Say>}
    </Response>,
  )
})
