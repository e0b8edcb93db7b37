// Every exported workbook as a controller prints it, read back from the written xlsx: no column with data is
// dropped and the rest keep the report's order, widths fit headers and codes, and each sheet prints readably
// (A4/A3 landscape fitted to width, several pages across only for very wide sheets with their first columns
// repeated, the header row repeated on every page and frozen on screen).
import t, { type Test } from 'tap'
import type ExcelJS from 'exceljs'
import { openDatabase } from '../../../db/client.js'
import { REPORT_NAMES, REPORTS } from '../../../reports/index.js'
import { MAX_ROW_HEIGHT, renderWorkbook, safeSheetName } from '../../../reports/render/workbook.js'
import { lineChars, printLayout, wrappedLines } from '../../../reports/render/layout.js'
import { buildReportParams, findReportOrganisation } from '../../../reports/report-params.js'
import type { SheetSpec, TableSheet } from '../../../reports/types.js'
import { readWorkbook } from '../../helpers.js'
import { seedPortfolio } from '../../fixtures/reports.js'
import { seed as seedGenerated } from '../../bench/reports.bench.js'

type T = Test
const empty = (v: unknown) => v === null || v === undefined || v === ''
const longestWord = (s: string) => Math.max(...s.split(/\s+/).map((w) => w.length))
const CODE_KEYS = ['reference', 'schemeCode', 'sisaCode', 'beschikkingsnummer', 'code', 'indicator']

async function workbooks(db: ReturnType<typeof openDatabase>) {
  const params = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: new Date('2026-11-28T10:00:00Z') })
  const out: { name: string; specs: SheetSpec[]; wb: ExcelJS.Workbook }[] = []
  for (const name of REPORT_NAMES) {
    const def = REPORTS[name]
    const specs = def.sheets(def.compute(db, params), params)
    out.push({ name, specs, wb: await readWorkbook(await renderWorkbook(specs, { title: def.title })) })
  }
  return out
}

function checkTable(t: T, where: string, s: TableSheet, ws: ExcelJS.Worksheet): number {
  const headerRow = s.preamble?.length ? s.preamble.length + 2 : 1
  const kept = s.columns.filter((c) => c.keep || c.total || s.rows.length === 0 || s.rows.some((r) => !empty(r[c.key])))
  const headers = (ws.getRow(headerRow).values as unknown[]).slice(1)
  t.strictSame(
    headers,
    kept.map((c) => c.header),
    `${where}: every column with data is there, in the report's order`,
  )
  for (const c of s.columns.filter((c) => !kept.includes(c)))
    t.ok(
      s.rows.every((r) => empty(r[c.key])),
      `${where}: column ${c.header} is left out only because it is empty in every row`,
    )
  // exceljs leaves out a column of its default width 9 (Excel's default, 8.43 characters plus padding).
  const widths = kept.map((_, i) => ws.getColumn(i + 1).width ?? 9)
  kept.forEach((c, i) => {
    t.ok(widths[i] >= longestWord(c.header) + 1 && widths[i] <= 80, `${where}: ${c.header} is ${widths[i]} wide`)
    if (CODE_KEYS.includes(c.key) || c.code) {
      const longest = Math.max(0, ...s.rows.map((r) => (empty(r[c.key]) ? 0 : String(r[c.key]).length)))
      t.ok(widths[i] >= longest, `${where}: code column ${c.header} (${widths[i]}) holds its longest code (${longest})`)
    }
  })
  const ps = ws.pageSetup
  const expect = printLayout(widths)
  t.match(
    ps,
    { orientation: 'landscape', paperSize: expect.paperSize, fitToPage: true, fitToWidth: expect.pagesWide, fitToHeight: 0 },
    `${where}: page setup`,
  )
  t.equal(ps.printTitlesRow, `${headerRow}:${headerRow}`, `${where}: the header row repeats on every printed page`)
  if (expect.pagesWide > 1) t.match(ps.printTitlesColumn, /^A:[A-C]$/, `${where}: its first columns repeat on every page across`)
  t.match(ws.views[0], { state: 'frozen', ySplit: headerRow }, `${where}: header frozen`)
  t.match(
    ws.headerFooter.oddFooter,
    /^&L.+&RPagina &P van &N$/,
    `${where}: every printed page says which sheet it is and which page of how many`,
  )
  // Wrapped text gets the rows it needs (LibreOffice does not grow a written row by itself).
  let multiLine = 0
  kept.forEach((c, i) => {
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const cell = ws.getCell(r, i + 1)
      if (typeof cell.value !== 'string' || !cell.alignment?.wrapText) continue
      // A label merged over several columns wraps in their joint width.
      let width = widths[i]
      for (let j = i + 1; j < kept.length && ws.getCell(r, j + 1).master.address === cell.address; j++) width += widths[j]
      const need = wrappedLines(cell.value, lineChars(cell.font?.bold ? width / 1.1 : width))
      if (need < 2) continue
      multiLine++
      t.ok(
        (ws.getRow(r).height ?? 15) >= Math.min(MAX_ROW_HEIGHT, 15 * need),
        `${where}: row ${r} is high enough for ${need} lines of ${c.header}`,
      )
      t.ok((ws.getRow(r).height ?? 15) <= MAX_ROW_HEIGHT, `${where}: row ${r} is no higher than Excel allows`)
    }
  })
  return multiLine
}

