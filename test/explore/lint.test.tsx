/**
 * Lint rules over explored maps: each finding names what breaks and the inputs that reach it;
 * rules have severities and can be switched off.
 */
import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { DEV_AUTH_TOKEN, app as exampleApp } from '../../examples/app.js'
import { twiml } from '../../src/hono/index.js'
import { Dial, Gather, Hangup, Number, Record, Redirect, Response, Say } from '../../src/index.js'
import type { Child } from '../../src/node.js'
import {
  describePath,
  exploreCalls,
  formatFindings,
  LINT_RULES,
  type LintFinding,
  lintCallMap,
} from '../../src/testing/index.js'
import { app as brokenLine } from './fixtures/broken-line.js'

/** An app of POST routes, each answering a fixed document (render options per route). */
function routes(
  table: Record<string, Child | [Child, Parameters<typeof twiml>[2]] | ((c: any) => Response | Promise<Response>)>,
) {
  const app = new Hono()
  for (const [path, answer] of Object.entries(table)) {
    app.post(path, (c) => {
      if (typeof answer === 'function') return answer(c)
      return Array.isArray(answer) ? twiml(c, answer[0], answer[1]) : twiml(c, answer)
    })
  }
  return app
}

const brief = (findings: readonly LintFinding[]) =>
  findings.map((f) => `${f.severity} ${f.rule}: ${f.message} | ${describePath(f.path)}`)

describe('the broken support line', () => {
  test('a mistyped action, a Redirect loop and a Gather without fallback, each with the inputs that reach it', async () => {
    const findings = lintCallMap(await exploreCalls(brokenLine, { entry: '/menu' }))
    expect(formatFindings(findings)).toMatchInlineSnapshot(`
      "error   redirect-loop       POST /billing → POST /billing/queue → POST /billing repeats without caller input: the call never waits for the caller again
                                  reached by: call to /menu › press 2
      error   dead-link           POST /after-dail (the Dial action of POST /menu/choice) answered HTTP 404
                                  reached by: call to /menu › press 1 › Dial busy
      warning gather-no-fallback  the caller says nothing at Gather (dtmf; 1 digit) of POST /menu: the call ends without a word (add a <Say> and a <Redirect> after the <Gather>, or actionOnEmptyResult)
                                  reached by: call to /menu › no input
      info    same-branch-inputs  9 inputs at Gather (dtmf; 1 digit) of POST /menu all lead to POST /menu/choice (Say “Sorry, that is not an option.” · Redirect /menu): press 3, 4, 5, 6, 7, 8, 9, 0, *
                                  reached by: call to /menu › press 3
      2 errors, 1 warning, 1 info
      "
    `)
  })

  test('a rule switched off is not reported; another severity is used as given', async () => {
    const map = await exploreCalls(brokenLine, { entry: '/menu' })
    const findings = lintCallMap(map, {
      rules: { 'dead-link': 'off', 'redirect-loop': 'warning', 'same-branch-inputs': 'off' },
    })
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['redirect-loop', 'warning'],
      ['gather-no-fallback', 'warning'],
    ])
  })
})

describe('the example app', () => {
  test('the IVR has no errors or warnings: only the information that eight keys land on "not an option"', async () => {
    const findings = lintCallMap(await exploreCalls(exampleApp, { entry: '/ivr', authToken: DEV_AUTH_TOKEN }))
    expect(brief(findings)).toEqual([
      'info same-branch-inputs: 8 inputs at Gather (speech, dtmf; 1 digit) of POST /ivr all lead to POST /ivr/choice (Say “Sorry, that is not an option.” · Redirect /ivr): press 4, 5, 6, 7, 8, 9, 0, * | call to /ivr › press 4',
    ])
  })
})

