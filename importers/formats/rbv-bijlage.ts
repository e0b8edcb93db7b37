// A departmental "Bijlage specifieke uitkeringen" (RBV model 1.37, domain guide §4.3): one block of sub-rows
// per spuk, amounts x EUR 1 mln per year, 'V' for a voornemen. Pure: blocks out, no database.
import { SISA_CODE } from '../../db/catalogue.js'
import { formatCents, type Notation } from '../../db/money.js'
import { columnLetter, normaliseHeader, RowReader, type Cell, type HeaderMatch, type RowError } from '../cells.js'
import type { Sheet } from '../read.js'
import { ministryIn, nameKey, normaliseSisaCode } from '../names.js'
import { MAX_SCHEME_CENTS } from './woud-catalogue.js'

const SUB_ROWS = new Map<string, keyof RbvBlock>(
  Object.entries({
    naam: 'name',
    korteduiding: 'kortDuiding',
    kortduiding: 'kortDuiding',
    juridischegrondslag: 'legalBasis',
    maatschappelijkeeffecten: 'effecten',
    ontvangendepartijen: 'recipients',
    ontvangers: 'recipients',
    artikel: 'begrotingsartikel',
    begrotingsartikel: 'begrotingsartikel',
  }) as [string, keyof RbvBlock][],
)

export interface RbvBlock {
  sheet: string | null
  row: number
  sisaCode: string | null
  planned: boolean
  name: string
  kortDuiding?: string
  legalBasis?: string
  effecten?: string
  recipients?: string
  begrotingsartikel?: string
  amounts: { year: number; amountCents: number }[]
  ministry?: string
}

export interface RbvLayout {
  headerRow: number
  sisaCol: number
  labelCol: number
  textCol: number
  years: { col: number; year: number }[]
}

/** The header row 'SiSa nr. | Onderdeel | Toelichting | years…' among the first rows, if this is such a table. */
export function rbvLayout(rows: Cell[][], scan = 40): RbvLayout | undefined {
  for (let r = 0; r < Math.min(rows.length, scan); r++) {
    const norm = (rows[r] ?? []).map((c) => (typeof c === 'string' || typeof c === 'number' ? normaliseHeader(c) : ''))
    const sisaCol = norm.findIndex((h) => h === 'sisanr' || h === 'sisanummer' || h === 'sisa' || h === 'sisacode')
    const labelCol = norm.indexOf('onderdeel')
    if (sisaCol < 0 || labelCol < 0) continue
    const textCol = norm.indexOf('toelichting')
    const years: { col: number; year: number }[] = []
    rows[r].forEach((c, col) => {
      const m = typeof c === 'number' || typeof c === 'string' ? /\b(19[9]\d|20\d\d)\b/.exec(String(c)) : null
      if (m && col !== sisaCol && col !== labelCol && col !== textCol) years.push({ col, year: +m[1] })
    })
    return { headerRow: r + 1, sisaCol, labelCol, textCol: textCol < 0 ? labelCol + 1 : textCol, years }
  }
  return undefined
}

/**
 * The unit of the amounts from the table heading: "(bedragen x € 1 mln.)" -> 1 000 000 euros per unit,
 * "x € 1.000" or "in duizenden euro's" -> 1 000, "bedragen in euro's" or "x € 1" -> 1.
 */
export function unitOf(text: string): number | undefined {
  const t = text.replace(/[\u00a0\u202f]/g, ' ')
  // 'x € 1', 'x EUR 1', 'in € 1', 'in euro 1': the multiplier follows x, or in with a currency.
  const per = String.raw`(?:x\s*(?:€|eur(?:o|o's|os)?)?|in\s*(?:€|eur(?:o|o's|os)?))\s*`
  if (new RegExp(`${per}1\\s*(?:mln|miljoen)|${per}1[. ]?000[. ]?000\\b|in\\s+miljoenen\\s+euro`, 'i').test(t)) return 1_000_000
  if (new RegExp(`${per}1[. ]?000\\b|${per}1\\s*duizend|in\\s+duizenden\\s+euro`, 'i').test(t)) return 1_000
  if (new RegExp(`bedragen\\s+(?:x|in)\\s*(?:€|eur(?:o|o's|os)?)(?:\\s*1)?\\s*(?:\\)|$|[^\\d\\s.,])`, 'i').test(t)) return 1
  return undefined
}

const text = (c: Cell | undefined): string =>
  c === null || c === undefined || (typeof c === 'object' && !(c instanceof Date)) ? '' : String(c).trim()

