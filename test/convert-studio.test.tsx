/**
 * Real Studio flows (test/fixtures/studio, sources in index.json) convert to Hono apps that
 * type-check and that the call simulator walks along the flow's transitions: for scripted caller
 * input, dial outcomes, recordings and HTTP answers, the widgets the call goes through (the app's
 * own record of its steps, as Studio lists an execution's steps) are the ones the flow's JSON leads
 * to, and the caller hears what the widgets say. Random callers are checked against a reference walk of
 * the flow JSON (test/support/studio-walk.ts).
 *
 * `modules` holds every generated app (formatted as the CLI prints it): the type check and the lint
 * check (`twiml-jsx lint`'s explorer and rules, no dead link) run over the same files.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { Hono } from 'hono'
import { convertStudio } from 'twiml-jsx/convert'
import {
  exploreCalls,
  lintCallMap,
  type SimulateCallOptions,
  type SimulatedCall,
  simulateCall,
} from 'twiml-jsx/testing'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConvertedModules } from './support/converted.js'
import { type CallerInput, LOOP, type WalkScript, walkFlow } from './support/studio-walk.js'

const DIR = 'test/fixtures/studio'
const index: { file: string; source: string }[] = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8'))
const modules = new ConvertedModules('studio')
const TOKEN = 'studio-test-token'

interface FlowState {
  steps: string[]
  widgets: Record<string, any>
  flow: { variables: Record<string, string> }
}
interface StudioModule {
  createApp(options: {
    authToken?: string
    store?: Map<string, FlowState>
    fetch?: typeof fetch
    sendMessage?: (m: { to: string; from: string; body: string }) => Promise<void>
  }): Hono
}

beforeAll(async () => {
  for (const { file } of index) {
    const flow = JSON.parse(readFileSync(join(DIR, file), 'utf8'))
    modules.write(file.replace(/\.json$/, '.tsx'), convertStudio(flow).code)
  }
  // As the convert command prints them in a project with biome.
  await modules.format()
}, 60_000)
afterAll(() => modules.remove())

/** A run of a converted flow: the call, the steps it went through, the HTTP requests and messages it made. */
async function run(
  file: string,
  script: Partial<SimulateCallOptions>,
  act: (call: SimulatedCall) => Promise<unknown> = async () => {},
  http: (url: string, init: RequestInit) => Response = () => new Response('{"ok":true}', { status: 200 }),
) {
  const mod = await modules.import<StudioModule>(file.replace(/\.json$/, '.tsx'))
  const store = new Map<string, FlowState>()
  const requests: { url: string; body: string; authorization: string | null }[] = []
  const messages: { to: string; from: string; body: string }[] = []
  const app = mod.createApp({
    authToken: TOKEN,
    store,
    fetch: async (input, init = {}) => {
      requests.push({
        url: String(input),
        body: String(init.body ?? ''),
        authorization: new Headers(init.headers).get('authorization'),
      })
      return http(String(input), init)
    },
    sendMessage: async (message) => {
      messages.push(message)
    },
  })
  const call = await simulateCall(app, { url: '/', authToken: TOKEN, ...script })
  await act(call)
  const state = store.get(call.requests[0]!.params.CallSid!)!
  return { call, state, steps: state.steps, requests, messages, said: spoken(call) }
}

function spoken(call: SimulatedCall): string[] {
  return call.events.flatMap((e) => (e.type === 'say' ? [e.text] : []))
}

describe('Studio flows from public repositories', () => {
  test('every fixture names its source', () => {
    expect(index.length).toBeGreaterThanOrEqual(3)
    for (const f of index) expect(f.source).toMatch(/^[\w.-]+\/[\w.-]+, .+ @ [0-9a-f]{12}/)
  })

  test('the generated apps type-check', async () => {
    const { ok, output } = await modules.typecheck()
    expect(output).toBe('')
    expect(ok).toBe(true)
  }, 120_000)

  // What `twiml-jsx lint` does to a module: explore every path from the voice URL, then the rules.
  // HTTP widgets get a 200 answer, so every transition the flow can take is reachable.
  test.each(index.map((f) => f.file))(
    'lint finds no dead link in the app made from %s',
    async (file) => {
      const mod = await modules.import<StudioModule>(file.replace(/\.json$/, '.tsx'))
      const app = mod.createApp({
        authToken: TOKEN,
        fetch: async () => new Response('{"ok":true}', { status: 200 }),
        sendMessage: async () => {},
      })
      const map = await exploreCalls(app, { entry: '/', authToken: TOKEN })
      expect(map.nodes.filter((n) => n.kind === 'route').length).toBeGreaterThan(1)
      expect(lintCallMap(map).filter((f) => f.rule === 'dead-link')).toEqual([])
    },
    60_000,
  )
})

