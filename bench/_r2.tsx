/** @jsxImportSource twiml-jsx */
import { render, XML_DECLARATION } from 'twiml-jsx'
import { DOCUMENTS, hono } from './documents.js'
const flat = (s: string) => (s as unknown as number) | 0
function nsPer(fn: () => string, ms: number): number { let n = 0; const t0 = performance.now(); let t = t0; while (t - t0 < ms) { for (let i = 0; i < 10; i++) flat(fn()); n += 10; t = performance.now() } return ((t - t0) * 1e6) / n }
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const doc = DOCUMENTS[3]!; const tree = doc.jsx(doc.data)
const a: number[] = [], b: number[] = [], h: number[] = []
for (let i = 0; i < 30; i++) { (globalThis as any).__noSize = false; a.push(nsPer(() => render(tree), 20)); (globalThis as any).__noSize = true; b.push(nsPer(() => render(tree), 20)); h.push(nsPer(() => hono(doc, doc.data), 20)) }
console.log('with size', med(a).toFixed(0), 'without', med(b).toFixed(0), 'hono', med(h).toFixed(0))
