// Sheets -> xlsx with exceljs's streaming writer. The only place (with importers/read.ts) that writes with exceljs.
// Money arrives as integer cents and leaves as a euro number with a euro format; dates as UTC midnight with
// dd-mm-yyyy (exceljs shifts local-time dates by a day); user text is always a string cell, never a formula.
// Styles are shared objects (one per look), so exceljs serialises each look once instead of once per cell.
import ExcelJS from 'exceljs'
import { PassThrough, type Writable } from 'node:stream'
import { assertCents, centsToEuroNumber, centsToWholeEuros, sumCents } from '../../db/money.js'
import { isoToUtcDate, isIsoDate } from '../../db/dates.js'
import { jaNee } from '../../db/rules/words.js'
import './quote-prefix.js'
import { bodyLines, layoutTable, lineChars, printLayout, wrappedLines, type PrintLayout } from './layout.js'
import type { ColumnType, GridCell, GridSheet, SheetSpec, TableSheet } from '../types.js'

export const FORMATS = {
  money: '€ #,##0.00;[Red]-€ #,##0.00',
  wholeEuro: '€ #,##0;[Red]-€ #,##0',
  date: 'dd-mm-yyyy',
  integer: '#,##0',
  percent: '0.0%',
  /** Years and ids: a plain number, never '2.026'. */
  plain: '0',
} as const

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } })
const HEADER_FILL = 'FFD9E1F2'
const TOTAL_FILL = 'FFF2F2F2'
const SUBTOTAL_FILL = 'FFE7E6E6'
export const ALERT_ARGB = 'FFF8CBAD'
const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }

