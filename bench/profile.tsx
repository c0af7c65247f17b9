/**
 * Loops one benchmark document for a few seconds, for a CPU profile:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.tsx [document-index] [seconds] [mode]
 *
 * mode: `build` (build tree + render, default), `render` (prebuilt tree), `off` (build + render, validate off).
 */
import { render } from 'twiml-jsx'
import { DOCUMENTS } from './documents.js'

const doc = DOCUMENTS[globalThis.Number(process.argv[2] ?? 0)]!
const seconds = globalThis.Number(process.argv[3] ?? 3)
const mode = process.argv[4] ?? 'build'
const options = mode === 'off' ? { ...doc.options, validate: 'off' as const } : doc.options
const tree = doc.jsx(doc.data)
let n = 0
let sink = 0
const end = performance.now() + seconds * 1000
while (performance.now() < end) {
  for (let i = 0; i < 100; i++) sink += render(mode === 'render' ? tree : doc.jsx(doc.data), options).length
  n += 100
}
console.log(`${doc.name} (${mode}): ${n} renders, ${((seconds * 1e9) / n).toFixed(0)} ns each (${sink % 7})`)
