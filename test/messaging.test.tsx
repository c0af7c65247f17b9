import twilio from 'twilio'
import { Body, Media, Message, MessagingResponse, Redirect, Response, render, Say, type TwimlNode } from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { DECL, issuesOf } from './support/issues.js'

/** An element where the types allow only text: what JavaScript callers can still pass. */
const smuggled = (node: TwimlNode) => node as unknown as string

describe('MessagingResponse', () => {
  test('renders as <Response>, like new MessagingResponse()', () => {
    expect(render(<MessagingResponse />)).toBe(`${DECL}<Response/>`)
    expect(render(<MessagingResponse />)).toBe(new twilio.twiml.MessagingResponse().toString())
  })

  test('a text reply', () => {
    const xml = render(
      <MessagingResponse>
        <Message>Thanks, we got it.</Message>
      </MessagingResponse>,
    )
    expect(xml).toBe(`${DECL}<Response><Message>Thanks, we got it.</Message></Response>`)
    const mr = new twilio.twiml.MessagingResponse()
    mr.message('Thanks, we got it.')
    expect(xml).toBe(mr.toString())
  })

  test('every Message attribute, Body and Media, then Redirect: against the twilio builder', () => {
    const xml = render(
      <MessagingResponse>
        <Message to="+15550001111" from="+15550002222" action="/sms-status" method="GET" statusCallback="/legacy">
          Hello & welcome
        </Message>
        <Message to="whatsapp:+15550001111">
          <Body>Your photo: "cat" {'<3'}</Body>
          <Media>https://example.com/cat.jpg?size=1&fmt=jpg</Media>
          <Media>https://example.com/dog.png</Media>
        </Message>
        <Redirect method="POST">/next?step=2&lang=en</Redirect>
      </MessagingResponse>,
    )
    const mr = new twilio.twiml.MessagingResponse()
    mr.message(
      { to: '+15550001111', from: '+15550002222', action: '/sms-status', method: 'GET', statusCallback: '/legacy' },
      'Hello & welcome',
    )
    const m = mr.message({ to: 'whatsapp:+15550001111' }, '')
    m.body('Your photo: "cat" <3')
    m.media('https://example.com/cat.jpg?size=1&fmt=jpg')
    m.media('https://example.com/dog.png')
    mr.redirect({ method: 'POST' }, '/next?step=2&lang=en')
    expect(xml).toBe(mr.toString())
    expect(xml).toBe(
      `${DECL}<Response>` +
        '<Message to="+15550001111" from="+15550002222" action="/sms-status" method="GET" statusCallback="/legacy">Hello &amp; welcome</Message>' +
        '<Message to="whatsapp:+15550001111"><Body>Your photo: "cat" &lt;3</Body>' +
        '<Media>https://example.com/cat.jpg?size=1&amp;fmt=jpg</Media><Media>https://example.com/dog.png</Media></Message>' +
        '<Redirect method="POST">/next?step=2&amp;lang=en</Redirect></Response>',
    )
  })

  test('attributes keep the order they are written in', () => {
    expect(
      render(
        <MessagingResponse>
          <Message from="+15550002222" to="+15550001111">
            x
          </Message>
        </MessagingResponse>,
      ),
    ).toBe(`${DECL}<Response><Message from="+15550002222" to="+15550001111">x</Message></Response>`)
  })

  test('Redirect is one element for voice and messaging', () => {
    const mr = new twilio.twiml.MessagingResponse()
    mr.redirect({ method: 'GET' }, '/sms')
    const vr = new twilio.twiml.VoiceResponse()
    vr.redirect({ method: 'GET' }, '/sms')
    const xml = render(
      <MessagingResponse>
        <Redirect method="GET">/sms</Redirect>
      </MessagingResponse>,
    )
    expect(xml).toBe(mr.toString())
    expect(xml).toBe(vr.toString())
  })
})

describe('messaging validation', () => {
  test('a messaging Response takes Message and Redirect only', () => {
    const issues = issuesOf(() =>
      render(
        <MessagingResponse>
          <Say>Hello</Say>
        </MessagingResponse>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['children.element'])
    expect(issues[0]?.message).toContain('<Say>')
  })

  test('a voice Response does not take Message', () => {
    const issues = issuesOf(() =>
      render(
        <Response>
          <Message>hi</Message>
        </Response>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['children.element'])
    expect(issues[0]?.message).toContain('<Message>')
  })

  test('Message holds text, Body and Media; Body and Media hold text only', () => {
    const issues = issuesOf(() =>
      render(
        <MessagingResponse>
          <Message>
            <Body>{smuggled(<Media>https://example.com/a.png</Media>)}</Body>
            <Redirect>/x</Redirect>
          </Message>
        </MessagingResponse>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['children.element', 'children.element'])
    expect(issues[0]?.message).toContain('<Media>')
    expect(issues[1]?.message).toContain('<Redirect>')
  })

  test('method is GET or POST; action must be a usable URL', () => {
    const bad = { method: 'PUT', action: 'https://my_host.example.com/status' } as unknown as { method: 'GET' }
    const issues = issuesOf(() =>
      render(
        <MessagingResponse>
          <Message {...bad}>x</Message>
        </MessagingResponse>,
      ),
    )
    expect(issues.map((i) => i.rule)).toEqual(['attribute.value', 'attribute.value'])
  })
})
