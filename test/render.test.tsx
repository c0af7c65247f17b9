import {
  Client,
  Dial,
  Fragment,
  Gather,
  Hangup,
  Identity,
  Number,
  Parameter,
  Pause,
  Play,
  Redirect,
  Reject,
  Response,
  render,
  renderAsync,
  Say,
  type TwimlNode,
  TwimlRenderError,
  type TwimlValidationError,
  VoiceResponse,
} from 'twiml-jsx'
import { jsx } from 'twiml-jsx/jsx-runtime'
import { describe, expect, test } from 'vitest'
import { DECL, piece } from './support/issues.js'

describe('render: output rules', () => {
  test('declaration, compact tree, empty elements self-close', () => {
    expect(
      render(
        <Response>
          <Say>Hello</Say>
          <Pause />
          <Hangup />
        </Response>,
      ),
    ).toBe(`${DECL}<Response><Say>Hello</Say><Pause/><Hangup/></Response>`)
    expect(render(<Response />)).toBe(`${DECL}<Response/>`)
  })

  test('attributes in the order written; booleans, numbers, arrays; null and undefined omitted; false kept', () => {
    expect(
      piece(
        <Dial timeout={20} hangupOnStar={false} action={undefined} callerId="+15551230000" answerOnBridge>
          +15550001111
        </Dial>,
      ),
    ).toBe(
      `${DECL}<Dial timeout="20" hangupOnStar="false" callerId="+15551230000" answerOnBridge="true">+15550001111</Dial>`,
    )
    expect(piece(<Gather input={['dtmf', 'speech']} numDigits={1} />)).toBe(
      `${DECL}<Gather input="dtmf speech" numDigits="1"/>`,
    )
  })

  test('<Dial sequential> is the boolean shorthand', () => {
    expect(piece(<Dial sequential>+15550001111</Dial>)).toBe(`${DECL}<Dial sequential="true">+15550001111</Dial>`)
  })

  test('text escaping: & < > and CR; quotes stay', () => {
    expect(piece(<Say>{'a & b < c > d "e" \'f\'\r\n\tg'}</Say>)).toBe(
      `${DECL}<Say>a &amp; b &lt; c &gt; d "e" 'f'&#xD;\n\tg</Say>`,
    )
  })

  test('attribute escaping: & < " TAB LF CR; > and apostrophe stay', () => {
    expect(piece(<Dial callerId={'a&b<c>d"e\'f\tg\nh\ri'} />)).toBe(
      `${DECL}<Dial callerId="a&amp;b&lt;c>d&quot;e'f&#x9;g&#xA;h&#xD;i"/>`,
    )
  })

  test('astral characters (valid surrogate pairs) pass unchanged', () => {
    expect(piece(<Say>call 😀 日本</Say>)).toBe(`${DECL}<Say>call 😀 日本</Say>`)
  })

  test('fragments and arrays flatten; null, undefined, true, false render nothing; numbers render as text', () => {
    const people = ['+15550000001', '+15550000002']
    expect(
      render(
        <Response>
          {/* biome-ignore lint/complexity/noUselessFragments: this test is about fragments */}
          <>
            <Say>one</Say>
            {null}
            {undefined}
            {true}
            {false}
          </>
          {[<Play key="a">a.mp3</Play>, [<Pause key="b" length={2} />]]}
          <Dial>
            {people.map((p) => (
              <Number key={p}>{p}</Number>
            ))}
          </Dial>
          <Say>{42}</Say>
          <Say>{''}</Say>
        </Response>,
      ),
    ).toBe(
      `${DECL}<Response><Say>one</Say><Play>a.mp3</Play><Pause length="2"/><Dial><Number>+15550000001</Number><Number>+15550000002</Number></Dial><Say>42</Say><Say/></Response>`,
    )
  })

  test('user components are functions of props, called at render time', () => {
    const Greeting = ({ name }: { name: string }) => <Say>Hello {name}</Say>
    expect(
      render(
        <Response>
          <Greeting name="Ada" />
        </Response>,
      ),
    ).toBe(`${DECL}<Response><Say>Hello Ada</Say></Response>`)
  })

  test('nouns with nested elements: Client with Identity and Parameter', () => {
    expect(
      piece(
        <Dial>
          <Client>
            <Identity>alice</Identity>
            <Parameter name="ticket" value="42" />
          </Client>
        </Dial>,
      ),
    ).toBe(`${DECL}<Dial><Client><Identity>alice</Identity><Parameter name="ticket" value="42"/></Client></Dial>`)
  })

  test('VoiceResponse is Response; built-ins can be called as functions', () => {
    expect(VoiceResponse).toBe(Response)
    expect(render(Response({ children: Hangup({}) }))).toBe(`${DECL}<Response><Hangup/></Response>`)
  })

  test('Fragment is exported for explicit use', () => {
    expect(piece(jsx(Fragment, { children: [<Reject key="r" reason="busy" />] }))).toBe(
      `${DECL}<Reject reason="busy"/>`,
    )
  })
})

