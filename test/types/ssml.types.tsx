/**
 * Type tests for SSML, messaging and the unchecked escape hatch: `npm test` runs `tsc --noEmit`
 * over this file. Each `@ts-expect-error` line must fail to compile; the other lines must compile.
 */
import {
  AmazonDomain,
  AmazonEffect,
  Body,
  Break,
  Dial,
  Emphasis,
  Lang,
  Media,
  Message,
  MessagingResponse,
  Phoneme,
  Prosody,
  Redirect,
  Response,
  Say,
  SayAs,
  Sub,
  type TwimlNode,
  UncheckedElement,
  W,
  WithUncheckedAttributes,
} from 'twiml-jsx'

export const ok: TwimlNode[] = [
  <Response key="ssml">
    <Say voice="Polly.SomeFutureVoice-Neural" language="xx-YY" loop={0}>
      Hello <Emphasis level="strong">you</Emphasis>, <Break time="1.5s" /> <Break time="250ms" strength="weak" />
      <SayAs interpretAs="date" format="dmy">
        01-02-2024
      </SayAs>
      <Prosody rate="85%" pitch="-5%" volume="+6dB">
        <Lang xmlLang="some-Future-Lang">x</Lang>
      </Prosody>
      <Phoneme alphabet="ipa" ph="pɪˈkɑːn">
        pecan
      </Phoneme>
      <Sub alias="World Wide Web">WWW</Sub>
      {/* biome-ignore lint/a11y/useValidAriaRole: the SSML <w role>, not an ARIA role */}
      <W role="amazon:SENSE_1">bass</W>
      <AmazonEffect name="whispered" vocalTractLength="+15%">
        psst
      </AmazonEffect>
      <AmazonDomain name="news">headline</AmazonDomain>
      <say-as interpret-as="digits">123</say-as>
      <lang xml:lang="fr-FR">oui</lang>
      <amazon:effect vocal-tract-length="110%">big</amazon:effect>
      <break time="2s" />
    </Say>
    <Say voice="Google.en-US-Neural2-A">known voices autocomplete</Say>
  </Response>,
  <MessagingResponse key="sms">
    <Message to="+15550001111" from="+15550002222" action="/status" method="POST">
      text
    </Message>
    <Message>
      <Body>hi</Body>
      <Media>https://example.com/a.png</Media>
    </Message>
    <Redirect method="GET">/next</Redirect>
  </MessagingResponse>,
  <UncheckedElement key="u" tag="NewVerb" attributes={{ a: 'x', b: 1, c: true, d: ['x', 2], e: null }} />,
  <WithUncheckedAttributes key="w" element={Dial} callerId="+15550001111" attributes={{ newThing: 'x' }} />,
]

export const bad: TwimlNode[] = [
  // @ts-expect-error a misspelled SSML attribute on a component
  <SayAs interpretAs="date" fromat="mdy">
    x
  </SayAs>,
  // @ts-expect-error time takes `${number}ms` or `${number}s`
  <Break time="1 second" />,
  // @ts-expect-error time needs a unit
  <Break time="500" />,
  // @ts-expect-error an unknown interpretAs
  <SayAs interpretAs="weekday">x</SayAs>,
  // @ts-expect-error interpretAs is required
  <SayAs>x</SayAs>,
  // @ts-expect-error a number where a closed union is expected
  <Emphasis level={2}>x</Emphasis>,
  // @ts-expect-error a number where a closed union is expected
  <Break strength={1} />,
  // @ts-expect-error prosody rate is a level or a percentage
  <Prosody rate="fastest">x</Prosody>,
  // @ts-expect-error prosody volume changes are in dB
  <Prosody volume="+6%">x</Prosody>,
  // @ts-expect-error break takes no children
  <Break>x</Break>,
  // @ts-expect-error the wire name is not the component prop
  <AmazonEffect vocal_tract_length="+1%">x</AmazonEffect>,
  // @ts-expect-error amazon:effect name is closed
  <AmazonEffect name="shouted">x</AmazonEffect>,
  // @ts-expect-error an unknown value on the intrinsic form
  <say-as interpret-as="weekday">x</say-as>,
  // @ts-expect-error intrinsic break time is checked too
  <break time="1 second" />,
  // @ts-expect-error a misspelled namespaced attribute is reported
  <lang xml:lng="fr-FR">x</lang>,
  // @ts-expect-error Message method is GET or POST
  <Message method="PUT">x</Message>,
  // @ts-expect-error Message has no body attribute
  <Message body="x" />,
  // @ts-expect-error Media holds a URL (text), not elements
  <Media children={<Body>x</Body>} />,
  // @ts-expect-error a misspelled typed prop beside unchecked attributes
  <WithUncheckedAttributes element={Dial} callerID="+1" attributes={{}} />,
  // @ts-expect-error unchecked attribute values are strings, numbers, booleans or arrays of them
  <UncheckedElement tag="X" attributes={{ a: { nested: 1 } }} />,
]
