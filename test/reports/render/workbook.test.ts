import t from 'tap'
import ExcelJS from 'exceljs'
import { Writable } from 'node:stream'
import { pageFooter, renderWorkbook, safeSheetName, writeWorkbook } from '../../../reports/render/workbook.js'
import type { SheetSpec, TableSheet } from '../../../reports/types.js'
import { readWorkbook } from '../../helpers.js'

const load = readWorkbook

const table: SheetSpec = {
  kind: 'table',
  name: 'Portefeuille',
  preamble: ['Portefeuille Amsterdam 2026', 'Gegenereerd 28-11-2026'],
  columns: [
    { key: 'title', header: 'Titel', type: 'text' },
    { key: 'awarded', header: 'Toegekend', type: 'money', total: true },
    { key: 'until', header: 'Besteden tot', type: 'date' },
    { key: 'n', header: 'Aantal', type: 'integer', total: true },
    { key: 'pct', header: 'Cofinanciering', type: 'percent' },
    { key: 'sisa', header: 'SiSa', type: 'wholeEuro', total: true },
  ],
  rows: [
    { title: 'Lokale aanpak isolatie', awarded: 123456789, until: '2026-12-31', n: 3, pct: 1750, sisa: 83570850 },
    { title: '=HYPERLINK("http://evil","klik")', awarded: 1, until: null, n: 1, pct: 0, sisa: 50 },
    { title: '-2 correctie', awarded: -100, until: '2024-02-29', n: 0, pct: null, sisa: -149 },
  ],
  totals: true,
  highlight: (r) => (r.awarded as number) < 0,
}

t.test('a table sheet: typed cells, frozen header, autofilter, totals with computed SUM results', async (t) => {
  const wb = await load(await renderWorkbook([table]))
  const ws = wb.getWorksheet('Portefeuille')!
  t.ok(ws, 'sheet exists')
  t.equal(ws.getCell('A1').value, 'Portefeuille Amsterdam 2026')
  const header = 4
  t.equal(ws.getCell(`A${header}`).value, 'Titel')
  t.equal(ws.getCell(`B${header}`).value, 'Toegekend')
  t.match(ws.views[0], { state: 'frozen', ySplit: header }, 'header row frozen')
  t.equal(ws.autoFilter, 'A4:F7', 'autofilter over header and data')
  t.equal(ws.getCell('B5').value, 1234567.89, 'cents become exact euros')
  t.equal(ws.getCell('B5').numFmt, '€ #,##0.00;[Red]-€ #,##0.00')
  const d = ws.getCell('C5').value as Date
  t.ok(d instanceof Date, 'date cell is a date')
  t.equal(d.toISOString(), '2026-12-31T00:00:00.000Z', 'written at UTC midnight')
  t.equal(ws.getCell('C5').numFmt, 'dd-mm-yyyy')
  t.equal(ws.getCell('E5').value, 0.175, 'basis points become a fraction with a percent format')
  t.equal(ws.getCell('F5').value, 835709, 'whole euros round half away from zero')
  t.equal(ws.getCell('F7').value, -1, '-1,49 rounds to -1')
  const injected = ws.getCell('A6')
  t.equal(injected.type, ExcelJS.ValueType.String, 'formula-looking user text stays a string')
  t.equal(injected.value, '=HYPERLINK("http://evil","klik")')
  t.equal(ws.getCell('A7').value, '-2 correctie')
  const total = ws.getCell('B8')
  t.equal(ws.getCell('A8').value, 'Totaal')
  t.same(total.value, { formula: 'SUM(B5:B7)', result: 1234566.9 }, 'money total is the exact sum of cents')
  t.same(ws.getCell('D8').value, { formula: 'SUM(D5:D7)', result: 4 })
  t.same(ws.getCell('F8').value, { formula: 'SUM(F5:F7)', result: 835709 }, 'whole-euro total is what SUM gives over the rounded cells')
  t.equal(ws.pageSetup.orientation, 'landscape')
  t.equal(ws.pageSetup.paperSize, 9, 'A4')
  const fill = ws.getCell('B7').fill as ExcelJS.FillPattern
  t.equal(fill?.fgColor?.argb, 'FFF8CBAD', 'highlighted row is filled')
})

