// GET /api/v1/schemes through Woud (auth, validation, response schema) vs a bare Fastify + better-sqlite3
// handler serving the same rows, both over real HTTP on 127.0.0.1, measured in one run with autocannon.
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { openDatabase } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { createToken, createUser } from '../../db/repositories/users.js'

const DURATION_S = 8

async function load(url: string, headers: Record<string, string>): Promise<{ rps: number; p99ms: number; errors: number }> {
  const r = await autocannon({ url, headers, connections: 10, duration: DURATION_S })
  return { rps: Math.round(r.requests.average), p99ms: r.latency.p99, errors: r.errors + r.non2xx }
}

export async function run(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:')
  const user = createUser(db, SYSTEM, { email: 'bench@woud.test', name: 'Bench', isAdmin: true })
  const { token } = createToken(db, SYSTEM, user.id)
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:' }), { db, logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const woudUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1/schemes?limit=50`

  const bare = Fastify({ logger: false })
  const list = db.$client.prepare('SELECT * FROM schemes ORDER BY code LIMIT 50')
  const windows = db.$client.prepare('SELECT * FROM scheme_windows WHERE scheme_id = ?')
  const total = db.$client.prepare('SELECT count(*) AS n FROM schemes')
  bare.get('/schemes', async () => {
    const items = (list.all() as { id: number }[]).map((s) => ({ ...s, windows: windows.all(s.id) }))
    return { items, total: (total.get() as { n: number }).n }
  })
  await bare.listen({ port: 0, host: '127.0.0.1' })
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/schemes`

  const auth = { authorization: `Bearer ${token}` }
  await load(woudUrl, auth) // warm-up of both JITs is part of the first short run
  const woud = await load(woudUrl, auth)
  const baseline = await load(bareUrl, {})
  await app.close()
  await bare.close()
  db.$client.close()
  return {
    what: 'GET /api/v1/schemes?limit=50 (bundled catalogue), 10 connections, ' + DURATION_S + ' s each',
    woud, bare: baseline, ratio: Number((woud.rps / baseline.rps).toFixed(2)),
  }
}
