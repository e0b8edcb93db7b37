// Bench: GET /api/v1/grants (a 100-row page and all 5,000 rows, with current-year figures) through Woud (auth,
// validation, DTOs, response schema) against the anchor: a bare Fastify handler running the very same prepared
// query over real HTTP. Load comes from autocannon in a separate process. Goal: Woud >= 0.75x the anchor.
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { filterParams, listSql, GRANT_FROM } from '../../db/repositories/grant-list.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { createToken, createUser } from '../../db/repositories/users.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { bareServer, compare } from './http.js'

const GRANTS = 5000
const YEAR = 2026
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)

export async function run(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:')
  const org = createOrganisation(db, SYSTEM, { code: 'GM0363', name: 'Amsterdam' })
  const schemeIds = (db.$client.prepare('SELECT id FROM schemes').all() as { id: number }[]).map((r) => r.id)
  const insGrant = db.$client.prepare(`INSERT INTO grants (organisation_id, scheme_id, reference, title, status, beschikkingsnummer,
    requested_cents, awarded_cents, period_from, period_to) VALUES (?, ?, ?, ?, 'toegekend', ?, ?, ?, '2025-01-01', '2027-12-31')`)
  const insYear = db.$client.prepare(`INSERT INTO grant_years (grant_id, year, planned_baten_cents, planned_lasten_cents,
    realised_baten_cents,
    realised_lasten_cents) VALUES (?, ?, ?, ?, ?, ?)`)
  db.$client.transaction(() => {
    for (let i = 1; i <= GRANTS; i++) {
      const id = Number(
        insGrant.run(org.id, schemeIds[i % schemeIds.length], `K-${i}`, `Subsidie ${i}`, `B-${i}`, 100_000_00 + i, 90_000_00 + i)
          .lastInsertRowid,
      )
      for (const y of [2025, 2026, 2027]) insYear.run(id, y, 30_000_00 + i, 30_000_00 + i, 10_000_00, 12_000_00)
    }
  })()
  const admin = createUser(db, SYSTEM, { email: 'bench@woud.test', name: 'Bench', isAdmin: true })
  const token = createToken(db, SYSTEM, admin.id).token
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => new Date(`${YEAR}-06-01T10:00:00Z`) }), { db, logger: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })

  // The anchor runs the same statement text with the parameters Woud binds for an operator, rows as objects.
  const params = filterParams({ organisationIds: 'all', year: YEAR })
  const page = db.$client.prepare(listSql(undefined))
  const count = db.$client.prepare(`SELECT count(*) FROM ${GRANT_FROM} WHERE g.archived_at IS NULL`).pluck()
  let limit = 100
  const bare = await bareServer('/grants', () => ({
    items: page.all({ ...params, figuresYear: YEAR, limit, offset: 0 }),
    total: count.get(),
  }))

  const headers = { authorization: `Bearer ${token}` }
  const figures: Record<string, unknown> = { grants: GRANTS, year: YEAR, seconds: SECONDS, connections: 4 }
  try {
    for (const n of [100, GRANTS]) {
      limit = n
      const path = `/api/v1/grants?year=${YEAR}&limit=${n}`
      const check = await app.inject({ method: 'GET', url: path, headers })
      const body = check.json() as { items: { yearFigures: unknown }[]; total: number }
      if (check.statusCode !== 200 || body.items.length !== n || !body.items[0].yearFigures) {
        throw new Error(`unexpected list response ${check.statusCode}`)
      }
      // All 5,000 rows take seconds a request on a busy machine: one connection and longer runs give whole counts.
      const big = n === GRANTS
      figures[`limit${n}`] = await compare(
        `${address}${path}`,
        headers,
        `${bare.url}/grants`,
        big ? SECONDS * 3 : SECONDS,
        big ? 2 : 3,
        big ? 1 : 4,
      )
    }
  } finally {
    await app.close()
    await bare.app.close()
    db.$client.close()
  }
  return figures
}
