// What a report is: computed once as plain data, then described as sheets that reports/render turns into xlsx.
import type { Db } from '../db/client.js'

export interface ReportParams {
  organisationId: number
  orgCode: string
  orgName: string
  year: number
  /** Today in Europe/Amsterdam (YYYY-MM-DD). */
  today: string
  /** Generation instant (UTC ISO). */
  generatedAt: string
  /** Forecast scenario: base | awarded-only | spuk-reform (and query extras per report). */
  scenario?: string
  /** Extra query parameters a report accepts (validated by the report). */
  options?: Record<string, string>
}

/** Column types decide the cell format: money = cents shown as euro, wholeEuro = cents shown rounded to whole euros. */
export type ColumnType = 'text' | 'money' | 'wholeEuro' | 'date' | 'integer' | 'percent' | 'boolean'

export interface Column {
  key: string
  /** Dutch header */
  header: string
  type: ColumnType
  width?: number
  /** Sum this column in the totals row (money, wholeEuro, integer). */
  total?: boolean
}

/**
 * A table: header row (frozen, autofilter), one row per record, optional totals row with SUM formulas that
 * carry their computed result. Money values are integer cents in the records.
 */
export interface TableSheet {
  kind: 'table'
  name: string
  /** Lines written above the table (title, organisation, assumptions); the header row follows them. */
  preamble?: string[]
  columns: Column[]
  rows: Record<string, unknown>[]
  totals?: boolean
  /** Row keys -> highlight (e.g. a shortfall); rendered with a light red fill. */
  highlight?: (row: Record<string, unknown>) => boolean
}

export type GridFormat = 'text' | 'money' | 'wholeEuro' | 'date' | 'integer' | 'percent'

export interface GridCell {
  value: string | number | boolean | null
  /** For money / wholeEuro the value is integer cents; for date an ISO date. */
  format?: GridFormat
  bold?: boolean
  wrap?: boolean
  italic?: boolean
}

/** A free layout (cover sheet, SiSa appendix blocks): rows of cells, merged ranges, widths. */
export interface GridSheet {
  kind: 'grid'
  name: string
  rows: (GridCell | null)[][]
  /** Excel ranges such as 'A1:E1'. */
  merges?: string[]
  widths?: number[]
  freezeRows?: number
}

export type SheetSpec = TableSheet | GridSheet

export interface ReportDef<T = unknown> {
  name: string
  /** Dutch title */
  title: string
  compute(db: Db, params: ReportParams): T
  sheets(data: T, params: ReportParams): SheetSpec[]
}