describe('renderAsync', () => {
  const Lookup = async ({ id }: { id: string }) => {
    await new Promise((r) => setTimeout(r, 1))
    return <Redirect method="GET">{`/queue/${id}`}</Redirect>
  }

  test('awaits async components and gives the bytes render gives for the resolved tree', async () => {
    const xml = await renderAsync(
      <Response>
        <Say>Please hold</Say>
        <Lookup id="7" />
      </Response>,
    )
    expect(xml).toBe(`${DECL}<Response><Say>Please hold</Say><Redirect method="GET">/queue/7</Redirect></Response>`)
    expect(xml).toBe(
      render(
        <Response>
          <Say>Please hold</Say>
          <Redirect method="GET">/queue/7</Redirect>
        </Response>,
      ),
    )
  })

  test('accepts a promise of a tree and promises as children', async () => {
    const later = Promise.resolve(<Hangup />)
    expect(await renderAsync(Promise.resolve(<Response>{later as never}</Response>))).toBe(
      `${DECL}<Response><Hangup/></Response>`,
    )
  })

  test('sync and async components, fragments and arrays mixed at any depth: the same bytes, each component called once', async () => {
    const calls: string[] = []
    const Greeting = ({ name }: { name: string }) => {
      calls.push(`Greeting ${name}`)
      return <Say>Hello {name}</Say>
    }
    const Menu = () => {
      calls.push('Menu')
      return (
        <>
          <Greeting name="Ada" />
          <Lookup id="2" />
        </>
      )
    }
    const tree = (
      <Response>
        {[<Greeting key="a" name="Bo" />, [Promise.resolve(<Pause length={1} />) as never]]}
        <Menu />
        <Hangup />
      </Response>
    )
    expect(await renderAsync(tree)).toBe(
      `${DECL}<Response><Say>Hello Bo</Say><Pause length="1"/><Say>Hello Ada</Say>` +
        '<Redirect method="GET">/queue/2</Redirect><Hangup/></Response>',
    )
    expect(calls.sort()).toEqual(['Greeting Ada', 'Greeting Bo', 'Menu'])
  })

  test('a tree without components or promises renders as render() does', async () => {
    const tree = (
      <Response>
        <Gather numDigits={1} action="/menu">
          <Say>Press 1</Say>
        </Gather>
        {['a', 'b'].map((t) => (
          <Say key={t}>{t}</Say>
        ))}
      </Response>
    )
    expect(await renderAsync(tree)).toBe(render(tree))
  })

  test('render() meeting an async component says to use renderAsync', () => {
    expect(() =>
      render(
        <Response>
          <Dial>
            <Lookup id="1" />
          </Dial>
        </Response>,
      ),
    ).toThrow(
      new TwimlRenderError(
        'Response > Dial',
        'component Lookup is async; use renderAsync() (or twiml() from twiml-jsx/hono, which awaits it)',
        [
          { tag: 'Response', index: 1 },
          { tag: 'Dial', index: 1 },
        ],
      ),
    )
  })
})

