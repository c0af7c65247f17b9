/** The console page's script: the hub, the speaker, the phone, the timeline, the session tools, the map. */
import { Player } from './audio.js'
import { chatPanel } from './chat.js'
import { byId, el } from './dom.js'
import { Hub } from './hub.js'
import { mapPanel } from './map.js'
import { mountPanels, registerPanel } from './panels.js'
import { phone } from './phone.js'
import { session } from './session.js'
import { render } from './timeline.js'

const hub = new Hub()
const player = new Player()

const mute = byId<HTMLInputElement>('mute')
mute.addEventListener('change', () => {
  player.muted = mute.checked
  if (mute.checked) player.stop()
})

const timeline = byId<HTMLOListElement>('timeline')
let audible = true

hub.on('call', ({ setup, replay, reloaded }) => {
  player.stop()
  audible = !replay
  timeline.replaceChildren(
    el(
      'li',
      { class: 'note' },
      `${replay ? 'Replaying a saved call to' : 'Calling'} ${setup.method ?? 'POST'} ${setup.url}`,
    ),
  )
  if (reloaded !== undefined && reloaded.length > 0) {
    timeline.append(el('li', { class: 'note' }, `Reloaded the app: ${reloaded.join(', ')} changed`))
  }
})

hub.on('entry', (entry) => {
  const item = render(entry, player, audible)
  if (item === undefined) return
  timeline.append(item)
  item.scrollIntoView({ block: 'nearest' })
})

// A replayed session is shown, not played; what happens after it is heard again.
hub.on('state', () => {
  audible = true
})

// The caller moved on: what was still playing belongs to the past.
hub.on('input', () => player.stop())

phone(hub, player)
session(hub)
registerPanel(chatPanel)
registerPanel(mapPanel)
mountPanels(byId('panels'), { hub, player })
