import type { BuiltinElement, Child, TwimlNode } from './node.js'
import type { SsmlIntrinsicElements } from './voice/ssml.js'

/** What a user component may return (a bare number is left out so the global `Number` is no component). */
export type ComponentResult = TwimlNode | string | boolean | null | undefined | readonly Child[]

/**
 * The JSX namespace TypeScript reads for `jsxImportSource: "twiml-jsx"`.
 * `Element` is the real node type: a TwiML node is never mistaken for HTML or a string.
 */
export declare namespace JSX {
  type Element = TwimlNode
  /**
   * Only built-in TwiML elements and functions returning TwiML may be tags. A forgotten
   * import makes `<Number>` resolve to the global `Number` (which returns a number) and
   * `<Response>` to the Fetch `Response` class: both are rejected here.
   */
  type ElementType =
    | BuiltinElement<any>
    | ((props: any) => ComponentResult | Promise<ComponentResult>)
    | keyof IntrinsicElements
  interface ElementChildrenAttribute {
    // biome-ignore lint/complexity/noBannedTypes: the JSX contract names the children prop with `{}`
    children: {}
  }
  interface IntrinsicAttributes {
    key?: string | number | null
  }
  /** The lowercase SSML elements under their wire names (`<say-as interpret-as="date">`); see voice/ssml.ts. */
  interface IntrinsicElements extends SsmlIntrinsicElements {}
}
