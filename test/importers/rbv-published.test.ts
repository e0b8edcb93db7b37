// A rijksbegroting Bijlage as published (issue 15 item 1-2): negative amounts in every dash form, the header row
// repeated before a block, x € 1.000; blocks join the catalogue scheme with their SiSa code; nature is kept.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { runImport } from '../../importers/index.js'
import { getScheme, upsertScheme } from '../../db/repositories/schemes.js'
import { SYSTEM } from '../../db/audit.js'
import { cliOn, freshDb } from '../helpers.js'
import { fileURLToPath } from 'node:url'

const who = { actor: 'test', source: 'test' }
const FILE = readFileSync(new URL('../fixtures/rbv/szw-2023-bijlage2-negatief.csv', import.meta.url))

t.test('negatives in every published form, repeated header rows, x € 1.000, linked by SiSa code', async (t) => {
  const db = freshDb()
  // The bundled catalogue has szw-g3 (Bbz) and szw-g2 (Gebundelde uitkering), both structureel, named differently.
  const before = db.$client.prepare('SELECT count(*) FROM schemes').pluck().get()
  const r = await runImport(db, { kind: 'schemes', fileName: 'bijlage2.csv', who, bytes: FILE })
  t.strictSame(r.errors, [])
  t.equal(r.format, 'rbv-bijlage')
  t.notOk(
    r.warnings.some((w) => /Onderdeel|sub-rij/.test(w.message)),
    'no warning for the repeated header row',
  )
  t.equal(db.$client.prepare('SELECT count(*) FROM schemes').pluck().get(), before, 'no second scheme: both blocks joined their SiSa code')
  const bbz = getScheme(db, 'szw-g3')!
  t.strictSame(
    bbz.nationalAmounts,
    [
      { year: 2023, amountCents: -310_000_000 },
      { year: 2024, amountCents: -250_050_000 },
      { year: 2025, amountCents: -100_000_000 },
      { year: 2026, amountCents: -75_000_000 },
    ],
    '‒ 3.100, – 2.500,5, − 1.000 and -750 thousand euro stay negative',
  )
  t.equal(bbz.nature, 'structureel', 'nature is not overwritten by a table that does not state it')
  t.match(bbz.name, /^Besluit bijstandverlening zelfstandigen 2004/, 'the catalogue name is kept')
  const g2 = getScheme(db, 'szw-g2')!
  t.match(g2.nationalAmounts, [
    { year: 2023, amountCents: 610_000_000_000 },
    { year: 2024 },
    { year: 2025 },
    { year: 2026, amountCents: 0 },
  ])
  t.equal(g2.nature, 'structureel')
})

t.test('two schemes with the SiSa code: an error naming both; two blocks with one code: an error', async (t) => {
  const db = freshDb()
  upsertScheme(db, { code: 'szw-bbz-b', name: 'Bbz nieuw', ministry: 'SZW', sisaCode: 'G3' }, SYSTEM, 'api')
  const r = await runImport(db, { kind: 'schemes', fileName: 'bijlage2.csv', who, bytes: FILE })
  t.match(r.errors, [{ row: 4, message: /G3 .* past bij meer dan één regeling: szw-g3 .*szw-bbz-b .*--scheme CODE=G3/ }])
  const run = cliOn(db)
  const chosen = await run(
    '--json',
    'import',
    'schemes',
    fileURLToPath(new URL('../fixtures/rbv/szw-2023-bijlage2-negatief.csv', import.meta.url)),
    '--scheme',
    'szw-bbz-b=G3',
  )
  t.equal(chosen.code, 0, `--scheme CODE=SISA resolves it: ${chosen.err}`)
  t.match(getScheme(db, 'szw-bbz-b')!.nationalAmounts, [{ year: 2023, amountCents: -310_000_000 }])
  const twice = Buffer.from(FILE.toString('utf8').replace('G2;Naam', 'G3;Naam'))
  const r2 = await runImport(freshDb(), { kind: 'schemes', fileName: 'dubbel.csv', who, bytes: twice })
  t.match(r2.errors, [{ row: 8, message: /SiSa-code G3 staat ook bij .*rij 4/ }])
})
