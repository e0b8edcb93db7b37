// `woud import sisa`: Woud JSON, the SiSa-bijlage layout (old and new indicator forms), Woud's own export read back, bad input.
import t from 'tap'
import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { count, eq } from 'drizzle-orm'
import { freshDb } from '../helpers.js'
import type { Db } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { auditLog, sisaIndicators } from '../../db/schema.js'
import { getYearDefinitions, plainYear } from '../../db/repositories/sisa.js'
import { runImport } from '../../importers/index.js'
import { readFile } from '../../importers/read.js'
import { sisaImport } from '../../importers/kinds/sisa.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { computeSisa } from '../../reports/sisa.js'
import { appendixSheet } from '../../reports/sisa-appendix.js'
import { sisaReport } from '../../reports/sisa-report.js'
import { seedLingewaard, seedWageningen } from '../fixtures/sisa/portfolio.js'

const FIX = new URL('../fixtures/sisa/', import.meta.url)
const imp = (db: Db, bytes: Buffer, year?: number, fileName = 'bijlage.xlsx', dryRun = false) =>
  runImport(db, { kind: 'sisa', fileName, bytes, year, who: SYSTEM, dryRun })
const indicatorCount = (db: Db) => db.select({ n: count() }).from(sisaIndicators).get()!.n

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('SiSa')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

t.test('Woud JSON: codes in both forms normalised, created once, unchanged the second time, audited', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const bytes = readFileSync(new URL('definitions-2024.json', FIX))
  const first = await imp(db, bytes, 2024, 'definitions-2024.json')
  t.match(first, { format: 'woud-json', created: 4, updated: 0, rejected: 0 })
  const y = getYearDefinitions(db, 2024)!
  t.strictSame(
    y.regelingen[0].indicators.map((i) => [i.number, i.aardControle, i.role]),
    [
      ['01', 'R', 'besteding'],
      ['02', 'NVT', 'cumulatief'],
      ['03', 'NVT', 'eindverantwoording'],
    ],
  )
  const second = await imp(db, bytes, 2024, 'definitions-2024.json')
  t.match(second, { created: 0, updated: 0, unchanged: 4 })
  t.ok(db.select().from(auditLog).where(eq(auditLog.entity, 'sisa_indicator')).all().length >= 3, 'each created indicator is audited')
  const wrongYear = await imp(db, bytes, 2023, 'definitions-2024.json')
  t.equal(wrongYear.rejected, 1)
  t.match(wrongYear.errors[0].message, /geen definities voor 2023 \(wel voor 2024\)/)
})

t.test('the pre-2020 bijlage ("Indicatornummer: D1 / 01" in one cell) reads as the shipped 2017 definitions', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const before = indicatorCount(db)
  const r = await imp(db, readFileSync(new URL('zwolle-2017-indicatornummer.xlsx', FIX)), 2017)
  t.match(
    r,
    { format: 'sisa-bijlage', created: 0, updated: 0, unchanged: 7, rejected: 0 },
    'same year, format date (d.d. 10 januari 2018), codes, labels, types and roles',
  )
  t.equal(indicatorCount(db), before)
})

t.test("Woud's exported appendix read back yields the same definitions", async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedLingewaard(db)
  const params = { organisationId: org, orgCode: 'GM1705', orgName: 'Lingewaard', year: 2020, today: '2026-11-28', generatedAt: '' }
  const data = sisaReport.compute(db, params)
  const full = await renderWorkbook(sisaReport.sheets(data, params))
  const prepared = await sisaImport.prepare(db, await readFile(full), {
    kind: 'sisa',
    fileName: 'x.xlsx',
    bytes: full,
    year: 2020,
    who: SYSTEM,
  })
  t.strictSame(prepared.errors, [])
  t.strictSame(prepared.data, [plainYear(getYearDefinitions(db, 2020)!)], 'every definition of 2020, also regelingen without a grant (B1)')
  // If this fails with 'het Excel-bestand kan niet worden gelezen': exceljs's streaming reader in importers/read.ts
  // intermittently fails on workbooks whose workbook.xml comes after the sheets (as the streaming writer makes them).
  const back = await imp(db, full, 2020)
  t.strictSame(back.errors, [])
  t.match(back, { created: 0, updated: 0, rejected: 0 })

  // A label changed in the grid only is refused, not silently ignored in favour of the table.
  const edited = new ExcelJS.Workbook()
  await edited.xlsx.load(full as unknown as ArrayBuffer)
  const ws = edited.getWorksheet('SiSa-bijlage')!
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (c.value === 'Totaal ontvangen bedrag beschikking') c.value = 'Totaal ontvangen'
    }),
  )
  const r = await imp(db, Buffer.from(await edited.xlsx.writeBuffer()), 2020)
  t.match(r.errors, [
    {
      message:
        /C1\/01 staat in de bijlage als 'Totaal ontvangen' \(aard R\) maar in het blad SiSa-definities als 'Totaal ontvangen bedrag beschikking'/,
    },
  ])

  // The bijlage grid alone (as a user would copy it) carries the definitions of the blocks it shows.
  const gridOnly = await renderWorkbook([appendixSheet(data)])
  const p2 = await sisaImport.prepare(db, await readFile(gridOnly), {
    kind: 'sisa',
    fileName: 'x.xlsx',
    bytes: gridOnly,
    year: 2020,
    who: SYSTEM,
  })
  t.equal(p2.format, 'sisa-bijlage')
  t.strictSame(p2.errors, [])
  const c1 = plainYear(getYearDefinitions(db, 2020)!).regelingen.find((r) => r.sisaCode === 'C1')
  t.strictSame(p2.data[0].regelingen, [c1], 'per-project rows, data types, roles and the optional C1/06 recognised from the layout')
  t.equal(p2.data[0].formatDate, '2021-02-05')
})