/** Excel sheet names: max 31 chars, none of []:*?/\ and unique within the workbook. */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Blad'
  let n = base
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)} ${i}`
  taken.add(n.toLowerCase())
  return n
}

interface Look {
  numFmt?: string
  fill?: string
  bold?: boolean
  italic?: boolean
  size?: number
  wrap?: boolean
  top?: boolean
  quote?: boolean
  link?: boolean
}

/** One shared style object per look: exceljs caches the style id per object. */
class Styles {
  private cache = new Map<string, Partial<ExcelJS.Style>>()
  get(l: Look): Partial<ExcelJS.Style> {
    const key = `${l.numFmt ?? ''}|${l.fill ?? ''}|${l.bold ? 1 : 0}${l.italic ? 1 : 0}${l.size ?? ''}|${l.wrap ? 1 : 0}${l.top ? 1 : 0}|${l.quote ? 1 : 0}${l.link ? 1 : 0}`
    let s = this.cache.get(key)
    if (!s) {
      s = {}
      if (l.numFmt) s.numFmt = l.numFmt
      if (l.fill) s.fill = fill(l.fill)
      if (l.bold || l.italic || l.size || l.link) {
        // Named: a font without a name is the reader's default (a serif in LibreOffice), not the workbook's Calibri.
        s.font = {
          name: 'Calibri',
          size: l.size ?? 11,
          bold: l.bold,
          italic: l.italic,
          ...(l.link ? { color: { argb: 'FF0563C1' }, underline: true } : {}),
        }
      }
      if (l.wrap || l.top) s.alignment = { wrapText: l.wrap, vertical: l.top ? 'top' : undefined }
      if (l.quote) (s as { quotePrefix?: boolean }).quotePrefix = true
      this.cache.set(key, s)
    }
    return s
  }
}

/** Write the workbook to a stream (file, buffer). Resolves when all bytes are written. */
export async function writeWorkbook(sheets: SheetSpec[], out: Writable, meta: { title?: string } = {}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Woud'
  wb.created = new Date()
  if (meta.title) wb.title = meta.title
  const taken = new Set<string>()
  const styles = new Styles()
  for (const s of sheets) {
    const ws =
      s.kind === 'table' ? writeTable(wb, styles, s, safeSheetName(s.name, taken)) : writeGrid(wb, styles, s, safeSheetName(s.name, taken))
    // exceljs buffers a sheet's XML until the zip has taken it in; waiting here keeps one sheet in memory, not all.
    await zipped(wb, ws, out)
  }
  await wb.commit()
}

/** The workbook as a Buffer: built whole, so a failing render rejects before anyone has a byte of it. */
export async function renderWorkbook(sheets: SheetSpec[], meta: { title?: string } = {}): Promise<Buffer> {
  const pass = new PassThrough()
  const chunks: Buffer[] = []
  pass.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((res, rej) => {
    pass.on('end', res)
    pass.on('error', rej)
  })
  await writeWorkbook(sheets, pass, meta)
  await done
  return Buffer.concat(chunks)
}

type ZipLike = import('node:events').EventEmitter

/**
 * Resolves when the zip has compressed the sheet's part (archiver's 'entry' event for its path); rejects when the
 * zip or the output fails first, so a broken output never leaves the export waiting.
 */
function zipped(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, out: Writable): Promise<void> {
  const zip = (wb as unknown as { zip: ZipLike }).zip
  const path = `xl/worksheets/sheet${ws.id}.xml`
  return new Promise((resolve, reject) => {
    const done = (e?: unknown) => {
      zip.off('entry', on)
      zip.off('error', done)
      out.off('error', done)
      out.off('close', closed)
      if (e) reject(e instanceof Error ? e : new Error(String(e)))
      else resolve()
    }
    const on = (d: { name: string }) => {
      if (d.name.replace(/^\//, '') === path) done()
    }
    const closed = () => done(new Error('de uitvoer is gesloten voordat de werkmap klaar was'))
    zip.on('entry', on)
    zip.once('error', done)
    out.once('error', done)
    out.once('close', closed)
  })
}

/** exceljs page setup of a print layout: fit to `pagesWide` pages across, as many down as it takes, row by row. */
function pageSetupOf(p: PrintLayout): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: p.paperSize as unknown as ExcelJS.PaperSize,
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.pagesWide,
    fitToHeight: 0,
    // Across, then down: the pages of one set of rows follow each other, so they can be laid side by side.
    pageOrder: 'overThenDown',
    margins: MARGINS,
  }
}

/**
 * Every printed page says what it is and where it falls: the sheet's title on the left, 'Pagina 3 van 30' on the
 * right. In header/footer text '&' starts a code, so a literal one is doubled; Excel allows 255 characters in all.
 */
export function pageFooter(title: string): Partial<ExcelJS.HeaderFooter> {
  const text = title
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 180)
    .replace(/&/g, '&&')
  return { oddFooter: `&L${text}&RPagina &P van &N` }
}

/** Excel refuses a row higher than 409 points (27 lines): longer text scrolls within the cell. */
export const MAX_ROW_HEIGHT = 409
const rowHeight = (lines: number) => Math.min(MAX_ROW_HEIGHT, 15 * lines)
/** Bold text is about a tenth wider than the regular text widths are measured in. */
const BOLD_TEXT = 1.1

const colLetter = (n: number): string => (n <= 0 ? '' : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)))

function writeTable(wb: ExcelJS.stream.xlsx.WorkbookWriter, styles: Styles, s: TableSheet, name: string): ExcelJS.Worksheet {
  const lay = layoutTable(s)
  const cols = lay.columns
  const pre = s.preamble ?? []
  const headerRow = pre.length ? pre.length + 2 : 1
  const levels = s.groups?.length ?? 0
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: {
      ...pageSetupOf(lay),
      printTitlesRow: `${headerRow}:${headerRow}`,
      ...(lay.titleColumns ? { printTitlesColumn: `A:${colLetter(lay.titleColumns)}` } : {}),
    },
    properties: { outlineLevelRow: levels, defaultRowHeight: 15 } as Partial<ExcelJS.WorksheetProperties>,
    headerFooter: pageFooter(pre[0] ?? name),
  })
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width }))
  pre.forEach((line, i) => {
    const row = ws.getRow(i + 1)
    textCell(styles, row.getCell(1), line, i === 0 ? { bold: true, size: 13 } : {})
    row.commit()
  })
  if (pre.length) ws.getRow(pre.length + 1).commit()
  const head = ws.getRow(headerRow)
  head.height = lay.headerHeight
  const headStyle = styles.get({ bold: true, fill: HEADER_FILL, wrap: true, top: true })
  cols.forEach((c, i) => {
    const cell = head.getCell(i + 1)
    cell.value = c.header
    cell.style = headStyle
  })
  head.commit()
  const lines = bodyLines(s)
  const first = headerRow + 1
  const writers = cols.map((c) => cellWriter(styles, c.type, c.wrap, c.ifEmpty))
  const wrapped = cols.flatMap((c, i) => (c.wrap ? [i] : []))
  const totals: (number | null)[] = cols.map((c) => (c.total ? 0 : null))
  // Top-aligned like the label, which may wrap over two lines: the row reads as one line across.
  const subStyle = (c: (typeof cols)[number]) => styles.get({ bold: true, fill: SUBTOTAL_FILL, numFmt: numFmtOf(c.type), top: true })
  // A subtotal's label lives in the columns that print on every page across (lay.titleColumns): merged over them and
  // wrapped, so a page after the first does not cut it where the repeated columns end. On one page it may overflow.
  const span = lay.titleColumns > 0 && cols.slice(1, lay.titleColumns).every((c) => !c.total) ? lay.titleColumns : 0
  const spanChars = lineChars(cols.slice(0, Math.max(1, span)).reduce((n, c) => n + c.width, 0) / BOLD_TEXT)
  lines.forEach((line, r) => {
    const row = ws.getRow(first + r)
    if (line.kind === 'subtotal') {
      const label = `Subtotaal ${line.group.label} ${line.value}`
      if (span > 1) ws.mergeCells(first + r, 1, first + r, span)
      textCell(styles, row.getCell(1), label, { bold: true, fill: SUBTOTAL_FILL, ...(span ? { wrap: true, top: true } : {}) })
      const labelLines = span ? wrappedLines(label, spanChars) : 1
      if (labelLines > 1) row.height = rowHeight(labelLines)
      cols.forEach((c, i) => {
        if (i === 0 || i < span) return
        const cell = row.getCell(i + 1)
        if (!c.total) {
          cell.style = styles.get({ fill: SUBTOTAL_FILL, top: true })
          return
        }
        const total = sumRows(lines, line.from, line.to, c.key, c.type)
        cell.value = {
          formula: `SUBTOTAL(9,${colLetter(i + 1)}${first + line.from}:${colLetter(i + 1)}${first + line.to})`,
          result: shownTotal(c.type, total),
        }
        cell.style = subStyle(c)
      })
      if (line.level > 0) row.outlineLevel = line.level
      row.commit()
      return
    }
    // Rows with wrapped text get their height: LibreOffice keeps a written sheet's default height and cuts the text.
    let textLines = 1
    for (const i of wrapped) {
      const v = line.row[cols[i].key]
      if (typeof v === 'string' && v.length > lineChars(cols[i].width))
        textLines = Math.max(textLines, wrappedLines(v, lineChars(cols[i].width)))
    }
    if (textLines > 1) row.height = rowHeight(textLines)
    const alert = s.highlight?.(line.row) ? 1 : 0
    for (let i = 0; i < cols.length; i++) {
      const v = line.row[cols[i].key]
      writers[i](row.getCell(i + 1), v, alert)
      // The cached SUM result must be what Excel computes from the cells as written: for whole euros that
      // is the sum of the rounded cells, not the rounded sum.
      if (totals[i] !== null && typeof v === 'number')
        totals[i] = assertCents(totals[i]! + (cols[i].type === 'wholeEuro' ? centsToWholeEuros(v) : v))
    }
    if (line.level > 0) row.outlineLevel = line.level
    row.commit()
  })
  const last = headerRow + lines.length
  if (s.totals) {
    const row = ws.getRow(last + 1)
    const fn = levels ? 'SUBTOTAL(9,' : 'SUM('
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      if (i === 0) return textCell(styles, cell, 'Totaal', { bold: true, fill: TOTAL_FILL })
      if (!c.total) {
        cell.style = styles.get({ bold: true, fill: TOTAL_FILL })
        return
      }
      const L = colLetter(i + 1)
      // An empty table still gets a valid formula over no rows: SUM of the header-only range is 0.
      const range = lines.length ? `${L}${first}:${L}${last}` : `${L}${headerRow}:${L}${headerRow}`
      const total = totals[i] ?? 0
      cell.value = { formula: `${fn}${range})`, result: c.type === 'money' ? centsToEuroNumber(total) : total }
      cell.style = styles.get({ bold: true, fill: TOTAL_FILL, numFmt: numFmtOf(c.type) })
    })
    row.commit()
  }
  if (s.alert && lines.length) {
    const ref = (key: string) => {
      const i = cols.findIndex((c) => c.key === key)
      return i < 0 ? '""' : `$${colLetter(i + 1)}${first}`
    }
    const cond = s.alert.replace(/\{(\w+)\}/g, (_, k: string) => ref(k))
    // Subtotal rows are sums, not cases: the rule skips them.
    const formula = levels ? `AND(LEFT($A${first},9)<>"Subtotaal",${cond})` : cond
    ws.addConditionalFormatting({
      ref: `A${first}:${colLetter(cols.length)}${last}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [formula],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: ALERT_ARGB } } },
        },
      ],
    })
  }
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(headerRow, last), column: Math.max(1, cols.length) } }
  ws.commit()
  return ws
}

