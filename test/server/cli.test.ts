import t from 'tap'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { openDatabase } from '../../db/client.js'
import { runCli } from '../../server/cli.js'
import { CliContext } from '../../server/cli/context.js'

function capture() {
  let out = ''
  let err = ''
  const stdout = new Writable({
    write(c, _e, cb) {
      out += c
      cb()
    },
  })
  const stderr = new Writable({
    write(c, _e, cb) {
      err += c
      cb()
    },
  })
  return { stdout, stderr, out: () => out, err: () => err }
}

async function cli(args: string[]) {
  const io = capture()
  const code = await runCli(args, (opts) => new CliContext(opts, io.stdout, io.stderr))
  return { code, out: io.out(), err: io.err() }
}

t.test('org add: text and --json output, exit codes of the contract', async (t) => {
  const db = join(t.testdir(), 'woud.db')
  const ok = await cli(['--db', db, '--json', 'org', 'add', '--code', 'GM0363', '--name', 'Amsterdam'])
  t.equal(ok.code, 0)
  t.same(JSON.parse(ok.out), { code: 'GM0363', name: 'Amsterdam', kind: 'gemeente', members: [] })
  const gr = await cli(['--db', db, 'org', 'add', '--code', 'GR0001', '--name', 'Stroomopwaarts MVS', '--kind', 'gr', '--member', 'GM0363'])
  t.equal(gr.code, 0)
  t.match(gr.out, /GR0001/)
  const dup = await cli(['--db', db, 'org', 'add', '--code', 'GM0363', '--name', 'Amsterdam'])
  t.equal(dup.code, 1, 'rejected input exits 1')
  t.match(dup.err, /bestaat al/)
  const dupJson = await cli(['--db', db, '--json', 'org', 'add', '--code', 'GM0363', '--name', 'Amsterdam'])
  t.match(JSON.parse(dupJson.out), { error: /bestaat al/, exitCode: 1 }, 'with --json a failure is a JSON document on stdout')
  t.equal((await cli(['--db', db, 'import', 'grants', 'x.xlsx'])).code, 2, 'import grants without --org is a usage error')
  t.equal(
    (await cli(['--db', db, 'import', 'actuals', 'x.csv', '--org', 'GM0363'])).code,
    2,
    'import actuals without --year is a usage error',
  )
  const usage = await cli(['--db', db, 'org', 'add', '--code', 'Amsterdam', '--name', 'x'])
  t.equal(usage.code, 2, 'a bad option value is a usage error')
  const missing = await cli(['--db', db, 'org', 'add', '--name', 'x'])
  t.equal(missing.code, 2, 'a missing required option is a usage error')
  const unknown = await cli(['--db', db, 'frobnicate'])
  t.equal(unknown.code, 2)
})

t.test('backup: a consistent copy that opens as a Woud database', async (t) => {
  const dir = t.testdir()
  const db = join(dir, 'woud.db')
  await cli(['--db', db, 'org', 'add', '--code', 'GM0014', '--name', 'Groningen'])
  const target = join(dir, 'backup.db')
  const r = await cli(['--db', db, '--json', 'backup', target])
  t.equal(r.code, 0)
  t.equal(JSON.parse(r.out).file, target)
  t.ok(existsSync(target))
  const copy = openDatabase(target)
  t.equal((copy.$client.prepare("SELECT name FROM organisations WHERE code = 'GM0014'").get() as { name: string }).name, 'Groningen')
  t.equal(copy.$client.pragma('integrity_check', { simple: true }), 'ok')
  copy.$client.close()
  const again = await cli(['--db', db, 'backup', target])
  t.equal(again.code, 1, 'an existing file is not overwritten without --force')
  t.equal((await cli(['--db', db, 'backup', target, '--force'])).code, 0)
})

t.test('a foreign database file is refused with a clear message and exit 3', async (t) => {
  const dir = t.testdir({ 'x.db': 'not a database' })
  const r = await cli(['--db', join(dir, 'x.db'), 'org', 'add', '--code', 'GM0001', '--name', 'X'])
  t.equal(r.code, 3)
  t.match(r.err, /geen SQLite-database/)
})
