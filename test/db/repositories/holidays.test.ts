// Adding a KB-gelijkgestelde dag (Atw art. 3 lid 3): a date that already does not count is refused with a message
// naming the day that is there, nothing written (no row, no audit); a new day is added once, audited, and moves deadlines.
import t from 'tap'
import { listAudit, SYSTEM } from '../../../db/audit.js'
import { openDatabase } from '../../../db/client.js'
import { addGelijkgesteldeDag, listHolidays } from '../../../db/repositories/holidays.js'
import { cliOn } from '../../helpers.js'

t.test('a date that is already a holiday, or a weekend day, is refused and nothing is written', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const rows = listHolidays(db).length
  const audits = listAudit(db, { entity: 'holiday' }).total
  const cases: [string, RegExp][] = [
    ['2026-12-25', /^25-12-2026 is al een feestdag: Eerste Kerstdag \(Algemene termijnenwet art\. 3 .*\)\. Er is niets toegevoegd\.$/],
    ['2026-05-15', /^15-05-2026 is al een feestdag: Vrijdag na Hemelvaartsdag \(Besluit gelijkstelling .* 2026–2028/],
    // Outside the seeded window (2015–2060) the Atw days are computed on demand: still refused.
    ['2075-12-26', /^26-12-2075 is al een feestdag: Tweede Kerstdag \(Algemene termijnenwet art\. 3\)/],
    ['2026-05-16', /^16-05-2026 is een zaterdag; die telt voor de Algemene termijnenwet al niet mee\. Er is niets toegevoegd\.$/],
    ['2026-04-05', /zondag/],
  ]
  for (const [date, message] of cases) {
    t.throws(() => addGelijkgesteldeDag(db, SYSTEM, date, 'Gelijkgesteld', 'KB test'), {
      name: 'HolidayError',
      kind: 'conflict',
      message,
      errors: [{ field: 'date' }],
    })
  }
  t.throws(() => addGelijkgesteldeDag(db, SYSTEM, '2026-02-30', 'x'), { kind: 'invalid', errors: [{ field: 'date' }] })
  t.throws(() => addGelijkgesteldeDag(db, SYSTEM, '2026-11-16', '  '), { kind: 'invalid', errors: [{ field: 'name' }] })
  t.equal(listHolidays(db).length, rows, 'no row added')
  t.equal(listAudit(db, { entity: 'holiday' }).total, audits, 'no audit row')

  addGelijkgesteldeDag(db, SYSTEM, '2029-05-11', 'Vrijdag na Hemelvaartsdag', 'KB 2029–2031')
  t.match(listAudit(db, { entity: 'holiday', entityId: '2029-05-11' }).items, [{ action: 'create', after: { kind: 'gelijkgesteld' } }])
  t.throws(() => addGelijkgesteldeDag(db, SYSTEM, '2029-05-11', 'Vrijdag na Hemelvaartsdag', 'KB 2029–2031'), {
    kind: 'conflict',
    message: /al een feestdag: Vrijdag na Hemelvaartsdag \(KB 2029–2031\)/,
  })
  t.equal(listAudit(db, { entity: 'holiday', entityId: '2029-05-11' }).total, 1, 'the repeat wrote nothing')
})

t.test('woud holiday add: exit 1 with the message on stderr, the database unchanged', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const run = cliOn(db)
  const before = listHolidays(db).length
  const r = await run('holiday', 'add', '--date', '25-12-2026', '--name', 'Kerst (dubbel)')
  t.equal(r.code, 1)
  t.match(r.err, /25-12-2026 is al een feestdag: Eerste Kerstdag/)
  const j = await run('--json', 'holiday', 'add', '--date', '2026-01-02', '--name', 'Vrijdag na Nieuwjaarsdag')
  t.equal(j.code, 1)
  t.match(j.err, /02-01-2026 is al een feestdag: Vrijdag na Nieuwjaarsdag \(Besluit gelijkstelling/)
  t.equal(listHolidays(db).length, before)
  t.equal((await run('holiday', 'add', '--date', '2029-05-11', '--name', 'Vrijdag na Hemelvaartsdag')).code, 0)
  t.equal(listHolidays(db).length, before + 1)
})
