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

/**
 * Column types decide the cell format: money = cents shown as euro, wholeEuro = cents shown rounded to whole euros,
 * id and year = plain numbers without thousands separator (2026, never 2.026).
 */
export type ColumnType = 'text' | 'money' | 'wholeEuro' | 'date' | 'integer' | 'percent' | 'boolean' | 'id' | 'year'

export interface Column {
  key: string
  /** Dutch header */
  header: string
  type: ColumnType
  /** Fixed width; without it the width follows the content (within bounds). */
  width?: number
  /** Sum this column in the totals row (money, wholeEuro, integer). */
  total?: boolean
  /** A code or key: never wrapped or cut, however long. */
  code?: boolean
  /** Keep the column even when no row has a value (the renderer drops always-empty columns otherwise). */
  keep?: boolean
  /** Text shown where a row has no value (a cofinancing row without a year covers the whole term). */
  ifEmpty?: string
}

/** One level of subtotals: rows are grouped by `key` (outer level first); each group ends in a SUBTOTAL row. */
export interface GroupLevel {
  key: string
  /** Dutch name of the grouping, as in 'Subtotaal taakveld 3.1'. */
  label: string
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
  /**
   * Conditional formatting: an Excel condition over the row, with {key} standing for that column's cell, e.g.
   * '{shortfallCents}>0'. Unlike `highlight` it stays right when a controller edits the values.
   */
  alert?: string
  /** Subtotals with outline groups, outer level first (e.g. ministry, then taakveld); the totals row uses SUBTOTAL. */
  groups?: GroupLevel[]
}

export type GridFormat = 'text' | 'money' | 'wholeEuro' | 'date' | 'integer' | 'percent' | 'year'

export interface GridCell {
  value: string | number | boolean | null
  /** A link to another sheet of the workbook (the value is the text shown). */
  linkToSheet?: string
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
