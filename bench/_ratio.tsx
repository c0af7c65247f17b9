/** @jsxImportSource twiml-jsx */
import { render, XML_DECLARATION } from 'twiml-jsx'
import { DOCUMENTS, hono } from './documents.js'
const flat = (s: string) => (s as unknown as number) | 0
function nsPer(fn: () => string, ms: number): number {
  let n = 0
  const t0 = performance.now()
  let t = t0
  while (t - t0 < ms) { for (let i = 0; i < 10; i++) flat(fn()); n += 10; t = performance.now() }
  return ((t - t0) * 1e6) / n
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const ROUNDS = Number(process.argv[2] ?? 25)
for (const doc of DOCUMENTS) {
  const d = doc.data
  const tree = doc.jsx(d)
  const ht = doc.honoTree(d)
  const fns = {
    prebuilt: () => render(tree, doc.options),
    build: () => render(doc.jsx(d), doc.options),
    off: () => render(tree, { ...doc.options, validate: 'off' }),
    hono: () => hono(doc, d),
    honoPre: () => XML_DECLARATION + ht,
    twilio: () => doc.twilio(d),
  }
  for (const f of Object.values(fns)) nsPer(f, 100)
  const r = { hono: [] as number[], honoPre: [] as number[], twilio: [] as number[], off: [] as number[], pre: [] as number[] }
  for (let i = 0; i < ROUNDS; i++) {
    const p = nsPer(fns.prebuilt, 15), b = nsPer(fns.build, 15), o = nsPer(fns.off, 15), h = nsPer(fns.hono, 15), hp = nsPer(fns.honoPre, 15), t = nsPer(fns.twilio, 15)
    r.hono.push(h / p); r.honoPre.push(hp / p); r.twilio.push(t / b); r.off.push(o / p); r.pre.push(p)
  }
  console.log(`${doc.name.padEnd(28)} hono/prebuilt ${med(r.hono).toFixed(2)}  honoPre/prebuilt ${med(r.honoPre).toFixed(2)}  twilio/build ${med(r.twilio).toFixed(1)}  off/on ${med(r.off).toFixed(2)}  prebuilt ${med(r.pre).toFixed(0)} ns`)
}
