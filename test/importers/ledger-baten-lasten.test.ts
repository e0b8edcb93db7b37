// A ledger with one row per grant-year and separate Baten and Lasten columns (issue 15 item 6) is recognised;
// mixing it with Debet/Credit is an error naming the header row, and nothing is written.
import t from 'tap'
import { getGrant } from '../../db/repositories/grants.js'
import { runImport } from '../../importers/index.js'
import { freshDb, seedOrganisation } from '../helpers.js'

const who = { actor: 'controller@woud.test', source: 'cli' }

t.test('Baten and Lasten columns per grant-year', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const g = await runImport(db, {
    kind: 'grants',
    fileName: 'p.csv',
    orgCode: 'GM0363',
    who,
    bytes: Buffer.from(
      'Kenmerk;Regeling;Titel;Status;Beschikkingsnummer;Toegekend;Van;Tot\nP-1;szw-g2;Re-integratie;toegekend;SZW-9;100.000,00;01-01-2025;31-12-2026\n',
    ),
  })
  t.strictSame(g.errors, [])
  const ledger = Buffer.from(
    'Boekjaar;Beschikkingsnummer;Omschrijving;Baten;Lasten\n2025;SZW-9;Jaar 2025;40.000,00;38.500,25\n2026;SZW-9;Jaar 2026;60.000,00;-1.000,00\n',
  )
  const r = await runImport(db, { kind: 'actuals', fileName: 'gb.csv', orgCode: 'GM0363', year: undefined, who, bytes: ledger })
  t.strictSame(r.errors, [])
  t.equal(r.format, 'grootboek')
  t.strictSame(r.warnings, [], 'every column is read')
  const years = getGrant(db, 1)!.years.map((y) => [y.year, y.realisedBatenCents, y.realisedLastenCents])
  t.strictSame(
    years,
    [
      [2025, 40_000_00, 38_500_25],
      [2026, 60_000_00, -1_000_00],
    ],
    'a negative lasten figure is a correction',
  )
  const again = await runImport(db, { kind: 'actuals', fileName: 'gb.csv', orgCode: 'GM0363', who, bytes: ledger })
  t.match(again, { created: 0, updated: 0 }, 'the same ledger again changes nothing')

  const mixed = await runImport(db, {
    kind: 'actuals',
    fileName: 'mix.csv',
    orgCode: 'GM0363',
    who,
    bytes: Buffer.from('Boekjaar;Beschikkingsnummer;Baten;Lasten;Debet\n2025;SZW-9;1,00;2,00;3,00\n'),
  })
  t.match(mixed.errors, [{ row: 1, message: /Baten\/Lasten naast Debet\/Credit/ }])
  t.strictSame(
    getGrant(db, 1)!.years.map((y) => [y.year, y.realisedBatenCents, y.realisedLastenCents]),
    years,
    'nothing written',
  )
})
