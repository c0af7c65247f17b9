/**
 * `<Say>`, `<Play>` and `<Pause>`: what the caller hears. Nothing waits on them; a `<Pause>` moves
 * the clock, and `loop="0"` outside a Gather repeats until the caller hangs up.
 * https://www.twilio.com/docs/voice/twiml/say, https://www.twilio.com/docs/voice/twiml/play,
 * https://www.twilio.com/docs/voice/twiml/pause
 */
import { attribute, textContent, type XmlElement } from '../../xml.js'
import { integer, integerOr, twilioDefault } from '../defaults.js'
import type { EventPosition } from '../events.js'
import type { CallRuntime, Step, VerbContext } from '../runtime.js'
import { spokenText } from '../transcript.js'

/** Records a Say, Play or Pause; returns its loop count (0: forever). */
export function prompt(call: CallRuntime, at: EventPosition, verb: XmlElement): number {
  if (verb.name === 'Pause') {
    const seconds = integerOr(verb, 'Pause', 'length')
    // The event at the second the pause begins (what a listener reads from call.now), then the time passes.
    call.emit(at, { type: 'pause', seconds })
    call.clock.advanceTo(call.clock.now + seconds)
    return 1
  }
  const loop = integer(attribute(verb, 'loop'), twilioDefault(verb.name === 'Say' ? 'Say' : 'Play', 'loop'))
  if (verb.name === 'Say') {
    const voice = attribute(verb, 'voice')
    const language = attribute(verb, 'language')
    call.emit(at, {
      type: 'say',
      text: spokenText(verb),
      loop,
      ...(voice === undefined ? {} : { voice }),
      ...(language === undefined ? {} : { language }),
    })
  } else {
    const digits = attribute(verb, 'digits')
    if (digits !== undefined) call.emit(at, { type: 'play', digits, loop })
    else call.emit(at, { type: 'play', url: textContent(verb).trim(), loop })
  }
  return loop
}

/** The handler for Say, Play and Pause. */
export function promptVerb({ call, at }: VerbContext, verb: XmlElement): Step {
  const loop = prompt(call, at, verb)
  return loop === 0
    ? { kind: 'ended', reason: `<${verb.name} loop="0"> repeats until the caller hangs up` }
    : { kind: 'next' }
}
