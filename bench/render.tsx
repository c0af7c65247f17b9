/**
 * Render benchmark: the same documents produced by twiml-jsx, the twilio package's builder,
 * hono/jsx and a hand-written template literal, side by side; then how render time grows with
 * the number of elements.
 *
 *   node --import tsx bench/render.tsx        (part of `npm run bench`)
 *
 * Every competitor's output is checked equal to twiml-jsx's before anything is timed (hono/jsx
 * after `normaliseHono`, see documents.tsx); the run aborts on a mismatch.
 */
import os from 'node:os'
import { do_not_optimize, measure } from 'mitata'
import { render, type TwimlNode, XML_DECLARATION } from 'twiml-jsx'
import { DOCUMENTS, type Document, growthData, growthJsx, growthTwilio, hono, normaliseHono } from './documents.js'
import { formatNs, markdownTable, ratio } from './format.js'

const QUICK = process.argv.includes('--quick')
/** Each row is measured once per round, rounds interleaved; the table shows the median round. */
const ROUNDS = QUICK ? 1 : 3
const OPTS = QUICK ? { min_cpu_time: 150 * 1e6 } : { min_cpu_time: 400 * 1e6 }

/**
 * V8 builds strings from `+=` as ropes and flattens them when they are read. Writing a response
 * reads it, so every implementation's string is flattened inside the timed call (`s | 0` converts
 * the string to a number, which needs it flat). Without this, twiml-jsx would be charged for the
 * flattening its size check does, and the others would leave that work to their caller.
 */
const flatten = (s: string) => (s as unknown as number) | 0

/**
 * Mean time per call in nanoseconds: mitata's average over its samples, so garbage collection is
 * paid for in proportion (a median would hide the collections an allocation-heavy builder causes).
 */
async function time(fn: () => string): Promise<number> {
  const stats = await measure(() => do_not_optimize(flatten(fn())), OPTS)
  return stats.avg
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** Runs `fn` for `ms` milliseconds, so the engine has compiled it (and what it calls) before it is timed. */
function warmUp(fn: () => string, ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) for (let i = 0; i < 20; i++) flatten(fn())
}

/**
 * Times every function `ROUNDS` times, interleaved (so a burst of other load hits one round of each), and
 * returns the median of each. Every function is warmed up first: otherwise the first one timed pays for
 * compiling the code they share.
 */
async function timeAll(fns: readonly (() => string)[]): Promise<number[]> {
  for (const fn of fns) warmUp(fn, QUICK ? 50 : 200)
  const rounds: number[][] = fns.map(() => [])
  for (let r = 0; r < ROUNDS; r++) for (let i = 0; i < fns.length; i++) rounds[i]!.push(await time(fns[i]!))
  return rounds.map(median)
}

function check(doc: Document<unknown>): void {
  const ours = render(doc.jsx(doc.data), doc.options)
  const others: [string, string][] = [
    ['twilio VoiceResponse', doc.twilio(doc.data)],
    ['hono/jsx (normalised)', normaliseHono(hono(doc, doc.data))],
    ['template literal', doc.template(doc.data)],
  ]
  for (const [name, xml] of others) {
    if (xml === ours) continue
    let i = 0
    while (i < xml.length && xml[i] === ours[i]) i++
    console.error(`MISMATCH in "${doc.name}": ${name} differs from twiml-jsx at byte ${i}`)
    console.error(`  twiml-jsx: …${ours.slice(Math.max(0, i - 40), i + 60)}`)
    console.error(`  ${name}: …${xml.slice(Math.max(0, i - 40), i + 60)}`)
    process.exit(1)
  }
}

function countElements(node: unknown): number {
  const xml = render(node as TwimlNode, { validate: 'off', context: 'fragment' })
  return (xml.match(/<[A-Za-z]/g) ?? []).length
}

