/**
 * Memory benchmark: bytes allocated per render, for the benchmark documents and for documents of
 * 10 to 10 000 elements.
 *
 *   node --expose-gc --min-semi-space-size=64 --max-semi-space-size=64 --import tsx bench/memory.tsx
 *
 * Method: V8 allocates new objects by bumping a pointer in the young generation, so the growth of
 * `heapUsed` across a run of renders, with no garbage collection inside it, is the number of bytes
 * those renders allocated (garbage included: what the collector will have to clean up). The script
 * warms the code up, forces a full collection, reads `heapUsed`, runs k renders, reads it again and
 * divides by k; a 64 MB young generation leaves room for k renders, and a `gc` performance observer
 * proves no collection ran in the window (k is halved and the window retried if one did). The cost of
 * the loop itself is measured the same way with a function that returns a constant, and subtracted.
 * Output strings are flattened (as writing them to a socket does), so their bytes are counted.
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { render } from 'twiml-jsx'
import { DOCUMENTS, growthData, growthJsx, growthTwilio, hono } from './documents.js'
import { formatBytes, markdownTable } from './format.js'

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) {
  console.error('run with --expose-gc (npm run bench does)')
  process.exit(1)
}

const gcTimes: number[] = []
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcTimes.push(entry.startTime)
}).observe({ entryTypes: ['gc'] })

let sink = 0
const flatten = (s: string) => (s as unknown as number) | 0
const tick = () => new Promise((resolve) => setImmediate(resolve))

/** Bytes allocated per call of `fn`, measured in a window without garbage collection. */
async function allocated(fn: () => unknown, k: number): Promise<number> {
  for (let i = 0; i < 50; i++) fn() // warm-up: compile before measuring
  for (;;) {
    gc!()
    await tick()
    gcTimes.length = 0
    const start = performance.now()
    const before = process.memoryUsage().heapUsed
    for (let i = 0; i < k; i++) {
      const out = fn()
      sink += typeof out === 'string' ? flatten(out) : 0
    }
    const after = process.memoryUsage().heapUsed
    const end = performance.now()
    await tick()
    if (gcTimes.some((t) => t >= start && t <= end)) {
      if (k === 1) throw new Error('a single call does not fit in the young generation')
      k = Math.max(1, Math.floor(k / 2))
      continue
    }
    return (after - before) / k
  }
}

const constant = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
const loopCost = await allocated(() => constant, 1000)
const perCall = async (fn: () => unknown, k: number) => Math.max(0, (await allocated(fn, k)) - loopCost)

console.log('# twiml-jsx memory benchmark\n')
console.log(`Bytes allocated per call (garbage included); loop overhead (${loopCost.toFixed(0)} B) subtracted.\n`)

console.log('## Benchmark documents\n')
const docRows: string[][] = []
for (const doc of DOCUMENTS) {
  const d = doc.data
  const tree = doc.jsx(d)
  const k = doc.name.startsWith('~60') ? 20 : 500
  docRows.push([
    doc.name,
    formatBytes(await perCall(() => render(doc.jsx(d), doc.options), k)),
    formatBytes(await perCall(() => render(tree, doc.options), k)),
    formatBytes(await perCall(() => doc.jsx(d), k)),
    formatBytes(await perCall(() => doc.twilio(d), k)),
    formatBytes(await perCall(() => hono(doc, d), k)),
    formatBytes(await perCall(() => doc.template(d), k)),
  ])
}
console.log(
  markdownTable(
    [
      'document',
      'twiml-jsx build + render',
      'render prebuilt',
      'build tree only',
      'twilio build + toString',
      'hono/jsx',
      'template literal',
    ],
    docRows,
  ),
)

console.log('\n## Growth: documents of n elements\n')
console.log(
  "Validation on up to 1 000 elements; the 10 000-element document (about 300 kB) breaks the 64 kB rule, so\nit is rendered with validate: 'off' only. The output string itself is about 1 byte per character.\n",
)
const growthRows: string[][] = []
for (const n of [10, 100, 1_000, 10_000]) {
  const texts = growthData(n)
  const tree = growthJsx(texts)
  const chars = render(tree, { validate: 'off' }).length
  const k = Math.max(2, Math.floor(20_000 / n))
  const validated = n <= 1_000 ? await perCall(() => render(growthJsx(texts)), k) : undefined
  const off = await perCall(() => render(growthJsx(texts), { validate: 'off' }), k)
  const renderOnly = await perCall(() => render(tree, { validate: 'off' }), k)
  const build = await perCall(() => growthJsx(texts), k)
  const twilioBytes = await perCall(() => growthTwilio(texts), Math.max(1, Math.floor(k / 10)))
  const per = (b: number) => `${formatBytes(b)} (${(b / n).toFixed(0)} B/el)`
  growthRows.push([
    n.toLocaleString('en-US'),
    formatBytes(chars),
    validated === undefined ? '(over 64 kB)' : per(validated),
    per(off),
    per(renderOnly),
    per(build),
    per(twilioBytes),
  ])
}
console.log(
  markdownTable(
    [
      'elements',
      'output',
      'build + render',
      "build + render, 'off'",
      "render prebuilt, 'off'",
      'build tree only',
      'twilio build + toString',
    ],
    growthRows,
  ),
)
if (sink === 0.5) console.log(sink)
