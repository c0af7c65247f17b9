/**
 * `<Enqueue>` (with its `<Task>` noun) and `<Leave>`: put the caller in a call queue and take
 * them out again. The `<Queue>` noun that dials a queue (and takes a caller out of one) lives in dial.ts.
 *
 * @see https://www.twilio.com/docs/voice/twiml/enqueue
 */

import * as attr from '../attr.js'
import { type Child, defineElement, type TextChild } from '../node.js'
import { type HttpMethod, methodDomain } from './common.js'
import { Response } from './response.js'

/** Longest queue name Twilio accepts. */
export const QUEUE_NAME_LIMIT = 64

export interface EnqueueProps {
  /**
   * The queue name as text (at most 64 characters; the queue is created on first use), or,
   * with `workflowSid`, one `<Task>` describing the TaskRouter task.
   */
  children?: Child
  /**
   * URL Twilio requests when the call leaves the queue (right away after `<Leave>` or a REST
   * dequeue; when the bridged call ends after a `<Dial><Queue>`), with `QueueResult` (`bridged`,
   * `bridging-in-process`, `queue-full`, `hangup`, `leave`, `redirected`, `error`,
   * `system-error`), `QueueSid` and `QueueTime`. Its TwiML continues the call.
   */
  action?: string
  /** HTTP method for `action`. Default `POST`. */
  method?: HttpMethod
  /**
   * Maximum number of calls this queue holds; a caller arriving at a full queue leaves it with
   * `QueueResult=queue-full`.
   */
  maxQueueSize?: number
  /**
   * URL of TwiML (or an audio file) played in a loop while the caller waits. The TwiML may use
   * `Play`, `Say`, `Pause`, `Hangup`, `Redirect`, `Leave` and `Gather`. Default: Twilio's
   * classical hold music.
   */
  waitUrl?: string
  /** HTTP method for `waitUrl`. Default `POST`. */
  waitUrlMethod?: HttpMethod
  /** TaskRouter workflow SID (`WW…`): hands the call to TaskRouter, described by a `<Task>`. */
  workflowSid?: string
}

/**
 * Puts the caller in a named call queue, or hands the call to a TaskRouter workflow.
 * @see https://www.twilio.com/docs/voice/twiml/enqueue
 */
export const Enqueue = defineElement<EnqueueProps>({
  tag: 'Enqueue',
  verbOf: [Response],
  attributes: {
    action: attr.url(),
    method: methodDomain,
    maxQueueSize: attr.integer(1),
    waitUrl: attr.url(),
    waitUrlMethod: methodDomain,
    workflowSid: attr.string({ maxLength: 34 }),
  },
  children: { text: true, elements: () => [Task] },
  check: ({ ownTextLength }, report) => {
    if (ownTextLength > QUEUE_NAME_LIMIT) {
      report(
        'enqueue.name-length',
        `queue name is ${ownTextLength} characters (the text of <Enqueue>), the limit is ${QUEUE_NAME_LIMIT}`,
      )
    }
  },
})

export interface TaskProps {
  /** The task's attributes as a JSON object in text, e.g. `{JSON.stringify({ language: 'es' })}`. */
  children: TextChild
  /** Priority of the task in TaskRouter; higher is assigned first. Default 0. */
  priority?: number
  /** Seconds the task may wait to be assigned, up to 1209600 (two weeks). Default 86400 (a day). */
  timeout?: number
}

/**
 * Describes the TaskRouter task created by `<Enqueue workflowSid>`: its attributes (JSON text),
 * priority and timeout.
 * @see https://www.twilio.com/docs/voice/twiml/enqueue
 */
export const Task = defineElement<TaskProps>({
  tag: 'Task',
  attributes: {
    priority: attr.integer(0, undefined, { default: 0 }),
    timeout: attr.integer(1, 1209600, { default: 86400 }),
  },
  children: { text: true },
})

export interface LeaveProps {
  children?: never
}

/**
 * Takes the caller out of the queue they wait in (from the `waitUrl` TwiML); the call goes on with
 * the verb after the `<Enqueue>` (or its `action`).
 * @see https://www.twilio.com/docs/voice/twiml/leave
 */
export const Leave = defineElement<LeaveProps>({ tag: 'Leave', verbOf: [Response], attributes: {} })
