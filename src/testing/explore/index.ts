/**
 * The call-flow explorer: every path of an app, as a map (`exploreCalls`), drawn as Mermaid, DOT or
 * JSON, linted, and compared with the calls a test suite makes (coverage).
 */
export { type Choice, explorerChoices, SIP_DECLINE_CODES } from './choices.js'
export { type ExploreOptions, exploreCalls } from './explorer.js'
export type * from './types.js'
export { toDot } from './dot.js'
export { toMermaid } from './mermaid.js'
export type { DrawOptions } from './view.js'
