/**
 * Element data as other tools read it: Twilio's defaults (`defaultOf`), and which definition a tag
 * is under a given parent (`childElement`, for tools that read TwiML and write TSX).
 */
import {
  Conference,
  childElement,
  Dial,
  defaultOf,
  ELEMENTS,
  elementName,
  Gather,
  MESSAGING_VERBS,
  MessagingResponse,
  Pay,
  Record,
  Redirect,
  Refer,
  Response,
  Say,
  Sip,
  VOICE_VERBS,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { type AttributeDomain, ELEMENT_SPEC } from '../src/schema.js'

describe('defaultOf: Twilio’s documented defaults, from the element data', () => {
  test.each([
    ['Dial timeout', defaultOf(Dial, 'timeout'), 30],
    ['Dial method', defaultOf(Dial, 'method'), 'POST'],
    ['Dial record', defaultOf(Dial, 'record'), 'do-not-record'],
    ['Dial hangupOnStar', defaultOf(Dial, 'hangupOnStar'), false],
    ['Dial timeLimit', defaultOf(Dial, 'timeLimit'), 14400],
    ['Sip region', defaultOf(Sip, 'region'), 'us1'],
    ['Sip transport', defaultOf(Sip, 'transport'), 'udp'],
    ['Sip statusCallbackEvent', defaultOf(Sip, 'statusCallbackEvent'), ['completed']],
    ['Gather input', defaultOf(Gather, 'input'), ['dtmf']],
    ['Gather timeout', defaultOf(Gather, 'timeout'), 5],
    ['Gather finishOnKey', defaultOf(Gather, 'finishOnKey'), '#'],
    ['Gather language', defaultOf(Gather, 'language'), 'en-US'],
    ['Record maxLength', defaultOf(Record, 'maxLength'), 3600],
    ['Record playBeep', defaultOf(Record, 'playBeep'), true],
    ['Record finishOnKey', defaultOf(Record, 'finishOnKey'), '1234567890*#'],
    ['Conference beep', defaultOf(Conference, 'beep'), true],
    ['Conference startConferenceOnEnter', defaultOf(Conference, 'startConferenceOnEnter'), true],
    ['Say loop', defaultOf(Say, 'loop'), 1],
    ['Pay validCardTypes', defaultOf(Pay, 'validCardTypes'), ['visa', 'mastercard', 'amex']],
  ])('%s', (_name, value, expected) => {
    expect(value).toEqual(expected)
  })

  test('no default where Twilio documents none, or it depends on the call', () => {
    expect(defaultOf(Dial, 'callerId')).toBeUndefined()
    expect(defaultOf(Dial, 'action')).toBeUndefined()
    expect(defaultOf(Gather, 'numDigits')).toBeUndefined()
  })

  test('every default lies inside its own domain', () => {
    const outside: string[] = []
    for (const [name, element] of Object.entries(ELEMENTS)) {
      for (const [prop, domain] of Object.entries(
        element[ELEMENT_SPEC].attributes as Record<string, AttributeDomain>,
      )) {
        if (domain.default !== undefined && domain.check(domain.default) !== undefined) {
          outside.push(`${name}.${prop} = ${JSON.stringify(domain.default)}`)
        }
      }
    }
    expect(outside).toEqual([])
  })
})

describe('childElement: the definition a tag stands for under a parent', () => {
  test('a shared tag resolves by parent', () => {
    expect(childElement(Dial, 'Sip')).toEqual({ element: Sip, name: 'Sip' })
    expect(childElement(Refer, 'Sip')).toEqual({ element: ELEMENTS.ReferSip, name: 'ReferSip' })
  })

  test('verbs under either root; Redirect is one definition under both', () => {
    expect(childElement(Response, 'Dial')?.name).toBe('Dial')
    expect(childElement(MessagingResponse, 'Message')?.name).toBe('Message')
    expect(childElement(Response, 'Redirect')?.element).toBe(Redirect)
    expect(childElement(MessagingResponse, 'Redirect')?.element).toBe(Redirect)
    expect(childElement(MessagingResponse, 'Say')).toBeUndefined()
    expect(childElement(Response, 'Message')).toBeUndefined()
  })

  test('SSML by wire name; nothing for a tag the parent does not take', () => {
    expect(childElement(Say, 'say-as')?.name).toBe('SayAs')
    expect(childElement(Say, 'amazon:effect')?.name).toBe('AmazonEffect')
    expect(childElement(Gather, 'Dial')).toBeUndefined()
    expect(childElement(Dial, 'Nope')).toBeUndefined()
  })

  test('ELEMENTS holds every built-in element the package exports', async () => {
    const api = await import('twiml-jsx')
    const exported = new Set(Object.values(api).filter((v) => typeof v === 'function' && ELEMENT_SPEC in v))
    expect(new Set(Object.values(ELEMENTS))).toEqual(exported)
  })

  test('every element names itself in ELEMENTS once, aliases aside', () => {
    for (const [name, element] of Object.entries(ELEMENTS)) expect(elementName(element)).toBe(name)
    expect(new Set(Object.values(ELEMENTS)).size).toBe(Object.keys(ELEMENTS).length)
  })

  test('the verb lists are read from the verbs', () => {
    expect([...MESSAGING_VERBS].sort()).toEqual(['Message', 'Redirect'])
    expect(VOICE_VERBS).toContain('Say')
    expect(VOICE_VERBS).toContain('Queue')
    expect(VOICE_VERBS).not.toContain('Number')
    expect(VOICE_VERBS).toHaveLength(20)
  })
})
