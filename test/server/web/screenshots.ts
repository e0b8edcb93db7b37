// Regenerates the README screenshots (docs/screenshots/*.png) from a small demo portfolio, with the same Chromium the
// browser tests use. Not part of npm test: `npx tsx test/server/web/screenshots.ts`.
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { SYSTEM } from '../../../db/audit.js'
import { openDatabase } from '../../../db/client.js'
import { addCommitment, createGrant, putGrantYear, transitionGrant } from '../../../db/repositories/grants.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { PASSWORD, seedWeb } from './web-helpers.js'
import { CHROMIUM } from './browser-setup.js'

const NOW = new Date('2023-03-15T09:00:00Z')
const TODAY = { today: '2023-03-15' }
const OUT = new URL('../../../docs/screenshots/', import.meta.url)

const db = openDatabase(':memory:')
const { own } = seedWeb(db, TODAY.today)
const grant = (scheme: string, title: string, euros: number, from: string, to: string, years: Record<number, [number, number, number]>) => {
  const g = createGrant(
    db,
    SYSTEM,
    { organisationId: own.id, schemeCode: scheme, title, requestedCents: euros * 100, periodFrom: from, periodTo: to },
    TODAY,
  )
  transitionGrant(
    db,
    SYSTEM,
    g.id,
    { to: 'toegekend', on: from, beschikkingsnummer: `BS-${g.id}-${from.slice(0, 4)}`, amountCents: euros * 100 },
    TODAY,
  )
  for (const [y, [baten, lasten, realised]] of Object.entries(years)) {
    putGrantYear(
      db,
      SYSTEM,
      g.id,
      Number(y),
      { plannedBatenCents: baten * 100, plannedLastenCents: lasten * 100, realisedLastenCents: realised * 100 },
      TODAY,
    )
  }
  return g.id
}
const id = grant('jenv-a13', 'Controle coronatoegangsbewijzen', 125_000, '2022-01-01', '2023-12-31', {
  2022: [60_000, 60_000, 43_210],
  2023: [65_000, 65_000, 0],
})
grant('jenv-a16', 'Opvang ontheemden Oekraïne', 2_400_000, '2022-03-01', '2024-12-31', {
  2022: [800_000, 800_000, 612_000],
  2023: [900_000, 900_000, 0],
  2024: [700_000, 700_000, 0],
})
addCommitment(db, SYSTEM, id, {
  source: 'eigen_middelen',
  year: 2023,
  amountCents: 5_000_00,
  reservedInBegroting: true,
  description: 'Budget handhaving',
})
createGrant(
  db,
  SYSTEM,
  {
    organisationId: own.id,
    schemeCode: 'ocw-oab-2019',
    title: 'Onderwijsachterstandenbeleid 2024',
    requestedCents: 900_000_00,
    probabilityPct: 70,
    periodFrom: '2024-01-01',
    periodTo: '2025-12-31',
  },
  TODAY,
)

const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => NOW }), { db, logger: false })
await app.listen({ host: '127.0.0.1', port: 0 })
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })
  await page.goto(`${base}/aanmelden`)
  await page.getByLabel('E-mailadres').fill('controller@woudstede.nl')
  await page.getByLabel('Wachtwoord').fill(PASSWORD)
  await page.getByRole('button', { name: 'Aanmelden' }).click()
  await page.waitForURL(`${base}/`)
  mkdirSync(OUT, { recursive: true })
  for (const [name, url] of [
    ['overzicht', '/'],
    ['subsidie', `/subsidies/${id}`],
    ['sisa', '/sisa/2022'],
  ] as const) {
    await page.goto(base + url)
    await page.screenshot({ path: new URL(`${name}.png`, OUT).pathname, fullPage: false })
    console.log(`docs/screenshots/${name}.png`)
  }
} finally {
  await browser.close()
  await app.close()
}
