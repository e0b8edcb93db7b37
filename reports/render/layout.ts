// How a table sheet is laid out before exceljs sees it: which columns stay, how wide they are, how high the
// header row is, which paper it prints on, and where the subtotal rows of its groups fall. Pure; no exceljs.
import type { Column, ColumnType, GroupLevel, TableSheet } from '../types.js'
import { collationRanks, NL_NUMERIC } from '../collate.js'

const MIN_WIDTH = 6
/** Wider text wraps; codes never do. */
const MAX_TEXT_WIDTH = 48
const MAX_WIDTH = 80
/** Characters of Calibri 11 a printed line holds at 100 % within Woud's margins (Excel's width unit). */
const A4_PORTRAIT_CHARS = 100
const A4_LANDSCAPE_CHARS = 150
const A3_LANDSCAPE_CHARS = 212
/** Below this scale a printed sheet is too small to read: wider sheets print on more pages across... */
const MIN_SCALE = 0.8
/** ...unless one page at this scale holds it: better than a second page with a column or two. */
const MIN_SCALE_ONE_PAGE = 0.7
/** Bold header text is wider than the content estimate: a header word gets this much more room. */
const BOLD = 1.1

/** Columns that hold codes and keys: never wrapped, never cut. */
const CODE_KEYS = new Set([
  'grantId',
  'reference',
  'schemeCode',
  'sisaCode',
  'code',
  'beschikkingsnummer',
  'indicator',
  'check',
  'id',
  'taakveld',
])

export interface ColumnLayout extends Column {
  width: number
  wrap: boolean
}

/** How a sheet prints: paper, orientation, how many pages across, and which leading columns repeat on each. */
export interface PrintLayout {
  /** 9 = A4, 8 = A3 (Excel's paperSize codes). */
  paperSize: 8 | 9
  orientation: 'portrait' | 'landscape'
  /** Pages across (fit to width); down is unbounded. */
  pagesWide: number
  /** Leading columns printed on every page across (0 when one page wide). */
  titleColumns: number
}

export interface TableLayout extends PrintLayout {
  columns: ColumnLayout[]
  headerHeight: number
}

/**
 * Paper for a sheet `widths` wide (Excel width units): A4 portrait or landscape at a scale of at least MIN_SCALE,
 * else one A3 landscape page at least MIN_SCALE_ONE_PAGE; a sheet wider than that prints on several A3 pages
 * across (at least MIN_SCALE) with its first columns repeated.
 */
export function printLayout(widths: number[], opts: { portrait?: boolean } = {}): PrintLayout {
  const total = widths.reduce((n, w) => n + w, 0)
  if (opts.portrait && total <= A4_PORTRAIT_CHARS / MIN_SCALE)
    return { paperSize: 9, orientation: 'portrait', pagesWide: 1, titleColumns: 0 }
  // A4 is on every printer: take it down to MIN_SCALE before going to A3.
  if (total <= A4_LANDSCAPE_CHARS / MIN_SCALE) return { paperSize: 9, orientation: 'landscape', pagesWide: 1, titleColumns: 0 }
  if (total <= A3_LANDSCAPE_CHARS / MIN_SCALE_ONE_PAGE) return { paperSize: 8, orientation: 'landscape', pagesWide: 1, titleColumns: 0 }
  const page = A3_LANDSCAPE_CHARS / MIN_SCALE
  // Repeat the leading columns that name the row (an id and a reference, at most a fifth of the page).
  let titleColumns = 0
  let titleWidth = 0
  while (titleColumns < Math.min(3, widths.length - 1) && titleWidth < 20 && titleWidth + widths[titleColumns] <= page / 5)
    titleWidth += widths[titleColumns++]
  return { paperSize: 8, orientation: 'landscape', pagesWide: Math.ceil((total - titleWidth) / (page - titleWidth)), titleColumns }
}

/** Characters of body text a wrapped line of a column `width` wide holds (proportional text, a unit of padding). */
export const lineChars = (width: number): number => Math.max(1, Math.floor(width) - 1)

/** Lines a text takes when word-wrapped at `width` characters (a word longer than the line breaks inside it). */
export function wrappedLines(text: string, width: number): number {
  let lines = 0
  for (const para of text.split('\n')) {
    let used = 0
    lines++
    for (const w of para.split(/\s+/)) {
      if (w.length > width) {
        lines += Math.ceil((used + (used ? 1 : 0) + w.length) / width) - 1
        used = (used + (used ? 1 : 0) + w.length) % width
      } else if (used === 0) used = w.length
      else if (used + 1 + w.length <= width) used += 1 + w.length
      else {
        lines++
        used = w.length
      }
    }
  }
  return lines
}

const empty = (v: unknown) => v === null || v === undefined || v === ''

