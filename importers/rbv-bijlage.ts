// A departmental "Bijlage specifieke uitkeringen" (RBV model 1.37, docs/formats.md#inputs): one block of sub-rows
// per spuk, amounts x EUR 1 mln per year, 'V' for a voornemen. Each block becomes or updates one scheme.
import type { Db } from '../db/client.js'
import type { Actor } from '../db/audit.js'
import { SISA_CODE, type SchemeInput } from '../db/catalogue.js'
import { formatCents, type Notation } from '../db/money.js'
import { upsertScheme } from '../db/repositories/schemes.js'
import { columnLetter, normaliseHeader, RowReader, type Cell, type HeaderMatch, type RowError } from './cells.js'
import type { Sheet } from './read.js'
import { findSchemeBySisaAndName, generatedCode, ministryIn, ministryOfSisaCode, nameKey, normaliseSisaCode } from './schemes-match.js'
import { MAX_SCHEME_CENTS } from './woud-catalogue.js'
import type { Counts } from './types.js'

const SUB_ROWS = new Map<string, keyof Block>(Object.entries({
  naam: 'name', korteduiding: 'kortDuiding', kortduiding: 'kortDuiding', juridischegrondslag: 'legalBasis', maatschappelijkeeffecten: 'effecten',
  ontvangendepartijen: 'recipients', ontvangers: 'recipients', artikel: 'begrotingsartikel', begrotingsartikel: 'begrotingsartikel',
}) as [string, keyof Block][])

