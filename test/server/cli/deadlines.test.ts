// woud deadlines (table and --json per docs/cli.md), woud calendar --out FILE.ics, woud holiday add.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ICAL from 'ical.js'
import { openDatabase, type Db } from '../../../db/client.js'
import { seedPortfolio } from '../../fixtures/deadlines.js'
import { cliOn } from '../../helpers.js'

const cli = (db: Db) => cliOn(db)

function setup(t: { teardown: (fn: () => void) => void }) {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  return { db, run: cli(db), ...seedPortfolio(db) }
}

t.test('woud deadlines --json prints the contract shape, sorted by date', async (t) => {
  const { run, awarded } = setup(t)
  const r = await run('--json', 'deadlines', '--org', 'GM0363', '--from', '2026-11-01', '--to', '2027-07-31')
  t.equal(r.code, 0, r.err)
  const { deadlines } = r.json()
  t.strictSame(Object.keys(deadlines[0]).slice(0, 7), ['date', 'nominalDate', 'kind', 'title', 'grantId', 'schemeCode', 'state'])
  t.strictSame(
    deadlines.map((d: { date: string }) => d.date),
    deadlines.map((d: { date: string }) => d.date).sort(),
  )
  t.match(deadlines[0], {
    date: '2026-11-16',
    nominalDate: '2026-11-14',
    kind: 'begroting',
    grantId: null,
    schemeCode: null,
    state: 'overdue',
  })
  t.match(
    deadlines.find((d: { kind: string; grantId: number | null }) => d.kind === 'spend' && d.grantId === awarded.id),
    { date: '2027-06-30', schemeCode: 'vro-lai-isolatie-t1', state: 'open' },
  )
  t.ok(deadlines.every((d: { date: string }) => d.date >= '2026-11-01' && d.date <= '2027-07-31'))
})

t.test('woud deadlines prints a Dutch table', async (t) => {
  const { run } = setup(t)
  const r = await run('deadlines', '--org', 'gm0363', '--from', '01-11-2026', '--to', '31-12-2026')
  t.equal(r.code, 0, r.err)
  t.match(r.out, /^Datum\s+Nominaal\s+Status\s+Urgentie\s+Omschrijving/)
  t.match(r.out, /16-11-2026\s+\(14-11-2026, zaterdag, zondag\)\s+verlopen\s+hoog\s+Begroting 2027 vóór 15 november/)
})

t.test('woud deadlines refuses bad input with the contract exit codes', async (t) => {
  const { run } = setup(t)
  t.equal((await run('deadlines', '--org', 'GM0363', '--from', '2027-01-01', '--to', '2026-01-01')).code, 2)
  t.equal((await run('deadlines', '--org', 'GM0363', '--from', '31-02-2026')).code, 2)
  t.equal((await run('deadlines', '--org', 'GM0363', '--state', 'laat')).code, 2)
  t.equal((await run('deadlines')).code, 2, '--org is required')
  const unknown = await run('deadlines', '--org', 'GM9999')
  t.equal(unknown.code, 1)
  t.match(unknown.err, /GM9999 bestaat niet/)
})

t.test('woud calendar writes a valid iCalendar file', async (t) => {
  const { run } = setup(t)
  const dir = t.testdir({})
  const file = join(dir, 'deadlines.ics')
  const r = await run('--json', 'calendar', '--org', 'GM0363', '--out', file)
  t.equal(r.code, 0, r.err)
  t.match(r.json(), { file, from: '2025-01-01', to: '2028-12-31' })
  const cal = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')))
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
  t.equal(events.length, r.json().events)
  t.ok(
    events.every((e) => e.startDate.isDate),
    'all-day',
  )
  t.ok(events.some((e) => e.uid === 'sisa:GM0363:2025/GM0363@woud' && e.startDate.toString() === '2026-07-15'))
  t.equal((await run('calendar', '--org', 'GM0363')).code, 2, '--out is required')
})

t.test('woud holiday add: a KB day moves Atw deadlines', async (t) => {
  const { run } = setup(t)
  // 16 November 2026 is where the begroting lands after the weekend; a KB day there pushes it to the 17th.
  t.equal((await run('holiday', 'add', '--date', '2026-11-16', '--name', 'Gelijkgesteld (test)')).code, 0)
  const r = await run('--json', 'deadlines', '--org', 'GM0363', '--kind', 'begroting', '--from', '2026-11-01', '--to', '2026-11-30')
  t.match(r.json().deadlines, [{ date: '2026-11-17', nominalDate: '2026-11-14' }])
  t.equal((await run('holiday', 'add', '--date', '2026-12-25', '--name', 'dubbel')).code, 1, 'already a holiday')
})
