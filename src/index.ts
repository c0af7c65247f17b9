/**
 * twiml-jsx: Twilio TwiML as typed TSX components.
 * Every element is exported under its exact TwiML name.
 */
export {
  childElement,
  ELEMENTS,
  type ElementName,
  elementName,
  type FoundElement,
  MESSAGING_VERBS,
  SSML_TAGS,
  VOICE_VERBS,
} from './elements.js'
export { type PathSegment, type TwimlIssue, TwimlRenderError, TwimlValidationError } from './errors.js'
export type { ComponentResult, JSX } from './jsx.js'
export * from './messaging/message.js'
export * from './messaging/response.js'
export {
  type BuiltinElement,
  type Child,
  type Component,
  Fragment,
  isNode,
  type TextChild,
  type TwimlNode,
} from './node.js'
export { type RenderOptions, render, renderAsync, XML_DECLARATION } from './render.js'
export { TWIML_RULES, type TwimlRule } from './rules.js'
export { type AttributeDomain, defaultOf } from './schema.js'
export * from './unchecked.js'
export * from './voice/common.js'
export * from './voice/connect.js'
export * from './voice/dial.js'
export * from './voice/dialed-noun.js'
export * from './voice/echo.js'
export * from './voice/enqueue-leave.js'
export * from './voice/gather.js'
export * from './voice/hangup.js'
export * from './voice/parameter.js'
export * from './voice/pay.js'
export * from './voice/play-pause.js'
export * from './voice/record.js'
export * from './voice/redirect.js'
export * from './voice/refer.js'
export * from './voice/reject.js'
export * from './voice/response.js'
export * from './voice/say.js'
export * from './voice/sip.js'
export * from './voice/sms.js'
export * from './voice/ssml.js'
export * from './voice/start-stop.js'
