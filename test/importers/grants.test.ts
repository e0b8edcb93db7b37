// The portfolio-sheet import: creates grants with their years, re-import is unchanged, status changes follow the
// lifecycle, and bad rows reject the whole file with sheet, row and column.
import t from 'tap'
import ExcelJS from 'exceljs'
import { listGrants, getGrant } from '../../db/repositories/grants.js'
import { runImport } from '../../importers/index.js'
import { freshDb, seedOrganisation } from '../helpers.js'

const who = { actor: 'medewerker@woud.test', source: 'cli' }
const HEADER = [
  'Kenmerk',
  'Regeling',
  'Titel',
  'Status',
  'Beschikkingsnummer',
  'Aangevraagd',
  'Toegekend',
  'Van',
  'Tot',
  'Taakveld',
  'Baten 2025',
  'Lasten 2025',
  'Baten 2026',
  'Lasten 2026',
  'Structureel 2026',
]

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Portefeuille')
  ws.addRow(HEADER)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const ROWS = [
  [
    'P-1',
    'vws-brede-spuk-gala-2023-2026',
    'Brede SPUK',
    'toegekend',
    'GALA-1',
    100000,
    90000,
    new Date(Date.UTC(2025, 0, 1)),
    new Date(Date.UTC(2026, 11, 31)),
    '6.1',
    45000,
    45000,
    45000,
    45000,
    10000,
  ],
  [
    'P-2',
    'bzk-regio-deals-5',
    'Regio Deal',
    'aangevraagd',
    null,
    '2.500.000,00',
    null,
    '01-01-2026',
    '31-12-2027',
    null,
    null,
    null,
    1250000,
    1250000,
    null,
  ],
]

t.test('a portfolio sheet creates grants with money across years; the same file again is unchanged', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const bytes = await xlsx(ROWS)
  const r = await runImport(db, { kind: 'grants', fileName: 'p.xlsx', bytes, orgCode: 'GM0363', who })
  t.strictSame(r.errors, [])
  t.match(r, { format: 'portfolio-sheet', created: 2, updated: 0, unchanged: 0 })
  const { items } = listGrants(db, { organisationIds: 'all' }, { limit: 10, offset: 0, figuresYear: 2026 })
  const gala = getGrant(db, items.find((g) => g.reference === 'P-1')!.id)!
  t.match(gala, {
    status: 'toegekend',
    awardedCents: 90000_00,
    requestedCents: 100000_00,
    periodFrom: '2025-01-01',
    periodTo: '2026-12-31',
    taakveld: '6.1',
    nature: 'incidenteel',
  })
  t.strictSame(
    gala.years.map((y) => [y.year, y.plannedBatenCents, y.plannedLastenCents, y.structuralLastenCents]),
    [
      [2025, 45000_00, 45000_00, 0],
      [2026, 45000_00, 45000_00, 10000_00],
    ],
  )
  const again = await runImport(db, { kind: 'grants', fileName: 'p.xlsx', bytes, orgCode: 'GM0363', who })
  t.match(again, { created: 0, updated: 0, unchanged: 2 })

  const awarded = await runImport(db, {
    kind: 'grants',
    fileName: 'p2.xlsx',
    bytes: await xlsx([
      ROWS[0],
      ['P-2', 'bzk-regio-deals-5', 'Regio Deal', 'toegekend', 'RD5-9', '2.500.000,00', '2.000.000,00', '01-01-2026', '31-12-2027'],
    ]),
    orgCode: 'GM0363',
    who,
  })
  t.strictSame(awarded.errors, [])
  t.match(awarded, { updated: 1, unchanged: 1 })
  const rd = getGrant(db, items.find((g) => g.reference === 'P-2')!.id)!
  t.match(rd, { status: 'toegekend', beschikkingsnummer: 'RD5-9', awardedCents: 2_000_000_00 })
  t.equal(rd.transitions.at(-1)!.event, 'toegekend', 'a status change in the sheet is a recorded transition')

  const back = await runImport(db, {
    kind: 'grants',
    fileName: 'p3.xlsx',
    bytes: await xlsx([['P-2', 'bzk-regio-deals-5', 'Regio Deal', 'aangevraagd']]),
    orgCode: 'GM0363',
    who,
  })
  t.equal(back.rejected, 1)
  t.match(back.errors[0], { sheet: 'Portefeuille', row: 2, column: /Status/, message: /geen toegestane overgang/ })
})

t.test('bad rows reject the whole file, with place and field', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const bytes = await xlsx([
    ROWS[0],
    ['P-3', 'bestaat-niet', 'X', null],
    ['P-4', 'szw-g2', 'Y', 'verkenning', null, -5],
    ['P-5', 'szw-g2', 'Z', 'verkenning', null, null, null, '2026-01-01', '2026-12-31', '6.71'],
    ['P-6', 'szw-g2', 'W', 'toegekend', null, null, 500],
  ])
  const r = await runImport(db, { kind: 'grants', fileName: 'bad.xlsx', bytes, orgCode: 'GM0363', who })
  t.equal(r.rejected, 4)
  t.match(r.errors, [
    { row: 3, column: /Regeling/, message: /onbekende regeling/ },
    { row: 4, column: /Aangevraagd/, message: /negatief/ },
    { row: 5, column: /Taakveld/, message: /niet geldig in 2026/ },
    { row: 6, column: /Beschikkingsnummer/ },
  ])
  t.equal(listGrants(db, { organisationIds: 'all' }, { limit: 10, offset: 0, figuresYear: 2026 }).total, 0, 'nothing written')
  const missing = await runImport(db, {
    kind: 'grants',
    fileName: 'm.csv',
    bytes: Buffer.from('Naam;Bedrag\nx;1\n'),
    orgCode: 'GM0363',
    who,
  })
  t.match(missing.errors[0].message, /schemeCode.*niet gevonden/)
  const noOrg = await runImport(db, { kind: 'grants', fileName: 'm.csv', bytes: Buffer.from('Regeling;Titel\nszw-g2;x\n'), who })
  t.match(noOrg.errors[0].message, /--org/)
})
