// A filled SiSa appendix as values: the bijlage grid (Woud's export and the CBS 'bijlage op maat' layout, read by
// sisa-bijlage.ts) or Woud's values table (one row per value: Indicator | Regel | Waarde | Beschikkingsnummer).
// Pure: value cells with their places out, no database.
import { formatCents, type Notation } from '../../db/money.js'
import type { StoredIndicator } from '../../db/repositories/sisa.js'
import type { SisaValue } from '../../db/repositories/sisa-values.js'
import { checkSisaValue } from '../../db/rules/sisa-value.js'
import { parseIndicatorCode } from '../../db/sisa-definitions.js'
import { columnLetter, isEmptyRow, matchHeaders, missingColumns, RowReader, type Cell, type RowError, type Synonyms } from '../cells.js'
import type { Sheet } from '../read.js'
import { parseBijlage, type BijlageCell, type BlockPlace, type IndicatorHead } from './sisa-bijlage.js'

export type ValuesField = 'indicator' | 'rowNo' | 'value' | 'beschikkingsnummer' | 'year'

/** The values table's headers: the first name of each is the template's header. */
export const VALUES_SYNONYMS: Synonyms<ValuesField> = {
  indicator: ['Indicator', 'Indicatorcode', 'Indicatornummer'],
  rowNo: ['Regel', 'Regelnummer', 'rowNo'],
  value: ['Waarde', 'value'],
  beschikkingsnummer: ['Beschikkingsnummer', 'Beschikking'],
  year: ['Jaar', 'SiSa-jaar', 'year'],
}
export const VALUES_REQUIRED: ValuesField[] = ['indicator', 'value']

export interface ValueCell extends BijlageCell {
  /** Values table only: the beschikking the row belongs to. */
  beschikkingsnummer?: string
}

export interface AppendixValues {
  format: 'sisa-bijlage' | 'sisa-waardentabel'
  /** The SiSa year the file states (bijlage title, or the table's Jaar column), with where it says so. */
  sisaYear: { year: number; sheet: string | null; row: number; column: string } | null
  cells: ValueCell[]
  /** Indicator codes the file has a head (grid) or rows (table) for, with the first place. */
  heads: IndicatorHead[]
  blocks: BlockPlace[]
  errors: RowError[]
  warnings: RowError[]
}

const isTable = (s: Sheet, map: Record<string, string>) => matchHeaders(s.rows, VALUES_SYNONYMS, VALUES_REQUIRED, map)?.missing.length === 0

/** Read a filled appendix; a sheet with the values table's headers wins over the grid. */
export function readAppendixValues(sheets: Sheet[], map: Record<string, string> = {}): AppendixValues {
  const table = sheets.find((s) => isTable(s, map))
  if (table) return readTable(table, map)
  const b = parseBijlage(sheets)
  const titleAt = findTitle(sheets)
  return {
    format: 'sisa-bijlage',
    sisaYear: b.sisaYear !== null && titleAt ? { year: b.sisaYear, ...titleAt } : null,
    cells: b.cells,
    heads: b.heads,
    blocks: b.blocks,
    errors: b.errors,
    warnings: b.warnings,
  }
}

function findTitle(sheets: Sheet[]): { sheet: string | null; row: number; column: string } | undefined {
  for (const s of sheets)
    for (let r = 0; r < Math.min(s.rows.length, 10); r++) {
      const c = (s.rows[r] ?? []).findIndex((v) => typeof v === 'string' && /verantwoordingsinformatie\s+\d{4}/i.test(v))
      if (c >= 0) return { sheet: s.name, row: r + 1, column: columnLetter(c) }
    }
  return undefined
}

function readTable(sheet: Sheet, map: Record<string, string>): AppendixValues {
  const errors: RowError[] = []
  const out: AppendixValues = { format: 'sisa-waardentabel', sisaYear: null, cells: [], heads: [], blocks: [], errors, warnings: [] }
  const m = matchHeaders(sheet.rows, VALUES_SYNONYMS, VALUES_REQUIRED, map)
  if (!m || m.missing.length) {
    errors.push(missingColumns(sheet, m, VALUES_REQUIRED))
    return out
  }
  const col = (f: ValuesField) => m.col[f]
  for (let i = m.headerRow; i < sheet.rows.length; i++) {
    const row = sheet.rows[i]
    if (isEmptyRow(row)) continue
    const r = new RowReader<ValuesField>(sheet.name, i + 1, row, m, errors)
    const codeText = r.text('indicator', true)
    const code = codeText ? parseIndicatorCode(codeText) : undefined
    if (codeText && !code) r.error('indicator', `'${codeText}' is geen indicatorcode (vorm 'A16/01' of 'A16 / 01')`)
    const year = r.integer('year', { min: 2005, max: 2100 })
    if (year !== null && out.sisaYear === null) out.sisaYear = { year, sheet: sheet.name, row: i + 1, column: r.columnOf('year') }
    else if (year !== null && out.sisaYear && year !== out.sisaYear.year)
      r.error('year', `regel hoort bij ${year}, de regel op rij ${out.sisaYear.row} bij ${out.sisaYear.year}: één jaar per bestand`)
    const rowNo = r.integer('rowNo', { min: 1, max: 999 }) ?? 0
    const value: Cell = row[col('value')!] ?? null
    if (!code || value === null || (typeof value === 'string' && value.trim() === '')) continue
    const place = { sheet: sheet.name, row: i + 1, column: r.columnOf('value') }
    out.cells.push({ ...code, rowNo, value, ...place, label: '', beschikkingsnummer: r.text('beschikkingsnummer') ?? undefined })
    if (!out.heads.some((h) => h.sisaCode === code.sisaCode && h.number === code.number))
      out.heads.push({ ...code, label: null, aard: null, ...place, column: r.columnOf('indicator') })
    if (!out.blocks.some((b) => b.sisaCode === code.sisaCode))
      out.blocks.push({ sisaCode: code.sisaCode, ...place, column: r.columnOf('indicator') })
  }
  return out
}

/** A typed value as people read it: '€ 68.000,00', 'Ja', a count, a text. */
export const shown = (v: SisaValue | null | undefined): string | null =>
  !v
    ? null
    : v.cents !== undefined
      ? formatCents(v.cents)
      : v.number !== undefined
        ? String(v.number)
        : v.bool !== undefined
          ? v.bool
            ? 'Ja'
            : 'Nee'
          : (v.text ?? null)

/** The typed value of one cell for its indicator, or a Dutch message: the one SiSa value rule (db/rules/sisa-value.ts). */
export function typedValue(
  ind: Pick<StoredIndicator, 'sisaCode' | 'number' | 'dataType'>,
  c: Cell,
  notation: Notation,
): SisaValue | string {
  const code = `${ind.sisaCode}/${ind.number}`
  if (c !== null && typeof c === 'object' && !(c instanceof Date)) return `${code}: de cel bevat een fout (${c.error})`
  const r = checkSisaValue(ind.dataType, c, { notation })
  return r.error !== undefined ? `${code}: ${r.error}` : (r.value ?? { text: '' })
}
