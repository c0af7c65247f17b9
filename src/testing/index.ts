/**
 * twiml-jsx/testing: readable TwiML snapshots and an offline call-flow simulator.
 *
 * ```ts
 * import { prettyTwiml, simulateCall, twimlSerializer } from 'twiml-jsx/testing'
 * ```
 *
 * Edge-safe like the rest of the library (Web APIs only) and free of test-runner imports: the
 * snapshot serializer is a plain object any vitest or Jest setup accepts.
 */
export {
  type CallEvent,
  type CallLeg,
  type EventPosition,
  formatTranscript,
  type RequestKind,
  type SimulatedRequest,
  spokenText,
} from './events.js'
export { type PrettyOptions, prettyTwiml, prettyXml } from './pretty.js'
export { isTwimlString, type TwimlSnapshotSerializer, twimlSerializer } from './serializer.js'
export {
  CallSimulationError,
  type DialOutcome,
  type DialOutcomeScript,
  type DialScript,
  type DialTarget,
  type PendingGather,
  type QueueScript,
  type QueueScripts,
  type RecordScript,
  type SimulateCallOptions,
  SimulatedCall,
  type SimulatorApp,
  simulateCall,
} from './simulator.js'
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
