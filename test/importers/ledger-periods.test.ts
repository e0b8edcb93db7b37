// Ledgers by period (issue 15 item 6): --from/--to months; the same period again replaces its own part, another
// period adds to the year; a partly overlapping period is an error naming both, and nothing is written. The
// result lists per grant-year the realised figures before and after.
import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getGrant } from '../../db/repositories/grants.js'
import { runImport } from '../../importers/index.js'
import { cliOn, freshDb, seedOrganisation } from '../helpers.js'

const who = { actor: 'controller@woud.test', source: 'cli' }
const ledger = (lasten: string) =>
  Buffer.from(`Boekjaar;Beschikkingsnummer;Soort;Bedrag\n2026;SZW-9;Lasten;${lasten}\n2026;SZW-9;Baten;100,00\n`)

t.test('periods replace themselves and add to others; partial overlap is refused', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const g = await runImport(db, {
    kind: 'grants',
    fileName: 'p.csv',
    orgCode: 'GM0363',
    who,
    bytes: Buffer.from(
      'Kenmerk;Regeling;Titel;Status;Beschikkingsnummer;Toegekend;Van;Tot\nP-1;szw-g2;Re-integratie;toegekend;SZW-9;100.000,00;01-01-2026;31-12-2026\n',
    ),
  })
  t.strictSame(g.errors, [])
  const realised = () => {
    const y = getGrant(db, 1)!.years.find((x) => x.year === 2026)!
    return [y.realisedBatenCents, y.realisedLastenCents]
  }
  const dir = mkdtempSync(join(tmpdir(), 'woud-period-'))
  const file = (name: string, b: Buffer) => {
    const p = join(dir, name)
    writeFileSync(p, b)
    return p
  }
  const run = cliOn(db)

  const q1 = await run(
    'import',
    'actuals',
    file('q1.csv', ledger('1.000,00')),
    '--org',
    'GM0363',
    '--year',
    '2026',
    '--from',
    '01',
    '--to',
    '2026-03',
    '--json',
  )
  t.equal(q1.code, 0, q1.out)
  t.match(q1.json().details, [
    { grantId: 1, year: 2026, before: { realisedLastenCents: 0 }, after: { realisedBatenCents: 100_00, realisedLastenCents: 1_000_00 } },
  ])
  t.strictSame(realised(), [100_00, 1_000_00])

  const q2 = await run(
    'import',
    'actuals',
    file('q2.csv', ledger('500,00')),
    '--org',
    'GM0363',
    '--year',
    '2026',
    '--from',
    '4',
    '--to',
    '6',
  )
  t.equal(q2.code, 0, q2.err)
  t.match(q2.out, /Subsidie 1, 2026: baten 100,00 → 200,00; lasten 1\.000,00 → 1\.500,00/, 'a different period adds')
  t.strictSame(realised(), [200_00, 1_500_00])

  const again = await runImport(db, {
    kind: 'actuals',
    fileName: 'q1b.csv',
    orgCode: 'GM0363',
    year: 2026,
    period: { from: 1, to: 3 },
    who,
    bytes: ledger('1.200,00'),
  })
  t.strictSame(again.errors, [])
  t.match(
    again.details,
    [{ before: { realisedLastenCents: 1_500_00 }, after: { realisedLastenCents: 1_700_00 } }],
    'the same period replaces its own part',
  )
  t.strictSame(realised(), [200_00, 1_700_00])
  const same = await runImport(db, {
    kind: 'actuals',
    fileName: 'q1b.csv',
    orgCode: 'GM0363',
    year: 2026,
    period: { from: 1, to: 3 },
    who,
    bytes: ledger('1.200,00'),
  })
  t.match(same, { updated: 0, created: 0 }, 'the same period file twice changes nothing')

  const overlap = await runImport(db, {
    kind: 'actuals',
    fileName: 'feb-apr.csv',
    orgCode: 'GM0363',
    year: 2026,
    period: { from: 2, to: 4 },
    who,
    bytes: ledger('9,00'),
  })
  t.match(overlap.errors, [
    { row: 0, message: /feb-apr\.csv: 2026 maand 02–04 overlapt gedeeltelijk met maand 01–03, eerder ingelezen \(import \d+\)/ },
  ])
  const year = await runImport(db, { kind: 'actuals', fileName: 'jaar.csv', orgCode: 'GM0363', year: 2026, who, bytes: ledger('9,00') })
  t.match(year.errors, [{ message: /het hele jaar overlapt gedeeltelijk/ }], 'a whole-year ledger after month periods is refused too')
  t.strictSame(realised(), [200_00, 1_700_00], 'nothing written')

  const bad = await run(
    'import',
    'actuals',
    file('x.csv', ledger('1,00')),
    '--org',
    'GM0363',
    '--year',
    '2026',
    '--from',
    '07',
    '--to',
    '03',
  )
  t.equal(bad.code, 2)
  t.match(bad.err, /--from 7 ligt na --to 3/)
  t.equal((await run('import', 'actuals', file('y.csv', ledger('1,00')), '--org', 'GM0363', '--year', '2026', '--from', '2025-01')).code, 2)
})
