/**
 * What the map keeps of a TwiML document: its size, a phrase per top-level verb (for node labels),
 * and each `<Say>`'s voice and text length (for the lint rules).
 */
import { spokenText } from '../simulator/transcript.js'
import { attribute, childElements, parseXml, textContent, type XmlElement } from '../xml.js'
import type { DocumentFacts } from './types.js'

const encoder = new TextEncoder()

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

/** One short phrase for a verb: `Say "Thanks for calling…"`, `Redirect /ivr`, `Dial sip:alice@…`. */
function phrase(verb: XmlElement): string {
  switch (verb.name) {
    case 'Say':
      return `Say “${clip(spokenText(verb), 32)}”`
    case 'Play': {
      const digits = attribute(verb, 'digits')
      return digits === undefined ? 'Play' : `Play digits ${digits}`
    }
    case 'Redirect':
      return `Redirect ${textContent(verb).trim()}`
    case 'Enqueue':
      return `Enqueue ${textContent(verb).trim()}`
    case 'Dial': {
      const nouns = childElements(verb)
      const targets = nouns.length === 0 ? [textContent(verb).trim()] : nouns.map((n) => textContent(n).trim())
      return `Dial ${clip(targets.map((t) => t.replace(/[?;].*$/, '')).join(', '), 40)}`
    }
    case 'Gather': {
      const say = childElements(verb).find((c) => c.name === 'Say')
      return say === undefined ? 'Gather' : `Gather: ${phrase(say)}`
    }
    default:
      return verb.name
  }
}

function says(element: XmlElement, into: { voice: string; length: number }[]): void {
  for (const child of childElements(element)) {
    if (child.name === 'Say') into.push({ voice: attribute(child, 'voice') ?? '', length: textContent(child).length })
    else says(child, into)
  }
}

/** The facts of a document the app answered (a body that does not parse has only its size). */
export function documentFacts(body: string): DocumentFacts {
  const bytes = encoder.encode(body).length
  let root: XmlElement
  try {
    root = parseXml(body).root
  } catch {
    return { bytes, verbs: [], says: [] }
  }
  const found: { voice: string; length: number }[] = []
  says(root, found)
  return { bytes, verbs: childElements(root).map(phrase), says: found }
}