/** Characters a value takes as Excel shows it with the column's format. */
function shownLength(type: ColumnType, v: unknown): number {
  if (empty(v)) return 0
  switch (type) {
    case 'money':
    case 'wholeEuro': {
      if (typeof v !== 'number') return String(v).length
      const euros = Math.trunc(Math.abs(v) / 100)
      const digits = String(euros).length
      // '€ ' + digits + thousands dots + ',00' + sign
      return 2 + digits + Math.floor((digits - 1) / 3) + (type === 'money' ? 3 : 0) + (v < 0 ? 1 : 0)
    }
    case 'date':
      return 10
    case 'percent':
      return 6
    case 'integer': {
      if (typeof v !== 'number') return String(v).length
      const digits = String(Math.trunc(Math.abs(v))).length
      return digits + Math.floor((digits - 1) / 3) + (v < 0 ? 1 : 0)
    }
    default:
      return String(v).length
  }
}

/** The longest word of a header: a wrapped header is never narrower than that. */
const longestWord = (s: string) => s.split(/\s+/).reduce((m, w) => Math.max(m, w.length), 0)

/** Lines a header takes when word-wrapped at `width` characters. */
function headerLines(header: string, width: number): number {
  let lines = 1,
    used = 0
  for (const w of header.split(/\s+/)) {
    if (used === 0) used = w.length
    else if (used + 1 + w.length <= width) used += 1 + w.length
    else {
      lines++
      used = w.length
    }
  }
  return lines
}

export function layoutTable(s: TableSheet): TableLayout {
  const keep = (c: Column) => c.keep || c.total || s.rows.length === 0 || c.ifEmpty !== undefined || s.rows.some((r) => !empty(r[c.key]))
  const columns = s.columns.filter(keep).map((c): ColumnLayout => {
    let content = 0
    let abs = 0
    for (const r of s.rows) {
      const v = r[c.key]
      const n = empty(v) && c.ifEmpty !== undefined ? c.ifEmpty.length : shownLength(c.type, v)
      if (n > content) content = n
      if (c.total && typeof v === 'number') abs += Math.abs(v)
    }
    // Subtotals and the totals row are bold and can exceed every row: no '###' where they print.
    if (c.total && Number.isSafeInteger(abs)) content = Math.max(content, Math.ceil(shownLength(c.type, abs) * BOLD))
    const header = Math.ceil(longestWord(c.header) * BOLD) + 1
    const code = c.code || CODE_KEYS.has(c.key) || c.type === 'id' || c.type === 'year'
    // A width in the sheet's spec is an upper bound for prose; the content decides within it. Codes take what they need.
    const bound = code ? MAX_WIDTH : Math.min(c.width ?? MAX_TEXT_WIDTH, MAX_TEXT_WIDTH)
    const width = Math.max(MIN_WIDTH, header, Math.min(bound, Math.ceil(content * 1.1) + 2))
    return { ...c, width, wrap: !code && c.type === 'text' && content > lineChars(width) }
  })
  const headerHeight = 15 * Math.max(1, ...columns.map((c) => headerLines(c.header, Math.floor((c.width - 1) / BOLD))))
  return { columns, headerHeight, ...printLayout(columns.map((c) => c.width)) }
}

/** One line of the body: a data row, or the subtotal of a group ending there. */
export type BodyLine =
  | { kind: 'row'; row: Record<string, unknown>; level: number }
  | { kind: 'subtotal'; level: number; group: GroupLevel; value: string; from: number; to: number }

const groupValue = (v: unknown) => (empty(v) ? '(leeg)' : String(v))

/**
 * The body in order: rows sorted by the group keys (stable), each group closed by a subtotal line over its
 * rows (offsets into the body; SUBTOTAL ignores the nested subtotals inside its range).
 */
export function bodyLines(s: TableSheet): BodyLine[] {
  const groups = s.groups ?? []
  if (groups.length === 0) return s.rows.map((row) => ({ kind: 'row', row, level: 0 }))
  const rows = s.rows.map((row, i) => ({ row, i, keys: groups.map((g) => groupValue(row[g.key])) }))
  const ranks = groups.map((_, k) =>
    collationRanks(
      rows.map((r) => r.keys[k]),
      NL_NUMERIC,
    ),
  )
  rows.sort((a, b) => {
    for (let k = 0; k < groups.length; k++) {
      const c = ranks[k].get(a.keys[k])! - ranks[k].get(b.keys[k])!
      if (c) return c
    }
    return a.i - b.i
  })
  const out: BodyLine[] = []
  const open: { value: string; from: number }[] = []
  const close = (downTo: number) => {
    while (open.length > downTo) {
      const level = open.length - 1
      const g = open.pop()!
      out.push({ kind: 'subtotal', level, group: groups[level], value: g.value, from: g.from, to: out.length - 1 })
    }
  }
  let prev: string[] | null = null
  for (const r of rows) {
    const differsAt = prev === null ? 0 : r.keys.findIndex((k, i) => k !== prev![i])
    if (prev !== null && differsAt >= 0) close(differsAt)
    while (open.length < groups.length) open.push({ value: r.keys[open.length], from: out.length })
    out.push({ kind: 'row', row: r.row, level: groups.length })
    prev = r.keys
  }
  close(0)
  return out
}
