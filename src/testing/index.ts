/**
 * twiml-jsx/testing: readable TwiML snapshots, an offline call-flow simulator (scripted or steered
 * step by step), recording and replaying real webhook traffic, and the call-flow explorer (every
 * path of an app as a map: Mermaid, DOT, JSON, lint rules, coverage of the tests' calls).
 *
 * ```ts
 * import { prettyTwiml, simulateCall, startCall, twimlSerializer } from 'twiml-jsx/testing'
 * ```
 *
 * Edge-safe like the rest of the library (Web APIs only) and free of test-runner imports: the
 * snapshot serializer is a plain object any vitest or Jest setup accepts.
 */
export * from './explore/index.js'
export { type PrettyOptions, prettyTwiml, prettyXml } from './pretty.js'
export {
  type RecordableContext,
  type RecordedWebhook,
  type RecordWebhooksOptions,
  recordWebhooks,
  type WebhookSink,
} from './replay/record.js'
export {
  type CallReplay,
  type ReplayDifference,
  type ReplayOptions,
  type ReplayReport,
  type ReplaySource,
  replayCalls,
} from './replay/replay.js'
export { normalizeScrubbed, type ScrubOptions } from './replay/scrub.js'
export { isTwimlString, type TwimlSnapshotSerializer, twimlSerializer } from './serializer.js'
export * from './simulator/index.js'
export {
  attribute,
  childElements,
  parseXml,
  parseXmlFragment,
  textContent,
  type XmlAttribute,
  type XmlComment,
  type XmlDocument,
  type XmlElement,
  type XmlFragment,
  type XmlNode,
  XmlParseError,
  type XmlText,
} from './xml.js'
