/**
 * The automatic JSX runtime (`jsxImportSource: "twiml-jsx"`). Tiny on purpose: it only
 * builds nodes; rendering lives in `render()`.
 */

export type { JSX } from '../src/jsx.js'
export { Fragment, jsx, jsx as jsxDEV, jsx as jsxs } from '../src/node.js'
