// A large catalogue import in a second process (the real CLI) while the API serves reads and writes over real
// HTTP on the same database file: no 500s, every acknowledged write is there afterwards, 503s carry Retry-After.
import t from 'tap'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { openDatabase } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { createToken, createUser } from '../../db/repositories/users.js'
import { childEnv, TEST_NOW } from '../helpers.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// Large enough that the import spans many request rounds, small enough to stay a few seconds on a quiet machine.
const ROWS = 8_000

t.test('an import in another process never makes the API answer 500 or lose a write', async (t) => {
  const dir = t.testdir({})
  const dbPath = join(dir, 'woud.db')
  const db = openDatabase(dbPath)
  const admin = createUser(db, SYSTEM, { email: 'beheer@woud.test', name: 'Beheer', isAdmin: true })
  const token = createToken(db, SYSTEM, admin.id).token
  const csv = ['code;naam;ministerie;aard;beginjaar']
    .concat(Array.from({ length: ROWS }, (_, i) => `conc-${i};Regeling ${i};BZK;incidenteel;2025`))
    .join('\n')
  writeFileSync(join(dir, 'catalogus.csv'), csv)
  const before = db.$client.prepare('SELECT count(*) FROM schemes').pluck().get() as number

  const app = await buildApp(loadConfig({}, { dbPath, now: () => TEST_NOW }), { db, logger: false })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }

  // No coverage from the tsx child: tap would merge it into the test process's own and undercount (test/helpers.ts).
  const env = childEnv()
  delete env.NODE_OPTIONS
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/cli.ts', '--db', dbPath, '--json', 'import', 'schemes', join(dir, 'catalogus.csv')],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  let err = ''
  child.stdout.on('data', (c) => {
    out += c
  })
  child.stderr.on('data', (c) => {
    err += c
  })
  const exited = new Promise<number>((res) => child.on('exit', (code) => res(code ?? -1)))
  let done = false
  void exited.then(() => {
    done = true
  })

  const statuses = new Map<number, number>()
  const acknowledged: string[] = []
  let missingRetryAfter = 0
  let n = 0
  const started = Date.now()
  // Reads and writes side by side until the import is over (and at least a few rounds), bounded in time.
  while ((!done || n < 20) && Date.now() - started < 90_000) {
    const code = `GR${String(10000 + n).slice(-5)}`
    n++
    const [read, write] = await Promise.all([
      fetch(`${base}/api/v1/schemes?limit=5&q=conc`, { headers }),
      fetch(`${base}/api/v1/organisations`, { method: 'POST', headers, body: JSON.stringify({ code, name: `Regio ${n}`, kind: 'gr' }) }),
    ])
    for (const r of [read, write]) {
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
      if (r.status === 503 && !r.headers.get('retry-after')) missingRetryAfter++
      await r.arrayBuffer()
    }
    if (write.status === 201) acknowledged.push(code)
  }
  const exitCode = await exited
  t.equal(exitCode, 0, `the import finished: ${err.slice(-500)}`)
  t.match(JSON.parse(out.trim().split('\n').at(-1)!), { created: ROWS, rejected: 0 })
  t.equal(statuses.get(500) ?? 0, 0, `no 500 among ${[...statuses].map(([s, c]) => `${c}x${s}`).join(', ')}`)
  t.ok(
    [...statuses.keys()].every((s) => s === 200 || s === 201 || s === 503),
    'only 200, 201 or 503',
  )
  t.equal(missingRetryAfter, 0, 'every 503 says when to retry')
  const present = new Set(db.$client.prepare('SELECT code FROM organisations').pluck().all() as string[])
  t.strictSame(
    acknowledged.filter((c) => !present.has(c)),
    [],
    `all ${acknowledged.length} acknowledged writes are stored`,
  )
  t.equal(db.$client.prepare('SELECT count(*) FROM schemes').pluck().get(), before + ROWS, 'the import is complete too')
})
