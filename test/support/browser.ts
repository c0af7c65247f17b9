/**
 * The browser of the console's tests: Debian's Chromium (npm packages that download their own
 * browser cannot work offline), driven by playwright-core. A missing browser fails the tests with
 * how to install it; they never skip. `openConsole` is the console's page, served and opened.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core'
import { type DevServer, REPO, startDevScript } from './processes.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}: the console's browser tests need it (apt-get install -y chromium; .ci/run installs it), or set CHROMIUM_PATH`,
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** The console served by `npm run dev` (a real process) and opened in Chromium, offline. */
export interface OpenConsole {
  readonly server: DevServer
  readonly browser: Browser
  readonly context: BrowserContext
  readonly page: Page
  /** Requests the page made to anywhere but the console (refused: the page has no network). */
  readonly outside: string[]
  /** Uncaught errors of the page's script. */
  readonly errors: string[]
  /** Closes the browser and stops the server; resolves to the server's exit code (0 when it stopped cleanly). */
  close(): Promise<number | null>
}

/**
 * Starts `npm run dev` on a free port and Chromium side by side, opens the console with `options`
 * (viewport, permissions ...) and `init` run in the page before its own script, and waits for the
 * header that says the routes are loaded.
 */
export async function openConsole(options: BrowserContextOptions, init?: () => void): Promise<OpenConsole> {
  const [server, browser] = await Promise.all([startDevScript(['--port', '0']), launchChromium()])
  const context = await browser.newContext(options)
  const outside: string[] = []
  const errors: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue()
    outside.push(url)
    return route.abort()
  })
  if (init !== undefined) await context.addInitScript(init)
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(server.url)
  await page.getByText(/^\d+ routes · requests signed with/).waitFor()
  return {
    server,
    browser,
    context,
    page,
    outside,
    errors,
    close: async () => {
      await browser.close()
      return server.stop()
    },
  }
}

/**
 * Paints a picture README shows (a page or a part of it) and returns the PNG. It is written to docs/
 * only by `npm run screenshots` (TWIML_JSX_SCREENSHOTS=1): PNG bytes differ between Chromium builds,
 * so a plain test run must leave the work tree unchanged.
 */
export async function docsScreenshot(target: Page | Locator, name: string): Promise<Buffer> {
  const write = process.env.TWIML_JSX_SCREENSHOTS === '1'
  return target.screenshot({
    ...(write ? { path: join(REPO, 'docs', name) } : {}),
    animations: 'disabled',
    caret: 'hide',
  })
}
