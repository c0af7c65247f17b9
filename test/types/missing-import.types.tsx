/**
 * Without an import, `<Number>` and `<Response>` resolve to the JavaScript globals. They must
 * not compile as TwiML tags (JSX.ElementType is narrowed to TwiML elements and components).
 */
import { Dial } from 'twiml-jsx'

export const noImport = (
  <Dial>
    {/* @ts-expect-error the global Number is not a TwiML element */}
    <Number>+15550001111</Number>
  </Dial>
)

// @ts-expect-error the global (Fetch) Response is not a TwiML element
export const fetchResponse = <Response />
