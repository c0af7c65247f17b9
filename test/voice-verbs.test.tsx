/**
 * The voice verbs and nouns beyond Dial, Gather, Say and the call-control verbs: each element in a
 * realistic document with its exact bytes, and per verb family an oracle comparison with the
 * twilio package's VoiceResponse builder, using every attribute twilio models for the family.
 */
import twilio from 'twilio'
import {
  AiSession,
  Autopilot,
  Config,
  Connect,
  Conversation,
  ConversationRelay,
  ConversationRelaySession,
  type ConversationRelaySessionProps,
  Dial,
  Echo,
  Enqueue,
  type EnqueueProps,
  Language,
  Leave,
  MediaFilter,
  Parameter,
  Pause,
  Pay,
  Play,
  Prompt,
  Record,
  Recording,
  RecordVerb,
  Refer,
  ReferSip,
  Response,
  Room,
  render,
  Say,
  Sip,
  Siprec,
  Sms,
  type SmsProps,
  Start,
  Stop,
  Stream,
  Task,
  Transcription,
  VirtualAgent,
} from 'twiml-jsx'
import { describe, expect, test } from 'vitest'
import { DECL } from './support/issues.js'

const doc = (inner: string) => `${DECL}<Response>${inner}</Response>`
const oracle = () => new twilio.twiml.VoiceResponse()

describe('<Record>', () => {
  test('voicemail: prompt, record, fall-through when nothing was recorded', () => {
    expect(
      render(
        <Response>
          <Say>Please leave a message after the beep. Press pound when you are done.</Say>
          <Record
            action="/voicemail/done"
            maxLength={120}
            finishOnKey="#"
            recordingStatusCallback="/voicemail/status"
            recordingStatusCallbackEvent={['completed', 'absent']}
          />
          <Say>We did not get a message. Goodbye.</Say>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Say>Please leave a message after the beep. Press pound when you are done.</Say>' +
          '<Record action="/voicemail/done" maxLength="120" finishOnKey="#" recordingStatusCallback="/voicemail/status" recordingStatusCallbackEvent="completed absent"/>' +
          '<Say>We did not get a message. Goodbye.</Say>',
      ),
    )
  })

  test('RecordVerb is the same element; false is written out', () => {
    expect(RecordVerb).toBe(Record)
    expect(
      render(
        <Response>
          <RecordVerb playBeep={false} transcribe transcribeCallback="/transcript" />
        </Response>,
      ),
    ).toBe(doc('<Record playBeep="false" transcribe="true" transcribeCallback="/transcript"/>'))
  })

  test('oracle: every attribute twilio models', () => {
    const all = {
      action: '/done',
      method: 'GET',
      timeout: 7,
      finishOnKey: '*#',
      maxLength: 600,
      playBeep: false,
      trim: 'do-not-trim',
      recordingStatusCallback: 'https://example.com/rec?a=1&b=2',
      recordingStatusCallbackMethod: 'GET',
      recordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'],
      recordingConfigurationId: 'RC123',
      transcribe: true,
      transcribeCallback: '/transcribed',
    } satisfies Parameters<typeof Record>[0]
    const r = oracle()
    r.record(all)
    expect(
      render(
        <Response>
          <Record {...all} />
        </Response>,
      ),
    ).toBe(r.toString())
  })
})