function sumRows(lines: ReturnType<typeof bodyLines>, from: number, to: number, key: string, type: ColumnType): number {
  let total = 0
  for (let i = from; i <= to; i++) {
    const l = lines[i]
    const v = l.kind === 'row' ? l.row[key] : undefined
    if (typeof v === 'number') total = sumCents([total, type === 'wholeEuro' ? centsToWholeEuros(v) : v])
  }
  return total
}

const shownTotal = (type: ColumnType, cents: number) => (type === 'money' ? centsToEuroNumber(cents) : cents)

function numFmtOf(type: ColumnType | GridCell['format']): string | undefined {
  switch (type) {
    case 'money':
      return FORMATS.money
    case 'wholeEuro':
      return FORMATS.wholeEuro
    case 'date':
      return FORMATS.date
    case 'integer':
      return FORMATS.integer
    case 'percent':
      return FORMATS.percent
    case 'id':
    case 'year':
      return FORMATS.plain
    default:
      return undefined
  }
}

function writeGrid(wb: ExcelJS.stream.xlsx.WorkbookWriter, styles: Styles, s: GridSheet, name: string): ExcelJS.Worksheet {
  const print = printLayout(s.widths ?? [], { portrait: true })
  const ws = wb.addWorksheet(name, {
    views: s.freezeRows ? [{ state: 'frozen', ySplit: s.freezeRows, xSplit: 0 }] : [],
    pageSetup: {
      ...pageSetupOf(print),
      // The frozen rows end in the grid's header row: it heads every printed page too.
      ...(s.freezeRows ? { printTitlesRow: `${s.freezeRows}:${s.freezeRows}` } : {}),
      ...(print.titleColumns ? { printTitlesColumn: `A:${colLetter(print.titleColumns)}` } : {}),
    },
    headerFooter: pageFooter(name),
  })
  if (s.widths) ws.columns = s.widths.map((w) => ({ width: w }))
  // The streaming writer needs merges before the rows they cover are committed.
  for (const m of s.merges ?? []) ws.mergeCells(m)
  s.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1)
    let textLines = 1
    cells.forEach((gc, i) => {
      if (!gc) return
      const w = s.widths?.[i]
      if (gc.wrap && w && typeof gc.value === 'string' && gc.value.length > lineChars(w))
        textLines = Math.max(textLines, wrappedLines(gc.value, lineChars(w)))
      const cell = row.getCell(i + 1)
      // Top-aligned like table bodies: a block's identity and its wrapped labels start on one line.
      const look: Look = { bold: gc.bold, italic: gc.italic, wrap: gc.wrap, top: true }
      if (gc.linkToSheet) {
        // A HYPERLINK formula jumps within the workbook in Excel and LibreOffice alike; the names are Woud's own.
        const target = gc.linkToSheet.replace(/'/g, "''")
        cell.value = { formula: `HYPERLINK("#'${target}'!A1","${String(gc.value).replace(/"/g, '""')}")`, result: String(gc.value) }
        cell.style = styles.get({ ...look, link: true })
        return
      }
      setTyped(styles, cell, gc.format ?? (typeof gc.value === 'number' ? 'integer' : 'text'), gc.value, look)
    })
    if (textLines > 1) row.height = rowHeight(textLines)
    row.commit()
  })
  ws.commit()
  return ws
}

