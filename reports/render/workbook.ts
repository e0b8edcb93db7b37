// Sheets -> xlsx with exceljs's streaming writer. The only place (with importers/read.ts) that writes with exceljs.
// Money arrives as integer cents and leaves as a euro number with a euro format; dates as UTC midnight with
// dd-mm-yyyy (exceljs shifts local-time dates by a day); user text is always a string cell, never a formula.
import ExcelJS from 'exceljs'
import { PassThrough, type Writable } from 'node:stream'
import { centsToEuroNumber, centsToWholeEuros, sumCents } from '../../db/money.js'
import { isoToUtcDate, isIsoDate } from '../../db/dates.js'
import { jaNee } from '../../db/rules/words.js'
import './quote-prefix.js'
import type { Column, ColumnType, GridCell, GridSheet, SheetSpec, TableSheet } from '../types.js'

export const FORMATS = {
  money: '€ #,##0.00;[Red]-€ #,##0.00',
  wholeEuro: '€ #,##0;[Red]-€ #,##0',
  date: 'dd-mm-yyyy',
  integer: '#,##0',
  percent: '0.0%',
} as const

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
const ALERT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF8CBAD' } }
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
}

/** Excel sheet names: max 31 chars, none of []:*?/\ and unique within the workbook. */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Blad'
  let n = base
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)} ${i}`
  taken.add(n.toLowerCase())
  return n
}

/** Write the workbook to a stream (HTTP response, file). Resolves when all bytes are written. */
export async function writeWorkbook(sheets: SheetSpec[], out: Writable, meta: { title?: string } = {}): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'Woud'
  wb.created = new Date()
  if (meta.title) wb.title = meta.title
  const taken = new Set<string>()
  for (const s of sheets) {
    if (s.kind === 'table') writeTable(wb, s, safeSheetName(s.name, taken))
    else writeGrid(wb, s, safeSheetName(s.name, taken))
  }
  await wb.commit()
}

/** The workbook as a Buffer (tests, small exports). */
export async function renderWorkbook(sheets: SheetSpec[], meta: { title?: string } = {}): Promise<Buffer> {
  const pass = new PassThrough()
  const chunks: Buffer[] = []
  pass.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((res, rej) => { pass.on('end', res); pass.on('error', rej) })
  await writeWorkbook(sheets, pass, meta)
  await done
  return Buffer.concat(chunks)
}

function defaultWidth(c: Column): number {
  const byType: Record<ColumnType, number> = { text: 24, money: 16, wholeEuro: 14, date: 12, integer: 10, percent: 10, boolean: 8 }
  return Math.max(byType[c.type], Math.min(60, c.header.length + 2))
}

function writeTable(wb: ExcelJS.stream.xlsx.WorkbookWriter, s: TableSheet, name: string): void {
  const pre = s.preamble ?? []
  const headerRow = pre.length ? pre.length + 2 : 1
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `${headerRow}:${headerRow}` },
  })
  ws.columns = s.columns.map((c) => ({ key: c.key, width: c.width ?? defaultWidth(c) }))
  pre.forEach((line, i) => {
    const row = ws.getRow(i + 1)
    textCell(row.getCell(1), line)
    if (i === 0) row.getCell(1).font = { bold: true, size: 13 }
    row.commit()
  })
  if (pre.length) ws.getRow(pre.length + 1).commit()
  const head = ws.getRow(headerRow)
  s.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1)
    cell.value = c.header
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'middle', wrapText: true }
  })
  head.commit()
  const sums = new Map<string, number>()
  s.rows.forEach((rec, r) => {
    const row = ws.getRow(headerRow + 1 + r)
    const alert = s.highlight?.(rec) ?? false
    s.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      const v = rec[c.key]
      setTyped(cell, c.type, v)
      if (alert) cell.fill = ALERT_FILL
      // The cached SUM result must be what Excel computes from the cells as written: for whole euros that
      // is the sum of the rounded cells, not the rounded sum.
      if (c.total && typeof v === 'number') sums.set(c.key, sumCents([sums.get(c.key) ?? 0, c.type === 'wholeEuro' ? centsToWholeEuros(v) : v]))
    })
    row.commit()
  })
  const lastData = headerRow + s.rows.length
  if (s.totals) {
    const row = ws.getRow(lastData + 1)
    textCell(row.getCell(1), 'Totaal')
    s.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      cell.font = { bold: true }
      cell.fill = TOTAL_FILL
      if (!c.total) return
      const col = ws.getColumn(i + 1).letter
      const total = sums.get(c.key) ?? 0
      const result = c.type === 'money' ? centsToEuroNumber(total) : total
      // An empty table still gets a valid formula over no rows: SUM of the header-only range is 0.
      const range = s.rows.length ? `${col}${headerRow + 1}:${col}${lastData}` : `${col}${headerRow}:${col}${headerRow}`
      cell.value = { formula: `SUM(${range})`, result }
      cell.numFmt = c.type === 'money' ? FORMATS.money : c.type === 'wholeEuro' ? FORMATS.wholeEuro : FORMATS.integer
    })
    row.commit()
  }
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(headerRow, lastData), column: Math.max(1, s.columns.length) } }
  ws.commit()
}

function writeGrid(wb: ExcelJS.stream.xlsx.WorkbookWriter, s: GridSheet, name: string): void {
  const ws = wb.addWorksheet(name, {
    views: s.freezeRows ? [{ state: 'frozen', ySplit: s.freezeRows, xSplit: 0 }] : [],
    pageSetup: { ...PAGE_SETUP },
  })
  if (s.widths) ws.columns = s.widths.map((w) => ({ width: w }))
  // The streaming writer needs merges before the rows they cover are committed.
  for (const m of s.merges ?? []) ws.mergeCells(m)
  s.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1)
    cells.forEach((gc, i) => {
      if (!gc) return
      const cell = row.getCell(i + 1)
      setTyped(cell, gc.format ?? (typeof gc.value === 'number' ? 'integer' : 'text'), gc.value)
      if (gc.bold || gc.italic) cell.font = { bold: gc.bold, italic: gc.italic }
      if (gc.wrap) cell.alignment = { wrapText: true, vertical: 'top' }
    })
    row.commit()
  })
  ws.commit()
}

function setTyped(cell: ExcelJS.Cell, type: ColumnType | GridCell['format'], v: unknown): void {
  if (v === null || v === undefined || v === '') return
  switch (type) {
    case 'money':
    case 'wholeEuro':
      if (typeof v !== 'number') return textCell(cell, String(v))
      cell.value = type === 'money' ? centsToEuroNumber(v) : centsToWholeEuros(v)
      cell.numFmt = FORMATS[type]
      return
    case 'date':
      if (!isIsoDate(v)) return textCell(cell, String(v))
      cell.value = isoToUtcDate(v)
      cell.numFmt = FORMATS.date
      return
    case 'integer':
      if (typeof v !== 'number') return textCell(cell, String(v))
      cell.value = v
      cell.numFmt = FORMATS.integer
      return
    case 'percent':
      // Percentages arrive as basis points (1750 = 17,5 %).
      if (typeof v !== 'number') return textCell(cell, String(v))
      cell.value = v / 10000
      cell.numFmt = FORMATS.percent
      return
    case 'boolean':
      cell.value = typeof v === 'boolean' ? jaNee(v) : String(v)
      return
    default:
      textCell(cell, typeof v === 'boolean' ? jaNee(v) : String(v))
  }
}

/**
 * User text is written as a string cell, which Excel never evaluates. Text that would become a formula
 * when retyped or exported to CSV ('=', '+', '-', '@', tab, CR) also gets Excel's quote prefix.
 */
function textCell(cell: ExcelJS.Cell, s: string): void {
  cell.value = s
  if (/^[=+\-@\t\r]/.test(s)) cell.style = { ...cell.style, quotePrefix: true } as ExcelJS.Style
}