/** Read every RBV table of the given sheets into blocks, one per spuk; errors and warnings carry their places. */
export function readRbv(sheets: Sheet[], errors: RowError[], warnings: RowError[]): RbvBlock[] {
  const blocks: RbvBlock[] = []
  for (const sheet of sheets) blocks.push(...readSheet(sheet, errors, warnings))
  const out: RbvBlock[] = []
  const seen = new Map<string, { block: RbvBlock; json: string }>()
  for (const b of blocks) {
    const key = `${b.sisaCode ?? 'V'}|${nameKey(b.name)}`
    const json = JSON.stringify({ ...b, sheet: null, row: 0 })
    const prev = seen.get(key)
    if (prev) {
      const where = `${prev.block.sheet ? `werkblad ${prev.block.sheet} ` : ''}rij ${prev.block.row}`
      if (prev.json !== json)
        errors.push({
          sheet: b.sheet,
          row: b.row,
          column: '',
          message: `${b.sisaCode ?? 'V'} '${b.name}' staat ook op ${where}, met andere gegevens`,
        })
      else
        warnings.push({
          sheet: b.sheet,
          row: b.row,
          column: '',
          message: `${b.sisaCode ?? 'V'} '${b.name}' staat ook op ${where} (gelijk); één keer ingelezen`,
        })
      continue
    }
    seen.set(key, { block: b, json })
    out.push(b)
  }
  return out
}

/**
 * Published tables write a negative amount as a figure dash, en dash, em dash or minus sign, often followed by a
 * space ('‒ 3,1', '– 3,1', '− 3,1'): normalised to '-3,1' in the year columns. A lone dash stays (it means nil).
 */
function signed(row: Cell[] | undefined, layout: RbvLayout): Cell[] {
  if (!row) return row as unknown as Cell[]
  let out: Cell[] | undefined
  for (const { col } of layout.years) {
    const v = row[col]
    if (typeof v !== 'string') continue
    const m = /^\s*[-\u2012\u2013\u2014\u2212]\s*(?=[\d€])/.exec(v)
    if (!m) continue
    out ??= [...row]
    out[col] = `-${v.slice(m[0].length)}`
  }
  return out ?? row
}

function readSheet(sheet: Sheet, errors: RowError[], warnings: RowError[]): RbvBlock[] {
  const layout = rbvLayout(sheet.rows)
  if (!layout) return []
  const before = sheet.rows
    .slice(0, layout.headerRow - 1)
    .flat()
    .map(text)
    .join(' ')
  const unit = unitOf(before) ?? unitOf(sheet.rows.flat().map(text).join(' '))
  if (!unit)
    warnings.push({
      sheet: sheet.name,
      row: 1,
      column: '',
      message: 'geen eenheid gevonden boven de tabel; aangenomen: bedragen x € 1 mln (RBV-model 1.37)',
    })
  const ministry = ministryIn(before) ?? ministryIn(sheet.name)
  if (layout.years.length === 0) {
    errors.push({
      sheet: sheet.name,
      row: layout.headerRow,
      column: '',
      message: 'geen jaarkolommen gevonden in de kopregel (verwacht bijvoorbeeld 2025 | 2026 | …)',
    })
    return []
  }
  const headers: string[] = []
  const col: Record<string, number> = {}
  for (const y of layout.years) {
    col[String(y.year)] = y.col
    headers[y.col] = String(y.year)
  }
  const match: HeaderMatch<string> = { headerRow: layout.headerRow, col, unknown: [], missing: [], headers }
  sheet = { ...sheet, rows: sheet.rows.map((row) => signed(row, layout)) }
  const end = tableEnd(sheet.rows, layout)
  const notation = notationOf(sheet.rows.slice(layout.headerRow, end.row), layout)
  const blocks: RbvBlock[] = []
  let cur: RbvBlock | undefined
  for (let r = layout.headerRow; r < end.row; r++) {
    const row = sheet.rows[r] ?? []
    const label = normaliseHeader(text(row[layout.labelCol]))
    const value = text(row[layout.textCol])
    // Published tables repeat the header row above each block (page breaks): not a sub-row, no warning.
    if (label === '' || label === 'onderdeel') continue
    const field = SUB_ROWS.get(label)
    if (field === undefined) {
      warnings.push({
        sheet: sheet.name,
        row: r + 1,
        column: '',
        message: `onbekende sub-rij '${text(row[layout.labelCol])}' overgeslagen`,
      })
      continue
    }
    const reader = new RowReader<string>(sheet.name, r + 1, row, match, errors)
    if (field === 'name') {
      const codeText = text(row[layout.sisaCol])
      const planned = /^v$/i.test(codeText)
      const sisaCode = planned || codeText === '' ? null : normaliseSisaCode(codeText)
      if (sisaCode && !SISA_CODE.test(sisaCode))
        reader.errors.push({
          sheet: sheet.name,
          row: r + 1,
          column: `${columnLetter(layout.sisaCol)} (SiSa nr.)`,
          message: `'${codeText}' is geen SiSa-code (zoals D8, C94) en geen V`,
        })
      if (!value)
        reader.errors.push({
          sheet: sheet.name,
          row: r + 1,
          column: `${columnLetter(layout.textCol)} (Toelichting)`,
          message: 'de naam van de specifieke uitkering ontbreekt',
        })
      cur = { sheet: sheet.name, row: r + 1, sisaCode, planned, name: value, amounts: [], ministry }
      blocks.push(cur)
    } else if (!cur) {
      errors.push({
        sheet: sheet.name,
        row: r + 1,
        column: '',
        message: `sub-rij '${text(row[layout.labelCol])}' staat niet onder een rij 'Naam'`,
      })
      continue
    } else if (value) (cur as unknown as Record<string, string>)[field] = value
    if (cur.amounts.length === 0) cur.amounts = amountsOf(reader, layout, unit ?? 1_000_000, notation)
  }
  if (end.totals) checkTotals(sheet, end.totals, blocks, layout, unit ?? 1_000_000, notation, warnings)
  if (blocks.length === 0)
    errors.push({
      sheet: sheet.name,
      row: layout.headerRow,
      column: '',
      message: "de tabel bevat geen specifieke uitkeringen (geen rij met Onderdeel 'Naam')",
    })
  return blocks
}

