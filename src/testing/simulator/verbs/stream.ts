/**
 * `<Connect><Stream>`: a bidirectional Media Stream to the app's socket, opened in-process (no network). Rules
 * from https://www.twilio.com/docs/voice/twiml/stream and
 * https://www.twilio.com/docs/voice/media-streams/websocket-messages:
 * - Twilio sends `connected`, then `start` (the stream's and call's SIDs, `tracks` — a
 *   bidirectional stream carries the inbound track only —, the `<Parameter>`s as
 *   `customParameters`, `mediaFormat` audio/x-mulaw 8000 Hz mono), then the caller's audio as
 *   `media` frames (20 ms, 160 bytes, base64; `chunk` from 1, `timestamp` in ms from the start),
 *   `dtmf` for keys, and `stop` when the call ends; every message after `connected` carries a
 *   `sequenceNumber` from 1;
 * - the app sends `media` (played in order, buffered), `mark` (echoed back once the audio sent
 *   before it has played) and `clear` (drops the buffer; pending marks come back at once);
 * - the stream ends when the app closes its socket (then the `<Connect action>`) or the caller
 *   hangs up; `statusCallback` gets `stream-started` and `stream-stopped` with `StreamSid`,
 *   `StreamName`, `StreamEvent`, `AccountSid`, `CallSid`, `Timestamp`.
 * Playback runs on the virtual clock: 160 bytes of the app's audio take 20 ms.
 */
import { decodeBase64, encodeBase64, FRAME_MS, frames, MULAW_SAMPLE_RATE, silence } from '../../../realtime/mulaw.js'
import type { StreamInbound, StreamOutbound } from '../../../realtime/stream-messages.js'
import { wavToMulaw } from '../../../realtime/wav.js'
import { attribute, type XmlElement } from '../../xml.js'
import { methodOf } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { Step, VerbContext } from '../runtime.js'
import type { CallInput } from '../waiting.js'
import type { StreamWait } from '../waiting-realtime.js'
import { connectAction, customParameters, ScriptedTurns, SocketLink, type SocketTarget, scriptFor } from './socket.js'

/** The caller's audio of an `audio` input, as μ-law bytes; throws (RangeError, TypeError) when it is not usable. */
function audioOf(input: Extract<CallInput, { kind: 'audio' }>): Uint8Array {
  if ('wav' in input) return wavToMulaw(decodeBase64(input.wav))
  return silence(input.silenceMs)
}