t.test('an empty table is still well formed, with zero totals', async (t) => {
  const wb = await load(await renderWorkbook([{ ...table, rows: [], preamble: undefined }]))
  const ws = wb.getWorksheet('Portefeuille')!
  t.equal(ws.getCell('A1').value, 'Titel')
  const v = ws.getCell('B2').value as ExcelJS.CellFormulaValue
  t.equal(v.formula, 'SUM(B1:B1)')
  t.equal(v.result ?? 0, 0, 'exceljs omits a zero result; Excel computes 0')
})

t.test('a column with ifEmpty shows its text where a row has no value, and is kept even when every row is empty', async (t) => {
  const sheet: TableSheet = {
    kind: 'table',
    name: 'Jaren',
    columns: [
      { key: 'title', header: 'Omschrijving', type: 'text' },
      { key: 'year', header: 'Jaar', type: 'year', ifEmpty: 'Hele looptijd' },
      { key: 'none', header: 'Leeg', type: 'year', ifEmpty: 'n.v.t.' },
      { key: 'gone', header: 'Weg', type: 'text' },
    ],
    rows: [
      { title: 'Met jaar', year: 2026, none: null, gone: null },
      { title: 'Zonder jaar', year: null, none: null, gone: null },
    ],
  }
  const ws = (await load(await renderWorkbook([sheet]))).getWorksheet('Jaren')!
  t.same(
    [1, 2, 3].map((r) => [1, 2, 3, 4].map((c) => ws.getCell(r, c).value ?? null)),
    [
      ['Omschrijving', 'Jaar', 'Leeg', null],
      ['Met jaar', 2026, 'n.v.t.', null],
      ['Zonder jaar', 'Hele looptijd', 'n.v.t.', null],
    ],
    'the year stays a number, the empty cells carry the text, the always-empty column without ifEmpty is dropped',
  )
  t.ok(ws.getColumn(2).width! >= 'Hele looptijd'.length, 'the column is as wide as the text')
})

t.test('grid sheets: merges, formats, widths', async (t) => {
  const wb = await load(
    await renderWorkbook([
      {
        kind: 'grid',
        name: 'Voorblad',
        widths: [30, 20],
        rows: [
          [{ value: 'Woud', bold: true }],
          [{ value: 'Bedrag' }, { value: 4002400, format: 'wholeEuro' }],
          [{ value: 'Datum' }, { value: '2027-07-15', format: 'date' }],
        ],
        merges: ['A1:B1'],
        freezeRows: 1,
      },
    ]),
  )
  const ws = wb.getWorksheet('Voorblad')!
  t.equal(ws.getCell('A1').value, 'Woud')
  t.ok(ws.getCell('B1').isMerged, 'merged')
  t.equal(ws.getCell('B2').value, 40024)
  t.equal((ws.getCell('B3').value as Date).toISOString().slice(0, 10), '2027-07-15')
  t.equal(ws.getColumn(1).width, 30)
})

t.test('sheet names are made valid and unique', async (t) => {
  const taken = new Set<string>()
  t.equal(safeSheetName('SiSa: 2025/2026', taken), 'SiSa  2025 2026')
  t.equal(safeSheetName('Deadlines', taken), 'Deadlines')
  t.equal(safeSheetName('deadlines', taken), 'deadlines 2')
  t.equal(safeSheetName('x'.repeat(40), taken).length, 31)
})

t.test('an output that fails rejects the export instead of leaving it waiting for the zip', async (t) => {
  const failing = new Writable({
    write(_chunk, _enc, done) {
      done(new Error('schijf vol'))
    },
  })
  const big: SheetSpec = { ...(table as TableSheet), rows: Array.from({ length: 3000 }, (_, i) => ({ title: `Project ${i}`, awarded: i })) }
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('hangs')), 20_000).unref())
  await t.rejects(Promise.race([writeWorkbook([big, big, big], failing), timeout]), /schijf vol/)
})

t.test('the page footer: the title with a literal & doubled (a single & starts a code), page numbers on the right', async (t) => {
  t.same(pageFooter('Portefeuille — Bergen & Zoon (GM0001)'), { oddFooter: '&LPortefeuille — Bergen && Zoon (GM0001)&RPagina &P van &N' })
  t.equal(
    pageFooter('x'.repeat(400)).oddFooter!.length,
    2 + 180 + '&RPagina &P van &N'.length,
    'cut well within the 255 characters Excel allows',
  )
  const ws = (await load(await renderWorkbook([{ kind: 'grid', name: 'Voorblad', rows: [[{ value: 'a' }]] }]))).getWorksheet('Voorblad')!
  t.equal(ws.headerFooter.oddFooter, '&LVoorblad&RPagina &P van &N', 'a grid sheet too, with its name')
})
