// Real SiSa appendix blocks from the domain guide, rebuilt from portfolio data, rendered to xlsx and compared cell by cell.
import t from 'tap'
import ExcelJS from 'exceljs'
import { freshDb } from '../helpers.js'
import type { Db } from '../../db/client.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { sisaReport } from '../../reports/sisa-report.js'
import type { ReportParams } from '../../reports/types.js'
import {
  LINGEWAARD_PROJECTS,
  seedGennep,
  seedLingewaard,
  seedMiddenGroningen,
  seedWageningen,
  seedZwolle,
} from '../fixtures/sisa/portfolio.js'

type V = string | number | null
const _ = null

async function exportXlsx(db: Db, org: number, year: number): Promise<ExcelJS.Workbook> {
  const params: ReportParams = {
    organisationId: org,
    orgCode: '',
    orgName: '',
    year,
    today: '2026-11-28',
    generatedAt: '2026-11-28T10:00:00Z',
  }
  const data = sisaReport.compute(db, params)
  const buf = await renderWorkbook(sisaReport.sheets(data, params))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  return wb
}

const plain = (v: ExcelJS.CellValue): V => {
  if (v === null || v === undefined) return null
  if (typeof v === 'object' && 'result' in v) return (v.result as V) ?? null
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  return v as V
}

/** The rows of the block whose Uitkeringscode cell (column B) is `code`, up to the blank row after it. */
function block(wb: ExcelJS.Workbook, code: string): { rows: V[][]; first: number } {
  const ws = wb.getWorksheet('SiSa-bijlage')!
  let first = 0
  ws.eachRow((row, n) => {
    if (!first && plain(row.getCell(2).value) === code) first = n
  })
  const rows: V[][] = []
  for (let n = first; n <= ws.rowCount; n++) {
    const vals = Array.from({ length: 11 }, (_v, i) => plain(ws.getRow(n).getCell(i + 1).value))
    while (vals.length && vals[vals.length - 1] === null) vals.pop()
    if (vals.length === 0) break
    rows.push(vals)
  }
  return { rows, first }
}

const aard = (...a: string[]) => [_, _, _, _, _, ...a.map((x) => `Aard controle ${x}`)]
const ids = (code: string, ...n: string[]) => [_, _, _, _, _, ...n.map((x) => `Indicator: ${code}/${x}`)]
/** The 2017 format's indicator line (issue 16.10): 'Indicatornummer: D1 / 01'. */
const oldIds = (code: string, ...n: string[]) => [_, _, _, _, _, ...n.map((x) => `Indicatornummer: ${code} / ${x}`)]
const vals = (...v: V[]) => [_, _, _, _, _, ...v]

t.test('Gennep 2022, JenV A13: label, aard controle, indicator and value per cell', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedGennep(db)
  const wb = await exportXlsx(db, org, 2022)
  const ws = wb.getWorksheet('SiSa-bijlage')!
  t.equal(
    plain(ws.getCell('A1').value),
    'SiSa bijlage verantwoordingsinformatie 2022 op grond van artikel 3 van de Regeling informatieverstrekking sisa - d.d. 07-02-2023',
  )
  t.strictSame(ws.getRow(4).values, [
    undefined,
    'Verstrekker',
    'Uitkeringscode',
    'Specifieke uitkering',
    'Juridische grondslag',
    'Ontvanger',
    'Indicator',
    'Indicator',
    'Indicator',
    'Indicator',
    'Indicator',
    'Indicator',
  ])
  const { rows, first } = block(wb, 'A13')
  t.strictSame(rows, [
    [
      'JenV',
      'A13',
      'Incidentele bijdrage ondersteuning naleving controle op coronatoegangsbewijzen',
      _,
      'Gemeenten',
      'Besteding in (jaar T) (zelfstandige uitvoering incl. uitvoering door andere partijen, niet zijnde medeoverheden)',
      'Zelfstandige uitvoering (Ja/Nee)',
      'Correctie besteding (jaar T-1) (vanaf SiSa 2023 van toepassing i.v.m. SiSa tussen medeoverheden)',
      'Cumulatieve besteding (t/m jaar T) inclusief uitvoering door andere medeoverheden vanaf SiSa 2023',
      'Eindverantwoording (Ja/Nee)',
    ],
    aard('R', 'n.v.t.', 'R', 'R', 'n.v.t.'),
    ids('A13', '01', '02', '03', '04', '05'),
    vals(68000, 'Ja', 0, 68000, 'Ja'),
  ])
  const money = ws.getRow(first + 3).getCell(6)
  t.equal(money.type, ExcelJS.ValueType.Number, 'amounts are numbers, not text')
  t.match(money.numFmt, /€ #,##0(;|$)/, 'whole euros, no decimals')
  t.notMatch(money.numFmt, /0\.00/)
})