/** The table ends at its Totaal row; what follows are notes. */
function tableEnd(rows: Cell[][], layout: RbvLayout): { row: number; totals?: number } {
  for (let r = layout.headerRow; r < rows.length; r++) {
    const first = [layout.sisaCol, layout.labelCol, layout.textCol].map((c) => normaliseHeader(text(rows[r]?.[c])))
    if (first.some((h) => h === 'totaal' || h === 'totaalspuks' || h === 'totaalgeneraal')) return { row: r, totals: r }
  }
  return { row: rows.length }
}

/**
 * The notation of a published table, decided by its own unambiguous amounts (one table uses one notation). A table
 * without any (a tiny one: '1.000', '2.500') is a Dutch published table, where a dot before three digits groups
 * thousands ('1.000' is one thousand units); a lone comma before three digits could still be either and is refused.
 * Shared with the SiSa appendix (whole euros in nl-NL notation, domain guide §1.4).
 */
export function tableNotation(texts: string[]): Notation {
  let nl = false
  let plain = false
  let commaThree = false
  for (const t of texts) {
    const s = t.replace(/\s/g, '')
    if (/,\d{1,2}$/.test(s) || /\..*,/.test(s)) nl = true
    if (/\.\d{1,2}$/.test(s) || /,.*\./.test(s)) plain = true
    if (/^[^,.]*,\d{3}$/.test(s)) commaThree = true
  }
  if (nl && !plain) return 'nl'
  if (plain && !nl) return 'plain'
  return !nl && !plain && !commaThree ? 'nl' : 'auto'
}

function notationOf(rows: Cell[][], layout: RbvLayout): { notation: Notation; ambiguousAsDecimal: boolean } {
  const texts = rows.flatMap((row) => layout.years.map(({ col }) => row?.[col]).filter((v): v is string => typeof v === 'string'))
  return { notation: tableNotation(texts), ambiguousAsDecimal: false }
}

function amountsOf(
  reader: RowReader<string>,
  layout: RbvLayout,
  unit: number,
  n: { notation: Notation; ambiguousAsDecimal: boolean },
): { year: number; amountCents: number }[] {
  const out: { year: number; amountCents: number }[] = []
  for (const { year } of layout.years) {
    const raw = reader.raw(String(year))
    if (raw === null) continue
    if (typeof raw === 'string' && /^[-\u2012\u2013\u2014\u2212]$/.test(raw.trim())) {
      out.push({ year, amountCents: 0 })
      continue
    }
    const cents = reader.money(String(year), {
      unitEuros: unit,
      notation: n.notation,
      ambiguousAsDecimal: n.ambiguousAsDecimal,
      allowNegative: true,
      max: MAX_SCHEME_CENTS,
    })
    if (cents !== null) out.push({ year, amountCents: cents })
  }
  return out
}

function checkTotals(
  sheet: Sheet,
  r: number,
  blocks: RbvBlock[],
  layout: RbvLayout,
  unit: number,
  n: { notation: Notation; ambiguousAsDecimal: boolean },
  warnings: RowError[],
): void {
  const col: Record<string, number> = {}
  const headers: string[] = []
  for (const y of layout.years) {
    col[String(y.year)] = y.col
    headers[y.col] = String(y.year)
  }
  const reader = new RowReader<string>(
    sheet.name,
    r + 1,
    sheet.rows[r] ?? [],
    { headerRow: layout.headerRow, col, unknown: [], missing: [], headers },
    [],
  )
  for (const { year, amountCents } of amountsOf(reader, layout, unit, n)) {
    const sum = blocks.reduce((s, b) => s + (b.amounts.find((a) => a.year === year)?.amountCents ?? 0), 0)
    if (sum !== amountCents)
      warnings.push({
        sheet: sheet.name,
        row: r + 1,
        column: reader.columnOf(String(year)),
        message: `Totaal ${year} is ${formatCents(amountCents)}, de som van de regelingen ${formatCents(sum)} (afronding?)`,
      })
  }
}
