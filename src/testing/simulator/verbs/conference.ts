/**
 * `<Dial><Conference>`: the caller joins a room; scripted participants join and leave.
 * Rules from https://www.twilio.com/docs/voice/twiml/conference:
 * - a conference starts once at least two participants are in the room and one of them has
 *   `startConferenceOnEnter` (default true); until then the caller hears the `waitUrl` document
 *   (default Twilio's hold music; `""` none), which may hold only Play, Say, Pause and Redirect
 *   (https://www.twilio.com/docs/api/errors/13238);
 * - it ends when a participant with `endConferenceOnExit` leaves, or the last one leaves; everyone
 *   then drops out, and the caller goes on with the Dial's action or the next verb;
 * - `statusCallback` gets the `statusCallbackEvent`s asked for (`start`, `end`, `join`, `leave`)
 *   with `ConferenceSid`, `FriendlyName`, `StatusCallbackEvent`, `SequenceNumber`, `Timestamp`,
 *   and for participants their `CallSid` and flags;
 * - the Dial's action gets `DialCallStatus=answered`: there is no dialed call, so no
 *   `DialCallSid` or `DialCallDuration` (https://www.twilio.com/docs/voice/twiml/dial#dialcallstatus).
 */
import { attribute, textContent, type XmlElement } from '../../xml.js'
import { booleanOr, integerOr, methodOf, SIMULATED } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { ConferenceParticipantScript, ConferenceScript } from '../options.js'
import type { CallRuntime, Doc, Leg, Step } from '../runtime.js'
import type { ConferenceParticipant } from '../waiting.js'
import { afterDial } from './dial-action.js'

interface Member extends ConferenceParticipant {
  readonly callSid: string
  readonly joinAt: number
  readonly leaveAt: number | undefined
  state: 'expected' | 'in' | 'left'
}

async function conferenceScript(call: CallRuntime, name: string): Promise<ConferenceScript | undefined> {
  const scripts = call.options.conference
  if (typeof scripts === 'function') return scripts(name)
  if (scripts === undefined) return undefined
  return Object.hasOwn(scripts, name) ? scripts[name] : scripts['*']
}

/** The unscripted room: a moderator who is there and ends the conference after the usual talk. */
const DEFAULT_ROOM: ConferenceScript = {
  participants: [{ label: 'moderator', joinAt: 0, leaveAt: SIMULATED.talkSeconds, endConferenceOnExit: true }],
}

