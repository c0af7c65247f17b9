/**
 * npm run size: what twiml-jsx adds to a bundle, minified with esbuild, raw and gzipped, against a
 * budget; exits 1 when a bundle is over it. The budgets are the sizes measured when they were set plus
 * a little headroom: raise one deliberately, in the commit that needs it.
 *
 *   (a) core: `import * as all from 'twiml-jsx'` plus the JSX runtime, everything kept
 *   (b) twiml-jsx/hono: twiml(), twimlDefaults() and the webhook middleware, with hono external
 *   (c) twiml-jsx/webhook: typed parameters and X-Twilio-Signature validation
 *   (d) twiml-jsx/realtime: the socket protocols, their Hono routes and μ-law helpers, hono external
 *   (e) twiml-jsx/testing: snapshots and the call simulator (test-time code; reported, no budget)
 *   (f) tree-shaking: a bundle that uses only Response, Say, Hangup and render must be at most 40 %
 *       of (a), minified: unused elements (and the attribute kinds only they use) are dropped
 *   (g) twiml-jsx/dev: the call console, its page included (development only; reported, no budget)
 *
 * The twilio package (node_modules/twilio and what it installs, from package-lock.json) is measured on
 * disk beside it. `--json` prints the measurements as JSON.
 *
 * The README's "Size" section is written by this script: `npm run size -- --readme` builds the
 * package, measures `npm pack` and rewrites the section between its markers. Every run checks that
 * the bundle sizes the README states are within 10 % of the measured ones (test/consumer checks the
 * packed sizes), so the README cannot go stale unnoticed.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * Budgets in bytes (minified; gzip level 9). Measured 2026-11-27 (see the README's "Size" section);
 * raised when element data grew: every prop's default and closed set as run-time data, each
 * attribute kind carrying its check, Gather's and Pay's language catalogues, the ELEMENTS table,
 * path segments and suggestions (core 35.9 → 45.1 kB; the hono entry 19.4 → 21.2 kB); then the walk's
 * per-element plans and remembered values, which made render() 2–3× faster (core 48.3 kB, hono 23.1 kB).
 */
const BUNDLES = [
  {
    name: 'core (all components, render, JSX runtime)',
    code: "import * as all from 'twiml-jsx'\nimport * as runtime from 'twiml-jsx/jsx-runtime'\nexport { all, runtime }",
    budget: { raw: 50_000, gzip: 18_000 },
    readme: 'everything in `twiml-jsx` (all elements, validation, render, JSX runtime)',
  },
  {
    name: 'twiml-jsx/hono (hono external)',
    code: "import * as hono from 'twiml-jsx/hono'\nexport { hono }",
    // Raised from 21 kB / 8.5 kB for the signature diagnosis, the node:crypto backend, the
    // token lookup and the broken-document answers (and the core's growth: render is in it).
    budget: { raw: 32_000, gzip: 12_500 },
    readme: '`twiml-jsx/hono` (render, `twiml()`, the webhook middleware, error answers; hono itself excluded)',
  },
  {
    name: 'twiml-jsx/webhook',
    code: "import * as webhook from 'twiml-jsx/webhook'\nexport { webhook }",
    // Raised from 11 kB / 4.5 kB for the signature diagnosis and the node:crypto backend.
    budget: { raw: 17_000, gzip: 6_500 },
    readme: '`twiml-jsx/webhook` (parameters, signature validation and diagnosis)',
  },
  {
    // Measured 2026-12-01: 24.3 kB / 9.1 kB (the signature check of src/webhook included); raised
    // for the WAV reader the simulator streams files with (readWav, wavToMulaw, encodeWav) and the
    // webhook's signature diagnosis it includes: 28.6 / 10.6 kB.
    name: 'twiml-jsx/realtime (hono external)',
    code: "import * as realtime from 'twiml-jsx/realtime'\nexport { realtime }",
    budget: { raw: 31_000, gzip: 11_500 },
    readme: '`twiml-jsx/realtime` (both socket protocols, their Hono routes with the signature check, μ-law, WAV)',
  },
  {
    name: 'Response, Say, Hangup + render only',
    code: "import { Response, Say, Hangup, render } from 'twiml-jsx'\nexport { Response, Say, Hangup, render }",
    // At most this share of the full core (a), raw minified bytes.
    shareOfCore: 0.4,
  },
  {
    // Test-time code (with the whole core it renders and checks): reported, no budget.
    name: 'twiml-jsx/testing (dev only)',
    code: "import * as testing from 'twiml-jsx/testing'\nexport { testing }",
  },
  {
    // The call console: the simulator, the API and the page (its script and styles as strings).
    name: 'twiml-jsx/dev (dev only)',
    code: "import * as dev from 'twiml-jsx/dev'\nexport { dev }",
  },
]

