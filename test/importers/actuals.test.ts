// The ledger import: the sample grootboek extract (debet/credit, Dutch amounts), Soort + signed amounts in XLSX,
// matching by beschikkingsnummer or kenmerk, unmatched rows as errors, and idempotent re-import.
import t from 'tap'
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { SYSTEM } from '../../db/audit.js'
import { createGrant, getGrant } from '../../db/repositories/grants.js'
import { runImport } from '../../importers/index.js'
import { freshDb, seedOrganisation } from '../helpers.js'

const SAMPLE = readFileSync(new URL('../fixtures/portfolio/grootboek-voorbeeld.csv', import.meta.url))
const who = { actor: 'controller@woud.test', source: 'cli' }

function seed() {
  const db = freshDb()
  seedOrganisation(db)
  const award = (schemeCode: string, title: string, nr: string, reference?: string) =>
    createGrant(db, SYSTEM, {
      orgCode: 'GM0363',
      schemeCode,
      title,
      status: 'toegekend',
      beschikkingsnummer: nr,
      awardedCents: 1_000_000_00,
      awardedOn: '2025-01-15',
      periodFrom: '2025-01-01',
      periodTo: '2026-12-31',
      reference,
    })
  return {
    db,
    oab: award('ocw-oab-2019', 'OAB 2025', 'OAB-2025-0142'),
    gala: award('vws-brede-spuk-gala-2023-2026', 'Brede SPUK', 'SPUK-GALA-2023-0877', 'P-77'),
    isolatie: award('vro-lai-isolatie-t1', 'Isolatie', 'C94-2023-1133'),
  }
}

t.test('the sample ledger: debet is lasten, credit baten, a credit on a cost account corrects the lasten', async (t) => {
  const { db, oab, gala, isolatie } = seed()
  t.teardown(() => db.$client.close())
  const r = await runImport(db, { kind: 'actuals', fileName: 'grootboek.csv', bytes: SAMPLE, orgCode: 'GM0363', year: 2025, who })
  t.strictSame(r.errors, [])
  t.match(r, { format: 'grootboek', created: 6, updated: 0, unchanged: 0, rejected: 0 })
  const y = (id: number) => getGrant(db, id)!.years.find((x) => x.year === 2025)!
  t.match(y(oab.id), { realisedLastenCents: 12_450_00, realisedBatenCents: 230_000_00 })
  t.match(y(gala.id), { realisedLastenCents: 48_210_55, realisedBatenCents: 61_000_00 })
  t.match(y(isolatie.id), { realisedLastenCents: 31_337_80 - 1_200_00, realisedBatenCents: 0 })

  const again = await runImport(db, { kind: 'actuals', fileName: 'grootboek.csv', bytes: SAMPLE, orgCode: 'GM0363', year: 2025, who })
  t.match(again, { created: 0, updated: 0, unchanged: 6 }, 're-importing the same file changes nothing')
  t.equal(y(oab.id).realisedLastenCents, 12_450_00, 'sums are set, not added')
  const audit = db.$client
    .prepare("SELECT source FROM audit_log WHERE entity = 'grant' AND entity_id = ? AND action = 'year'")
    .all(String(oab.id)) as { source: string }[]
  t.equal(audit.length, 1, 'one audit row for the first import, none for the unchanged second')
  t.match(audit[0].source, /^import:\d+$/)
})

t.test('unmatched rows and a wrong year are errors and nothing is written', async (t) => {
  const { db, oab } = seed()
  t.teardown(() => db.$client.close())
  const text =
    SAMPLE.toString('utf8') + '2025;12;KP1;4.3;4391;Onbekend;XYZ-404;100,00;\n2024;12;KP1;4.3;4391;Vorig jaar;OAB-2025-0142;5,00;\n'
  const r = await runImport(db, { kind: 'actuals', fileName: 'g.csv', bytes: Buffer.from(text), orgCode: 'GM0363', year: 2025, who })
  t.equal(r.rejected, 2)
  t.match(r.errors, [
    { row: 8, column: /Beschikkingsnummer/, message: /XYZ-404.*geen subsidie/ },
    { row: 9, message: /boekjaar 2024/ },
  ])
  t.equal(getGrant(db, oab.id)!.years.length, 0, 'all or nothing')
  const outside = await runImport(db, {
    kind: 'actuals',
    fileName: 'g.csv',
    bytes: Buffer.from(SAMPLE.toString('utf8').replace(/^2025;/gm, '2030;')),
    orgCode: 'GM0363',
    year: 2030,
    who,
  })
  t.match(outside.errors[0], { message: /2030 valt buiten de looptijd/ })
})

t.test('XLSX with Soort and signed amounts, matched by kenmerk', async (t) => {
  const { db, gala } = seed()
  t.teardown(() => db.$client.close())
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Realisatie')
  ws.addRow(['Jaar', 'Kenmerk', 'Soort', 'Bedrag', 'Omschrijving'])
  ws.addRow([2025, 'P-77', 'Lasten', 1000.5, 'loon'])
  ws.addRow([2025, 'P-77', 'Lasten', -200.25, 'correctie'])
  ws.addRow([2025, 'P-77', 'Baten', 5000, 'bijdrage'])
  const bytes = Buffer.from(await wb.xlsx.writeBuffer())
  const r = await runImport(db, { kind: 'actuals', fileName: 'r.xlsx', bytes, orgCode: 'GM0363', who })
  t.strictSame(r.errors, [])
  t.match(getGrant(db, gala.id)!.years[0], { year: 2025, realisedLastenCents: 800_25, realisedBatenCents: 5000_00 })
  const noSide = new ExcelJS.Workbook()
  noSide.addWorksheet('x').addRow(['Jaar', 'Kenmerk', 'Bedrag'])
  const r2 = await runImport(db, {
    kind: 'actuals',
    fileName: 'x.xlsx',
    bytes: Buffer.from(await noSide.xlsx.writeBuffer()),
    orgCode: 'GM0363',
    who,
  })
  t.match(r2.errors[0].message, /debet\/credit, of bedrag met soort/)
})
