/**
 * The call-flow explorer: every path of an app as a map (`exploreCalls`), drawn as Mermaid, DOT or
 * JSON, linted (`lintCallMap`), and compared with the calls a test suite makes (`callCoverage`).
 *
 * Layout: `explorer.ts` (the walk: replays with `decide`, shortest first), `choices.ts` (what is
 * tried at each wait), `trace.ts` (a call's events as points and edges, shared with coverage),
 * `labels.ts` (what an edge is called), `keys.ts` (identities), `builder.ts` (the map), `app.ts`
 * (validation issues, replays from memory), `mermaid.ts` / `dot.ts` / `view.ts` (drawings),
 * `lint.ts`, `coverage.ts`, `path.ts`.
 */
export { type Choice, explorerChoices, SIP_DECLINE_CODES } from './choices.js'
export {
  type CallCollector,
  type CoverageReport,
  type CoveredCall,
  callCoverage,
  collectCalls,
  type EdgeCoverage,
  type TrackCoverageOptions,
  trackCallCoverage,
} from './coverage.js'
export { toDot } from './dot.js'
export { type ExploreOptions, exploreCalls } from './explorer.js'
export {
  describePath,
  formatFindings,
  LINT_RULES,
  type LintFinding,
  type LintOptions,
  type LintRule,
  lintCallMap,
  type Severity,
} from './lint.js'
export { toMermaid } from './mermaid.js'
export { followPath, pathTo } from './path.js'
export {
  type DecidedWait,
  type Trace,
  type TraceOptions,
  type TracePoint,
  type TraceStep,
  type TraceWait,
  traceCall,
} from './trace.js'
export type * from './types.js'
export type { DrawOptions } from './view.js'