describe('each rule', () => {
  test('dead-link: a 500 and an answer that is not TwiML', async () => {
    const app = routes({
      '/start': (
        <Response>
          <Gather numDigits={1} action="/choice" />
          <Redirect>/text</Redirect>
        </Response>
      ),
      '/choice': () => {
        throw new Error('database down')
      },
      '/text': (c) => c.text('hello'),
    })
    expect(
      brief(lintCallMap(await exploreCalls(app, { entry: '/start' }))).filter((f) => f.includes('dead-link')),
    ).toEqual([
      'error dead-link: POST /choice (the Gather action of POST /start) answered HTTP 500 (it threw Error: database down) | call to /start › press 1',
      'error dead-link: POST /text (a Redirect of POST /start) answered something that is not TwiML: text/plain;charset=UTF-8, not TwiML (text/xml): hello | call to /start › no input',
    ])
  })

  test('invalid-twiml: the renderer rejects a document, so the caller hears the apology; twiml-warning: verbs that never run', async () => {
    const broken = (
      <Response>
        <Dial timeout={1}>+15550001111</Dial>
      </Response>
    )
    const app = routes({
      '/start': (
        <Response>
          <Gather numDigits={1} action="/dial" />
          <Hangup />
          <Say>Never heard.</Say>
        </Response>
      ),
      '/dial': broken,
      // In development twiml() answers the error as a 500 instead.
      '/dial-in-development': [broken, { mode: 'development' }],
    })
    expect(brief(lintCallMap(await exploreCalls(app, { entry: ['/start', '/dial-in-development'] })))).toEqual([
      'error invalid-twiml: POST /dial-in-development (the call) answers HTTP 500: Response > Dial: timeout is 1; it must be a whole number from 5 to 600 [attribute.value] | call to /dial-in-development',
      'error invalid-twiml: POST /dial: Response > Dial: timeout is 1; it must be a whole number from 5 to 600 [attribute.value]: twiml() answered its apology instead, so the caller hears that and the call ends | call to /start › press 1',
      'warning twiml-warning: POST /start: Response > Say: <Say> comes after <Hangup> and never runs [document.unreachable] | call to /start',
      'warning gather-no-fallback: the caller says nothing at Gather (dtmf; 1 digit) of POST /start: the call ends without a word (add a <Say> and a <Redirect> after the <Gather>, or actionOnEmptyResult) | call to /start › no input',
      'info same-branch-inputs: 11 inputs at Gather (dtmf; 1 digit) of POST /start all lead to POST /dial (Say “Sorry, something went wrong on…” · Hangup): press 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, * | call to /start › press 1',
    ])
  })

  test('silent-end-after-error: a busy line that only hangs up', async () => {
    const app = routes({
      '/call': (
        <Response>
          <Dial action="/after">
            <Number>+15550001111</Number>
          </Dial>
        </Response>
      ),
      '/after': async (c: any) => {
        const { DialCallStatus } = await c.req.parseBody()
        return twiml(
          c,
          DialCallStatus === 'completed' ? (
            <Response>
              <Say>Goodbye.</Say>
            </Response>
          ) : (
            <Response>
              <Hangup />
            </Response>
          ),
        )
      },
    })
    expect(brief(lintCallMap(await exploreCalls(app, { entry: '/call' })))).toEqual([
      'warning silent-end-after-error: after "Dial busy" at Dial +15550001111 of POST /call the call ends (hangup) without a word to the caller | call to /call › Dial busy',
      'warning silent-end-after-error: after "Dial failed" at Dial +15550001111 of POST /call the call ends (hangup) without a word to the caller | call to /call › Dial failed',
      'warning silent-end-after-error: after "Dial no-answer" at Dial +15550001111 of POST /call the call ends (hangup) without a word to the caller | call to /call › Dial no-answer',
    ])
  })

  test('document-size: within 10 % of 64 kB a warning, above it an error; say-length: over the voice limit', async () => {
    const words = (n: number) => 'word '.repeat(n / 5)
    const app = routes({
      '/big': [
        <Response>
          <Say>{words(3000)}</Say>
          {Array.from({ length: 19 }, () => (
            <Say>{words(3000)}</Say>
          ))}
        </Response>,
        {},
      ],
      '/huge': [
        <Response>
          <Say voice="Polly.Joanna">{words(3100)}</Say>
          {Array.from({ length: 22 }, () => (
            <Say>{words(3000)}</Say>
          ))}
        </Response>,
        { validate: 'off' },
      ],
    })
    const map = await exploreCalls(app, { entry: ['/big', '/huge'] })
    expect(brief(lintCallMap(map))).toEqual([
      'error document-size: POST /huge answers 69433 bytes; Twilio takes at most 65536 (error 11750) | call to /huge',
      'error say-length: POST /huge: a <Say voice="Polly.Joanna"> of 3100 characters; this voice takes at most 3000 | call to /huge',
      "warning document-size: POST /big answers 60279 bytes, 92 % of Twilio's 65536 | call to /big",
    ])
  })

  test('callback-error: a recording status callback to a route that does not exist', async () => {
    const app = routes({
      '/message': (
        <Response>
          <Record action="/saved" recordingStatusCallback="/recording-status" />
        </Response>
      ),
      '/saved': (
        <Response>
          <Say>Thanks.</Say>
        </Response>
      ),
    })
    expect(
      brief(lintCallMap(await exploreCalls(app, { entry: '/message' }))).filter((f) => f.includes('callback')),
    ).toEqual([
      'warning callback-error: recording-status-callback POST /recording-status (from POST /message) answered HTTP 404 | call to /message › recording',
    ])
  })

  test('twilio-refuses: a <Dial> in a screening document; unexplored: a host the explorer does not reach', async () => {
    const app = routes({
      '/call': (
        <Response>
          <Dial>
            <Number url="/screen">+15550001111</Number>
          </Dial>
          <Redirect>https://example.com/elsewhere</Redirect>
        </Response>
      ),
      '/screen': [
        <Response>
          <Dial>+15550002222</Dial>
        </Response>,
        { context: 'fragment' },
      ],
    })
    expect(brief(lintCallMap(await exploreCalls(app, { entry: '/call' })))).toEqual([
      'error twilio-refuses: <Dial> in the screening document /screen: Twilio refuses it | call to /call › +15550001111 answers',
      'info unexplored: POST https://example.com/elsewhere (redirect) is on another host; the simulator only reaches the app at http://localhost | call to /call › Dial busy',
    ])
  })

  test('every rule has a default severity and a summary', () => {
    for (const [name, rule] of Object.entries(LINT_RULES)) {
      expect(['error', 'warning', 'info'], name).toContain(rule.severity)
      expect(rule.summary.length, name).toBeGreaterThan(20)
    }
  })
})
