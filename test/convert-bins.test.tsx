/**
 * TwiML Bins from Twilio's pages (test/fixtures/bins, sources in index.json) convert to components
 * whose props are the placeholders, typed from the webhook parameter types; rendered with values
 * they give the document a Bin gives for the same request, and the generated route reads the values
 * from the request as Bins do (URL parameters, `Name[]` lists, form fields).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Hono } from 'hono'
import { render } from 'twiml-jsx'
import { convertBin, looksLikeBin } from 'twiml-jsx/convert'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConvertedModules } from './support/converted.js'

const DIR = 'test/fixtures/bins'
const index: { file: string; page: string; source: string }[] = JSON.parse(
  readFileSync(join(DIR, 'index.json'), 'utf8'),
)
const modules = new ConvertedModules('bins')
const XML = '<?xml version="1.0" encoding="UTF-8"?>'
const bin = (file: string) => readFileSync(join(DIR, file), 'utf8')

beforeAll(async () => {
  for (const { file } of index) {
    modules.write(file.replace('.xml', '.tsx'), convertBin(bin(file)).code)
    modules.write(file.replace('.xml', '-route.tsx'), convertBin(bin(file), { route: '/bin' }).code)
  }
  // As the convert command prints them in a project with biome.
  await modules.format()
}, 60_000)
afterAll(() => modules.remove())

type BinModule = {
  default?: (props: Record<string, unknown>) => unknown
  Bin?: (props: Record<string, unknown>) => unknown
  renderOptions?: object
}

async function renderBin(file: string, props: Record<string, unknown>): Promise<string> {
  const mod = await modules.import<BinModule>(file.replace('.xml', '.tsx'))
  return render(mod.default!(props) as never, mod.renderOptions)
}

async function request(file: string, path: string, form?: Record<string, string>): Promise<string> {
  const mod = await modules.import<{ default: Hono }>(file.replace('.xml', '-route.tsx'))
  const response = await mod.default.request(
    path,
    form === undefined ? {} : { method: 'POST', body: new URLSearchParams(form) },
  )
  expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8')
  return response.text()
}

describe('TwiML Bins', () => {
  test('every Bin names its page', () => {
    for (const b of index) expect(b.page).toMatch(/^https:\/\//)
    expect(index.map((b) => looksLikeBin(bin(b.file)))).toEqual(index.map(() => true))
    expect(looksLikeBin('<Response><Say>Hello</Say></Response>')).toBe(false)
  })

  test('placeholders become props typed from the webhook parameters; URL parameters are strings', () => {
    const code = convertBin(bin('appointment-reminder.xml')).code
    expect(code).toContain('export type BinProps = {\n  readonly Name?: string\n  readonly Date?: string\n}')
    expect(code).toContain(
      '<Say>Hi, {props.Name}. This is a reminder that you have an appointment with Home Electric on {props.Date}</Say>',
    )
    const sms = convertBin(bin('forward-sms.xml')).code
    expect(sms).toContain("import type { IncomingMessageRequest } from 'twiml-jsx/webhook'")
    expect(sms).toContain("export type BinProps = Partial<Pick<IncomingMessageRequest, 'From' | 'Body'>>")
    expect(sms).toContain('<Message to="+12065551212">{props.From}: {props.Body}</Message>')
    const dial = convertBin(bin('sip-to-pstn.xml')).code
    expect(dial).toContain("export type BinProps = Partial<Pick<VoiceRequest, 'To'>>")
    expect(dial).toContain('<Dial>{e164(props.To)}</Dial>')
  })

  test('rendered with values, each gives what the Bin gives', async () => {
    expect(await renderBin('reply-with-body.xml', { From: '+2134567890', Body: 'How are you?' })).toBe(
      `${XML}<Response><Message>Hello, +2134567890! You wrote: "How are you?"</Message></Response>`,
    )
    expect(await renderBin('forward-sms.xml', { From: '+15017122661', Body: 'Fish & chips <3' })).toBe(
      `${XML}<Response><Message to="+12065551212">+15017122661: Fish &amp; chips &lt;3</Message></Response>`,
    )
    expect(await renderBin('appointment-reminder.xml', { Name: 'Jane', Date: 'Friday' })).toBe(
      `${XML}<Response><Say>Hi, Jane. This is a reminder that you have an appointment with Home Electric on Friday</Say></Response>`,
    )
    expect(await renderBin('simulring.xml', { Dest: ['+12025551212', '+17035551212'] })).toBe(
      `${XML}<Response><Dial><Number>+12025551212</Number><Number>+17035551212</Number></Dial></Response>`,
    )
    expect(await renderBin('sip-to-pstn.xml', { To: 'sip:+15125551212@mydomain.sip.us1.twilio.com' })).toBe(
      `${XML}<Response><Dial>+15125551212</Dial></Response>`,
    )
    expect(await renderBin('forward-sms-two.xml', { From: '+1555', Body: 'hi' })).toBe(
      `${XML}<Response><Message to="+49111111111111">\n+1555: hi\n</Message><Message to="+19991234123">\n+1555: hi\n</Message></Response>`,
    )
  })

  test('a missing value renders nothing, as in a Bin', async () => {
    expect(await renderBin('appointment-reminder.xml', {})).toBe(
      `${XML}<Response><Say>Hi, . This is a reminder that you have an appointment with Home Electric on </Say></Response>`,
    )
    expect(await renderBin('simulring.xml', {})).toBe(`${XML}<Response><Dial/></Response>`)
  })

  test('the route reads URL parameters, Name[] lists and form fields', async () => {
    expect(await request('appointment-reminder.xml', '/bin?Name=Jane&Date=Friday')).toBe(
      `${XML}<Response><Say>Hi, Jane. This is a reminder that you have an appointment with Home Electric on Friday</Say></Response>`,
    )
    expect(
      await request('simulring.xml', '/bin?Dest[]=%2B12025551212&Dest[]=%2B17035551212&Dest[]=%2B12065551212'),
    ).toBe(
      `${XML}<Response><Dial><Number>+12025551212</Number><Number>+17035551212</Number><Number>+12065551212</Number></Dial></Response>`,
    )
    expect(await request('forward-sms.xml', '/bin', { From: '+15017122661', Body: 'Hello' })).toBe(
      `${XML}<Response><Message to="+12065551212">+15017122661: Hello</Message></Response>`,
    )
  })

  test('sections: shown when the value is there, inverted ones when it is not', async () => {
    const code = convertBin(
      '<Response><Say>{{#Name}}Hello {{Name}}.{{/Name}}{{^Name}}Hello stranger.{{/Name}}</Say></Response>',
      { name: 'Greeting' },
    ).code
    const file = modules.write('sections.tsx', code)
    expect(file).toMatch(/sections\.tsx$/)
    const mod = await modules.import<BinModule>('sections.tsx')
    expect(render(mod.default!({ Name: 'Ada' }) as never)).toBe(`${XML}<Response><Say>Hello Ada.</Say></Response>`)
    expect(render(mod.default!({}) as never)).toBe(`${XML}<Response><Say>Hello stranger.</Say></Response>`)
  })

  test('an unclosed section is a clear error', () => {
    expect(() => convertBin('<Response><Say>{{#Name}}Hi</Say></Response>')).toThrow(
      'Response > Say: {{#Name}} is not closed',
    )
    expect(() => convertBin('<Response><Say>Hi{{/Name}}</Say></Response>')).toThrow(
      '{{/Name}} does not close any section',
    )
  })

  test('the generated modules type-check', async () => {
    const { ok, output } = await modules.typecheck()
    expect(output).toBe('')
    expect(ok).toBe(true)
  }, 120_000)
})
