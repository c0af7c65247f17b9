/**
 * twiml-jsx/webhook: typed Twilio webhook parameters and `X-Twilio-Signature` validation on
 * Web Crypto, for Node, Deno, Bun and edge runtimes.
 *
 * ```ts
 * import { verifyTwilioRequest, type DialActionRequest } from 'twiml-jsx/webhook'
 *
 * const result = await verifyTwilioRequest<DialActionRequest>(request, { authToken })
 * if (!result.ok) return new Response(result.message, { status: result.status })
 * result.webhook.params.DialCallStatus // 'completed' | 'answered' | 'busy' | ...
 * ```
 */

export {
  type DiagnoseInput,
  diagnoseSignature,
  type SignatureHint,
  type SignatureMismatch,
} from './diagnose.js'
export type {
  CallDirection,
  CallStatus,
  CallStatusCallbackRequest,
  ConferenceStatusCallbackEvent,
  ConferenceStatusCallbackRequest,
  DequeueRequest,
  DialActionRequest,
  DialCallStatus,
  DialReferRequest,
  EnqueueActionRequest,
  EnqueueWaitRequest,
  GatherActionRequest,
  GatherPartialResultRequest,
  IncomingMessageRequest,
  QueueResult,
  RecordActionRequest,
  RecordingSource,
  RecordingStatus,
  RecordingStatusCallbackRequest,
  TranscribeCallbackRequest,
  VoiceRequest,
  WebhookParams,
} from './params.js'
export {
  DEFAULT_MAX_BODY_BYTES,
  type Rejection,
  type RejectionReason,
  type RejectionStatus,
  type SharedKeySecret,
  type VerifiedWebhook,
  type VerifyRequestOptions,
  type VerifyResult,
  verifyTwilioRequest,
  type WebhookSource,
} from './request.js'
export { signTwilioRequest, type TwilioRequestInit } from './sign.js'
export {
  bodySha256,
  computeSignature,
  type ParamRecord,
  parseSignatureSettings,
  SIGNATURE_HEADER,
  SIGNATURE_SETTINGS_HEADER,
  type SignatureAlgorithm,
  type SignatureSettings,
  type SignedParams,
  signaturePayload,
  type ValidateOptions,
  validateRequest,
  validateRequestWithBody,
} from './signature.js'
export { signedUrlCandidates } from './url.js'
export {
  type MessageMedia,
  messageMedia,
  NUMERIC_PARAMS,
  type NumericParamName,
  type NumericParams,
  numericParams,
  type ParamSource,
  type SipHeaderPrefix,
  sipHeaders,
  toNumber,
} from './values.js'