describe('<Enqueue>, <Task>, <Leave>', () => {
  test('named queue with hold music and a result URL', () => {
    expect(
      render(
        <Response>
          <Enqueue action="/queue/result" waitUrl="/queue/hold" waitUrlMethod="GET" maxQueueSize={50}>
            support
          </Enqueue>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Enqueue action="/queue/result" waitUrl="/queue/hold" waitUrlMethod="GET" maxQueueSize="50">support</Enqueue>',
      ),
    )
  })

  test('TaskRouter: workflow and a JSON task (quotes are not escaped in text)', () => {
    expect(
      render(
        <Response>
          <Enqueue workflowSid="WW0123456789abcdef0123456789abcdef">
            <Task priority={5} timeout={300}>
              {JSON.stringify({ selected_language: 'es', reason: 'billing & refunds' })}
            </Task>
          </Enqueue>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Enqueue workflowSid="WW0123456789abcdef0123456789abcdef">' +
          '<Task priority="5" timeout="300">{"selected_language":"es","reason":"billing &amp; refunds"}</Task>' +
          '</Enqueue>',
      ),
    )
  })

  test('waitUrl document: hold music, then leave the queue', () => {
    expect(
      render(
        <Response>
          <Play loop={2}>https://example.com/hold.mp3</Play>
          <Leave />
        </Response>,
      ),
    ).toBe(doc('<Play loop="2">https://example.com/hold.mp3</Play><Leave/>'))
  })

  test('oracle: every attribute, name text, and a task', () => {
    const all = {
      action: '/result',
      method: 'GET',
      maxQueueSize: 10,
      waitUrl: '/hold',
      waitUrlMethod: 'POST',
      workflowSid: 'WW0123456789abcdef0123456789abcdef',
    } satisfies EnqueueProps
    const task = { priority: 2, timeout: 60 }
    const body = JSON.stringify({ skill: 'sales <vip>' })
    const r = oracle()
    r.enqueue(all, 'sales')
    r.enqueue({ workflowSid: all.workflowSid }).task(task, body)
    r.leave()
    expect(
      render(
        <Response>
          <Enqueue {...all}>sales</Enqueue>
          <Enqueue workflowSid={all.workflowSid}>
            <Task {...task}>{body}</Task>
          </Enqueue>
          <Leave />
        </Response>,
      ),
    ).toBe(r.toString())
  })
})

describe('<Sms> and <Echo>', () => {
  test('text the caller during the call', () => {
    expect(
      render(
        <Response>
          <Say>We are texting you the link.</Say>
          <Sms to="+14155550100" from="+14155550199" action="/sms/sent" statusCallback="/sms/status">
            Your appointment: https://example.com/a/42?lang=en&tz=PT
          </Sms>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Say>We are texting you the link.</Say>' +
          '<Sms to="+14155550100" from="+14155550199" action="/sms/sent" statusCallback="/sms/status">' +
          'Your appointment: https://example.com/a/42?lang=en&amp;tz=PT</Sms>',
      ),
    )
  })

  test('echo test line', () => {
    expect(
      render(
        <Response>
          <Say>Echo test. Speak and hear yourself.</Say>
          <Echo />
        </Response>,
      ),
    ).toBe(doc('<Say>Echo test. Speak and hear yourself.</Say><Echo/>'))
  })

  test('oracle: every Sms attribute, and Echo', () => {
    const all = {
      to: '+14155550100',
      from: '+14155550199',
      action: '/a',
      method: 'GET',
      statusCallback: '/s',
    } satisfies Omit<SmsProps, 'children'>
    const r = oracle()
    r.sms(all, 'Code: 1234 <do not share>')
    r.echo()
    expect(
      render(
        <Response>
          <Sms {...all}>{'Code: 1234 <do not share>'}</Sms>
          <Echo />
        </Response>,
      ),
    ).toBe(r.toString())
  })
})

describe('<Refer> and its <Sip> (ReferSip)', () => {
  test('transfer a SIP call back to the PBX', () => {
    expect(
      render(
        <Response>
          <Refer action="/refer/result">
            <ReferSip>sip:alice@pbx.example.com;transport=tls</ReferSip>
          </Refer>
        </Response>,
      ),
    ).toBe(doc('<Refer action="/refer/result"><Sip>sip:alice@pbx.example.com;transport=tls</Sip></Refer>'))
  })

  test('ReferSip writes its text as given; Dial Sip composes the URI', () => {
    expect(
      render(
        <Response>
          <Dial>
            <Sip transport="tls">sip:bob@example.com</Sip>
          </Dial>
          <Refer>
            <ReferSip>sip:bob@example.com</ReferSip>
          </Refer>
        </Response>,
      ),
    ).toBe(
      doc('<Dial><Sip>sip:bob@example.com;transport=tls</Sip></Dial><Refer><Sip>sip:bob@example.com</Sip></Refer>'),
    )
  })

  test('oracle: every Refer attribute', () => {
    const r = oracle()
    r.refer({ action: '/done', method: 'GET' }).sip('sip:carol@example.com')
    expect(
      render(
        <Response>
          <Refer action="/done" method="GET">
            <ReferSip>sip:carol@example.com</ReferSip>
          </Refer>
        </Response>,
      ),
    ).toBe(r.toString())
  })
})