describe('render: clear errors naming the element path', () => {
  test('a plain object from JSON is not a node', () => {
    const fromJson = JSON.parse('{"type":"Hangup","props":{},"$$typeof":"x"}')
    expect(() => render(<Response>{fromJson}</Response>)).toThrow(
      'Response: a child is a plain object, which is not a TwiML node, string, number or array (it looks like a node but lacks the twiml-jsx brand: JSON cannot carry a node)',
    )
  })

  test('an illegal XML character in text names the path', () => {
    expect(() =>
      render(
        <Response>
          <Say>ok</Say>
          <Say>{'bad\u0001'}</Say>
        </Response>,
      ),
    ).toThrow('Response > Say[2]: U+0001 at index 3 of the text is not allowed in XML 1.0')
  })

  test('an illegal XML character in an attribute is an error too (twilio would emit it)', () => {
    expect(() =>
      render(
        <Response>
          <Dial callerId={'x\uFFFF'}>+1</Dial>
        </Response>,
      ),
    ).toThrow('Response > Dial: U+FFFF at index 1 of attribute callerId is not allowed in XML 1.0')
  })

  test('a lone surrogate is an error', () => {
    expect(() => piece(<Say>{'a\uD800b'}</Say>)).toThrow('Say: U+D800 at index 1 of the text is not allowed in XML 1.0')
  })

  test('an object as an attribute value is an error', () => {
    expect(() => piece(<Dial callerId={{ a: 1 } as never} />)).toThrow(
      'Dial: attribute callerId is a plain object; attributes take a string, number, boolean or array',
    )
  })

  test('a component passed as a child instead of an element', () => {
    expect(() => render(<Response>{Hangup as never}</Response>)).toThrow(
      'Response: a child is the component Hangup itself; write <Hangup /> to use it',
    )
  })
})

describe('rendering again: the same bytes and the same problems, whatever was rendered before', () => {
  test('a tree rendered twice reports its problems twice; off, then on, still checks', () => {
    const js = (props: Record<string, unknown>) => props as Record<string, never>
    const tree = (
      <Response>
        <Dial {...js({ timeout: 1, record: 'always' })}>+15550001111</Dial>
      </Response>
    )
    const messages = () => {
      try {
        render(tree)
        return []
      } catch (e) {
        return (e as TwimlValidationError).issues.map((i) => i.message)
      }
    }
    expect(render(tree, { validate: 'off' })).toBe(
      `${DECL}<Response><Dial timeout="1" record="always">+15550001111</Dial></Response>`,
    )
    const first = messages()
    expect(first).toHaveLength(2)
    expect(messages()).toEqual(first)
    expect(render(tree, { validate: 'off' })).toBe(
      `${DECL}<Response><Dial timeout="1" record="always">+15550001111</Dial></Response>`,
    )
    expect(messages()).toEqual(first)
  })

  test('values changed in place between renders are written as they are now', () => {
    const events: ('ringing' | 'answered' | 'completed')[] = ['ringing']
    const props: { timeout: number } = { timeout: 10 }
    const tree = (
      <Response>
        <Dial {...props}>
          <Number statusCallbackEvent={events}>+15550001111</Number>
        </Dial>
      </Response>
    )
    expect(render(tree)).toContain('<Dial timeout="10"><Number statusCallbackEvent="ringing">')
    events.push('answered')
    ;(tree.props.children as TwimlNode).props.timeout = 20
    expect(render(tree)).toContain('<Dial timeout="20"><Number statusCallbackEvent="ringing answered">')
    events.push('hangup' as never)
    expect(() => render(tree)).toThrow(
      'statusCallbackEvent has "hangup"; allowed: initiated, ringing, answered, completed',
    )
  })

  test('a render inside a component (a nested render) leaves the outer one intact', () => {
    function Nested() {
      const inner = render(<Say>inner</Say>, { context: 'fragment' })
      return <Say>{inner.length}</Say>
    }
    expect(
      render(
        <Response>
          <Say>before</Say>
          <Nested />
          <Say>after</Say>
        </Response>,
      ),
    ).toBe(`${DECL}<Response><Say>before</Say><Say>54</Say><Say>after</Say></Response>`)
  })
})
