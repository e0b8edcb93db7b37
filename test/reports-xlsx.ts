// Reading report workbooks back in tests: each table sheet as header, data rows and totals row (values as exceljs gives them).
import ExcelJS from 'exceljs'
import { centsToEuroNumber } from '../db/money.js'

export interface ReadTable {
  preamble: string[]
  header: string[]
  rows: unknown[][]
  /** The totals row's cells: {formula, result} objects where a SUM was written. */
  totals?: unknown[]
  /** Subtotal rows ('Subtotaal taakveld 3.1', ...), left out of rows. */
  subtotals: unknown[][]
  frozenRows?: number
  autoFilter?: unknown
  numFmts: Map<string, string>
  fills: boolean[]
}

export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer)
  return wb
}

/** A table sheet: the header is the first row whose first cell equals `firstHeader`. */
export function readTable(ws: ExcelJS.Worksheet, firstHeader: string): ReadTable {
  const all: { values: unknown[]; fmts: string[]; filled: boolean }[] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const values: unknown[] = [], fmts: string[] = []
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
      const cell = row.getCell(c)
      const v = cell.value ?? null
      // exceljs's reader drops a formula's cached result of 0 from .value; the cell model keeps it.
      values.push(v && typeof v === 'object' && 'formula' in v ? { formula: v.formula, result: (cell.model as { result?: unknown }).result } : v)
      fmts.push(cell.numFmt ?? '')
    }
    const fill = row.getCell(1).fill as { fgColor?: { argb?: string } } | undefined
    all.push({ values, fmts, filled: fill?.fgColor?.argb === 'FFF8CBAD' })
  }
  const h = all.findIndex((r) => r.values[0] === firstHeader)
  if (h < 0) throw new Error(`header '${firstHeader}' not found in ${ws.name}`)
  const header = all[h].values.map((v) => String(v))
  let body = all.slice(h + 1)
  let totals: unknown[] | undefined
  if (body.length && body[body.length - 1].values[0] === 'Totaal') { totals = body[body.length - 1].values; body = body.slice(0, -1) }
  const isSub = (r: { values: unknown[] }) => typeof r.values[0] === 'string' && r.values[0].startsWith('Subtotaal ')
  const subtotals = body.filter(isSub).map((r) => r.values.slice(0, header.length))
  body = body.filter((r) => !isSub(r))
  const numFmts = new Map<string, string>()
  header.forEach((name, i) => numFmts.set(name, body.map((r) => r.fmts[i]).find((f) => f) ?? ''))
  const view = ws.views?.[0] as { state?: string; ySplit?: number } | undefined
  return {
    preamble: all.slice(0, h).map((r) => r.values[0]).filter((v): v is string => typeof v === 'string'),
    header, rows: body.map((r) => r.values.slice(0, header.length)), totals, subtotals, frozenRows: view?.state === 'frozen' ? view.ySplit : undefined,
    autoFilter: ws.autoFilter, numFmts, fills: body.map((r) => r.filled),
  }
}

/** The value of column `name` in every data row. */
export const col = (t: ReadTable, name: string): unknown[] => {
  const i = t.header.indexOf(name)
  if (i < 0) throw new Error(`column '${name}' not in ${t.header.join(', ')}`)
  return t.rows.map((r) => r[i])
}

/** Cents as the euro number a money cell holds. */
export const euro = (cents: number): number => centsToEuroNumber(cents)
