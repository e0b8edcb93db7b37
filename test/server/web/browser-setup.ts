// The one setup of the browser tests: a Woud listening on a random port over its own database, and Debian's Chromium
// (playwright-core) launched once per test file with one page that every flow of the file reuses. Helpers: axe-core
// (WCAG 2.1 A and AA), sign-in through the form, Tab until an element has the focus, CSP violations seen by the browser.
import { existsSync } from 'node:fs'
import type { Test } from 'tap'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import axe from 'axe-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { openDatabase, type Db } from '../../../db/client.js'
import { PASSWORD, seedWeb } from './web-helpers.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_MISSING = !existsSync(CHROMIUM) && !process.env.CI
export const INSTALL_HINT = `Chromium ontbreekt (${CHROMIUM}); installeer het met: sudo apt-get install -y chromium (of zet CHROMIUM_PATH)`
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface BrowserHarness {
  db: Db
  app: FastifyInstance
  base: string
  browser: Browser
  context: BrowserContext
  page: Page
  seeded: ReturnType<typeof seedWeb>
  /** Content-Security-Policy violations the browser reported so far. */
  cspErrors: string[]
  /** axe-core with the WCAG 2.1 A and AA rules on the current page: no violations allowed. */
  axeCheck: (tt: Test, state: string) => Promise<void>
  signIn: (email: string) => Promise<void>
  /** Tab until the element matching `selector` has the focus (keyboard only: no clicks). */
  tabTo: (tt: Test, selector: string, max?: number) => Promise<void>
}

/**
 * Build the app (seeded with seedWeb, then `seed`), listen, launch Chromium and open the page. Everything is closed at
 * the file's teardown. The file's flows share the page, in order, as a user would go through them.
 */
export async function startBrowser(
  t: Test,
  opts: { now: Date; seed?: (db: Db, seeded: ReturnType<typeof seedWeb>) => void; timeout?: number },
): Promise<BrowserHarness> {
  // Chromium starts while the app is built and begins to listen: the two are independent.
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
  t.teardown(async () => (await launching).close())
  const db = openDatabase(':memory:')
  const seeded = seedWeb(db, opts.now.toISOString().slice(0, 10))
  opts.seed?.(db, seeded)
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => opts.now }), { db, logger: false })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const browser = await launching
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const context = await browser.newContext({ acceptDownloads: true, locale: 'nl-NL' })
  const page = await context.newPage()
  page.setDefaultTimeout(opts.timeout ?? 15_000)
  const cspErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) cspErrors.push(m.text())
  })
  // axe-core runs in the page itself, injected once per document (the same rules and tags as @axe-core/playwright's
  // withTags). AxeBuilder.analyze() injected the 550 kB source twice and opened a second page for every check.
  const axeCheck = async (tt: Test, state: string) => {
    if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source)
    const violations = await page.evaluate(async (tags) => {
      const w = window as unknown as { axe: typeof axe }
      const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    }, WCAG)
    tt.strictSame(violations, [], `axe: ${state}`)
  }

  const signIn = async (email: string) => {
    await page.goto(`${base}/aanmelden`)
    await page.getByLabel('E-mailadres').fill(email)
    await page.getByLabel('Wachtwoord').fill(PASSWORD)
    await page.getByRole('button', { name: 'Aanmelden' }).click()
    await page.waitForURL((u) => !u.pathname.startsWith('/aanmelden'))
  }

  const tabTo = async (tt: Test, selector: string, max = 60) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    }
    tt.fail(`${selector} not reachable with Tab`)
  }

  return { db, app, base, browser, context, page, seeded, cspErrors, axeCheck, signIn, tabTo }
}