t.test('the grid of Wageningen A16 2023 gives back the computed indicator and its formula', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedWageningen(db)
  const buf = await renderWorkbook([appendixSheet(computeSisa(db, org, 2023))])
  const p = await sisaImport.prepare(db, await readFile(buf), { kind: 'sisa', fileName: 'x.xlsx', bytes: buf, year: 2023, who: SYSTEM })
  t.strictSame(p.errors, [])
  t.strictSame(p.data[0].regelingen, plainYear(getYearDefinitions(db, 2023)!).regelingen)
  t.equal(p.data[0].regelingen[0].indicators[8].formula, 'sum(01,02,04,05,06,07,08)')
})

t.test('bad bijlage input: each problem named with its place, nothing written', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const before = indicatorCount(db)
  const title = [
    'SiSa bijlage verantwoordingsinformatie 2024 op grond van artikel 3 van de Regeling informatieverstrekking sisa - d.d. 15-01-2025',
  ]
  const bytes = await workbook([
    title,
    [],
    ['VRO', 'C94', 'Lokale aanpak isolatie', null, 'Gemeenten', 'Besteding (jaar T)', 'Eindverantwoording (Ja/Nee)', 'Cumulatief'],
    [null, null, null, null, null, 'Aard controle R', 'Aard controle n.v.t.', 'Aard controle Q'],
    [null, null, null, null, null, 'Indicator: C94-01', 'Indicator: C94/02', 'Indicator: C94/03'],
    [null, null, null, null, null, 1234.56, 'Misschien', 5],
  ])
  const r = await imp(db, bytes, 2024)
  t.ok(r.rejected > 0)
  t.match(r.errors, [
    { sheet: 'SiSa', row: 5, column: 'F', message: /'Indicator: C94-01' is geen indicatorcode/ },
    { sheet: 'SiSa', row: 6, column: 'G', message: /'Misschien' .* is geen Ja of Nee/ },
    { sheet: 'SiSa', column: 'H', message: /'Aard controle Q' is geen aard controle/ },
  ])
  t.equal(indicatorCount(db), before, 'nothing written')

  const cents = await workbook([
    title,
    [],
    ['VRO', 'C94', 'Lokale aanpak isolatie', null, 'Gemeenten', 'Besteding (jaar T)'],
    [null, null, null, null, null, 'Aard controle R'],
    [null, null, null, null, null, 'Indicator: C94/01'],
    [null, null, null, null, null, 1234.5],
  ])
  const ok = await imp(db, cents, 2024, 'c.xlsx', true)
  t.equal(ok.rejected, 0)
  t.match(ok.warnings, [{ row: 6, column: 'F', message: /hele euro's; Woud rondt af op € 1\.235 \(half van nul af\)/ }])
  const wrong = await imp(db, cents, 2023)
  t.match(wrong.errors, [{ message: /de bijlage is van 2024, niet van --year 2023/ }])
})

t.test('bad JSON: a code in neither form, an unknown type, a formula over a missing indicator', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const doc = {
    sisaYear: 2024,
    formatDate: '2025-01-15',
    regelingen: [
      {
        sisaCode: 'C94',
        verstrekker: 'VRO',
        name: 'X',
        indicators: [
          { code: 'C94/01', label: 'Besteding', dataType: 'euro', aardControle: 'R' },
          { number: '02', label: 'Iets', dataType: 'geld', aardControle: 'R' },
          { code: 'C94.04', label: 'Besteding', dataType: 'euro', aardControle: 'R' },
          { number: '03', label: 'Som', dataType: 'euro', aardControle: 'n.v.t.', formula: 'sum(01,09)' },
        ],
      },
    ],
  }
  const r = await imp(db, Buffer.from(JSON.stringify(doc)), 2024, 'd.json')
  t.match(
    r.errors.map((e) => e.message),
    [/'geld' is geen gegevenstype/, /'C94\.04' is geen indicatorcode/, /verwijst naar C94\/09, die niet bestaat/],
  )
  t.equal(r.errors.length, 3, 'one message per problem')
})
