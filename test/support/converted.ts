/**
 * Running converted modules for real: writes generated TSX into a scratch folder inside the
 * repository (so `twiml-jsx` resolves to the sources), imports it through vitest, and type-checks
 * the whole folder with tsc.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { DOMParser, type Element, type Node } from '@xmldom/xmldom'
import twilio from 'twilio'

const run = promisify(execFile)

/** A scratch folder of generated modules, removed by `remove()`. */
export class ConvertedModules {
  readonly dir: string
  private readonly files: string[] = []

  constructor(name: string) {
    this.dir = resolve('test', `.converted-${name}-${process.pid}`)
    rmSync(this.dir, { recursive: true, force: true })
    mkdirSync(this.dir, { recursive: true })
  }

  /** Writes `code` as `<file>` (a .tsx name) and returns its path. */
  write(file: string, code: string): string {
    const path = join(this.dir, file)
    writeFileSync(path, code)
    this.files.push(path)
    return path
  }

  /** Imports a written module (vitest transforms the TSX with twiml-jsx's runtime). */
  async import<T = Record<string, unknown>>(file: string): Promise<T> {
    return import(/* @vite-ignore */ pathToFileURL(join(this.dir, file)).href) as Promise<T>
  }

  /** Type-checks every written module with the repository's compiler options; resolves to tsc's output. */
  async typecheck(): Promise<{ ok: boolean; output: string }> {
    const config = join(this.dir, 'tsconfig.json')
    writeFileSync(
      config,
      JSON.stringify({
        extends: '../../tsconfig.json',
        include: [],
        files: this.files.map((f) => f.slice(this.dir.length + 1)),
      }),
    )
    try {
      await run(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '--noEmit', '-p', config], {
        maxBuffer: 64 * 1024 * 1024,
      })
      return { ok: true, output: '' }
    } catch (error) {
      return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) }
    }
  }

  /**
   * Formats every written module with the repository's biome settings, as `twiml-jsx convert` does in
   * a project that has biome, so tests run what users get. (The scratch folder is outside biome's
   * includes: a nested config names it.)
   */
  async format(): Promise<void> {
    const root = JSON.parse(readFileSync('biome.json', 'utf8'))
    const config = join(this.dir, 'biome.json')
    writeFileSync(
      config,
      JSON.stringify({
        root: false,
        files: { includes: ['**'] },
        formatter: root.formatter,
        javascript: root.javascript,
      }),
    )
    await run(
      process.execPath,
      [resolve('node_modules/@biomejs/biome/bin/biome'), 'format', '--write', `--config-path=${config}`, this.dir],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    )
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}

/**
 * The document twiml-jsx must render for a TwiML input, computed independently of the converter:
 * parsed with xmldom, the layout whitespace dropped (blank text between elements; in `<Say>` and
 * SSML only blank text with a line break), comments dropped, and written by the twilio package's
 * builder.
 */
export function twilioWrites(xml: string): string {
  const doc = new DOMParser().parseFromString(xml, 'text/xml')
  const root = doc.documentElement!
  const messaging = [...childNodes(root)].some((n) => n.nodeType === 1 && (n as Element).tagName === 'Message')
  const response = messaging ? new twilio.twiml.MessagingResponse() : new twilio.twiml.VoiceResponse()
  addChildren(response as any, root)
  return response.toString()
}

function* childNodes(node: Node): Generator<Node> {
  for (let i = 0; i < node.childNodes.length; i++) yield node.childNodes[i]!
}

function addChildren(target: any, element: Element): void {
  const children = [...childNodes(element)]
  const hasElements = children.some((c) => c.nodeType === 1)
  const speech = element.tagName === 'Say' || /^[a-z]/.test(element.tagName)
  for (const child of children) {
    if (child.nodeType === 1) {
      const el = child as Element
      const attrs: Record<string, string> = {}
      for (let i = 0; i < el.attributes.length; i++) attrs[el.attributes[i]!.name] = el.attributes[i]!.value
      addChildren(target.addChild(el.tagName, attrs), el)
    } else if (child.nodeType === 3 || child.nodeType === 4) {
      const text = child.nodeValue ?? ''
      if (hasElements && /^\s*$/.test(text) && (!speech || /\n/.test(text))) continue
      target.addText(text)
    }
  }
}