describe('business-hours-ivr: a Run Function decides, then connect or voicemail', () => {
  test('open, nobody answers: the call goes to the voicemail greeting and records', async () => {
    const { steps, requests, call } = await run(
      'business-hours-ivr.json',
      { dial: { '*': 'no-answer' }, record: { duration: 12 } },
      (c) => c.silence(),
      () => new Response('open', { status: 200 }),
    )
    expect(steps).toEqual([
      'Trigger',
      'Business_hours',
      'split_2',
      'gather_input',
      'connect_call_1',
      'split_1',
      'say_play_1',
      'record_voicemail_1',
    ])
    expect(requests).toEqual([
      {
        url: 'https://ratty-bubble-8000.twil.io/uk-business-hours',
        body: 'timezone=Europe%2FLondon',
        authorization: null,
      },
    ])
    expect(call.ended).toBe(true)
  })

  test('closed: the closed greeting, then voicemail; the caller hangs up while recording', async () => {
    const { steps, said } = await run(
      'business-hours-ivr.json',
      { record: { duration: 4, hangup: true } },
      undefined,
      () => new Response('closed', { status: 200 }),
    )
    expect(steps).toEqual(['Trigger', 'Business_hours', 'split_2', 'say_play_2', 'record_voicemail_1'])
    expect(said).toEqual(['Thanks for calling. The office is closed now; please leave a message after the tone.'])
  })

  test('the function fails: its fail transition ends the flow', async () => {
    const { steps, call } = await run(
      'business-hours-ivr.json',
      {},
      undefined,
      () => new Response('oops', { status: 500 }),
    )
    expect(steps).toEqual(['Trigger', 'Business_hours'])
    expect(call.ended).toBe(true)
  })
})

