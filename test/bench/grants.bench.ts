// Bench: listing 5,000 grants with their current-year figures through the API (autocannon over real HTTP)
// against a bare better-sqlite3 query of the same rows, as requests per second and their ratio.
import autocannon from 'autocannon'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { createToken, createUser } from '../../db/repositories/users.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'

const GRANTS = 5000
const YEAR = 2026
const SECONDS = 8

const BARE = `SELECT g.*, o.code AS organisation, s.code AS scheme, y.* FROM grants g
  JOIN organisations o ON o.id = g.organisation_id JOIN schemes s ON s.id = g.scheme_id
  LEFT JOIN grant_years y ON y.grant_id = g.id AND y.year = ?
  WHERE g.archived_at IS NULL ORDER BY g.id LIMIT ? OFFSET 0`

export async function run(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:')
  const org = createOrganisation(db, SYSTEM, { code: 'GM0363', name: 'Amsterdam' })
  const schemeIds = (db.$client.prepare('SELECT id FROM schemes').all() as { id: number }[]).map((r) => r.id)
  const insGrant = db.$client.prepare(`INSERT INTO grants (organisation_id, scheme_id, reference, title, status, beschikkingsnummer, requested_cents, awarded_cents, period_from, period_to)
    VALUES (?, ?, ?, ?, 'toegekend', ?, ?, ?, '2025-01-01', '2027-12-31')`)
  const insYear = db.$client.prepare('INSERT INTO grant_years (grant_id, year, planned_baten_cents, planned_lasten_cents, realised_baten_cents, realised_lasten_cents) VALUES (?, ?, ?, ?, ?, ?)')
  db.$client.transaction(() => {
    for (let i = 1; i <= GRANTS; i++) {
      const id = Number(insGrant.run(org.id, schemeIds[i % schemeIds.length], `K-${i}`, `Subsidie ${i}`, `B-${i}`, 100_000_00 + i, 90_000_00 + i).lastInsertRowid)
      for (const y of [2025, 2026, 2027]) insYear.run(id, y, 30_000_00 + i, 30_000_00 + i, 10_000_00, 12_000_00)
    }
  })()
  const admin = createUser(db, SYSTEM, { email: 'bench@woud.test', name: 'Bench', isAdmin: true })
  const token = createToken(db, SYSTEM, admin.id).token
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => new Date(`${YEAR}-06-01T10:00:00Z`) }), { db, logger: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const headers = { authorization: `Bearer ${token}` }
  const figures: Record<string, unknown> = { grants: GRANTS, year: YEAR, seconds: SECONDS }
  try {
    for (const limit of [GRANTS, 100]) {
      const url = `${address}/api/v1/grants?year=${YEAR}&limit=${limit}`
      const check = await app.inject({ method: 'GET', url: `/api/v1/grants?year=${YEAR}&limit=${limit}`, headers })
      const body = check.json() as { items: { yearFigures: unknown }[]; total: number }
      if (check.statusCode !== 200 || body.items.length !== limit || !body.items[0].yearFigures) throw new Error(`unexpected list response ${check.statusCode}`)
      const result = await autocannon({ url, connections: 4, duration: SECONDS, headers })
      const stmt = db.$client.prepare(BARE)
      let n = 0
      const end = Date.now() + SECONDS * 1000
      while (Date.now() < end) { stmt.all(YEAR, limit); n++ }
      const bare = n / SECONDS
      const api = result.requests.average
      figures[`limit${limit}`] = {
        apiRequestsPerSec: api, apiLatencyP50Ms: result.latency.p50, apiErrors: result.errors + result.non2xx,
        responseBytes: check.body.length, bareQueriesPerSec: Math.round(bare), bareOverApiRatio: Number((bare / api).toFixed(1)),
      }
    }
  } finally {
    await app.close()
    db.$client.close()
  }
  return figures
}