type CellWriter = (cell: ExcelJS.Cell, v: unknown, alert: 0 | 1) => void

/**
 * The writer of one table column: the same cells as setTyped, with the column's styles looked up once (index 0
 * plain, 1 alert) instead of per cell: the styles lookup was the largest cost of a 5,000-grant workbook.
 */
function cellWriter(styles: Styles, type: ColumnType, wrap: boolean, ifEmpty?: string): CellWriter {
  const writer = typedWriter(styles, type, wrap)
  if (ifEmpty === undefined) return writer
  const text = typedWriter(styles, 'text', wrap)
  return (cell, v, alert) => (v === null || v === undefined || v === '' ? text(cell, ifEmpty, alert) : writer(cell, v, alert))
}

function typedWriter(styles: Styles, type: ColumnType, wrap: boolean): CellWriter {
  // Top-aligned, so a row made high by one wrapped cell reads as one line across.
  const looks = [
    { wrap, top: true },
    { fill: ALERT_ARGB, wrap, top: true },
  ]
  const numFmt = numFmtOf(type)
  const valued = looks.map((l) => styles.get({ ...l, numFmt }))
  const text = looks.map((l) => styles.get({ ...l, quote: false }))
  const quoted = looks.map((l) => styles.get({ ...l, quote: true }))
  const empty = [undefined, styles.get({ fill: ALERT_ARGB })]
  const asText = (cell: ExcelJS.Cell, s: string, alert: 0 | 1) => {
    cell.value = s
    cell.style = QUOTE.test(s) ? quoted[alert] : text[alert]
  }
  const number = (convert: (v: unknown) => number | Date | null): CellWriter => {
    return (cell, v, alert) => {
      if (v === null || v === undefined || v === '') {
        if (alert) cell.style = empty[1]!
        return
      }
      const x = convert(v)
      if (x === null) return asText(cell, String(v), alert)
      cell.value = x
      cell.style = valued[alert]
    }
  }
  switch (type) {
    case 'money':
      return number((v) => (typeof v === 'number' ? centsToEuroNumber(v) : null))
    case 'wholeEuro':
      return number((v) => (typeof v === 'number' ? centsToWholeEuros(v) : null))
    case 'date':
      return number((v) => (isIsoDate(v) ? isoToUtcDate(v) : null))
    case 'integer':
    case 'id':
    case 'year':
      return number((v) => (typeof v === 'number' ? v : null))
    case 'percent':
      return number((v) => (typeof v === 'number' ? v / 10000 : null))
    default:
      return (cell, v, alert) => {
        if (v === null || v === undefined || v === '') {
          if (alert) cell.style = empty[1]!
          return
        }
        asText(cell, typeof v === 'boolean' ? jaNee(v) : String(v), alert as 0 | 1)
      }
  }
}

