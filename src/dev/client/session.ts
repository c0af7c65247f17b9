/**
 * Keeping a session: "Copy as test" (the server writes the vitest test; the page shows it and puts
 * it on the clipboard), "Save session" (a JSON file) and "Load session" (places the saved call again
 * and replays its inputs, silently: the timeline shows it, the speaker stays quiet).
 */
import type { SessionFile } from '../protocol.js'
import { SESSION_FORMAT } from '../protocol.js'
import { byId } from './dom.js'
import { apiUrl, type Hub, request } from './hub.js'

export function session(hub: Hub): void {
  const copy = byId<HTMLButtonElement>('copy-test')
  const save = byId<HTMLButtonElement>('save-session')
  const load = byId<HTMLInputElement>('load-session')
  const dialog = byId<HTMLDialogElement>('test-dialog')
  const file = byId<HTMLInputElement>('test-file')
  const code = byId<HTMLTextAreaElement>('test-code')
  const copyCode = byId<HTMLButtonElement>('copy-code')

  hub.on('call', () => {
    copy.disabled = false
    save.disabled = false
  })

  const write = async () => {
    if (hub.callId === undefined) return
    const made = await request<{ file: string; code: string }>(`calls/${hub.callId}/test`, { file: file.value })
    code.value = made.code
    file.value = made.file
  }

  copy.addEventListener('click', async () => {
    if (file.value === '') file.value = hub.app?.testFile ?? 'test/call-console.test.ts'
    try {
      await write()
    } catch (error) {
      hub.emit('notice', (error as Error).message)
      return
    }
    dialog.showModal()
    code.focus()
  })
  file.addEventListener('change', () => void write().catch((error: Error) => hub.emit('notice', error.message)))

  copyCode.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.value)
      copyCode.textContent = 'Copied'
    } catch {
      // Without clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      code.select()
      copyCode.textContent = 'Selected: press Ctrl+C'
    }
    setTimeout(() => (copyCode.textContent = 'Copy to clipboard'), 2000)
  })

  save.addEventListener('click', () => {
    if (hub.callId === undefined) return
    const link = document.createElement('a')
    link.href = apiUrl(`calls/${hub.callId}/session`)
    link.download = `call-${hub.setup?.url.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '') || 'session'}.json`
    link.click()
  })

  load.addEventListener('change', async () => {
    const chosen = load.files?.[0]
    load.value = ''
    if (chosen === undefined) return
    let saved: SessionFile
    try {
      saved = JSON.parse(await chosen.text()) as SessionFile
    } catch {
      hub.emit('notice', `${chosen.name} is not JSON`)
      return
    }
    if (saved?.format !== SESSION_FORMAT) {
      hub.emit('notice', `${chosen.name} is not a saved call session (format "${SESSION_FORMAT}")`)
      return
    }
    await hub.place(saved.call, saved.inputs)
  })
}
