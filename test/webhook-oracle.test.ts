/**
 * Oracle tests: on random requests our signature equals twilio-node's `getExpectedTwilioSignature`
 * and our verdict equals its `validateRequest` / `validateRequestWithBody`. The cases where the two
 * deliberately differ are in webhook-twilio-differences.test.ts and are not generated here.
 */
import fc from 'fast-check'
import twilio from 'twilio'
import { expect, test } from 'vitest'
import { bodySha256, computeSignature, validateRequest, validateRequestWithBody } from '../src/webhook/index.js'
import { describeEachHmacBackend } from './support/hmac-backends.js'
import {
  algorithm,
  authToken,
  defaultPortOf,
  formPairs,
  groupPairs,
  jsonBody,
  type UrlParts,
  urlOf,
  urlParts,
} from './webhook-arbitraries.js'

/** How the signature under test was made, and whether it must be accepted. */
const VARIANTS = {
  /** Signed over the URL exactly as received. */
  exact: true,
  /** Signed with the port removed (URL had one) or the default port added (it had none). */
  otherPort: true,
  /** Signed over the URL as the WHATWG parser writes it (percent-encoded, lower-case host, ...). */
  normalized: true,
  /** One character of a genuine signature changed. */
  forged: false,
  /** A genuine signature with its last character cut. */
  truncated: false,
  /** Signed with another token. */
  otherToken: false,
  /** Signed over different parameters (an extra one). */
  tampered: false,
  /** Signed over another path. */
  otherPath: false,
} as const
type Variant = keyof typeof VARIANTS
const variant = fc.constantFrom(...(Object.keys(VARIANTS) as Variant[]))

function withOtherPort(parts: UrlParts): string {
  return urlOf(parts, parts.port === '' ? defaultPortOf(parts) : '')
}

function forge(signature: string): string {
  return (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
}

type Params = Record<string, string | string[]>

function twilioSignature(variant: Variant, token: string, parts: UrlParts, params: Params, alg?: string): string {
  const sign = (url: string, p: Params = params, t = token) => twilio.getExpectedTwilioSignature(t, url, p, alg)
  const url = urlOf(parts)
  switch (variant) {
    case 'exact':
      return sign(url)
    case 'otherPort':
      return sign(withOtherPort(parts))
    case 'normalized':
      return sign(new URL(url).href)
    case 'forged':
      return forge(sign(url))
    case 'truncated':
      return sign(url).slice(0, -1)
    case 'otherToken':
      return sign(url, params, `${token}x`)
    case 'tampered':
      return sign(url, { ...params, Tampered: '1' })
    case 'otherPath':
      return sign(urlOf({ ...parts, rest: `/other${parts.rest}` }))
  }
}

describeEachHmacBackend('X-Twilio-Signature against twilio-node', () => {
  test('1500 random form POST and GET requests: same signature, same verdict', async () => {
    await fc.assert(
      fc.asyncProperty(
        urlParts,
        formPairs,
        authToken,
        algorithm,
        variant,
        fc.boolean(),
        async (parts, pairs, token, alg, how, isGet) => {
          const url = urlOf(parts)
          // A GET carries its parameters in the query string, which `parts` already has.
          const sentPairs = isGet ? [] : pairs
          const params = groupPairs(sentPairs)

          const expected = twilio.getExpectedTwilioSignature(token, url, params, alg)
          expect(await computeSignature(token, url, params, alg)).toBe(expected)
          // The same parameters as pairs in sending order sign the same.
          expect(await computeSignature(token, url, sentPairs, alg)).toBe(expected)

          const signature = twilioSignature(how, token, parts, params, alg)
          const theirs = twilio.validateRequest(token, signature, url, params, alg)
          const ours = await validateRequest(token, signature, url, params, { algorithm: alg })
          expect(ours).toBe(theirs)
          expect(ours).toBe(VARIANTS[how])
        },
      ),
      { numRuns: 1500 },
    )
  })

  test('700 random JSON requests with bodySHA256: same hash, same verdict', async () => {
    const BODY_VARIANTS = [
      'exact',
      'otherPort',
      'normalized',
      'forged',
      'otherToken',
      'otherBody',
      'staleHash',
    ] as const
    await fc.assert(
      fc.asyncProperty(
        urlParts,
        jsonBody,
        authToken,
        algorithm,
        fc.constantFrom(...BODY_VARIANTS),
        async (parts, body, token, alg, how) => {
          const hash = twilio.getExpectedBodyHash(body)
          expect(await bodySha256(body)).toBe(hash)

          const withHash = (h: string): UrlParts => ({
            ...parts,
            rest: `${parts.rest}${parts.rest.includes('?') ? '&' : '?'}bodySHA256=${h}`,
          })
          const received = withHash(how === 'staleHash' ? twilio.getExpectedBodyHash(`${body} `) : hash)
          const url = urlOf(received)
          const sign = (u: string, t = token) => twilio.getExpectedTwilioSignature(t, u, {}, alg)
          const signature =
            how === 'otherPort'
              ? sign(withOtherPort(received))
              : how === 'normalized'
                ? sign(new URL(url).href)
                : how === 'forged'
                  ? forge(sign(url))
                  : how === 'otherToken'
                    ? sign(url, `${token}x`)
                    : sign(url)
          const sentBody = how === 'otherBody' ? `${body} ` : body

          const theirs = twilio.validateRequestWithBody(token, signature, url, sentBody, alg)
          const ours = await validateRequestWithBody(token, signature, url, sentBody, { algorithm: alg })
          expect(ours).toBe(theirs)
          expect(ours).toBe(how === 'exact' || how === 'otherPort' || how === 'normalized')
        },
      ),
      { numRuns: 700 },
    )
  })
})
