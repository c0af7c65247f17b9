/**
 * The verb → handler table, and where each verb may run. A new verb is one module and one line
 * here; a new kind of document (a wait document, a screening document) is one entry in CONTEXTS.
 */
import type { XmlElement } from '../../xml.js'
import type { Step, VerbContext } from '../runtime.js'
import { hangupVerb, leaveVerb, redirectVerb, rejectVerb } from './control.js'
import { dialVerb } from './dial.js'
import { gatherVerb } from './gather.js'
import { connectVerb, echoVerb, smsVerb, startStopVerb } from './media.js'
import { payVerb } from './pay.js'
import { promptVerb } from './prompt.js'
import { enqueueVerb } from './queue.js'
import { recordVerb } from './record.js'
import { referVerb } from './refer.js'

/** Runs one verb: what it did, and where the call goes next. */
export type VerbHandler = (context: VerbContext, verb: XmlElement) => Step | Promise<Step>

export const VERBS: Readonly<Record<string, VerbHandler>> = {
  Say: promptVerb,
  Play: promptVerb,
  Pause: promptVerb,
  Gather: gatherVerb,
  Dial: dialVerb,
  Record: recordVerb,
  Redirect: redirectVerb,
  Hangup: hangupVerb,
  Reject: rejectVerb,
  Enqueue: enqueueVerb,
  Leave: leaveVerb,
  Connect: connectVerb,
  Start: startStopVerb,
  Stop: startStopVerb,
  Echo: echoVerb,
  Sms: smsVerb,
  Pay: payVerb,
  Refer: referVerb,
}

/** The kinds of document a call runs, by who hears them. */
export type RunContext = 'call' | 'screening' | 'queue-url' | 'enqueue-wait' | 'conference-wait'

interface ContextRule {
  /** Why a verb cannot run here, or undefined when it can. */
  readonly refuse: (tag: string, document: string) => string | undefined
}

const only = (allowed: readonly string[], where: string, source: string): ContextRule => {
  const set = new Set(allowed)
  const list = `${allowed.slice(0, -1).join(', ')} and ${allowed[allowed.length - 1]}`
  return {
    refuse: (tag, document) =>
      set.has(tag) ? undefined : `<${tag}> in ${where} ${document}: Twilio allows only ${list} there (${source})`,
  }
}

export const CONTEXTS: Readonly<Record<RunContext, ContextRule>> = {
  call: { refuse: () => undefined },
  // https://www.twilio.com/docs/voice/twiml/number#url: the screening document must not <Dial>.
  screening: {
    refuse: (tag, document) =>
      tag === 'Dial'
        ? `<Dial> in the screening document ${document}: Twilio refuses it`
        : ['Enqueue', 'Connect', 'Pay', 'Refer'].includes(tag)
          ? `<${tag}> on the called party's leg is not simulated`
          : undefined,
  },
  'queue-url': only(
    ['Play', 'Say', 'Pause', 'Redirect'],
    'the <Queue url> document',
    'https://www.twilio.com/docs/voice/twiml/queue',
  ),
  'enqueue-wait': only(
    ['Play', 'Say', 'Pause', 'Hangup', 'Redirect', 'Leave', 'Gather'],
    'the queue wait document',
    'https://www.twilio.com/docs/voice/twiml/enqueue',
  ),
  'conference-wait': only(
    ['Play', 'Say', 'Pause', 'Redirect'],
    'the conference wait document',
    'https://www.twilio.com/docs/api/errors/13238',
  ),
}