const QUOTE = /^[=+\-@\t\r]/

function setTyped(styles: Styles, cell: ExcelJS.Cell, type: ColumnType | GridCell['format'], v: unknown, look: Look): void {
  if (v === null || v === undefined || v === '') {
    if (look.fill) cell.style = styles.get({ fill: look.fill })
    return
  }
  const numFmt = numFmtOf(type)
  switch (type) {
    case 'money':
    case 'wholeEuro':
      if (typeof v !== 'number') return textCell(styles, cell, String(v), look)
      cell.value = type === 'money' ? centsToEuroNumber(v) : centsToWholeEuros(v)
      break
    case 'date':
      if (!isIsoDate(v)) return textCell(styles, cell, String(v), look)
      cell.value = isoToUtcDate(v)
      break
    case 'integer':
    case 'id':
    case 'year':
      if (typeof v !== 'number') return textCell(styles, cell, String(v), look)
      cell.value = v
      break
    case 'percent':
      // Percentages arrive as basis points (1750 = 17,5 %).
      if (typeof v !== 'number') return textCell(styles, cell, String(v), look)
      cell.value = v / 10000
      break
    default:
      return textCell(styles, cell, typeof v === 'boolean' ? jaNee(v) : String(v), look)
  }
  cell.style = styles.get({ ...look, numFmt })
}

/**
 * User text is written as a string cell, which Excel never evaluates. Text that would become a formula
 * when retyped or exported to CSV ('=', '+', '-', '@', tab, CR) also gets Excel's quote prefix.
 */
function textCell(styles: Styles, cell: ExcelJS.Cell, s: string, look: Look = {}): void {
  cell.value = s
  cell.style = styles.get({ ...look, quote: QUOTE.test(s) })
}