export async function streamVerb(
  context: VerbContext,
  connect: XmlElement,
  noun: XmlElement,
  target: SocketTarget,
): Promise<Step> {
  const { url } = target
  const { call, leg, doc, at } = context
  const inner: EventPosition = { leg: leg.name, depth: at.depth + 1 }
  const where = `<Stream> in ${call.http.display(doc.url)}`
  const name = attribute(noun, 'name')
  const script = await scriptFor(call.options.stream, call.count('stream'))
  const turns = new ScriptedTurns(call, script?.turns ?? [], script?.hangup === true)
  const streamSid = call.clock.sid('MZ')
  const startedAt = call.clock.now
  // The playback timeline is kept in milliseconds: sums of 20 ms steps stay exact.
  const nowMs = () => Math.round(call.clock.now * 1000)
  const startMs = nowMs()
  let sequence = 0
  let chunk = 0
  let framesSent = 0
  /** The virtual millisecond at which the app's buffered audio has played. */
  let playedByMs = startMs
  const marks: { name: string; dueMs: number }[] = []

  const statusCallback = attribute(noun, 'statusCallback')
  const status = async (event: 'stream-started' | 'stream-stopped') => {
    if (statusCallback === undefined) return
    const url = call.http.absolute(statusCallback, doc.url, '<Stream statusCallback>')
    await call.callback(inner, 'stream-status-callback', methodOf(attribute(noun, 'statusCallbackMethod')), url, {
      AccountSid: call.accountSid,
      CallSid: call.sid,
      StreamSid: streamSid,
      StreamName: name ?? streamSid,
      StreamEvent: event,
      Timestamp: call.clock.timestamp(),
    })
  }

  let link: SocketLink<StreamInbound, StreamOutbound> | undefined
  const echo = (mark: { name: string }, cleared: boolean) => {
    link?.send({ event: 'mark', sequenceNumber: String(++sequence), streamSid, mark: { name: mark.name } })
    call.emit(inner, { type: 'stream-mark-played', name: mark.name, cleared })
  }
  const fromApp = (message: StreamOutbound) => {
    if (message.streamSid !== streamSid) {
      call.emit(inner, {
        type: 'socket-invalid',
        protocol: 'media-stream',
        message: `"${message.event}" for stream ${message.streamSid}, not this stream (${streamSid}): dropped`,
      })
      return
    }
    switch (message.event) {
      case 'media': {
        const bytes = decodeBase64(message.media.payload).length
        playedByMs = Math.max(playedByMs, nowMs()) + (bytes * 1000) / MULAW_SAMPLE_RATE
        call.emit(inner, { type: 'stream-media', bytes })
        break
      }
      case 'mark':
        marks.push({ name: message.mark.name, dueMs: Math.max(playedByMs, nowMs()) })
        call.emit(inner, { type: 'stream-mark', name: message.mark.name })
        break
      case 'clear': {
        const droppedMs = Math.max(0, playedByMs - nowMs())
        playedByMs = nowMs()
        call.emit(inner, { type: 'stream-clear', droppedMs })
        for (const mark of marks.splice(0)) echo(mark, true)
        break
      }
    }
  }
  /** Sends back the marks whose audio has played by now; whether there were any. */
  const echoPlayed = (): boolean => {
    let echoed = false
    while (marks[0] !== undefined && marks[0].dueMs <= nowMs() && !link!.isOver) {
      echo(marks.shift()!, false)
      echoed = true
    }
    return echoed
  }
  /** Lets the app run, and sends back the marks played meanwhile (the app may answer them). */
  const settle = async () => {
    do await link!.settle()
    while (echoPlayed())
  }

  const parameters = customParameters(noun)
  link = await SocketLink.open<StreamInbound, StreamOutbound>(call, where, {
    protocol: 'media-stream',
    sid: streamSid,
    target,
    at: inner,
    onMessage: fromApp,
  })
  try {
    call.emit(inner, {
      type: 'session-start',
      protocol: 'media-stream',
      sid: streamSid,
      url,
      customParameters: parameters,
    })
    link.send({ event: 'connected', protocol: 'Call', version: '1.0.0' })
    link.send({
      event: 'start',
      sequenceNumber: String(++sequence),
      start: {
        streamSid,
        accountSid: call.accountSid,
        callSid: call.sid,
        tracks: ['inbound'],
        ...(Object.keys(parameters).length === 0 ? {} : { customParameters: parameters }),
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: MULAW_SAMPLE_RATE, channels: 1 },
      },
      streamSid,
    })
    await status('stream-started')
    await settle()

    let callerHungUp = false
    while (!link.isOver) {
      const pendingMarks = marks.map((mark) => mark.name)
      const spec: Omit<StreamWait, 'index' | 'leg' | 'since' | 'document'> = {
        kind: 'stream',
        ...(marks[0] === undefined ? {} : { deadline: marks[0].dueMs / 1000 }),
        url,
        streamSid,
        ...(name === undefined ? {} : { name }),
        framesSent,
        bufferedMs: Math.max(0, playedByMs - nowMs()),
        pendingMarks,
      }
      const resolution = await call.wait(inner, spec, doc, {
        script: turns.next,
        wake: link.over,
        accepts: (input) => {
          switch (input.kind) {
            case 'audio':
              try {
                audioOf(input)
                return undefined
              } catch (error) {
                return error instanceof Error ? error.message : String(error)
              }
            case 'press':
              return /^[0-9*#]+$/.test(input.digits) ? undefined : 'keys are 0-9, * and #'
            case 'hangup':
              return input.leg === 'callee' ? 'no dialed party is on the line' : undefined
            default:
              return 'the call is streaming: send audio, press keys, hang up or advance'
          }
        },
      })
      turns.taken(resolution)
      if (resolution.kind === 'wake' || resolution.kind === 'deadline') {
        await settle()
        continue
      }
      if (resolution.kind === 'hangup') {
        call.emit(inner, { type: 'input', hangup: true })
        link.send({
          event: 'stop',
          sequenceNumber: String(++sequence),
          stop: { accountSid: call.accountSid, callSid: call.sid },
          streamSid,
        })
        callerHungUp = true
        break
      }
      if (resolution.kind === 'press') {
        call.emit(inner, { type: 'input', digits: resolution.digits })
        for (const digit of resolution.digits) {
          link.send({
            event: 'dtmf',
            streamSid,
            sequenceNumber: String(++sequence),
            dtmf: { track: 'inbound_track', digit },
          })
        }
        await settle()
      } else if (resolution.kind === 'audio') {
        const audio = frames(audioOf(resolution))
        call.emit(inner, {
          type: 'stream-audio',
          frames: audio.length,
          ms: audio.length * FRAME_MS,
          source: 'wav' in resolution ? 'wav' : 'silence',
        })
        // Twilio sends each frame once its 20 ms have been captured; the app answers at that time.
        const from = nowMs()
        for (const [index, frame] of audio.entries()) {
          if (link.isOver) break
          const timestamp = nowMs() - startMs
          call.clock.advanceTo((from + (index + 1) * FRAME_MS) / 1000)
          echoPlayed()
          link.send({
            event: 'media',
            sequenceNumber: String(++sequence),
            media: {
              track: 'inbound',
              chunk: String(++chunk),
              timestamp: String(timestamp),
              payload: encodeBase64(frame),
            },
            streamSid,
          })
          framesSent++
          await settle()
        }
      }
    }

    const seconds = Math.round(call.clock.now - startedAt)
    call.emit(inner, {
      type: 'session-end',
      protocol: 'media-stream',
      by: callerHungUp ? 'caller' : 'app-close',
      seconds,
    })
    link.finish()
    link.close()
    await status('stream-stopped')
    return await connectAction(context, connect, {}, callerHungUp)
  } finally {
    link.finish()
    link.close()
  }
}
