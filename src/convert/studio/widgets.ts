/**
 * Each Studio widget's route, as the lines of code the converted module holds: what it says or
 * gathers, and where each of its transitions goes. The widgets are Twilio's Studio widget library.
 *
 * @see https://www.twilio.com/docs/studio/widget-library
 */
import { key, stringLiteral } from '../print.js'
import { type Condition, nextOf, type Widget } from './flow.js'
import type { Generator } from './index.js'
import { translate } from './liquid.js'

/** A transition's target as code: the widget's name, or `undefined` for the end of the flow. */
export const target = (next: string | undefined) => (next === undefined ? 'undefined' : stringLiteral(next))

const member = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${stringLiteral(key)}]`)

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  return undefined
}

function booleanOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true
  if (value === false || value === 'false') return false
  return undefined
}

export function widgetLines(g: Generator, w: Widget, todos: string[]): string[] {
  const p = w.properties
  const name = stringLiteral(w.name)
  switch (w.type) {
    case 'say-play': {
      const spoken = audio(g, w, todos)
      return [
        `  flow.voice(${name}, (s) => (`,
        '    <>',
        `      ${spoken}`,
        `      ${goTo(g, nextOf(w, 'audioComplete'))}`,
        '    </>',
        '  ))',
      ]
    }
    case 'gather-input-on-call': {
      g.elements.add('Gather')
      const attributes = [
        `input={['dtmf', 'speech']}`,
        `action=${stringLiteral(`/${w.name}/done`).replace(/^'|'$/g, '"')}`,
      ]
      const timeout = numberOf(p.timeout)
      if (timeout !== undefined) attributes.push(`timeout={${timeout}}`)
      const digits = numberOf(p.number_of_digits)
      if (digits !== undefined) attributes.push(`numDigits={${digits}}`)
      if (typeof p.finish_on_key === 'string') attributes.push(g.attribute('finishOnKey', translate(p.finish_on_key)))
      const speechTimeout = p.speech_timeout === 'auto' ? '"auto"' : numberOf(p.speech_timeout)
      if (speechTimeout !== undefined)
        attributes.push(`speechTimeout=${speechTimeout === '"auto"' ? speechTimeout : `{${speechTimeout}}`}`)
      if (typeof p.gather_language === 'string')
        attributes.push(g.attribute('language', g.value(w, p.gather_language, todos)))
      if (typeof p.hints === 'string' && p.hints !== '')
        attributes.push(g.attribute('hints', g.value(w, p.hints, todos)))
      const profanity = booleanOf(p.profanity_filter)
      if (profanity !== undefined) attributes.push(profanity ? 'profanityFilter' : 'profanityFilter={false}')
      if (typeof p.speech_model === 'string' && p.speech_model !== '')
        attributes.push(g.attribute('speechModel', translate(p.speech_model)))
      const prompt =
        p.say !== undefined || p.play !== undefined || p.digits !== undefined ? audio(g, w, todos) : undefined
      const gather =
        prompt === undefined
          ? [`      <Gather ${attributes.join(' ')} />`]
          : [`      <Gather ${attributes.join(' ')}>`, `        ${prompt}`, '      </Gather>']
      return [
        `  flow.voice(${name}, (s) => (`,
        '    <>',
        ...gather,
        `      ${goTo(g, nextOf(w, 'timeout'))}`,
        '    </>',
        '  ))',
        `  flow.done(${name}, ['Digits', 'SpeechResult', 'Confidence'], (params) => ({`,
        `    next: params.SpeechResult ? ${target(nextOf(w, 'speech'))} : ${target(nextOf(w, 'keypress'))},`,
        '  }))',
      ]
    }
    case 'split-based-on': {
      const body: string[] = []
      for (const t of w.transitions) {
        if (t.event !== 'match' || t.conditions === undefined) continue
        const tests = t.conditions.map((c) => condition(g, w, c, String(p.input ?? ''), todos))
        body.push(`    if (${tests.join(' && ')}) return ${target(t.next)}`)
      }
      // The variable to test, when a condition tests it.
      if (body.some((line) => /\binput\b/.test(line)))
        body.unshift(`    const input = ${g.value(w, p.input, todos).code}`)
      body.push(`    return ${target(nextOf(w, 'noMatch'))}`)
      return [`  flow.logic(${name}, (s) => {`, ...body, '  })']
    }
    case 'set-variables': {
      const variables = Array.isArray(p.variables) ? (p.variables as { key?: unknown; value?: unknown }[]) : []
      const body = variables
        .filter((v) => typeof v.key === 'string')
        .map((v) => `    s.flow.variables${member(v.key as string)} = ${g.value(w, v.value, todos).code}`)
      return [`  flow.logic(${name}, (s) => {`, ...body, `    return ${target(nextOf(w, 'next'))}`, '  })']
    }
    case 'make-http-request':
    case 'run-function': {
      const method = w.type === 'run-function' ? 'POST' : String(p.method ?? 'GET').toUpperCase()
      const url = g.value(w, p.url, todos)
      const parameters = Array.isArray(p.parameters) ? (p.parameters as { key?: unknown; value?: unknown }[]) : []
      const record = `{ ${parameters
        .filter((v) => typeof v.key === 'string')
        .map((v) => `${key(v.key as string)}: ${g.value(w, v.value, todos).code}`)
        .join(', ')} }`
      const json = typeof p.content_type === 'string' && p.content_type.startsWith('application/json')
      let call: string
      if (method === 'GET') {
        g.helpers.add('form')
        call =
          parameters.length > 0
            ? `\`\${${url.code}}?\${form(${record})}\`, { method: 'GET' }`
            : `${url.code}, { method: 'GET' }`
      } else if (json) {
        call = `${url.code}, { method: ${stringLiteral(method)}, headers: { 'Content-Type': 'application/json' }, body: ${g.value(w, p.body, todos).code} }`
      } else {
        g.helpers.add('form')
        call = `${url.code}, { method: ${stringLiteral(method)}, body: form(${record}) }`
      }
      const fail = w.type === 'run-function' ? 'fail' : 'failed'
      return [
        `  flow.logic(${name}, async (s) =>`,
        `    (await flow.http(s, ${name}, ${call})) ? ${target(nextOf(w, 'success'))} : ${target(nextOf(w, fail))},`,
        '  )',
      ]
    }
    case 'send-message': {
      const to = g.value(w, p.to ?? '{{contact.channel.address}}', todos)
      const from = g.value(w, p.from ?? '{{flow.channel.address}}', todos)
      const body = g.value(w, p.body, todos)
      return [
        `  flow.logic(${name}, async (s) =>`,
        `    (await flow.send(s, ${name}, { to: ${to.code}, from: ${from.code}, body: ${body.code} }))`,
        `      ? ${target(nextOf(w, 'sent'))}`,
        `      : ${target(nextOf(w, 'failed'))},`,
        '  )',
      ]
    }
    case 'connect-call-to':
      return connect(g, w, todos)
    case 'record-voicemail': {
      g.elements.add('Record')
      const attributes = [`action="/${w.name}/done"`]
      const maxLength = numberOf(p.max_length)
      if (maxLength !== undefined) attributes.push(`maxLength={${maxLength}}`)
      const timeout = numberOf(p.timeout)
      if (timeout !== undefined) attributes.push(`timeout={${timeout}}`)
      if (typeof p.finish_on_key === 'string' && p.finish_on_key !== '')
        attributes.push(g.attribute('finishOnKey', translate(p.finish_on_key)))
      const beep = booleanOf(p.play_beep)
      if (beep !== undefined) attributes.push(beep ? 'playBeep' : 'playBeep={false}')
      if (p.trim === 'trim-silence' || p.trim === 'do-not-trim') attributes.push(`trim="${p.trim}"`)
      if (booleanOf(p.transcribe) === true) attributes.push('transcribe')
      if (typeof p.transcription_callback_url === 'string' && p.transcription_callback_url !== '') {
        attributes.push(g.attribute('transcribeCallback', g.value(w, p.transcription_callback_url, todos)))
      }
      if (typeof p.recording_status_callback_url === 'string' && p.recording_status_callback_url !== '') {
        attributes.push(g.attribute('recordingStatusCallback', g.value(w, p.recording_status_callback_url, todos)))
      }
      return [
        `  flow.voice(${name}, () => (`,
        '    <>',
        `      <Record ${attributes.join(' ')} />`,
        `      ${goTo(g, nextOf(w, 'noAudio'))}`,
        '    </>',
        '  ))',
        `  flow.done(${name}, ['RecordingUrl', 'RecordingSid', 'RecordingDuration', 'Digits'], (params) =>`,
        `    params.Digits === 'hangup' ? { next: ${target(nextOf(w, 'hangup'))}, ended: true } : { next: ${target(nextOf(w, 'recordingComplete'))} },`,
        '  )',
      ]
    }
    case 'enqueue-call':
    case 'send-to-flex':
      return enqueue(g, w, todos)
    case 'add-twiml-redirect': {
      g.elements.add('Redirect')
      g.returns.set(w.name, nextOf(w, 'return'))
      for (const event of ['timeout', 'fail']) {
        if (nextOf(w, event) !== undefined) {
          todos.push(
            `TODO(studio): the ${event} transition (to ${nextOf(w, event)}) is Studio's own; Twilio never reports it to this app`,
          )
          g.notes.push(`${w.name}: the ${event} transition of Add TwiML Redirect is not converted (marked TODO)`)
        }
      }
      const method = p.method === 'GET' ? ' method="GET"' : ''
      return [
        `  flow.voice(${name}, (s) => {`,
        `    // The TwiML there comes back to this flow by redirecting to /?FlowEvent=return, which follows "return".`,
        `    s.redirected = ${name}`,
        `    return <Redirect${method}>${g.children(g.value(w, p.url, todos))}</Redirect>`,
        '  })',
      ]
    }
    default:
      return unsupported(g, w, todos)
  }
}

function audio(g: Generator, w: Widget, todos: string[]): string {
  const p = w.properties
  const loop = numberOf(p.loop)
  if (typeof p.play === 'string' && p.play !== '') {
    g.elements.add('Play')
    return `<Play${loop === undefined ? '' : ` loop={${loop}}`}>${g.children(g.value(w, p.play, todos))}</Play>`
  }
  if (typeof p.digits === 'string' && p.digits !== '') {
    g.elements.add('Play')
    return `<Play ${g.attribute('digits', g.value(w, p.digits, todos))} />`
  }
  g.elements.add('Say')
  const attributes: string[] = []
  if (typeof p.voice === 'string' && p.voice !== '') attributes.push(g.attribute('voice', translate(p.voice)))
  if (typeof p.language === 'string' && p.language !== '')
    attributes.push(g.attribute('language', translate(p.language)))
  if (loop !== undefined) attributes.push(`loop={${loop}}`)
  return `<Say${attributes.map((a) => ` ${a}`).join('')}>${g.children(g.value(w, p.say, todos))}</Say>`
}

function goTo(g: Generator, next: string | undefined): string {
  if (next === undefined) return '<Hangup />'
  g.elements.add('Redirect')
  return `<Redirect>/${next}</Redirect>`
}

function condition(g: Generator, w: Widget, c: Condition, input: string, todos: string[]): string {
  const subjectTemplate = c.arguments?.[0] ?? input
  const subject = subjectTemplate === input ? 'input' : g.value(w, subjectTemplate, todos).code
  const value = g.value(w, c.value ?? '', todos).code
  switch (c.type) {
    case 'equal_to':
      return `${subject} === ${value}`
    case 'not_equal_to':
      return `${subject} !== ${value}`
    case 'matches_any_of':
      g.helpers.add('matches')
      return `matchesAny(${subject}, ${value})`
    case 'does_not_match_any_of':
      g.helpers.add('matches')
      return `!matchesAny(${subject}, ${value})`
    case 'contains':
      return `${subject}.includes(${value})`
    case 'does_not_contain':
      return `!${subject}.includes(${value})`
    case 'starts_with':
      return `${subject}.startsWith(${value})`
    case 'does_not_start_with':
      return `!${subject}.startsWith(${value})`
    case 'is_blank':
      return `${subject}.trim() === ''`
    case 'is_not_blank':
      return `${subject}.trim() !== ''`
    case 'regex':
      return `new RegExp(${value}).test(${subject})`
    case 'less_than':
      return `parseFloat(${subject}) < parseFloat(${value})`
    case 'greater_than':
      return `parseFloat(${subject}) > parseFloat(${value})`
    default:
      todos.push(`TODO(studio): condition "${c.type}" is not converted; it never matches here`)
      g.notes.push(`${w.name}: split condition "${c.type}" is not converted (marked TODO)`)
      return 'false'
  }
}

function connect(g: Generator, w: Widget, todos: string[]): string[] {
  const p = w.properties
  g.elements.add('Dial')
  const attributes = [`action="/${w.name}/done"`]
  if (typeof p.caller_id === 'string' && p.caller_id !== '')
    attributes.push(g.attribute('callerId', g.value(w, p.caller_id, todos)))
  const timeout = numberOf(p.timeout)
  if (timeout !== undefined && timeout < 5) {
    // https://www.twilio.com/docs/voice/twiml/dial#timeout: from 5 to 600 seconds.
    todos.push(`TODO(studio): the flow's timeout of ${timeout} s is below <Dial>'s minimum; 5 s is used`)
    g.notes.push(`${w.name}: timeout ${timeout} is below <Dial>'s minimum of 5 seconds; 5 is used`)
    attributes.push('timeout={5}')
  } else if (timeout !== undefined) attributes.push(`timeout={${Math.min(timeout, 600)}}`)
  if (booleanOf(p.record) === true) attributes.push('record="record-from-answer"')
  const nouns: string[] = []
  const noun = String(p.noun ?? 'number')
  if (noun === 'number' || noun === 'number-multi') {
    g.elements.add('DialNumber')
    const numbers =
      noun === 'number'
        ? [String(p.to ?? '')]
        : String(p.to ?? '')
            .split(',')
            .map((n) => n.trim())
    for (const n of numbers) nouns.push(`<DialNumber>${g.children(g.value(w, n, todos))}</DialNumber>`)
  } else if (noun === 'client' || noun === 'conference' || noun === 'sim') {
    const element = noun === 'client' ? 'Client' : noun === 'conference' ? 'Conference' : 'Sim'
    g.elements.add(element)
    nouns.push(`<${element}>${g.children(g.value(w, p.to, todos))}</${element}>`)
  } else if (noun === 'sip') {
    g.elements.add('Sip')
    const endpoint = String(p.sip_endpoint ?? p.to ?? '')
    const uri = /^sips?:/.test(endpoint) ? endpoint : `sip:${endpoint}`
    const auth = [
      typeof p.sip_username === 'string' && p.sip_username !== ''
        ? ` ${g.attribute('username', g.value(w, p.sip_username, todos))}`
        : '',
      typeof p.sip_password === 'string' && p.sip_password !== ''
        ? ` ${g.attribute('password', g.value(w, p.sip_password, todos))}`
        : '',
    ].join('')
    nouns.push(`<Sip${auth}>${g.children(g.value(w, uri, todos))}</Sip>`)
  } else {
    return unsupported(g, w, todos)
  }
  return [
    `  flow.voice(${stringLiteral(w.name)}, (s) => (`,
    `    <Dial ${attributes.join(' ')}>`,
    ...nouns.map((n) => `      ${n}`),
    '    </Dial>',
    '  ))',
    `  flow.done(${stringLiteral(w.name)}, ['DialCallStatus', 'DialCallSid', 'DialCallDuration', 'DialBridged'], (params) =>`,
    '    // CallStatus is the caller\'s leg: "completed" when the caller hung up during the call.',
    `    params.CallStatus === 'completed' ? { next: ${target(nextOf(w, 'hangup'))}, ended: true } : { next: ${target(nextOf(w, 'callCompleted'))} },`,
    '  )',
  ]
}

function enqueue(g: Generator, w: Widget, todos: string[]): string[] {
  const p = w.properties
  g.elements.add('Enqueue')
  const attributes = [`action="/${w.name}/done"`]
  const workflow = w.type === 'send-to-flex' ? p.workflow : p.workflow_sid
  let content: string[]
  if (typeof workflow === 'string' && workflow !== '') {
    attributes.push(g.attribute('workflowSid', g.value(w, workflow, todos)))
    g.elements.add('Task')
    const task: string[] = []
    const priority = numberOf(p.priority)
    if (priority !== undefined) task.push(` priority={${priority}}`)
    const timeout = numberOf(p.timeout)
    if (timeout !== undefined) task.push(` timeout={${timeout}}`)
    const attrs = w.type === 'send-to-flex' ? p.attributes : p.task_attributes
    content = [`<Task${task.join('')}>${g.children(g.value(w, attrs ?? '{}', todos))}</Task>`]
  } else {
    content = [g.children(g.value(w, p.queue_name, todos))]
  }
  if (typeof p.wait_url === 'string' && p.wait_url !== '')
    attributes.push(g.attribute('waitUrl', g.value(w, p.wait_url, todos)))
  return [
    `  flow.voice(${stringLiteral(w.name)}, (s) => (`,
    `    <Enqueue ${attributes.join(' ')}>${content.join('')}</Enqueue>`,
    '  ))',
    `  flow.done(${stringLiteral(w.name)}, ['QueueResult', 'QueueSid', 'QueueTime'], (params) =>`,
    "    params.QueueResult === 'queue-full'",
    `      ? { next: ${target(nextOf(w, 'failedToEnqueue'))} }`,
    "      : params.QueueResult === 'error' || params.QueueResult === 'system-error'",
    `        ? { next: ${target(nextOf(w, 'callFailure'))} }`,
    `        : { next: ${target(nextOf(w, 'callComplete'))}, ended: params.QueueResult === 'hangup' },`,
    '  )',
  ]
}

function unsupported(g: Generator, w: Widget, todos: string[]): string[] {
  const onward = [
    'success',
    'next',
    'completed',
    'callComplete',
    'callCompleted',
    'audioComplete',
    'recordingComplete',
    'sent',
  ]
  const next =
    onward.map((e) => nextOf(w, e)).find((n) => n !== undefined) ??
    w.transitions.find((t) => t.next !== undefined)?.next
  todos.push(
    `TODO(studio): ${w.type} widgets are not converted: this route says so on the call and goes on to ${next ?? 'the end of the flow'}`,
  )
  g.notes.push(`${w.name}: a ${w.type} widget is not converted; its route says so on the call (marked TODO)`)
  g.elements.add('Say')
  const sentence = `This step of the call flow, ${w.name.replace(/_/g, ' ')}, is a ${w.type} widget that was not converted.`
  return [
    `  flow.voice(${stringLiteral(w.name)}, () => (`,
    '    <>',
    `      <Say>${sentence}</Say>`,
    `      ${goTo(g, next)}`,
    '    </>',
    '  ))',
  ]
}
