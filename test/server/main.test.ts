// Processes that behave: `npm start`'s command is one Node process that says where it listens and stops on
// SIGTERM; the `woud` bin prints clean JSON; read-only commands never migrate; backup refuses links to the live file.
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { linkSync, readFileSync, statSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { createUser } from '../../db/repositories/users.js'
import { runCli } from '../../server/cli.js'
import { CliContext } from '../../server/cli/context.js'
import { childEnv } from '../helpers.js'

const root = join(import.meta.dirname, '..', '..')

async function cli(argv: string[]) {
  let out = ''
  let err = ''
  const stdout = new Writable({
    write(c, _e, cb) {
      out += String(c)
      cb()
    },
  })
  const stderr = new Writable({
    write(c, _e, cb) {
      err += String(c)
      cb()
    },
  })
  const code = await runCli(argv, (opts) => new CliContext(opts, stdout, stderr))
  return { code, out, err }
}

function seeded(dir: string): string {
  const file = join(dir, 'woud.db')
  const db = openDatabase(file)
  createOrganisation(db, SYSTEM, { code: 'GM0363', name: 'Amsterdam' })
  createUser(db, SYSTEM, { email: 'piet@gemeente.nl', name: 'Piet', roles: [{ orgCode: 'GM0363', role: 'lezer' }] })
  db.$client.close()
  return file
}

t.test('npm start is one node process: one start line with URL, /docs and the first-user hint; SIGTERM stops it', async (t) => {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string
  t.match(start, /^node --import tsx server\/main\.ts$/, 'no npm -> tsx -> node chain that SIGTERM would leave running')
  const dir = t.testdir({})
  const [cmd, ...args] = start.split(' ')
  const child = spawn(cmd === 'node' ? process.execPath : cmd, args, {
    cwd: root,
    env: childEnv({ PORT: '0', WOUD_DB: join(dir, 'new.db'), LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const line = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const found = out.split('\n').find((l) => l.includes('Woud luistert op'))
      if (found) resolve(JSON.parse(found))
    })
    child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)))
  })
  t.match(
    line.msg,
    /^Woud luistert op http:\/\/127\.0\.0\.1:\d+ \(API-documentatie: http:\/\/127\.0\.0\.1:\d+\/docs\)\. Nog geen gebruikers/,
  )
  t.match(line.msg, /user add --email E --name N --admin/)
  t.equal(out.split('\n').filter((l) => l.includes('listening') || l.includes('luistert')).length, 1, 'one start line')
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  t.equal(await exit, 0, 'SIGTERM ends the server cleanly')
})

t.test('the woud bin prints only JSON on stdout with --json', async (t) => {
  const file = seeded(t.testdir({}))
  const r = spawnSync(process.execPath, [join(root, 'server', 'bin.mjs'), '--db', file, 'user', 'list', '--json'], {
    encoding: 'utf8',
    env: childEnv(),
  })
  t.equal(r.status, 0, r.stderr)
  t.match(JSON.parse(r.stdout), { items: [{ email: 'piet@gemeente.nl' }] })
})

t.test('read-only commands open the database read-only and never migrate it', async (t) => {
  const file = seeded(t.testdir({}))
  // Forget the newest migration: a command that migrated would run it again and the row would come back.
  const db = openDatabase(file, { migrate: false })
  const before = db.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number
  db.$client.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run()
  db.$client.pragma('journal_mode = DELETE')
  db.$client.close()
  const mtime = statSync(file).mtimeMs
  const users = await cli(['--db', file, 'user', 'list', '--json'])
  t.equal(users.code, 0, users.err)
  t.match(JSON.parse(users.out), { items: [{ email: 'piet@gemeente.nl', roles: [{ organisation: 'GM0363', role: 'lezer' }] }] })
  const deadlines = await cli(['--db', file, 'deadlines', '--org', 'GM0363', '--json'])
  t.equal(deadlines.code, 0, deadlines.err)
  t.ok(Array.isArray(JSON.parse(deadlines.out).deadlines))
  const out = join(dirname(file), 'portefeuille.xlsx')
  const exported = await cli(['--db', file, 'export', 'portfolio', '--org', 'GM0363', '--year', '2026', '--out', out, '--json'])
  t.equal(exported.code, 0, exported.err)
  t.equal(JSON.parse(exported.out).file, out)
  t.ok(statSync(out).size > 1000, 'the workbook was written')
  const check = openDatabase(file, { readonly: true })
  t.equal(check.$client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get(), before - 1, 'no migration ran')
  check.$client.close()
  t.equal(statSync(file).mtimeMs, mtime, 'the file was not written')
  const missing = await cli(['--db', join(t.testdir({}), 'nothing.db'), 'user', 'list'])
  t.equal(missing.code, 3)
  t.match(missing.err, /bestaat niet/)
})

t.test('backup refuses a symlink or hard link to the live database, and writes a real copy', async (t) => {
  const dir = t.testdir({})
  const file = seeded(dir)
  symlinkSync(file, join(dir, 'sym.db'))
  linkSync(file, join(dir, 'hard.db'))
  for (const target of ['sym.db', 'hard.db']) {
    const r = await cli(['--db', file, 'backup', join(dir, target), '--force'])
    t.equal(r.code, 2, `${target} is refused`)
    t.match(r.err, /de database zelf/)
  }
  const ok = await cli(['--db', file, 'backup', join(dir, 'copy.db'), '--json'])
  t.equal(ok.code, 0, ok.err)
  const copy = openDatabase(join(dir, 'copy.db'), { readonly: true })
  t.equal(copy.$client.prepare('SELECT count(*) FROM users').pluck().get(), 1)
  copy.$client.close()
})

t.test('the two Node-22-declared dependencies work on this Node (the EBADENGINE warnings of npm ci are harmless)', async (t) => {
  const require = createRequire(import.meta.url)
  // cookie@2 (via fastify's light-my-request): inject() with cookies, as the web tests sign in.
  const app = Fastify()
  app.get('/', async (req) => ({ cookie: req.headers.cookie }))
  t.teardown(() => app.close())
  const r = await app.inject({ url: '/', cookies: { sessie: 'a b' } })
  t.equal(r.json().cookie, 'sessie=a%20b')
  // content-disposition@3 (via @fastify/static under /docs): the header of a download.
  const staticRequire = createRequire(require.resolve('@fastify/static'))
  const { create } = staticRequire('content-disposition') as { create: (name: string) => string }
  t.equal(create('rapport ü.xlsx'), 'attachment; filename="rapport ?.xlsx"; filename*=UTF-8\'\'rapport%20%C3%BC.xlsx')
})
