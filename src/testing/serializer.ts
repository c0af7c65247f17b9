/**
 * A vitest (or Jest) snapshot serializer that shows TwiML as indented XML.
 *
 * Either one line in `vitest.config.ts`:
 *
 * ```ts
 * test: { snapshotSerializers: ['twiml-jsx/testing/serializer'] }
 * ```
 *
 * or, in a setup file or a test file, `expect.addSnapshotSerializer(twimlSerializer)` with
 * `twimlSerializer` from `twiml-jsx/testing`.
 *
 * Plain object, no vitest import: the library stays free of test-runner dependencies.
 */
import { isNode } from '../node.js'
import { render } from '../render.js'
import { prettyXml } from './pretty.js'

/**
 * The shape vitest's `expect.addSnapshotSerializer` and `snapshotSerializers` take (pretty-format's
 * "new" plugin API); the parameters twiml-jsx does not use are left as `unknown`.
 */
export interface TwimlSnapshotSerializer {
  /** Whether this serializer prints `value`. */
  test(value: unknown): boolean
  /** Prints `value`; lines after the first are prefixed with `indentation` (for nested values). */
  serialize(
    value: unknown,
    config: unknown,
    indentation: string,
    depth: number,
    refs: unknown,
    printer: unknown,
  ): string
}

// The XML declaration, then a TwiML root (voice and messaging both use <Response>).
const TWIML_STRING = /^<\?xml[^>]*\?>\s*<Response[\s/>]/

/** True for the strings the serializer prints: an XML declaration followed by a `<Response>` root. */
export function isTwimlString(value: unknown): value is string {
  return typeof value === 'string' && TWIML_STRING.test(value)
}

/**
 * Prints TwiML nodes (`<Response>…</Response>`, or a component's output) and TwiML strings
 * (`await res.text()`) as {@link prettyXml} does, so both look the same in a snapshot.
 *
 * Nodes are rendered with `context: 'fragment'`, so a component that returns several verbs can be
 * snapshotted on its own; every other rule is checked, and a document that breaks one fails the test
 * with the renderer's error. Async components cannot be rendered here: snapshot
 * `await renderAsync(node)` instead (the string is printed the same way).
 */
export const twimlSerializer: TwimlSnapshotSerializer = {
  test(value) {
    return isNode(value) || isTwimlString(value)
  },
  serialize(value, _config, indentation) {
    const xml =
      typeof value === 'string' ? value : render(value as Parameters<typeof render>[0], { context: 'fragment' })
    let pretty: string
    try {
      pretty = prettyXml(xml)
    } catch (error) {
      throw new Error(`twimlSerializer: the TwiML is not well-formed XML: ${(error as Error).message}`)
    }
    return pretty.split('\n').join(`\n${indentation}`)
  },
}

export default twimlSerializer
