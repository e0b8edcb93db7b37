// Safe outputs (issue 13.5): export and calendar never overwrite the database (even through a symlink) nor an
// existing file without --force, and write whole files; the HTTP workbook is built whole before the first byte.
import t from 'tap'
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../db/client.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { cliOn, testApp, userWithToken } from '../helpers.js'
import { seedPortfolio } from '../fixtures/reports.js'

t.test('export and calendar refuse the database, a symlink to it and an existing file without --force', async (t) => {
  const dir = t.testdir({})
  const file = join(dir, 'woud.db')
  const db = openDatabase(file)
  t.teardown(() => db.$client.close())
  seedPortfolio(db)
  const grants = () => (db.$client.prepare('SELECT count(*) AS n FROM grants').get() as { n: number }).n
  const before = grants()
  symlinkSync(file, join(dir, 'link.xlsx'))
  symlinkSync(file, join(dir, 'link.ics'))
  const run = cliOn(db)
  for (const argv of [
    ['export', 'bbv', '--org', 'GM0363', '--year', '2026', '--out', join(dir, 'link.xlsx'), '--force'],
    ['calendar', '--org', 'GM0363', '--out', file, '--force'],
    ['calendar', '--org', 'GM0363', '--out', join(dir, 'link.ics'), '--force'],
  ]) {
    const r = await run(...argv)
    t.equal(r.code, 2, argv.join(' '))
    t.match(r.err, /is de database zelf/)
  }
  t.equal(grants(), before, 'the database is intact')
  t.equal(db.$client.pragma('integrity_check', { simple: true }), 'ok')

  const xlsx = join(dir, 'bestaand.xlsx')
  const ics = join(dir, 'bestaand.ics')
  writeFileSync(xlsx, 'oud')
  writeFileSync(ics, 'oud')
  let r = await run('export', 'bbv', '--org', 'GM0363', '--year', '2026', '--out', xlsx)
  t.equal(r.code, 2)
  t.match(r.err, /bestaat al; gebruik --force/)
  r = await run('calendar', '--org', 'GM0363', '--out', ics)
  t.equal(r.code, 2)
  t.equal(readFileSync(xlsx, 'utf8'), 'oud')
  t.equal(readFileSync(ics, 'utf8'), 'oud')
  r = await run('export', 'bbv', '--org', 'GM0363', '--year', '2026', '--out', xlsx, '--force')
  t.equal(r.code, 0, r.err)
  t.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK', 'replaced by a workbook')
  r = await run('calendar', '--org', 'GM0363', '--out', ics, '--force')
  t.equal(r.code, 0, r.err)
  t.match(readFileSync(ics, 'utf8'), /^BEGIN:VCALENDAR/)
  t.strictSame(
    readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
    'no temp files left',
  )
  t.ok(statSync(file).size > 0)
  t.ok(existsSync(file))
})

t.test('a render that fails rejects before any byte is written', async (t) => {
  await t.rejects(renderWorkbook([{ kind: 'grid', name: 'X', rows: [[{ value: 'a' }]], merges: ['A1:B1', 'A1:C1'] }]))
})

t.test('the HTTP workbook arrives whole with its length', async (t) => {
  const { db, api } = await testApp(t)
  seedPortfolio(db)
  const token = userWithToken(db, 'c@woud.test', [{ orgCode: 'GM0363', role: 'controller' }])
  const res = await api({ method: 'GET', url: '/api/v1/reports/portfolio?org=GM0363&year=2026&format=xlsx', token })
  t.equal(res.statusCode, 200)
  t.equal(Number(res.headers['content-length']), res.rawPayload.length)
  t.equal(res.rawPayload.subarray(0, 2).toString(), 'PK')
})