async function measure(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: 'size-entry.js', loader: 'js' },
    // `twiml-jsx/...` resolves to src/ through tsconfig.json's paths: the code the package ships.
    tsconfig: join(root, 'tsconfig.json'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: ['hono', 'hono/*'],
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  })
  const bytes = result.outputFiles[0].contents
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

function diskSize(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.size
  let total = 0
  for (const entry of readdirSync(path)) total += diskSize(join(path, entry))
  return total
}

/** node_modules/twilio and every package it installs (its dependency closure in package-lock.json). */
function twilio() {
  let lock
  try {
    lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'))
    statSync(join(root, 'node_modules', 'twilio'))
  } catch {
    return undefined
  }
  const packages = lock.packages
  const seen = new Set()
  const visit = (location) => {
    if (seen.has(location)) return
    seen.add(location)
    for (const name of Object.keys(packages[location].dependencies ?? {})) {
      // Node's lookup: the nearest node_modules/<name> walking up from the dependent's folder.
      let base = location
      for (;;) {
        const candidate = `${base}/node_modules/${name}`
        if (packages[candidate]) {
          visit(candidate)
          break
        }
        const up = base.lastIndexOf('/node_modules/')
        if (up === -1) {
          if (packages[`node_modules/${name}`]) visit(`node_modules/${name}`)
          break
        }
        base = base.slice(0, up)
      }
    }
  }
  visit('node_modules/twilio')
  // A package's size without the packages nested in its own node_modules (they are counted on their own).
  const own = (location) => {
    const dir = join(root, location)
    let total = 0
    for (const entry of readdirSync(dir)) if (entry !== 'node_modules') total += diskSize(join(dir, entry))
    return total
  }
  let total = 0
  for (const location of seen) total += own(location)
  return {
    version: packages['node_modules/twilio'].version,
    packageBytes: own('node_modules/twilio'),
    installedBytes: total,
    packages: seen.size,
  }
}

// Decimal units, as npm reports unpacked sizes.
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`

const README = join(root, 'README.md')
const START = '<!-- size: written by `npm run size -- --readme`; npm test checks it -->'
const END = '<!-- /size -->'
/** How far the README's numbers may drift from the measured ones before `npm test` fails. */
const TOLERANCE = 0.1

/** `npm pack` of a fresh build: tarball and unpacked sizes, file count. */
function packed() {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' })
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })
  const [info] = JSON.parse(out.slice(out.indexOf('[')))
  return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount }
}

/** The tree-shaking bundle's sentence: what a document using three elements ships, against the core. */
function treeShaking(results) {
  const core = results[0].size
  const shaken = results.find((result) => result.shareOfCore !== undefined)
  if (!shaken) return []
  return [
    `A document that imports only \`Response\`, \`Say\`, \`Hangup\` and \`render\` ships ${kb(shaken.size.raw)}`,
    `(${kb(shaken.size.gzip)} gzip), ${((100 * shaken.size.raw) / core.raw).toFixed(1)} % of everything: the elements it does not`,
    `import, and the attribute kinds only they use, are dropped (\`npm test\` fails above ${100 * shaken.shareOfCore} %).`,
    '',
  ]
}

