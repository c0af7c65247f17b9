/**
 * `<Reject>`: declines an incoming call without answering it. Verbs after it never run.
 *
 * @see https://www.twilio.com/docs/voice/twiml/reject
 */
import * as attr from '../attr.js'
import { defineElement, type ElementChild } from '../node.js'
import { Parameter } from './parameter.js'
import { Response } from './response.js'

/** What a caller hears when `<Reject>` declines the call. */
export const REJECT_REASONS = ['rejected', 'busy'] as const

export interface RejectProps {
  /** What the caller hears: `rejected` (default, a "not in service" tone) or `busy`. */
  reason?: (typeof REJECT_REASONS)[number]
  /** `<Parameter>` elements passed on with the rejection. No text. */
  children?: ElementChild
}

/**
 * Declines an incoming call without answering it (no charge). Must be the first verb.
 * @see https://www.twilio.com/docs/voice/twiml/reject
 */
export const Reject = defineElement<RejectProps>({
  tag: 'Reject',
  verbOf: [Response],
  terminal: true,
  attributes: { reason: attr.oneOf(REJECT_REASONS, { default: 'rejected' }) },
  children: { elements: () => [Parameter] },
})
