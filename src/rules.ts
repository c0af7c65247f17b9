/**
 * Every rule validation reports, by its stable id (`TwimlIssue.rule`). The id is what tools match
 * on; the message is for people. Where a rule comes from Twilio, its check cites the page.
 */
export const TWIML_RULES = [
  // The document as a whole (validate.ts)
  /** The top element is not a `<Response>`. */
  'document.root',
  /** A webhook response over 64 kB (Twilio error 11750). */
  'document.size',
  /** TwiML for the REST API over 4000 characters (Twilio error 32018). */
  'document.inline-length',
  /** A verb after `<Hangup>`, `<Redirect>` or `<Reject>` never runs (a warning). */
  'document.unreachable',
  /** An element its parent's child rule does not name. */
  'children.element',
  /** Text in an element that takes none. */
  'children.text',
  /** A prop the element does not have (with a suggestion when one is close). */
  'attribute.unknown',
  /** A prop value outside its domain. */
  'attribute.value',
  /** `<Dial>` in a screening document (run at a dialed noun's `url`). */
  'context.screening',
  /** A verb a conference `waitUrl` document cannot use (Twilio error 13238). */
  'context.conference-wait',
  // <Dial> (voice/dial.ts)
  'dial.max-nouns',
  'dial.text-and-nouns',
  'dial.enhanced-sip',
  'dial.conference-alone',
  'dial.application-alone',
  'dial.sip-caller-id',
  // <Sip> and its URI (voice/sip.ts)
  'sip.address',
  'sip.region',
  'sip.transport',
  'sip.region-twice',
  'sip.transport-twice',
  'sip.header-name',
  'sip.header-escaping',
  'sip.header-twice',
  'sip.header-value',
  'sip.uri-length',
  'sip.headers-length',
  'sip.uri-props-with-elements',
  'sip.headers-once',
  // Text lengths of other elements
  'say.length',
  'enqueue.name-length',
] as const

/** The id of a validation rule, e.g. `sip.uri-length`. */
export type TwimlRule = (typeof TWIML_RULES)[number]
