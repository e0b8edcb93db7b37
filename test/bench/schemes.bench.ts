// Bench: GET /api/v1/schemes?limit=50 (the bundled catalogue) through Woud against the anchor: a bare Fastify
// handler running the same prepared page and windows queries over real HTTP. Load comes from autocannon in a
// separate process. Goal: Woud >= 0.75x the anchor.
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { SCHEME_PAGE_SQL, schemeFilterParams } from '../../db/repositories/scheme-list.js'
import { createToken, createUser } from '../../db/repositories/users.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { bareServer, compare } from './http.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const LIMIT = 50

export async function run(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:')
  const user = createUser(db, SYSTEM, { email: 'bench@woud.test', name: 'Bench', isAdmin: true })
  const { token } = createToken(db, SYSTEM, user.id)
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:' }), { db, logger: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })

  const page = db.$client.prepare(SCHEME_PAGE_SQL)
  const windows = db.$client.prepare(
    'SELECT * FROM scheme_windows WHERE scheme_id IN (SELECT value FROM json_each(?)) ORDER BY opens_on, tranche',
  )
  const count = db.$client.prepare('SELECT count(*) FROM schemes').pluck()
  const params = { ...schemeFilterParams({}), limit: LIMIT, offset: 0 }
  const bare = await bareServer('/schemes', () => {
    const items = page.all(params) as { id: number }[]
    return { items, windows: windows.all(JSON.stringify(items.map((s) => s.id))), total: count.get() }
  })
  try {
    const result = await compare(
      `${address}/api/v1/schemes?limit=${LIMIT}`,
      { authorization: `Bearer ${token}` },
      `${bare.url}/schemes`,
      SECONDS,
    )
    return { what: `GET /api/v1/schemes?limit=${LIMIT}, 4 connections, best of 3 alternating runs of ${SECONDS} s`, ...result }
  } finally {
    await app.close()
    await bare.app.close()
    db.$client.close()
  }
}