describe('voicemail-sms-legacy: the v1 export format, a missed call becomes a voicemail and an SMS', () => {
  test('no answer, a 10 s message: thanks, and the voicemail is texted', async () => {
    const { steps, messages } = await run(
      'voicemail-sms-legacy.json',
      { dial: { '*': 'no-answer' }, record: { duration: 10 } },
      (c) => c.silence(),
    )
    expect(steps).toEqual([
      'Trigger',
      'connect_call_1',
      'split_2',
      'gather_1',
      'record_voicemail_1',
      'say_thank_you',
      'split_1',
      'send_voicemail_message',
    ])
    expect(messages).toHaveLength(1)
    expect(messages[0]!.to).toBe('+16505552222')
    expect(messages[0]!.from).toBe('+15558675310')
    expect(messages[0]!.body).toMatch(/^Voicemail received from: \+15017122661 \nDuration: 10 \nLink: :https:\/\//)
  })

  test('the caller hangs up while recording: the flow goes on without the call and still texts', async () => {
    const { steps, messages, call } = await run(
      'voicemail-sms-legacy.json',
      { dial: { '*': 'no-answer' }, record: { duration: 5, hangup: true } },
      (c) => c.silence(),
    )
    expect(steps).toEqual([
      'Trigger',
      'connect_call_1',
      'split_2',
      'gather_1',
      'record_voicemail_1',
      'split_1',
      'send_voicemail_message',
    ])
    expect(messages).toHaveLength(1)
    expect(call.ended).toBe(true)
  })

  test('answered: the split finds no match and the flow ends', async () => {
    const { steps } = await run('voicemail-sms-legacy.json', { dial: { '*': 'answer' } })
    expect(steps).toEqual(['Trigger', 'connect_call_1', 'split_2'])
  })
})

describe('gate-opener: Set Variables, Make HTTP Request, a code, Play digits, Enqueue', () => {
  test('the secret code opens the gate (digits 9) and queues the caller', async () => {
    const { steps, requests, call } = await run('gate-opener.json', {}, (c) => c.press('4321'))
    expect(steps).toEqual([
      'Trigger',
      'set_vars',
      'run_alert_flow',
      'gather_caller',
      'test_digits',
      'dial_9',
      'enqueue',
    ])
    // The URL's credentials (Liquid: {{flow.variables.AccountSid}}:{{flow.variables.AuthToken}}@) go in a header.
    expect(requests[0]!.url).toBe('https://studio.twilio.com/v2/Flows/FW00000000000000000000000000000001/Executions')
    expect(requests[0]!.authorization).toBe(
      `Basic ${btoa('AC00000000000000000000000000000000:placeholder-auth-token')}`,
    )
    expect(new URLSearchParams(requests[0]!.body).get('Parameters')).toBe(
      `{"CallSid": "${call.requests[0]!.params.CallSid}"}`,
    )
    expect(call.events.some((e) => e.type === 'play' && e.digits === '9')).toBe(true)
  })

  test('a wrong code asks again; saying a name alerts by HTTP, then queues', async () => {
    const { steps, requests } = await run('gate-opener.json', {}, async (c) => {
      await c.press('1111')
      await c.speak('Alice')
    })
    expect(steps).toEqual([
      'Trigger',
      'set_vars',
      'run_alert_flow',
      'gather_caller',
      'test_digits',
      'gather_caller',
      'please_wait',
      'run_subflow',
      'enqueue',
    ])
    expect(new URLSearchParams(requests[1]!.body).get('Parameters')).toMatch(/^\{"CallerName":"Alice", /)
  })

  test('the queue is full: something went wrong', async () => {
    const { steps, said } = await run('gate-opener.json', { queue: { '*': { result: 'queue-full' } } }, (c) =>
      c.press('4321'),
    )
    expect(steps.slice(-2)).toEqual(['enqueue', 'something_wrong'])
    expect(said.at(-1)).toBe('Sorry, that did not work. Try again later.')
  })
})

describe('flex-voicemail: a menu, Record Voicemail and Send to Flex', () => {
  test('press 2: the message is recorded, then handed to Flex with its recording', async () => {
    const { steps, call } = await run('flex-voicemail.json', { record: { duration: 20 } }, (c) => c.press('2'))
    expect(steps).toEqual([
      'Trigger',
      'greet_and_offer_options',
      'gather_input',
      'branch_on_input',
      'record_voicemail_1',
      'send_voicemail_to_flex',
    ])
    const enqueue = call.requests.find((r) => r.path === '/record_voicemail_1/done')!.body!
    expect(enqueue).toContain(
      '<Enqueue action="/send_voicemail_to_flex/done" workflowSid="WW00000000000000000000000000000000"><Task priority="0" timeout="3600">',
    )
    expect(enqueue).toMatch(
      /<Task priority="0" timeout="3600">\{ "type": "voicemail", "recording_url": "https:\/\/api\.twilio\.com\/.+\/Recordings\/RE\w+", "caller": "" \}<\/Task>/,
    )
  })

  test('a key that is no option: try again, then a call back request', async () => {
    const { steps } = await run('flex-voicemail.json', {}, async (c) => {
      await c.press('7')
      await c.press('1')
      await c.press('4155550100#')
    })
    expect(steps).toEqual([
      'Trigger',
      'greet_and_offer_options',
      'gather_input',
      'branch_on_input',
      'invalid_option',
      'greet_and_offer_options',
      'gather_input',
      'branch_on_input',
      'request_callback',
      'gather_callback_number',
      'send_callback_to_flex',
    ])
  })
})

describe('speech-ivr: speech input, a Liquid prompt, contains-splits', () => {
  test('say a branch, confirm with yes: the prompt repeats what was heard', async () => {
    const { steps, said } = await run('speech-ivr.json', {}, async (c) => {
      await c.speak('three')
      await c.speak('Yes please')
    })
    expect(steps.slice(0, 7)).toEqual([
      'Trigger',
      'voice_greeting',
      'get_branch',
      'voice_confirmation',
      'voice_check_correct',
      'voice_thank_you',
      'voice_check_branch',
    ])
    expect(steps.slice(7, 9)).toEqual(['voice_repeat', 'get_branch'])
    expect(said).toContain('Thank you, I heard three. Is this correct?')
  })

  test('say no: back to the branch question', async () => {
    const { steps } = await run('speech-ivr.json', {}, async (c) => {
      await c.speak('four')
      await c.speak('No')
    })
    expect(steps).toEqual([
      'Trigger',
      'voice_greeting',
      'get_branch',
      'voice_confirmation',
      'voice_check_correct',
      'get_branch',
    ])
  })
})

/** Random callers against each flow: the app's steps are the reference walk's (test/support/studio-walk.ts). */
describe('random scripts follow the flow', () => {
  const digits = fc.constantFrom('1', '2', '3', '7', '9', '4321', '1111', '0')
  const speech = fc.constantFrom('three', 'Yes', 'No thanks', 'Alice', 'sales')
  const input: fc.Arbitrary<CallerInput> = fc.oneof(
    digits.map((d) => ({ digits: d })),
    speech.map((s) => ({ speech: s })),
    fc.constant({ silence: true as const }),
  )
  const scripts: fc.Arbitrary<WalkScript> = fc.record({
    inputs: fc.array(input, { maxLength: 6 }),
    dial: fc.constantFrom('completed' as const, 'no-answer' as const, 'busy' as const),
    record: fc.record({ seconds: fc.integer({ min: 1, max: 30 }), hangup: fc.boolean() }),
    http: fc.record({ status: fc.constantFrom(200, 500), body: fc.constantFrom('open', 'closed', '{}') }),
    queue: fc.constantFrom('bridged' as const, 'queue-full' as const),
  })

  test.each(['business-hours-ivr.json', 'gate-opener.json', 'flex-voicemail.json', 'speech-ivr.json'])(
    '%s: 40 random calls take the walk’s steps',
    async (file) => {
      const flow = JSON.parse(readFileSync(join(DIR, file), 'utf8'))
      await fc.assert(
        fc.asyncProperty(scripts, async (script) => {
          const dial = { completed: 'answer', 'no-answer': 'no-answer', busy: 'busy' } as const
          const result = await run(
            file,
            {
              dial: { '*': dial[script.dial] },
              record: { duration: script.record.seconds, hangup: script.record.hangup },
              queue: { '*': { result: script.queue } },
            },
            async (call) => {
              for (const i of script.inputs) {
                const gather = call.gather
                if (gather === undefined) break
                if ('digits' in i) await call.press(i.digits.slice(0, gather.numDigits ?? i.digits.length))
                else if ('speech' in i) await call.speak(i.speech)
                else await call.silence()
              }
            },
            () => new Response(script.http.body, { status: script.http.status }),
          ).catch((error: Error) => ({ steps: undefined, error }))
          const walk = walkFlow(flow, script)
          const steps = 'error' in result ? undefined : result.steps
          if (walk.length >= LOOP) {
            // The flow itself runs in circles without the caller (gate-opener retries a failing request
            // forever): the simulator stops such a call as a redirect loop.
            expect('error' in result ? result.error.message : '').toMatch(/redirect loop/)
          } else {
            expect(steps).toEqual(walk)
          }
        }),
        { numRuns: 40, seed: 16 },
      )
    },
    120_000,
  )
})

describe('record-until-code: widgets the converter does not know say so on the call', () => {
  test('the Call Recording routes announce themselves and go on; the code 1 2 3 ends the loop', async () => {
    const { steps, said, messages } = await run('record-until-code.json', {}, async (c) => {
      await c.press('999')
      await c.press('123')
    })
    expect(steps).toEqual([
      'Trigger',
      'say_play_4',
      'call_recording_3',
      'say_play_1',
      'gather_1',
      'split_1',
      'gather_1',
      'split_1',
      'say_play_2',
      'call_recording_2',
      'send_message_1',
    ])
    expect(said).toContain(
      'This step of the call flow, call recording 3, is a record-call widget that was not converted.',
    )
    expect(messages[0]!.body).toMatch(/^Recording information,\nCall SID: {2}\nRecording Sid: {2}\n/)
  })

  test('the module marks them TODO and lists them in its header', () => {
    const code = convertStudio(JSON.parse(readFileSync(join(DIR, 'record-until-code.json'), 'utf8')))
    expect(code.notes).toEqual([
      'call_recording_2: a record-call widget is not converted; its route says so on the call (marked TODO)',
      'call_recording_3: a record-call widget is not converted; its route says so on the call (marked TODO)',
    ])
    expect(code.code).toContain(
      ' * - call_recording_2: a record-call widget is not converted; its route says so on the call (marked TODO)',
    )
    expect(code.code).toContain(
      '  // TODO(studio): record-call widgets are not converted: this route says so on the call and goes on to send_message_1',
    )
  })
})

describe('Liquid and Add TwiML Redirect', () => {
  const flow = (states: unknown[]) => ({
    description: 'test',
    initial_state: 'Trigger',
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'hello' }], properties: {} },
      ...states,
    ],
  })

  test('simple Liquid becomes TypeScript; tags and unknown filters stay as written, marked TODO', () => {
    const { code, notes } = convertStudio(
      flow([
        {
          name: 'hello',
          type: 'say-play',
          transitions: [{ event: 'audioComplete' }],
          properties: { say: 'Hi {{trigger.call.From | upcase}}, {% if flow.variables.vip %}welcome back{% endif %}' },
        },
      ]),
    )
    expect(code).toContain('// TODO(liquid): not translated, kept as written: Hi {{trigger.call.From | upcase}}, {% if')
    expect(notes).toEqual([
      'hello: Liquid not translated (marked TODO): Hi {{trigger.call.From | upcase}}, {% if flow.variables.vip %}welcome back{% endif %}',
    ])
    const simple = convertStudio(
      flow([
        {
          name: 'hello',
          type: 'say-play',
          transitions: [{ event: 'audioComplete' }],
          properties: { say: 'Hi {{ trigger.call.From | upcase }}, {{flow.variables.name | default: "friend"}}.' },
        },
      ]),
    )
    expect(simple.code).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the generated source holds a template literal
      "<Say>{`Hi ${text(s.trigger.call?.From).toUpperCase()}, ${(text(s.flow.variables?.name) || 'friend')}.`}</Say>",
    )
    expect(simple.notes).toEqual([])
  })

  test('Add TwiML Redirect leaves the flow; /?FlowEvent=return comes back along "return" with its parameters', async () => {
    const modules2 = new ConvertedModules('studio-redirect')
    try {
      modules2.write(
        'redirect.tsx',
        convertStudio(
          flow([
            {
              name: 'hello',
              type: 'add-twiml-redirect',
              transitions: [{ event: 'return', next: 'check' }, { event: 'timeout' }, { event: 'fail' }],
              properties: { url: '/elsewhere', method: 'POST' },
            },
            {
              name: 'check',
              type: 'split-based-on',
              transitions: [
                { event: 'noMatch' },
                {
                  event: 'match',
                  next: 'bye',
                  conditions: [{ type: 'equal_to', arguments: ['{{widgets.hello.menu}}'], value: 'main' }],
                },
              ],
              properties: { input: '{{widgets.hello.menu}}' },
            },
            {
              name: 'bye',
              type: 'say-play',
              transitions: [{ event: 'audioComplete' }],
              properties: { say: 'Back again.' },
            },
          ]),
        ).code,
      )
      const mod = await modules2.import<StudioModule>('redirect.tsx')
      const store = new Map<string, FlowState>()
      const app = mod.createApp({ store })
      // The TwiML at /elsewhere (another app) sends the call back to the flow's webhook.
      app.post('/elsewhere', (c) =>
        c.body('<Response><Redirect>/?FlowEvent=return&amp;menu=main</Redirect></Response>', 200, {
          'Content-Type': 'text/xml',
        }),
      )
      const call = await simulateCall(app, { url: '/' })
      expect(spoken(call)).toEqual(['Back again.'])
      expect(store.get(call.requests[0]!.params.CallSid!)!.steps).toEqual(['Trigger', 'hello', 'check', 'bye'])
    } finally {
      modules2.remove()
    }
  })
})