describe('<Start>, <Stop> and their nouns', () => {
  test('fork the audio to an agent-assist service, then dial', () => {
    expect(
      render(
        <Response>
          <Start>
            <Stream name="agent-assist" url="wss://assist.example.com/audio" track="both_tracks">
              <Parameter name="tier" value="gold" />
            </Stream>
          </Start>
          <Dial>+14155550100</Dial>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Start><Stream name="agent-assist" url="wss://assist.example.com/audio" track="both_tracks">' +
          '<Parameter name="tier" value="gold"/></Stream></Start><Dial>+14155550100</Dial>',
      ),
    )
  })

  test('stop a named stream, SIPREC session, transcription and media filter', () => {
    expect(
      render(
        <Response>
          <Stop>
            <Stream name="agent-assist" />
            <Siprec name="compliance" />
            <Transcription name="live" />
            <MediaFilter name="denoise" />
          </Stop>
          <Say>Recording and transcription are off for this part of the call.</Say>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Stop><Stream name="agent-assist"/><Siprec name="compliance"/><Transcription name="live"/><MediaFilter name="denoise"/></Stop>' +
          '<Say>Recording and transcription are off for this part of the call.</Say>',
      ),
    )
  })

  test('SIPREC to a compliance recorder with metadata', () => {
    expect(
      render(
        <Response>
          <Start>
            <Siprec name="compliance" connectorName="recorder" track="both_tracks">
              <Parameter name="agentId" value="a-17" />
            </Siprec>
          </Start>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Start><Siprec name="compliance" connectorName="recorder" track="both_tracks">' +
          '<Parameter name="agentId" value="a-17"/></Siprec></Start>',
      ),
    )
  })

  test('real-time transcription with labels and engine settings', () => {
    expect(
      render(
        <Response>
          <Start>
            <Transcription
              name="live"
              statusCallbackUrl="https://example.com/transcripts"
              track="both_tracks"
              inboundTrackLabel="customer"
              outboundTrackLabel="agent"
              partialResults
              languageCode="es-US"
              transcriptionEngine="deepgram"
              speechModel="nova-3"
            >
              <Config name="smartFormat" value="true" />
            </Transcription>
          </Start>
          <Dial>+14155550100</Dial>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Start><Transcription name="live" statusCallbackUrl="https://example.com/transcripts" track="both_tracks"' +
          ' inboundTrackLabel="customer" outboundTrackLabel="agent" partialResults="true" languageCode="es-US"' +
          ' transcriptionEngine="deepgram" speechModel="nova-3"><Config name="smartFormat" value="true"/>' +
          '</Transcription></Start><Dial>+14155550100</Dial>',
      ),
    )
  })

  test('record the whole call in the background', () => {
    expect(
      render(
        <Response>
          <Start>
            <Recording
              channels="dual"
              track="both"
              recordingStatusCallback="/recordings"
              recordingStatusCallbackEvent={['in-progress', 'completed']}
            />
          </Start>
          <Say>This call is recorded.</Say>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Start><Recording channels="dual" track="both" recordingStatusCallback="/recordings"' +
          ' recordingStatusCallbackEvent="in-progress completed"/></Start><Say>This call is recorded.</Say>',
      ),
    )
  })

  test('noise filter on the caller audio', () => {
    expect(
      render(
        <Response>
          <Start action="/started">
            <MediaFilter name="denoise" filterType="noise" track="inbound_track" />
          </Start>
        </Response>,
      ),
    ).toBe(
      doc('<Start action="/started"><MediaFilter name="denoise" filterType="noise" track="inbound_track"/></Start>'),
    )
  })

  test('oracle: every attribute of Start and each noun, then Stop', () => {
    const stream = {
      url: 'wss://example.com/s',
      name: 's1',
      track: 'outbound_track',
      statusCallback: '/s-status',
      statusCallbackMethod: 'GET',
      connectorName: 'partner',
      audioFormat: 'audio/x-mulaw',
      sampleRate: '8000',
    } satisfies Parameters<typeof Stream>[0]
    const siprec = {
      name: 'r1',
      connectorName: 'Default',
      track: 'inbound_track',
      statusCallback: '/r-status',
      statusCallbackMethod: 'POST',
    } satisfies Parameters<typeof Siprec>[0]
    const transcription = {
      name: 't1',
      track: 'inbound_track',
      statusCallbackUrl: 'https://example.com/t',
      statusCallbackMethod: 'GET',
      inboundTrackLabel: 'caller',
      outboundTrackLabel: 'bot',
      partialResults: false,
      languageCode: 'en-GB',
      transcriptionEngine: 'google',
      speechModel: 'telephony',
      profanityFilter: false,
      hints: 'Twilio, "TwiML"',
      enableAutomaticPunctuation: true,
      intelligenceService: 'GA0123',
      conversationConfiguration: 'support',
      conversationId: 'conv-1',
    } satisfies Parameters<typeof Transcription>[0]
    const recording = {
      channels: 'mono',
      recordingConfigurationId: 'RC1',
      recordingStatusCallback: '/rec',
      recordingStatusCallbackEvent: ['absent'],
      recordingStatusCallbackMethod: 'GET',
      track: 'inbound',
      trim: 'trim-silence',
    } satisfies Parameters<typeof Recording>[0]
    const filter = { filterType: 'noise', model: 'v2', name: 'f1', track: 'both_tracks' } satisfies Parameters<
      typeof MediaFilter
    >[0]

    const r = oracle()
    const start = r.start({ action: '/started', method: 'GET' })
    start.stream(stream).parameter({ name: 'k', value: 'v&w' })
    start.siprec(siprec).parameter({ name: 'k2', value: 'v2' })
    const t = start.transcription(transcription)
    t.config({ name: 'c', value: '1' })
    t.parameter({ name: 'p', value: '2' })
    start.recording(recording)
    start.mediaFilter(filter).parameter({ name: 'level', value: 'high' })
    const stop = r.stop()
    stop.stream({ name: 's1' })
    stop.siprec({ name: 'r1' })
    stop.transcription({ name: 't1' })
    stop.mediaFilter({ name: 'f1' })

    expect(
      render(
        <Response>
          <Start action="/started" method="GET">
            <Stream {...stream}>
              <Parameter name="k" value="v&w" />
            </Stream>
            <Siprec {...siprec}>
              <Parameter name="k2" value="v2" />
            </Siprec>
            <Transcription {...transcription}>
              <Config name="c" value="1" />
              <Parameter name="p" value="2" />
            </Transcription>
            <Recording {...recording} />
            <MediaFilter {...filter}>
              <Parameter name="level" value="high" />
            </MediaFilter>
          </Start>
          <Stop>
            <Stream name="s1" />
            <Siprec name="r1" />
            <Transcription name="t1" />
            <MediaFilter name="f1" />
          </Stop>
        </Response>,
      ),
    ).toBe(r.toString())
  })
})

