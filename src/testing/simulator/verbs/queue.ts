/**
 * `<Enqueue>`: the caller waits in a queue, hearing the `waitUrl` document (run again each time it
 * ends), until an agent dequeues them, the wait document says `<Leave>` or `<Hangup>`, or the caller
 * hangs up. Rules from https://www.twilio.com/docs/voice/twiml/enqueue:
 * - the wait document gets `QueuePosition`, `QueueSid`, `QueueTime`, `AvgQueueTime`,
 *   `CurrentQueueSize`, `MaxQueueSize`, and may hold Play, Say, Pause, Hangup, Redirect, Leave and
 *   Gather;
 * - `action` gets `QueueResult`, `QueueSid` and `QueueTime`: at once after a `<Leave>`, and after a
 *   bridged call only once the parties disconnect; without an action the next verb runs.
 */
import { attribute, textContent, type XmlElement } from '../../xml.js'
import { methodOf, SIMULATED, twilioDefault } from '../defaults.js'
import type { QueueScript } from '../options.js'
import type { Leg, Step, VerbContext } from '../runtime.js'
import { converse } from './bridge.js'

/** "The default maximum length of the queue is 100" (a property of the queue, not of the verb). */
const QUEUE_SIZE = 100

type QueueResult = 'bridged' | 'hangup' | 'leave' | 'queue-full' | 'error' | 'system-error'

/** The queue's script: by name, `'*'`, or a function (which may return a Promise). */
async function queueScript(call: VerbContext['call'], name: string): Promise<QueueScript | undefined> {
  const scripts = call.options.queue
  if (typeof scripts === 'function') return scripts(name)
  if (scripts === undefined) return undefined
  return Object.hasOwn(scripts, name) ? scripts[name] : scripts['*']
}

export async function enqueueVerb({ call, leg, doc, at }: VerbContext, verb: XmlElement): Promise<Step> {
  const name = textContent(verb).trim()
  const waitUrlAttribute = attribute(verb, 'waitUrl')
  const waitUrl =
    waitUrlAttribute === undefined ? undefined : call.http.absolute(waitUrlAttribute, doc.url, '<Enqueue waitUrl>')
  call.emit(at, {
    type: 'enqueue',
    queue: name,
    ...(waitUrl === undefined ? {} : { waitUrl: call.http.display(waitUrl) }),
  })
  if (attribute(verb, 'workflowSid') !== undefined) {
    call.emit(at, {
      type: 'warning',
      message: '<Enqueue workflowSid> (TaskRouter) is not simulated: the queue script decides',
    })
  }
  const scripted = await queueScript(call, name)
  // Unscripted, an agent answers after one run of the wait document (a steered call waits instead).
  const script: QueueScript | undefined =
    scripted ?? (call.steered || call.options.decide !== undefined ? undefined : {})
  const queueSid = call.clock.sid('QU')
  const perWait = script?.secondsPerWait ?? SIMULATED.queueSecondsPerWait
  const position = script?.position ?? SIMULATED.queuePosition
  const planned = script?.result ?? 'bridged'
  const enteredAt = call.clock.now
  let result: QueueResult | undefined =
    planned === 'queue-full' || planned === 'error' || planned === 'system-error' ? planned : undefined
  // Without a wait document the caller hears Twilio's hold music: one wait.
  const runs = waitUrl === undefined ? 1 : (script?.waits ?? SIMULATED.queueWaits)
  for (let run = 0; result === undefined; run++) {
    if (waitUrl !== undefined) {
      const waitLeg: Leg = { ...leg, depth: at.depth + 1 }
      const queueTime = String(call.clock.now - enteredAt)
      const waitDoc = await call.fetch(waitLeg, {
        kind: 'goto',
        request: 'enqueue-wait',
        method: methodOf(attribute(verb, 'waitUrlMethod')),
        url: waitUrl,
        params: {
          QueueSid: queueSid,
          QueuePosition: String(position),
          QueueTime: queueTime,
          AvgQueueTime: queueTime,
          CurrentQueueSize: String(position),
          MaxQueueSize: attribute(verb, 'maxQueueSize') ?? String(QUEUE_SIZE),
        },
      })
      const outcome = await call.run(waitLeg, waitDoc, 'enqueue-wait')
      if (outcome.kind === 'leave') result = 'leave'
      else if (outcome.reason === 'hangup' || outcome.reason === 'caller hung up') result = 'hangup'
      if (result !== undefined) break
    }
    // Between two runs of the wait document (each lasts `secondsPerWait`): an agent, or more waiting.
    const since = call.clock.now
    const last = script !== undefined && run + 1 >= runs
    const resolution = await call.wait(
      at,
      {
        kind: 'queue',
        deadline: since + perWait,
        queue: name,
        position,
        queueTime: since - enteredAt,
        ...(waitUrl === undefined ? {} : { waitUrl: call.http.display(waitUrl) }),
      },
      doc,
      {
        script:
          script === undefined
            ? undefined
            : () =>
                last
                  ? {
                      at: since + perWait,
                      input: planned === 'hangup' ? { kind: 'hangup' } : { kind: 'queue-result', result: 'bridged' },
                    }
                  : { kind: 'advance', seconds: perWait },
        accepts: (input) =>
          input.kind === 'queue-result' || (input.kind === 'hangup' && input.leg !== 'callee')
            ? undefined
            : 'the caller is in a queue: give a queue-result (an agent: bridged), hang up, or advance',
      },
    )
    if (resolution.kind === 'queue-result') result = resolution.result
    else if (resolution.kind === 'hangup') result = 'hangup'
    // The deadline: the wait document runs again.
  }

  const queueTime = call.clock.now - enteredAt
  let talk: number | undefined
  let callerHungUp = result === 'hangup'
  if (result === 'bridged') {
    const plan =
      script === undefined
        ? undefined
        : { seconds: script.duration ?? SIMULATED.talkSeconds, hangup: 'callee' as const }
    const agent = { index: 0, noun: 'Queue', target: name, address: name, state: 'ringing' as const }
    // The agent's side is a <Dial><Queue>: its default time limit applies.
    const timeLimit = twilioDefault('Dial', 'timeLimit')
    const conversation = await converse(call, at, doc, agent, { timeLimit, hangupOnStar: false, plan })
    talk = conversation.seconds
    callerHungUp = conversation.endedBy === 'caller'
  }
  call.emit(at, { type: 'queue-result', result, ...(talk === undefined ? {} : { seconds: talk }) })
  const params: Record<string, string> = { QueueResult: result, QueueSid: queueSid, QueueTime: String(queueTime) }
  const action = attribute(verb, 'action')
  const method = methodOf(attribute(verb, 'method'))
  const url = action === undefined ? undefined : call.http.absolute(action, doc.url, '<Enqueue action>')
  if (callerHungUp) {
    // The call is over: the action is still requested, its TwiML not run.
    leg.status = 'completed'
    if (url !== undefined) await call.request(leg, 'enqueue-action', method, url, { ...call.params(leg), ...params })
    return { kind: 'ended', reason: talk === undefined ? 'caller hung up in the queue' : 'caller hung up' }
  }
  return url === undefined ? { kind: 'next' } : { kind: 'goto', request: 'enqueue-action', method, url, params }
}