t.test('Zwolle 2017, OCW D1 / D1A / D9: prefilled besteding and reserve, manual parts', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedZwolle(db)
  const wb = await exportXlsx(db, org, 2017)
  const d1 = block(wb, 'D1').rows
  t.strictSame(d1.slice(0, 1)[0].slice(0, 7), [
    'OCW',
    'D1',
    'Regionale meld- en coördinatiecentra voortijdig schoolverlaten',
    'Besluit regionale meld- en coördinatiefunctie voortijdig schoolverlaten',
    'Gemeenten',
    'Besteding (jaar T)',
    'Opgebouwde reserve ultimo (jaar T-1)',
  ])
  t.strictSame(d1.slice(1), [aard('R', 'R'), oldIds('D1', '01', '02'), vals(835708, 40024)])
  const d1a = block(wb, 'D1A').rows
  t.equal(d1a[0][4], 'Contact gemeenten')
  t.strictSame(d1a[0].slice(5), ['Besteding (jaar T)', 'Besteding aan contactschool (jaar T)', 'Opgebouwde reserve ultimo (jaar T-1)'])
  t.strictSame(d1a.slice(1), [aard('R', 'R', 'R'), oldIds('D1A', '01', '02', '03'), vals(298387, 27530, 632898)])
  const d9 = block(wb, 'D9').rows
  t.equal(d9[0][2], 'Onderwijsachterstandenbeleid 2011-2018 (OAB)')
  t.equal(
    d9[0][5],
    'Besteding (jaar T) aan voorzieningen voor voorschoolse educatie die voldoen aan de wettelijke kwaliteitseisen (conform artikel 166, eerste lid WPO)',
  )
  t.strictSame(d9.slice(1), [aard('R', 'R', 'R', 'R'), oldIds('D9', '01', '02', '03', '04'), vals(1112152, 172820, 0, 347517)])
})

t.test('Lingewaard 2020, BZK C1: single band, then one repeated row per project', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedLingewaard(db)
  const wb = await exportXlsx(db, org, 2020)
  const { rows } = block(wb, 'C1')
  t.strictSame(rows.slice(0, 4), [
    [
      'BZK',
      'C1',
      'Regeling specifieke uitkering Reductie Energiegebruik',
      'Regeling specifieke uitkering Reductie Energiegebruik',
      'Gemeenten',
      'Totaal ontvangen bedrag beschikking',
      'Eindverantwoording (Ja/Nee)',
    ],
    aard('R', 'n.v.t.'),
    ids('C1', '01', '02'),
    vals(180000, 'Nee'),
  ])
  t.strictSame(rows.slice(4, 7), [
    [
      _,
      _,
      _,
      _,
      _,
      'Projectnaam/nummer per project',
      'Besteding (jaar T) per project',
      'Bestedingen (jaar T) komen overeen met ingediende projectplan (Ja/Nee)',
      'Besteding (jaar T) aan afwijkingen - Alleen invullen bij akkoord ministerie',
    ],
    aard('n.v.t.', 'R', 'n.v.t.', 'R'),
    ids('C1', '03', '04', '05', '06'),
  ])
  t.strictSame(
    rows.slice(7),
    LINGEWAARD_PROJECTS.map(([name, euros], i) => [_, _, _, _, i + 1, name, euros, 'Ja']),
  )
})

t.test('Wageningen 2023, JenV A16: two bands, A16/09 computed as the sum of 01, 02, 04-08', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedWageningen(db)
  const wb = await exportXlsx(db, org, 2023)
  const { rows } = block(wb, 'A16')
  t.equal(rows.length, 8, 'two bands of label / aard / indicator / value')
  t.strictSame(rows.slice(1, 4), [
    aard('R', 'R', 'n.v.t.', 'R', 'R', 'R'),
    ids('A16', '01', '02', '03', '04', '05', '06'),
    vals(5114377, 720477, 0, 85910, 0, 95616),
  ])
  t.strictSame(rows[4].slice(5), [
    'Besteding overige kosten particuliere opvang (POO)',
    'Normbedrag uitvoeringskosten particuliere opvang (POO)',
    'Berekening totale besteding (jaar T) - Som indicatoren 01/02/04/05/06/07 en 08',
    'Cumulatieve besteding (t/m jaar T)',
  ])
  t.strictSame(rows.slice(5), [aard('R', 'R', 'n.v.t.', 'n.v.t.'), ids('A16', '07', '08', '09', '10'), vals(0, 62580, 6078960, 9060578)])
  const findings = wb.getWorksheet('Bevindingen')!
  const texts: string[] = []
  findings.eachRow((r) => texts.push(r.values!.toString()))
  t.notOk(
    texts.some((x) => /computed-mismatch|cumulative-mismatch/.test(x)),
    'the published figures pass the checks',
  )
  t.ok(
    texts.some((x) => /UNCERTAIN/.test(x)),
    'the findings sheet says the threshold is unconfirmed',
  )
})

t.test('Midden-Groningen 2021, JenV A7 and A12B: one repeated row per veiligheidsregio', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const { org } = seedMiddenGroningen(db)
  const wb = await exportXlsx(db, org, 2021)
  const a7 = block(wb, 'A7').rows
  t.strictSame(a7.slice(1), [aard('R', 'R', 'n.v.t.', 'n.v.t.'), ids('A7', '01', '02', '03', '04'), vals(5257, 68335, 'Ja', 'Ja')])
  const a12b = block(wb, 'A12B').rows
  t.strictSame(a12b[0].slice(4), [
    "Veiligheidsregio's",
    'Naam veiligheidsregio',
    'Besteding (jaar T)',
    'Besteding volgens besluit van de veiligheidsregio uitgevoerd (Ja/nee)',
    'Cumulatieve besteding (t/m jaar T)',
    'Eindverantwoording (Ja/Nee)',
  ])
  t.strictSame(a12b.slice(1), [
    aard('n.v.t.', 'R', 'n.v.t.', 'R', 'n.v.t.'),
    ids('A12B', '01', '02', '03', '04', '05'),
    [_, _, _, _, 1, 'Veiligheidsregio Groningen', 25280, 'Ja', 25280, 'Ja'],
  ])
})