interface Block {
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

export interface RbvData { blocks: (Block & { code: string; existing: boolean; existingName?: string; existingExtra?: Record<string, unknown> | null })[] }

export interface RbvLayout { headerRow: number; sisaCol: number; labelCol: number; textCol: number; years: { col: number; year: number }[] }

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

/** "(bedragen x € 1 mln.)" -> 1 000 000 euros per unit; x € 1.000 -> 1 000. */
function unitOf(text: string): number | undefined {
  if (/x\s*(€|eur)?\s*1\s*(mln|miljoen)|x\s*(€|eur)?\s*1\.000\.000/i.test(text)) return 1_000_000
  if (/x\s*(€|eur)?\s*1\s*(\.000|duizend)/i.test(text)) return 1_000
  return undefined
}

const text = (c: Cell | undefined): string => (c === null || c === undefined || typeof c === 'object' && !(c instanceof Date) ? '' : String(c).trim())

/** Read every RBV table of the given sheets into blocks; errors and warnings carry their places. */
export function prepareRbv(db: Db, sheets: Sheet[], errors: RowError[], warnings: RowError[]): RbvData {
  const blocks: Block[] = []
  for (const sheet of sheets) blocks.push(...readSheet(sheet, errors, warnings))
  const out: RbvData['blocks'] = []
  const seen = new Map<string, { block: Block; json: string }>()
  for (const b of blocks) {
    const key = `${b.sisaCode ?? 'V'}|${nameKey(b.name)}`
    const json = JSON.stringify({ ...b, sheet: null, row: 0 })
    const prev = seen.get(key)
    if (prev) {
      const where = `${prev.block.sheet ? `werkblad ${prev.block.sheet} ` : ''}rij ${prev.block.row}`
      if (prev.json !== json) errors.push({ sheet: b.sheet, row: b.row, column: '', message: `${b.sisaCode ?? 'V'} '${b.name}' staat ook op ${where}, met andere gegevens` })
      else warnings.push({ sheet: b.sheet, row: b.row, column: '', message: `${b.sisaCode ?? 'V'} '${b.name}' staat ook op ${where} (gelijk); één keer ingelezen` })
      continue
    }
    seen.set(key, { block: b, json })
    const existing = findSchemeBySisaAndName(db, b.sisaCode, b.name)
    const ministry = existing?.ministry ?? b.ministry ?? ministryOfSisaCode(b.sisaCode)
    if (!ministry) {
      errors.push({ sheet: b.sheet, row: b.row, column: '', message: `het ministerie van '${b.name}' is niet te bepalen: zet de naam van het ministerie in de titel van de tabel of in de naam van het werkblad` })
      continue
    }
    out.push({ ...b, ministry, code: existing?.code ?? generatedCode('rbv', ministry, b.sisaCode, b.name), existing: !!existing, existingName: existing?.name, existingExtra: existing?.extra })
  }
  return { blocks: out }
}

function readSheet(sheet: Sheet, errors: RowError[], warnings: RowError[]): Block[] {
  const layout = rbvLayout(sheet.rows)
  if (!layout) return []
  const before = sheet.rows.slice(0, layout.headerRow - 1).flat().map(text).join(' ')
  const unit = unitOf(before) ?? unitOf(sheet.rows.flat().map(text).join(' '))
  if (!unit) warnings.push({ sheet: sheet.name, row: 1, column: '', message: 'geen eenheid gevonden boven de tabel; aangenomen: bedragen x € 1 mln (RBV-model 1.37)' })
  const ministry = ministryIn(before) ?? ministryIn(sheet.name)
  if (layout.years.length === 0) {
    errors.push({ sheet: sheet.name, row: layout.headerRow, column: '', message: 'geen jaarkolommen gevonden in de kopregel (verwacht bijvoorbeeld 2025 | 2026 | …)' })
    return []
  }
  const headers: string[] = []
  const col: Record<string, number> = {}
  for (const y of layout.years) { col[String(y.year)] = y.col; headers[y.col] = String(y.year) }
  const match: HeaderMatch<string> = { headerRow: layout.headerRow, col, unknown: [], missing: [], headers }
  const end = tableEnd(sheet.rows, layout)
  const notation = notationOf(sheet.rows.slice(layout.headerRow, end.row), layout)
  const blocks: Block[] = []
  let cur: Block | undefined
  for (let r = layout.headerRow; r < end.row; r++) {
    const row = sheet.rows[r] ?? []
    const label = normaliseHeader(text(row[layout.labelCol]))
    const value = text(row[layout.textCol])
    if (label === '') continue
    const field = SUB_ROWS.get(label)
    if (field === undefined) {
      warnings.push({ sheet: sheet.name, row: r + 1, column: '', message: `onbekende sub-rij '${text(row[layout.labelCol])}' overgeslagen` })
      continue
    }
    const reader = new RowReader<string>(sheet.name, r + 1, row, match, errors)
    if (field === 'name') {
      const codeText = text(row[layout.sisaCol])
      const planned = /^v$/i.test(codeText)
      const sisaCode = planned || codeText === '' ? null : normaliseSisaCode(codeText)
      if (sisaCode && !SISA_CODE.test(sisaCode)) reader.errors.push({ sheet: sheet.name, row: r + 1, column: `${columnLetter(layout.sisaCol)} (SiSa nr.)`, message: `'${codeText}' is geen SiSa-code (zoals D8, C94) en geen V` })
      if (!value) reader.errors.push({ sheet: sheet.name, row: r + 1, column: `${columnLetter(layout.textCol)} (Toelichting)`, message: 'de naam van de specifieke uitkering ontbreekt' })
      cur = { sheet: sheet.name, row: r + 1, sisaCode, planned, name: value, amounts: [], ministry }
      blocks.push(cur)
    } else if (!cur) {
      errors.push({ sheet: sheet.name, row: r + 1, column: '', message: `sub-rij '${text(row[layout.labelCol])}' staat niet onder een rij 'Naam'` })
      continue
    } else if (value) (cur as unknown as Record<string, string>)[field] = value
    if (cur.amounts.length === 0) cur.amounts = amountsOf(reader, layout, unit ?? 1_000_000, notation)
  }
  if (end.totals) checkTotals(sheet, end.totals, blocks, layout, unit ?? 1_000_000, notation, warnings)
  if (blocks.length === 0) errors.push({ sheet: sheet.name, row: layout.headerRow, column: '', message: "de tabel bevat geen specifieke uitkeringen (geen rij met Onderdeel 'Naam')" })
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

/** Dutch or plain notation, decided by the table's own unambiguous amounts (one table uses one notation). */
function notationOf(rows: Cell[][], layout: RbvLayout): { notation: Notation; ambiguousAsDecimal: boolean } {
  let nl = false
  let plain = false
  for (const row of rows) for (const { col } of layout.years) {
    const s = typeof row?.[col] === 'string' ? (row[col] as string).replace(/\s/g, '') : ''
    if (/,\d{1,2}$/.test(s) || /\..*,/.test(s)) nl = true
    if (/\.\d{1,2}$/.test(s) || /,.*\./.test(s)) plain = true
  }
  if (nl && !plain) return { notation: 'nl', ambiguousAsDecimal: false }
  if (plain && !nl) return { notation: 'plain', ambiguousAsDecimal: false }
  // With x EUR 1 mln a lone separator with three digits is a decimal: thousands of millions are not written that way.
  return { notation: 'auto', ambiguousAsDecimal: !nl && !plain }
}

function amountsOf(reader: RowReader<string>, layout: RbvLayout, unit: number, n: { notation: Notation; ambiguousAsDecimal: boolean }): { year: number; amountCents: number }[] {
  const out: { year: number; amountCents: number }[] = []
  for (const { year } of layout.years) {
    const raw = reader.raw(String(year))
    if (raw === null) continue
    if (typeof raw === 'string' && /^[-–—]$/.test(raw.trim())) { out.push({ year, amountCents: 0 }); continue }
    const cents = reader.money(String(year), { unitEuros: unit, notation: n.notation, ambiguousAsDecimal: n.ambiguousAsDecimal, allowNegative: false, max: MAX_SCHEME_CENTS })
    if (cents !== null) out.push({ year, amountCents: cents })
  }
  return out
}

function checkTotals(sheet: Sheet, r: number, blocks: Block[], layout: RbvLayout, unit: number, n: { notation: Notation; ambiguousAsDecimal: boolean }, warnings: RowError[]): void {
  const col: Record<string, number> = {}
  const headers: string[] = []
  for (const y of layout.years) { col[String(y.year)] = y.col; headers[y.col] = String(y.year) }
  const reader = new RowReader<string>(sheet.name, r + 1, sheet.rows[r] ?? [], { headerRow: layout.headerRow, col, unknown: [], missing: [], headers }, [])
  for (const { year, amountCents } of amountsOf(reader, layout, unit, n)) {
    const sum = blocks.reduce((s, b) => s + (b.amounts.find((a) => a.year === year)?.amountCents ?? 0), 0)
    if (sum !== amountCents) warnings.push({ sheet: sheet.name, row: r + 1, column: reader.columnOf(String(year)), message: `Totaal ${year} is ${formatCents(amountCents)}, de som van de regelingen ${formatCents(sum)} (afronding?)` })
  }
}

export function applyRbv(db: Db, data: RbvData, who: Actor): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
  for (const b of data.blocks) {
    const extra = b.kortDuiding || b.effecten
      ? { ...(b.existingExtra ?? {}), ...(b.kortDuiding ? { kortDuiding: b.kortDuiding } : {}), ...(b.effecten ? { maatschappelijkeEffecten: b.effecten } : {}) }
      : undefined
    const input: SchemeInput = {
      code: b.code, name: b.existingName ?? b.name, ministry: b.ministry!, sisaCode: b.sisaCode ?? undefined,
      instrument: b.existing ? undefined : 'spuk', legalBasis: b.legalBasis, recipients: b.recipients, begrotingsartikel: b.begrotingsartikel,
      planned: b.planned, extra, nationalAmounts: b.amounts,
    }
    counts[upsertScheme(db, input, who, who.source)]++
  }
  return counts
}
