// Bench: server time to render the web pages for an organisation with 5,000 grants against the JSON API for the same
// data in the same run (inject: no network), and the page weight of the Overzicht including its CSS and scripts.
import { gzipSync } from 'node:zlib'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { createToken, createUser } from '../../db/repositories/users.js'
import { setPassword } from '../../db/repositories/passwords.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { assetWireSize } from '../../server/web/assets.js'
import { signInInject } from '../server/web/web-helpers.js'

const GRANTS = 5000
const YEAR = 2026

async function timeIt(fn: () => Promise<{ statusCode: number }>, n: number): Promise<number> {
  for (let i = 0; i < 2; i++) await fn() // warm-up
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) {
    const r = await fn()
    if (r.statusCode !== 200) throw new Error(`status ${r.statusCode}`)
  }
  return Number(process.hrtime.bigint() - t0) / 1e6 / n
}

export async function run(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:')
  const org = createOrganisation(db, SYSTEM, { code: 'GM0363', name: 'Amsterdam' })
  const schemeIds = (db.$client.prepare('SELECT id FROM schemes').all() as { id: number }[]).map((r) => r.id)
  const insGrant = db.$client.prepare(`INSERT INTO grants (organisation_id, scheme_id, reference, title, status, beschikkingsnummer,
      requested_cents, awarded_cents, period_from, period_to, spend_until)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01', '2027-12-31', '2028-06-30')`)
  const insYear = db.$client
    .prepare(`INSERT INTO grant_years (grant_id, year, planned_baten_cents, planned_lasten_cents, realised_baten_cents,
      realised_lasten_cents, structural_lasten_cents)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  db.$client.transaction(() => {
    for (let i = 1; i <= GRANTS; i++) {
      const status = i % 5 === 0 ? 'aangevraagd' : 'toegekend'
      const id = Number(
        insGrant.run(
          org.id,
          schemeIds[i % schemeIds.length],
          `K-${i}`,
          `Subsidie ${i}`,
          status,
          status === 'toegekend' ? `B-${i}` : null,
          100_000_00 + i,
          status === 'toegekend' ? 90_000_00 + i : null,
        ).lastInsertRowid,
      )
      for (const y of [2025, 2026, 2027]) insYear.run(id, y, 30_000_00 + i, 30_000_00 + i, 10_000_00, 12_000_00, i % 7 === 0 ? 1_000_00 : 0)
    }
  })()
  const user = createUser(db, SYSTEM, { email: 'bench@woud.test', name: 'Bench', roles: [{ orgCode: 'GM0363', role: 'controller' }] })
  setPassword(db, SYSTEM, user.id, 'bench-wachtwoord-lang')
  const token = createToken(db, SYSTEM, user.id).token
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => new Date(`${YEAR}-06-01T10:00:00Z`) }), { db, logger: false })
  const web = await signInInject(app, 'bench@woud.test', 'bench-wachtwoord-lang')
  const api = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${token}` } })
  try {
    const portfolioPage = await timeIt(() => web.get('/portefeuille?sort=title'), 30)
    const portfolioApi = await timeIt(() => api('/api/v1/grants?org=GM0363&limit=50&sort=title'), 30)
    const overviewPage = await timeIt(() => web.get('/'), 5)
    // The Overzicht shows deadlines, forecast, co-financing, BBV and SiSa findings: the API calls that give the same data.
    const overviewApiParts: Record<string, number> = {}
    for (const [k, url] of Object.entries({
      deadlines: `/api/v1/deadlines?org=GM0363&from=${YEAR - 1}-06-01&to=${YEAR}-07-31`,
      forecast: `/api/v1/reports/forecast?org=GM0363&year=${YEAR}`,
      cofinancing: `/api/v1/reports/cofinancing?org=GM0363&year=${YEAR}`,
      bbv: `/api/v1/reports/bbv?org=GM0363&year=${YEAR}`,
      sisa: `/api/v1/sisa/${YEAR - 1}?org=GM0363`,
    }))
      overviewApiParts[k] = Number((await timeIt(() => api(url), 5)).toFixed(1))
    const overviewApi = Object.values(overviewApiParts).reduce((a, b) => a + b, 0)
    const html = (await web.get('/')).body
    const htmlBytes = Buffer.byteLength(html)
    const assets = assetWireSize('woud.css') + assetWireSize('htmx.min.js') + assetWireSize('woud.js')
    return {
      grants: GRANTS,
      portfolio50: {
        pageMs: Number(portfolioPage.toFixed(2)),
        apiMs: Number(portfolioApi.toFixed(2)),
        ratio: Number((portfolioPage / portfolioApi).toFixed(2)),
        goal: 1.3,
      },
      overview: {
        pageMs: Number(overviewPage.toFixed(1)),
        apiMs: Number(overviewApi.toFixed(1)),
        apiParts: overviewApiParts,
        ratio: Number((overviewPage / overviewApi).toFixed(2)),
        goal: 1.3,
      },
      overviewWeight: {
        htmlBytes,
        htmlGzipBytes: gzipSync(html).length,
        cssGzipBytes: assetWireSize('woud.css'),
        scriptsGzipBytes: assetWireSize('htmx.min.js') + assetWireSize('woud.js'),
        totalTransferKB: Number(((htmlBytes + assets) / 1024).toFixed(1)),
        goalKB: 150,
      },
    }
  } finally {
    await app.close()
    db.$client.close()
  }
}