function readmeSection(results, pack, reference) {
  const rows = results
    .filter((result) => result.readme)
    .map((result) => `| ${result.readme} | ${kb(result.size.raw)} | ${kb(result.size.gzip)} |`)
  const twilioText = reference
    ? ` For comparison, \`twilio\` ${reference.version} is ${mb(reference.packageBytes)} unpacked and installs ` +
      `${reference.packages} packages, ${mb(reference.installedBytes)} on disk.`
    : ''
  return [
    START,
    '',
    '| what you ship | minified | gzip |',
    '|---|--:|--:|',
    ...rows,
    '',
    ...treeShaking(results),
    `A bundler keeps only what you import. The npm package is ${kb(pack.size)} packed (${kb(pack.unpackedSize)}`,
    `unpacked, ${pack.files} files, \`.d.ts\` with the JSDoc included) with no dependencies.${twilioText}`,
    '',
    END,
  ].join('\n')
}

/** The README's stated bundle sizes that differ from the measured ones by more than the tolerance. */
function staleReadme(results) {
  const text = readFileSync(README, 'utf8')
  const stale = []
  for (const result of results.filter((r) => r.readme)) {
    const row = text.split('\n').find((line) => line.startsWith(`| ${result.readme} |`))
    const numbers = row?.match(/\| ([\d.]+) kB \| ([\d.]+) kB \|$/)
    if (!numbers) {
      stale.push(`${result.readme}: no row in the README's Size section`)
      continue
    }
    const [stated, statedGzip] = [Number(numbers[1]) * 1000, Number(numbers[2]) * 1000]
    if (
      Math.abs(stated - result.size.raw) > TOLERANCE * result.size.raw ||
      Math.abs(statedGzip - result.size.gzip) > TOLERANCE * result.size.gzip
    ) {
      stale.push(
        `${result.readme}: README says ${numbers[1]} / ${numbers[2]} kB, measured ${kb(result.size.raw)} / ${kb(result.size.gzip)}`,
      )
    }
  }
  return stale
}

const results = []
for (const bundle of BUNDLES) results.push({ ...bundle, size: await measure(bundle.code) })
const reference = twilio()
const core = results[0].size
const isOver = ({ size, budget, shareOfCore }) =>
  (budget !== undefined && (size.raw > budget.raw || size.gzip > budget.gzip)) ||
  (shareOfCore !== undefined && size.raw > shareOfCore * core.raw)
const over = results.filter(isOver)

if (process.argv.includes('--readme')) {
  const text = readFileSync(README, 'utf8')
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  if (start === -1 || end === -1) {
    console.error(`size: README.md has no Size section between ${START} and ${END}`)
    process.exit(1)
  }
  writeFileSync(
    README,
    text.slice(0, start) + readmeSection(results, packed(), reference) + text.slice(end + END.length),
  )
  console.log('size: README.md Size section rewritten')
} else if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bundles: results, twilio: reference }, null, 2))
} else {
  console.log('twiml-jsx bundle size (esbuild, minified; gzip -9)\n')
  const width = Math.max(...results.map(({ name }) => name.length))
  for (const result of results) {
    const { name, size, budget, shareOfCore } = result
    const limit = budget
      ? `   (budget ${kb(budget.raw)} / ${kb(budget.gzip)})`
      : shareOfCore
        ? `   (${((100 * size.raw) / core.raw).toFixed(1)} % of the core; at most ${100 * shareOfCore} %)`
        : ''
    console.log(
      `  ${name.padEnd(width)}  ${kb(size.raw).padStart(9)} min  ${kb(size.gzip).padStart(8)} gzip` +
        `${limit}${isOver(result) ? '  OVER BUDGET' : ''}`,
    )
  }
  if (reference) {
    console.log(
      `\n  twilio ${reference.version} on disk: ${mb(reference.packageBytes)} the package alone, ` +
        `${mb(reference.installedBytes)} with its dependencies (${reference.packages} packages)`,
    )
  }
}
if (over.length > 0) {
  console.error(`\nsize: over budget: ${over.map(({ name }) => name).join(', ')}`)
  process.exit(1)
}
const stale = process.argv.includes('--readme') ? [] : staleReadme(results)
if (stale.length > 0) {
  console.error(`\nsize: README.md's Size section is stale (run npm run size -- --readme):\n  ${stale.join('\n  ')}`)
  process.exit(1)
}