/** Checks every sheet; returns how many wrapped multi-line cells were checked for their row height. */
function checkAll(t: T, books: Awaited<ReturnType<typeof workbooks>>): number {
  let multiLine = 0
  for (const { name, specs, wb } of books) {
    const taken = new Set<string>()
    t.equal(wb.worksheets.length, specs.length, `${name}: one sheet per sheet of the report`)
    for (const s of specs) {
      const sheetName = safeSheetName(s.name, taken)
      const ws = wb.getWorksheet(sheetName)!
      t.ok(ws, `${name}/${sheetName} exists`)
      if (s.kind === 'table') multiLine += checkTable(t, `${name}/${sheetName}`, s, ws)
      else {
        const widths = s.widths ?? []
        widths.forEach((w, i) => t.equal(ws.getColumn(i + 1).width ?? 9, w, `${name}/${sheetName}: column ${i + 1} width`))
        const expect = printLayout(widths, { portrait: true })
        t.match(ws.pageSetup, {
          paperSize: expect.paperSize,
          orientation: expect.orientation,
          fitToWidth: expect.pagesWide,
          fitToHeight: 0,
        })
        if (s.freezeRows) t.equal(ws.pageSetup.printTitlesRow, `${s.freezeRows}:${s.freezeRows}`, `${name}/${sheetName}: header repeats`)
      }
    }
  }
  return multiLine
}

t.test('the small portfolio: every workbook, every sheet', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedPortfolio(db)
  t.ok(checkAll(t, await workbooks(db)) > 0, 'some wrapped text takes more than one line, and its row height was checked')
})

t.test('a generated portfolio of 40 grants: long codes, wide sheets over two pages, many rows', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedGenerated(db, 40)
  const books = await workbooks(db)
  checkAll(t, books)
  const portfolio = books.find((b) => b.name === 'portfolio')!.wb.worksheets[0]
  t.equal(portfolio.pageSetup.paperSize, 8, 'the Portefeuille prints on A3')
  t.ok(portfolio.pageSetup.fitToWidth! >= 2, 'across more than one page rather than shrunk past reading')
  t.equal(portfolio.pageSetup.printTitlesColumn, 'A:B', 'with the subsidie-id and kenmerk on every page')
  // Subtotal labels sit within the repeated columns, so a page after the first does not cut them where A:B ends.
  const subtotals: number[] = []
  portfolio.eachRow((row, n) => {
    if (String(row.getCell(1).value ?? '').startsWith('Subtotaal')) subtotals.push(n)
  })
  t.ok(subtotals.length >= 4, 'per verstrekker and per taakveld')
  const widthAB = (portfolio.getColumn(1).width ?? 9) + (portfolio.getColumn(2).width ?? 9)
  for (const n of subtotals) {
    const label = String(portfolio.getCell(n, 1).value)
    t.equal(portfolio.getCell(n, 2).master.address, `A${n}`, `row ${n}: the label is merged over A:B`)
    t.equal(portfolio.getCell(n, 3).master.address, `C${n}`, `row ${n}: and no further`)
    t.ok(portfolio.getCell(n, 1).alignment?.wrapText, `row ${n}: wrapped`)
    const need = wrappedLines(label, lineChars(widthAB / 1.1))
    t.ok((portfolio.getRow(n).height ?? 15) >= 15 * need, `row ${n}: high enough for ${need} lines of '${label}'`)
  }
  const cof = books.find((b) => b.name === 'cofinancing')!.wb.worksheets[0]
  t.equal(cof.pageSetup.fitToWidth, 1, 'the Cofinanciering sheet fits one page across')
  cof.eachRow((row, n) => {
    if (String(row.getCell(1).value ?? '').startsWith('Subtotaal'))
      t.equal(cof.getCell(n, 2).master.address, `B${n}`, `Cofinanciering row ${n}: on one page the label is not merged`)
  })
})

t.test('printLayout: A4 portrait, A4 landscape, A3, then pages across', async (t) => {
  t.match(printLayout([40, 40], { portrait: true }), { paperSize: 9, orientation: 'portrait', pagesWide: 1 })
  t.match(printLayout([60, 60]), { paperSize: 9, orientation: 'landscape', pagesWide: 1, titleColumns: 0 })
  t.match(printLayout([90, 90]), { paperSize: 9, orientation: 'landscape', pagesWide: 1 }, 'A4 down to 80 %')
  t.match(printLayout([100, 100]), { paperSize: 8, orientation: 'landscape', pagesWide: 1 })
  t.match(printLayout([150, 150]), { paperSize: 8, orientation: 'landscape', pagesWide: 1 }, 'one A3 page down to 70 %')
  t.match(printLayout([12, 8, ...Array(20).fill(20)]), { paperSize: 8, pagesWide: 2, titleColumns: 2 })
  t.match(printLayout([12, 8, ...Array(40).fill(20)]), { paperSize: 8, pagesWide: 4, titleColumns: 2 })
  t.equal(wrappedLines('een twee drie', 8), 2)
  t.equal(wrappedLines('Bestedingstermijn verloopt', 10), 3)
})