describe('<Connect> and its nouns', () => {
  test('two-way media stream with a custom parameter', () => {
    expect(
      render(
        <Response>
          <Connect action="/stream/ended">
            <Stream url="wss://bot.example.com/media">
              <Parameter name="callerTier" value="gold" />
            </Stream>
          </Connect>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Connect action="/stream/ended"><Stream url="wss://bot.example.com/media">' +
          '<Parameter name="callerTier" value="gold"/></Stream></Connect>',
      ),
    )
  })

  test('ConversationRelay: AI agent with a Spanish language option', () => {
    expect(
      render(
        <Response>
          <Connect action="/relay/ended">
            <ConversationRelay
              url="wss://agent.example.com/relay"
              welcomeGreeting="Hi! I'm the Owl Bank assistant. How can I help?"
              ttsProvider="ElevenLabs"
              voice="UgBBYS2sOqTuMpoF3BR0"
              interruptible="speech"
              interruptSensitivity="medium"
              dtmfDetection
            >
              <Language code="es-MX" ttsProvider="Google" voice="es-US-Neural2-A" transcriptionProvider="Google" />
              <Parameter name="customerId" value="c-42" />
            </ConversationRelay>
          </Connect>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Connect action="/relay/ended"><ConversationRelay url="wss://agent.example.com/relay"' +
          ' welcomeGreeting="Hi! I\'m the Owl Bank assistant. How can I help?" ttsProvider="ElevenLabs"' +
          ' voice="UgBBYS2sOqTuMpoF3BR0" interruptible="speech" interruptSensitivity="medium" dtmfDetection="true">' +
          '<Language code="es-MX" ttsProvider="Google" voice="es-US-Neural2-A" transcriptionProvider="Google"/>' +
          '<Parameter name="customerId" value="c-42"/></ConversationRelay></Connect>',
      ),
    )
  })

  test('VirtualAgent: Dialogflow CX with config and parameters', () => {
    expect(
      render(
        <Response>
          <Connect action="/va/done">
            <VirtualAgent connectorName="project" statusCallback="/va/status" language="en-US">
              <Config name="voiceName" value="en-US-Wavenet-C" />
              <Parameter name="customerTier" value="gold" />
            </VirtualAgent>
          </Connect>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Connect action="/va/done"><VirtualAgent connectorName="project" statusCallback="/va/status" language="en-US">' +
          '<Config name="voiceName" value="en-US-Wavenet-C"/><Parameter name="customerTier" value="gold"/>' +
          '</VirtualAgent></Connect>',
      ),
    )
  })

  test('Room: join a Video room audio-only', () => {
    expect(
      render(
        <Response>
          <Connect>
            <Room participantIdentity="dial-in-alice">DailyStandup</Room>
          </Connect>
        </Response>,
      ),
    ).toBe(doc('<Connect><Room participantIdentity="dial-in-alice">DailyStandup</Room></Connect>'))
  })

  test('Conversation: Frontline call with recording and call events', () => {
    expect(
      render(
        <Response>
          <Connect>
            <Conversation
              serviceInstanceSid="IS0123456789abcdef0123456789abcdef"
              record="record-from-answer"
              statusCallback="/frontline/events"
              statusCallbackEvent={['call-answered', 'call-completed']}
            />
          </Connect>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Connect><Conversation serviceInstanceSid="IS0123456789abcdef0123456789abcdef" record="record-from-answer"' +
          ' statusCallback="/frontline/events" statusCallbackEvent="call-answered call-completed"/></Connect>',
      ),
    )
  })

  test('Autopilot, AiSession and ConversationRelaySession', () => {
    expect(
      render(
        <Response>
          <Connect>
            <Autopilot>UA0123456789abcdef0123456789abcdef</Autopilot>
          </Connect>
          <Connect action="/ai/done">
            <AiSession aiConnector="my_ai_connector" aiSessionConfiguration="support-bot" />
          </Connect>
          <Connect>
            <ConversationRelaySession connector="relay_connector" sessionConfiguration="default" />
          </Connect>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Connect><Autopilot>UA0123456789abcdef0123456789abcdef</Autopilot></Connect>' +
          '<Connect action="/ai/done"><AiSession aiConnector="my_ai_connector" aiSessionConfiguration="support-bot"/></Connect>' +
          '<Connect><ConversationRelaySession connector="relay_connector" sessionConfiguration="default"/></Connect>',
      ),
    )
  })

  test('oracle: every attribute of Connect and each noun', () => {
    const relay = {
      applicationReconnect: true,
      asrSmartFormat: true,
      backgroundnoisereduction: 'true',
      conversationConfiguration: 'cfg',
      conversationId: 'conv',
      customerName: 'Ana',
      debug: 'debugging speaker-events',
      deepgramsmartformat: 'false',
      dtmfDetection: false,
      eagerEotThreshold: '0.5',
      echoPromptFiltering: true,
      elevenlabsLanguageTextNormalization: false,
      elevenlabsTextNormalization: 'auto',
      events: 'all',
      hints: 'Owl, "Hoot"',
      ignorebackchannel: 'true',
      includeInPrompt: 'turn-state',
      intelligenceService: 'GA1',
      interruptSensitivity: 'high',
      interruptible: 'any',
      language: 'en-US',
      partialPromptOnHangup: true,
      partialPrompts: true,
      preemptible: false,
      profanityFilter: true,
      reportInputDuringAgentSpeech: true,
      speechModel: 'nova-3-general',
      speechtimeout: 'auto',
      transcriptionLanguage: 'en-GB',
      transcriptionProvider: 'Deepgram',
      ttsLanguage: 'en-AU',
      ttsLanguageTextNormalization: true,
      ttsProvider: 'Amazon',
      ttsTextNormalization: 'on',
      turnDetection: true,
      url: 'wss://example.com/r?x=1&y=2',
      voice: 'Joanna-Neural',
      welcomeGreeting: 'Hello <there> & welcome',
      welcomeGreetingInterruptible: 'none',
    } satisfies Parameters<typeof ConversationRelay>[0]
    const language = {
      asrSmartFormat: false,
      code: 'fr-FR',
      hints: 'bonjour',
      speechModel: 'telephony',
      transcriptionProvider: 'Google',
      ttsLanguageTextNormalization: false,
      ttsProvider: 'Google',
      ttsTextNormalization: 'off',
      voice: 'fr-FR-Neural2-A',
    } satisfies Parameters<typeof Language>[0]
    const agent = {
      connectorName: 'project',
      language: 'de-DE',
      sentimentAnalysis: true,
      statusCallback: '/st',
      statusCallbackMethod: 'GET',
    } satisfies Parameters<typeof VirtualAgent>[0]
    const conversation = {
      inboundAutocreation: true,
      inboundTimeout: 30,
      method: 'GET',
      record: 'record-from-ringing-dual',
      recordingStatusCallback: '/rec',
      recordingStatusCallbackEvent: ['in-progress', 'completed'],
      recordingStatusCallbackMethod: 'GET',
      routingAssignmentTimeout: 60,
      serviceInstanceSid: 'IS1',
      statusCallback: '/st',
      statusCallbackEvent: ['call-initiated', 'call-ringing', 'call-answered', 'call-completed'],
      statusCallbackMethod: 'POST',
      trim: 'trim-silence',
      url: '/frontline',
    } satisfies Parameters<typeof Conversation>[0]
    const session = { connector: 'c', sessionConfiguration: 's' } satisfies ConversationRelaySessionProps

    const r = oracle()
    const c1 = r.connect({ action: '/a', method: 'GET' })
    const cr = c1.conversationRelay(relay)
    cr.language(language)
    cr.parameter({ name: 'n', value: 'v' })
    const va = r.connect().virtualAgent(agent)
    va.config({ name: 'k', value: 'v' })
    va.parameter({ name: 'p', value: 'q' })
    r.connect().room({ participantIdentity: 'alice' }, 'room-1')
    r.connect().conversation(conversation)
    r.connect().autopilot('UA1')
    r.connect().aiSession({ aiConnector: 'ai', aiSessionConfiguration: 'cfg' })
    r.connect().conversationRelaySession(session)
    r.connect().stream({ url: 'wss://example.com/m', name: 'm', track: 'inbound_track' })

    expect(
      render(
        <Response>
          <Connect action="/a" method="GET">
            <ConversationRelay {...relay}>
              <Language {...language} />
              <Parameter name="n" value="v" />
            </ConversationRelay>
          </Connect>
          <Connect>
            <VirtualAgent {...agent}>
              <Config name="k" value="v" />
              <Parameter name="p" value="q" />
            </VirtualAgent>
          </Connect>
          <Connect>
            <Room participantIdentity="alice">room-1</Room>
          </Connect>
          <Connect>
            <Conversation {...conversation} />
          </Connect>
          <Connect>
            <Autopilot>UA1</Autopilot>
          </Connect>
          <Connect>
            <AiSession aiConnector="ai" aiSessionConfiguration="cfg" />
          </Connect>
          <Connect>
            <ConversationRelaySession {...session} />
          </Connect>
          <Connect>
            <Stream url="wss://example.com/m" name="m" track="inbound_track" />
          </Connect>
        </Response>,
      ),
    ).toBe(r.toString())
  })
})

