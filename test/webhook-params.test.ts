/**
 * The typed callback parameters: each request type says what Twilio's page for that callback lists,
 * closed sets of values are unions, and the numeric ones read as numbers. Requests go through the
 * middleware with the types attached, as a handler sees them.
 */
import { Hono } from 'hono'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { twilioParams, twilioWebhook } from '../src/hono/index.js'
import {
  type ConferenceStatusCallbackRequest,
  type DequeueRequest,
  type EnqueueActionRequest,
  type EnqueueWaitRequest,
  type GatherPartialResultRequest,
  numericParams,
  type QueueResult,
  type RecordingSource,
  type RecordingStatusCallbackRequest,
  signTwilioRequest,
  type TranscribeCallbackRequest,
} from '../src/webhook/index.js'

const TOKEN = 'params-test-token'

describe('queue callbacks', () => {
  test('waitUrl: position, times and sizes, as numbers through numericParams', async () => {
    const app = new Hono()
    app.post('/wait', twilioWebhook<EnqueueWaitRequest>({ authToken: TOKEN }), (c) => {
      const params = c.get('twilio').params
      expectTypeOf(params.QueuePosition).toEqualTypeOf<string>()
      expectTypeOf(params.AvgQueueTime).toEqualTypeOf<string>()
      return c.json(numericParams(params))
    })
    const params = {
      QueuePosition: '3',
      QueueSid: 'QU1',
      QueueTime: '42',
      AvgQueueTime: '65',
      CurrentQueueSize: '7',
      MaxQueueSize: '100',
    }
    const response = await app.request(await signTwilioRequest(TOKEN, { url: 'http://localhost/wait', params }))
    expect(await response.json()).toEqual({
      QueuePosition: 3,
      QueueTime: 42,
      AvgQueueTime: 65,
      CurrentQueueSize: 7,
      MaxQueueSize: 100,
    })
  })

  test('action: QueueResult is the closed set Twilio documents', () => {
    expectTypeOf<EnqueueActionRequest['QueueResult']>().toEqualTypeOf<QueueResult>()
    expectTypeOf<'queue-full'>().toExtend<QueueResult>()
    expectTypeOf<'bridging-in-process'>().toExtend<QueueResult>()
    // @ts-expect-error not a QueueResult
    const wrong: QueueResult = 'dequeued'
    expect(wrong).toBe('dequeued')
    expectTypeOf<DequeueRequest['DequeingCallSid']>().toEqualTypeOf<string>()
  })
})

describe('recording, transcription, conference and partial speech callbacks', () => {
  test('recordingStatusCallback: the status is a union; RecordingSource is open', async () => {
    const app = new Hono()
    app.post('/recording', twilioWebhook({ authToken: TOKEN }), (c) => {
      const { RecordingStatus, RecordingSource, RecordingChannels } = twilioParams<RecordingStatusCallbackRequest>(c)
      expectTypeOf(RecordingStatus).toEqualTypeOf<'in-progress' | 'completed' | 'absent' | 'failed'>()
      expectTypeOf(RecordingSource).toEqualTypeOf<RecordingSource | undefined>()
      return c.text(`${RecordingStatus} ${RecordingSource} ${RecordingChannels}`)
    })
    const params = {
      AccountSid: 'AC1',
      CallSid: 'CA1',
      RecordingSid: 'RE1',
      RecordingUrl: 'https://api.twilio.com/r/RE1',
      RecordingStatus: 'completed',
      RecordingChannels: '2',
      RecordingSource: 'DialVerb',
    }
    const response = await app.request(await signTwilioRequest(TOKEN, { url: 'http://localhost/recording', params }))
    expect(await response.text()).toBe('completed DialVerb 2')
    expectTypeOf<'SomethingNew'>().toExtend<RecordingSource>()
  })

  test('transcribeCallback, conference statusCallback, partialResultCallback', () => {
    expectTypeOf<TranscribeCallbackRequest['TranscriptionStatus']>().toEqualTypeOf<'completed' | 'failed'>()
    expectTypeOf<ConferenceStatusCallbackRequest['StatusCallbackEvent']>().toExtend<string>()
    expectTypeOf<'participant-speech-start'>().toExtend<ConferenceStatusCallbackRequest['StatusCallbackEvent']>()
    // @ts-expect-error not a conference event
    const event: ConferenceStatusCallbackRequest['StatusCallbackEvent'] = 'participant-dance'
    expect(event).toBe('participant-dance')
    expectTypeOf<ConferenceStatusCallbackRequest['Muted']>().toEqualTypeOf<'true' | 'false' | undefined>()
    expectTypeOf<GatherPartialResultRequest['UnstableSpeechResult']>().toEqualTypeOf<string>()
    expect(numericParams({ RecordingChannels: '1', SequenceNumber: '4' })).toEqual({
      RecordingChannels: 1,
      SequenceNumber: 4,
    })
  })
})