interface Row {
  readonly name: string
  readonly ns: number
}

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
console.log(`# twiml-jsx render benchmark${QUICK ? ' (quick run)' : ''}\n`)
console.log(
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; load average at start: ${load()}.\n`,
)
console.log(
  `Mean time per call (mitata), median of ${ROUNDS} interleaved round${ROUNDS > 1 ? 's' : ''}; ratio = that row / twiml-jsx build + render.\n`,
)

const summary: {
  doc: string
  twilio: number
  hono: number
  honoPrebuilt: number
  template: number
  validation: number
}[] = []

for (const doc of DOCUMENTS) {
  check(doc)
  const d = doc.data
  const off = { ...doc.options, validate: 'off' as const }
  const tree = doc.jsx(d)
  const honoTree = doc.honoTree(d)
  const bytes = Buffer.byteLength(render(tree, doc.options))

  const names = [
    'twiml-jsx: build tree + render',
    "twiml-jsx: build tree + render, validate: 'off'",
    'twiml-jsx: render a prebuilt tree',
    "twiml-jsx: render a prebuilt tree, validate: 'off'",
    'twilio VoiceResponse: build + toString()',
    'hono/jsx: jsx() + toString()',
    'hono/jsx: toString() of a prebuilt tree',
    'template literal + escaping',
  ]
  const times = await timeAll([
    () => render(doc.jsx(d), doc.options),
    () => render(doc.jsx(d), off),
    () => render(tree, doc.options),
    () => render(tree, off),
    () => doc.twilio(d),
    () => hono(doc, d),
    () => XML_DECLARATION + honoTree,
    () => doc.template(d),
  ])
  const rows: Row[] = names.map((name, i) => ({ name, ns: times[i]! }))
  const ours = times[0]!
  const [, offRow, prebuilt, prebuiltOff, tw, ho, hoPrebuilt, te] = rows as [Row, Row, Row, Row, Row, Row, Row, Row]
  console.log(`## ${doc.name} (${countElements(tree)} elements, ${bytes} bytes)\n`)
  console.log(
    markdownTable(
      ['implementation', 'time / render', 'vs twiml-jsx'],
      rows.map((r) => [r.name, formatNs(r.ns), ratio(r.ns, ours)]),
    ),
  )
  const validation = (ours - offRow.ns) / ours
  const validationPrebuilt = (prebuilt.ns - prebuiltOff.ns) / prebuilt.ns
  console.log(
    `\nValidation: ${(validation * 100).toFixed(0)} % of build + render, ` +
      `${(validationPrebuilt * 100).toFixed(0)} % of render alone.\n`,
  )
  summary.push({
    doc: doc.name,
    twilio: tw.ns / ours,
    hono: ho.ns / prebuilt.ns,
    honoPrebuilt: hoPrebuilt.ns / prebuilt.ns,
    template: ours / te.ns,
    validation,
  })
}

console.log('## Summary\n')
console.log(
  'twilio: its build + toString() / twiml-jsx build tree + render. hono/jsx: its jsx() + toString() (and\n' +
    'toString() of a prebuilt tree) / twiml-jsx render of a prebuilt tree, validation on. Template: twiml-jsx\n' +
    'build + render / the template literal. Targets: twilio ≥ 10×, hono/jsx ≥ 2×.\n',
)
console.log(
  markdownTable(
    [
      'document',
      'twilio / build + render',
      'hono jsx() + toString() / render',
      'hono prebuilt toString() / render',
      'build + render / template',
      'validation share',
    ],
    summary.map((s) => [
      s.doc,
      `${s.twilio.toFixed(1)}×`,
      `${s.hono.toFixed(2)}×`,
      `${s.honoPrebuilt.toFixed(2)}×`,
      `${s.template.toFixed(2)}×`,
      `${(s.validation * 100).toFixed(0)} %`,
    ]),
  ),
)

// --- targets --------------------------------------------------------------------------------

/**
 * The two targets, measured so that other load on the machine cancels out: CPU time
 * (user + system) rather than wall time, each pair of implementations alternated in short slices,
 * and the median of the per-round ratios.
 */
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
function cpuNsPerCall(fn: () => string, ms: number): number {
  let n = 0
  const t0 = cpuMs()
  let t = t0
  while (t - t0 < ms) {
    for (let i = 0; i < 10; i++) flatten(fn())
    n += 10
    t = cpuMs()
  }
  return ((t - t0) * 1e6) / n
}