describe('<Pay> and <Prompt>', () => {
  test('charge a card with custom prompts and a connector parameter', () => {
    expect(
      render(
        <Response>
          <Pay
            chargeAmount="10.50"
            paymentConnector="Stripe_Connector"
            action="/pay/done"
            validCardTypes={['visa', 'mastercard']}
            postalCode={false}
            timeout={10}
            maxAttempts={2}
          >
            <Prompt for="payment-card-number">
              <Say>Please enter your Visa or Mastercard number.</Say>
            </Prompt>
            <Prompt for="payment-card-number" errorType={['invalid-card-number']} attempt={[2, 3]}>
              <Say>That number was not valid.</Say>
              <Pause length={1} />
              <Say>Please try again.</Say>
            </Prompt>
            <Parameter name="invoice" value="INV-7" />
          </Pay>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Pay chargeAmount="10.50" paymentConnector="Stripe_Connector" action="/pay/done" validCardTypes="visa mastercard"' +
          ' postalCode="false" timeout="10" maxAttempts="2">' +
          '<Prompt for="payment-card-number"><Say>Please enter your Visa or Mastercard number.</Say></Prompt>' +
          '<Prompt for="payment-card-number" errorType="invalid-card-number" attempt="2 3">' +
          '<Say>That number was not valid.</Say><Pause length="1"/><Say>Please try again.</Say></Prompt>' +
          '<Parameter name="invoice" value="INV-7"/></Pay>',
      ),
    )
  })

  test('tokenize a bank account (ACH) with a recorded prompt', () => {
    expect(
      render(
        <Response>
          <Pay paymentMethod="ach-debit" bankAccountType="consumer-savings" tokenType="reusable" chargeAmount={0}>
            <Prompt for="bank-routing-number" requireMatchingInputs>
              <Play>https://example.com/prompts/routing.mp3</Play>
            </Prompt>
          </Pay>
        </Response>,
      ),
    ).toBe(
      doc(
        '<Pay paymentMethod="ach-debit" bankAccountType="consumer-savings" tokenType="reusable" chargeAmount="0">' +
          '<Prompt for="bank-routing-number" requireMatchingInputs="true">' +
          '<Play>https://example.com/prompts/routing.mp3</Play></Prompt></Pay>',
      ),
    )
  })

  test('oracle: every Pay and Prompt attribute', () => {
    const pay = {
      action: '/pay',
      bankAccountType: 'commercial-checking',
      chargeAmount: '0.99',
      currency: 'eur',
      description: 'Order #7 & more',
      input: 'dtmf',
      language: 'fr-CA',
      maxAttempts: 3,
      method: 'GET',
      minPostalCodeLength: 5,
      paymentConnector: 'Default',
      paymentMethod: 'credit-card',
      postalCode: '94110',
      securityCode: false,
      statusCallback: '/pay-status',
      statusCallbackMethod: 'GET',
      timeout: 8,
      tokenType: 'payment-method',
      validCardTypes: ['visa', 'mastercard', 'amex', 'maestro', 'discover', 'optima', 'jcb', 'diners-club', 'enroute'],
    } satisfies Parameters<typeof Pay>[0]
    const prompt = {
      attempt: [1, 2],
      cardType: ['amex', 'visa'],
      errorType: ['timeout', 'invalid-security-code'],
      for: 'security-code',
      requireMatchingInputs: false,
    } satisfies Omit<Parameters<typeof Prompt>[0], 'children'>

    const r = oracle()
    const p = r.pay(pay)
    const pr = p.prompt(prompt)
    pr.say('Enter the four digits on the front.')
    pr.pause({ length: 2 })
    pr.play({ loop: 1 }, 'https://example.com/beep.mp3')
    p.parameter({ name: 'sku', value: 'A-1' })
    expect(
      render(
        <Response>
          <Pay {...pay}>
            <Prompt {...prompt}>
              <Say>Enter the four digits on the front.</Say>
              <Pause length={2} />
              <Play loop={1}>https://example.com/beep.mp3</Play>
            </Prompt>
            <Parameter name="sku" value="A-1" />
          </Pay>
        </Response>,
      ),
    ).toBe(r.toString())
  })
})