export async function conferenceDial(
  call: CallRuntime,
  leg: Leg,
  doc: Doc,
  at: EventPosition,
  dial: XmlElement,
  noun: XmlElement,
): Promise<Step> {
  const name = textContent(noun).trim()
  const inner: EventPosition = { leg: 'caller', depth: at.depth + 1 }
  const waitAttribute = attribute(noun, 'waitUrl')
  const waitUrl =
    waitAttribute === undefined || waitAttribute === ''
      ? undefined
      : call.http.absolute(waitAttribute, doc.url, '<Conference waitUrl>')
  call.emit(at, { type: 'conference', name, ...(waitUrl === undefined ? {} : { waitUrl: call.http.display(waitUrl) }) })
  const record = attribute(noun, 'record')
  if (record !== undefined && record !== 'do-not-record') {
    call.emit(at, { type: 'warning', message: '<Conference record> is not simulated: no recording is reported' })
  }
  const scripted = await conferenceScript(call, name)
  const script = scripted ?? (call.steered || call.options.decide !== undefined ? { participants: [] } : DEFAULT_ROOM)
  const conferenceSid = call.clock.sid('CF')
  const t0 = call.clock.now
  const timeLimit = integerOr(dial, 'Dial', 'timeLimit')
  const caller: Member = {
    label: 'caller',
    callSid: call.sid,
    startConferenceOnEnter: booleanOr(noun, 'Conference', 'startConferenceOnEnter'),
    endConferenceOnExit: booleanOr(noun, 'Conference', 'endConferenceOnExit'),
    joinAt: t0,
    leaveAt: script.callerLeavesAt === undefined ? undefined : t0 + script.callerLeavesAt,
    state: 'expected',
  }
  const member = (p: ConferenceParticipantScript, i: number): Member => ({
    label: p.label ?? `participant ${i + 1}`,
    callSid: call.clock.sid('CA'),
    startConferenceOnEnter: p.startConferenceOnEnter ?? true,
    endConferenceOnExit: p.endConferenceOnExit ?? false,
    joinAt: t0 + (p.joinAt ?? 0),
    leaveAt: p.leaveAt === undefined ? undefined : t0 + p.leaveAt,
    state: 'expected',
  })
  const members: Member[] = (script.participants ?? []).map(member)

  const statusCallback = attribute(noun, 'statusCallback')
  const events = new Set((attribute(noun, 'statusCallbackEvent') ?? '').split(/\s+/).filter(Boolean))
  let sequence = 0
  const notify = async (event: 'start' | 'end' | 'join' | 'leave', extra: Record<string, string>) => {
    if (statusCallback === undefined || !events.has(event)) return
    const kind = event === 'start' || event === 'end' ? `conference-${event}` : `participant-${event}`
    await call.callback(
      inner,
      'conference-status-callback',
      methodOf(attribute(noun, 'statusCallbackMethod')),
      call.http.absolute(statusCallback, doc.url, '<Conference statusCallback>'),
      {
        ConferenceSid: conferenceSid,
        FriendlyName: name,
        AccountSid: call.accountSid,
        StatusCallbackEvent: kind,
        SequenceNumber: String(sequence++),
        Timestamp: call.clock.timestamp(),
        ...extra,
      },
    )
  }
  const flags = (m: Member) => ({
    CallSid: m.callSid,
    Muted: 'false',
    Hold: 'false',
    StartConferenceOnEnter: String(m.startConferenceOnEnter),
    EndConferenceOnExit: String(m.endConferenceOnExit),
  })
  let started = false
  let ended: string | undefined
  let waited = false
  const room = () => [caller, ...members].filter((m) => m.state === 'in')
  const end = async (reason: string, by: Member) => {
    ended = reason
    await notify('end', { ReasonConferenceEnded: reason, CallSidEndingConference: by.callSid })
    call.emit(inner, { type: 'conference-end', reason, seconds: call.clock.now - t0 })
  }
  const join = async (m: Member) => {
    m.state = 'in'
    call.emit(inner, { type: 'participant', label: m.label, action: 'join' })
    await notify('join', flags(m))
    if (!started && room().length >= 2 && room().some((p) => p.startConferenceOnEnter)) {
      started = true
      call.emit(inner, { type: 'conference-start' })
      await notify('start', {})
    }
  }
  const leave = async (m: Member) => {
    m.state = 'left'
    call.emit(inner, { type: 'participant', label: m.label, action: 'leave' })
    await notify('leave', flags(m))
    if (started && m.endConferenceOnExit) await end('participant-with-end-conference-on-exit-left', m)
    else if (room().length === 0) await end('last-participant-left', m)
  }

  for (const m of members.filter((p) => p.joinAt <= t0)) await join(m)
  await join(caller)
  let hungUp = false
  while (ended === undefined && caller.state === 'in') {
    if (!started && !waited && waitUrl !== undefined) {
      // Until the conference starts the caller hears the wait document.
      waited = true
      const waitLeg: Leg = { ...leg, depth: inner.depth }
      const waitDoc = await call.fetch(waitLeg, {
        kind: 'goto',
        request: 'conference-wait',
        method: methodOf(attribute(noun, 'waitMethod')),
        url: waitUrl,
        params: {},
      })
      await call.run(waitLeg, waitDoc, 'conference-wait')
    }
    const timeline: { at: number; m: Member; action: 'join' | 'leave' }[] = [
      ...members.flatMap((m): { at: number; m: Member; action: 'join' | 'leave' }[] =>
        m.state === 'expected'
          ? [{ at: m.joinAt, m, action: 'join' as const }]
          : m.state === 'in' && m.leaveAt !== undefined
            ? [{ at: m.leaveAt, m, action: 'leave' as const }]
            : [],
      ),
      ...(caller.leaveAt === undefined ? [] : [{ at: caller.leaveAt, m: caller, action: 'leave' as const }]),
    ].sort((a, b) => a.at - b.at)
    const next = timeline[0]
    const limit = t0 + timeLimit
    // A scripted room needs no decision: its next event happens at its time; with nothing left the
    // Dial's time limit ends it — unless the controller (or the decide hook) is to say what happens.
    const decided = scripted !== undefined || script === DEFAULT_ROOM
    if (decided && next !== undefined && next.at <= limit) {
      call.clock.advanceTo(next.at)
      // The caller leaving at `callerLeavesAt` is the caller hanging up.
      if (next.m === caller) hungUp = true
      await (next.action === 'join' ? join(next.m) : leave(next.m))
      continue
    }
    if (decided && !call.steered) {
      call.clock.advanceTo(limit)
      await leave(caller)
      continue
    }
    const resolution = await call.wait(
      inner,
      {
        kind: 'conference',
        deadline: Math.min(next?.at ?? Number.POSITIVE_INFINITY, limit),
        name,
        started,
        participants: members
          .filter((m) => m.state === 'in')
          .map(({ label, startConferenceOnEnter, endConferenceOnExit }) => ({
            label,
            startConferenceOnEnter,
            endConferenceOnExit,
          })),
        startConferenceOnEnter: caller.startConferenceOnEnter,
        endConferenceOnExit: caller.endConferenceOnExit,
      },
      doc,
      {
        accepts: (input) => {
          if (input.kind === 'hangup') {
            return input.leg === 'callee'
              ? 'a participant leaves with { kind: "participant", action: "leave" }'
              : undefined
          }
          if (input.kind !== 'participant') {
            return 'the caller is in a conference: participants join or leave, or the caller hangs up'
          }
          const present = members.some(
            (m) => m.state === 'in' && (input.label === undefined || m.label === input.label),
          )
          return input.action === 'leave' && !present
            ? `no participant${input.label === undefined ? '' : ` "${input.label}"`} is in the room`
            : undefined
        },
      },
    )
    if (resolution.kind === 'deadline') {
      if (next !== undefined && next.at <= call.clock.now) {
        if (next.m === caller) hungUp = true
        await (next.action === 'join' ? join(next.m) : leave(next.m))
      }
      // The Dial's timeLimit: Twilio takes the caller out of the room.
      else await leave(caller)
    } else if (resolution.kind === 'hangup') {
      hungUp = true
      await leave(caller)
    } else if (resolution.kind === 'participant') {
      if (resolution.action === 'join') {
        const added = member(
          {
            label: resolution.label ?? `participant ${members.length + 1}`,
            startConferenceOnEnter: resolution.startConferenceOnEnter ?? true,
            endConferenceOnExit: resolution.endConferenceOnExit ?? false,
          },
          members.length,
        )
        const joined: Member = { ...added, joinAt: call.clock.now }
        members.push(joined)
        await join(joined)
      } else {
        const leaving = members.find(
          (m) => m.state === 'in' && (resolution.label === undefined || m.label === resolution.label),
        )
        if (leaving !== undefined) await leave(leaving)
      }
    }
  }
  if (caller.state === 'in') {
    // The conference ended under the caller.
    caller.state = 'left'
  }

  const params = { DialCallStatus: 'answered' }
  return afterDial(call, leg, doc, dial, params, hungUp)
}