console.log('\n## Targets (CPU time, alternated in 15 ms slices, median of per-round ratios)\n')
const TARGET_ROUNDS = QUICK ? 10 : 40
const targetRows: string[][] = []
for (const doc of DOCUMENTS) {
  const d = doc.data
  const tree = doc.jsx(d)
  const prebuilt = () => render(tree, doc.options)
  const built = () => render(doc.jsx(d), doc.options)
  const honoRender = () => hono(doc, d)
  const twilioBuild = () => doc.twilio(d)
  for (const fn of [prebuilt, built, honoRender, twilioBuild]) warmUp(fn, 100)
  const vsHono: number[] = []
  const vsTwilio: number[] = []
  for (let r = 0; r < TARGET_ROUNDS; r++) {
    const p = cpuNsPerCall(prebuilt, 15)
    const h = cpuNsPerCall(honoRender, 15)
    const b = cpuNsPerCall(built, 15)
    const t = cpuNsPerCall(twilioBuild, 15)
    vsHono.push(h / p)
    vsTwilio.push(t / b)
  }
  const hono2 = median(vsHono)
  const twilio10 = median(vsTwilio)
  targetRows.push([
    doc.name,
    `${hono2.toFixed(2)}× ${hono2 >= 2 ? '(met)' : '(NOT met)'}`,
    `${twilio10.toFixed(1)}× ${twilio10 >= 10 ? '(met)' : '(NOT met)'}`,
  ])
}
console.log(
  markdownTable(
    [
      'document',
      'hono jsx() + toString() / twiml-jsx render of a prebuilt tree (target ≥ 2×)',
      'twilio build + toString() / twiml-jsx build + render (target ≥ 10×)',
    ],
    targetRows,
  ),
)
console.log(`\nLoad average after the targets: ${load()}.`)

// --- growth -----------------------------------------------------------------------------------

console.log('\n## Growth: documents of n elements (`<Response>` + alternating `<Say>` / `<Pause/>`)\n')
console.log(
  "Validation on (the default) up to 1 000 elements; 10 000 elements is about 300 kB, over the 64 kB limit,\nso that row is only measured with validate: 'off'. ns/element = time / n.\n",
)
const growthRows: string[][] = []
for (const n of [10, 100, 1_000, 10_000]) {
  const texts = growthData(n)
  const tree = growthJsx(texts)
  const xml = render(tree, { validate: 'off' })
  if (growthTwilio(texts) !== xml) {
    console.error(`MISMATCH in growth document n=${n}: twilio differs from twiml-jsx`)
    process.exit(1)
  }
  const [buildOff = 0, renderOff = 0, twilioNs = 0, validated] = await timeAll([
    () => render(growthJsx(texts), { validate: 'off' }),
    () => render(tree, { validate: 'off' }),
    () => growthTwilio(texts),
    ...(n <= 1_000 ? [() => render(growthJsx(texts))] : []),
  ])
  growthRows.push([
    n.toLocaleString('en-US'),
    `${(Buffer.byteLength(xml) / 1024).toFixed(1)} kB`,
    validated === undefined ? '(over 64 kB)' : `${formatNs(validated)} (${(validated / n).toFixed(0)} ns/el)`,
    `${formatNs(buildOff)} (${(buildOff / n).toFixed(0)} ns/el)`,
    `${formatNs(renderOff)} (${(renderOff / n).toFixed(0)} ns/el)`,
    `${formatNs(twilioNs)} (${(twilioNs / n).toFixed(0)} ns/el)`,
  ])
}
console.log(
  markdownTable(
    [
      'elements',
      'output',
      'build + render',
      "build + render, validate: 'off'",
      "render prebuilt, validate: 'off'",
      'twilio build + toString',
    ],
    growthRows,
  ),
)
console.log(`\nLoad average at the end: ${load()}.`)
