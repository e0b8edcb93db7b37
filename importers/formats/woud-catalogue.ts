// The Woud catalogue format (contract §3.1) from JSON, JSON Lines, CSV or XLSX: records through
// parseCatalogueRecord into SchemeInputs carrying only the fields the file has. Pure: no database.
import { excelSerialToIso } from '../../db/dates.js'
import { CATALOGUE_FIELDS, KNOWN_EXTRA, parseCatalogueRecord, type SchemeInput } from '../../db/catalogue.js'
import {
  columnLetter,
  headerErrors,
  headerOnly,
  isEmptyRow,
  looksLikeFormula,
  matchHeaders,
  missingColumns,
  type Cell,
  type RowError,
  type Synonyms,
} from '../cells.js'
import type { ReadFile, Sheet } from '../read.js'

type TabularField = Exclude<(typeof CATALOGUE_FIELDS)[number], 'windows' | 'spendUntilHistory'>

export const CATALOGUE_SYNONYMS: Synonyms<TabularField> = {
  code: ['woud code', 'woudcode', 'id', 'regelingcode', 'scheme code'],
  sisaCode: ['sisa code', 'sisa', 'sisa nr', 'sisa nr.', 'sisanummer', 'uitkeringscode'],
  name: ['naam', 'naam regeling', 'regeling', 'scheme', 'titel'],
  ministry: ['ministerie', 'departement', 'verstrekker'],
  instrument: ['soort', 'type', 'soort uitkering'],
  legalBasis: ['juridische grondslag', 'grondslag', 'wettelijke grondslag', 'legal basis'],
  executor: ['uitvoerder', 'uitvoeringsorganisatie', 'uitvoering'],
  recipients: ['ontvangers', 'ontvangende partijen', 'doelgroep'],
  begrotingsartikel: ['artikel', 'begrotingsartikel nr'],
  nature: ['aard', 'karakter', 'incidenteel/structureel'],
  startYear: ['beginjaar', 'startjaar', 'vanaf jaar', 'start year'],
  endYear: ['eindjaar', 'tot en met jaar', 't/m jaar', 'end year'],
  windowOpens: ['aanvraag open', 'aanvragen vanaf', 'loket open', 'openingsdatum', 'window opens'],
  windowCloses: ['aanvraag sluit', 'aanvragen tot', 'loket sluit', 'sluitingsdatum', 'deadline aanvraag', 'window closes'],
  spendUntil: ['besteden tot', 'bestedingstermijn', 'einddatum besteding', 'spend until'],
  cofinancingPct: ['cofinanciering %', 'cofinancieringspercentage', 'cofinanciering', 'cofinancing %'],
  cofinancingBasis: ['cofinancieringsgrondslag', 'grondslag cofinanciering'],
  cofinancingFixedEur: ['cofinanciering vast bedrag', 'vaste cofinanciering'],
  rijksSharePct: ['rijksaandeel %', 'rijksaandeel', 'aandeel rijk'],
  carryOverPct: ['meeneem %', 'meenemen %', 'overheveling %', 'carry over %'],
  sisaRequired: ['sisa verplicht', 'sisaplichtig', 'sisa-plichtig', 'verantwoording via sisa'],
  planned: ['voornemen', 'gepland'],
  defaultTaakveld: ['taakveld', 'standaard taakveld'],
  url: ['link', 'website', 'webadres'],
  notes: ['opmerkingen', 'opmerking', 'notities', 'toelichting'],
}
export const CATALOGUE_REQUIRED: TabularField[] = ['code', 'name', 'ministry']

const DATE_FIELDS = new Set(['windowOpens', 'windowCloses', 'spendUntil'])
/** Far above any national scheme (the largest spuk is some EUR 6 bn a year): a typo, not a figure. */
export const MAX_SCHEME_CENTS = 100_000_000_000 * 100

/** SchemeInput keys and the record fields that carry them; a key whose fields are absent is left alone on update. */
const SOURCES: Partial<Record<keyof SchemeInput, string[]>> = {
  cofinancingBp: ['cofinancingPct'],
  cofinancingFixedCents: ['cofinancingFixedEur'],
  rijksShareBp: ['rijksSharePct'],
  carryOverBp: ['carryOverPct'],
  sisaRequired: ['sisaRequired', 'instrument'],
  windows: ['windows', 'windowOpens', 'windowCloses'],
}

export interface CatalogueData {
  schemes: SchemeInput[]
}

interface Source {
  sheet: string | null
  row: number
  column: (field: string) => string
}

/** Validate records; errors carry the place, duplicates by code are refused unless identical. */
class Collector {
  schemes: SchemeInput[] = []
  private seen = new Map<string, { row: number; sheet: string | null; input: SchemeInput }>()
  warned = new Set<string>()
  constructor(
    public errors: RowError[],
    public warnings: RowError[],
  ) {}

  add(rec: Record<string, unknown>, present: Set<string>, src: Source): void {
    const { input, errors, unknown } = parseCatalogueRecord(rec)
    for (const k of unknown) {
      if (this.warned.has(k)) continue
      this.warned.add(k)
      this.warnings.push({
        sheet: src.sheet,
        row: src.row,
        column: src.column(k),
        message: `onbekend veld '${k}' wordt bewaard als extra gegeven`,
      })
    }
    for (const e of errors)
      this.errors.push({ sheet: src.sheet, row: src.row, column: src.column(e.field), message: `${e.field}: ${e.message}` })
    if (!input) return
    const tooBig = [
      ['cofinancingFixedEur', input.cofinancingFixedCents],
      ...(input.windows ?? []).map((w, i) => [`windows[${i}].budgetEur`, w.budgetCents]),
    ] as [string, number | null | undefined][]
    for (const [f, c] of tooBig)
      if (c && c > MAX_SCHEME_CENTS)
        this.errors.push({
          sheet: src.sheet,
          row: src.row,
          column: src.column(f),
          message: `${f}: bedrag is onrealistisch groot (meer dan € 100 mld)`,
        })
    const extraKeys = Object.keys(rec).filter((k) => !(CATALOGUE_FIELDS as readonly string[]).includes(k) && present.has(k))
    const pruned = prune(input, present, extraKeys.length > 0 || KNOWN_EXTRA.some((k) => present.has(k)))
    const prev = this.seen.get(pruned.code)
    if (prev) {
      const where = `${prev.sheet ? `werkblad ${prev.sheet} ` : ''}rij ${prev.row}`
      if (JSON.stringify(prev.input) !== JSON.stringify(pruned))
        this.errors.push({
          sheet: src.sheet,
          row: src.row,
          column: src.column('code'),
          message: `code '${pruned.code}' staat ook op ${where}, met andere gegevens`,
        })
      else
        this.warnings.push({
          sheet: src.sheet,
          row: src.row,
          column: src.column('code'),
          message: `code '${pruned.code}' staat ook op ${where} (gelijk); één keer ingelezen`,
        })
      return
    }
    this.seen.set(pruned.code, { row: src.row, sheet: src.sheet, input: pruned })
    this.schemes.push(pruned)
  }
}

function prune(input: SchemeInput, present: Set<string>, hasExtra: boolean): SchemeInput {
  const out: Record<string, unknown> = { ...input }
  for (const k of Object.keys(out)) {
    if (k === 'code' || k === 'name' || k === 'ministry') continue
    if (k === 'extra') {
      if (!hasExtra || out.extra === undefined) delete out.extra
      continue
    }
    const sources = SOURCES[k as keyof SchemeInput] ?? [k]
    if (out[k] === undefined || !sources.some((s) => present.has(s))) delete out[k]
  }
  return out as unknown as SchemeInput
}

/** JSON array or JSON Lines: one record per element or line. */
export function prepareCatalogueRecords(file: ReadFile, errors: RowError[], warnings: RowError[]): CatalogueData {
  const c = new Collector(errors, warnings)
  const records = file.records ?? []
  if (records.length === 0) errors.push({ sheet: null, row: 0, column: '', message: 'het bestand bevat geen regelingen' })
  records.forEach((rec, i) => {
    const row = file.recordLines?.[i] ?? i + 1
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
      errors.push({ sheet: null, row, column: '', message: `record ${i + 1} is geen object met velden` })
      return
    }
    const r = rec as Record<string, unknown>
    c.add(r, new Set(Object.keys(r)), { sheet: null, row, column: (f) => f })
  })
  return { schemes: c.schemes }
}

/** CSV or worksheets with a header row; columns found through synonyms or --map. */
export function prepareCatalogueSheets(
  sheets: Sheet[],
  map: Record<string, string>,
  errors: RowError[],
  warnings: RowError[],
): CatalogueData {
  const c = new Collector(errors, warnings)
  for (const sheet of sheets) {
    const m = matchHeaders(sheet.rows, CATALOGUE_SYNONYMS, CATALOGUE_REQUIRED, map)
    if (!m || m.missing.length) {
      errors.push(missingColumns(sheet, m, CATALOGUE_REQUIRED))
      continue
    }
    if (headerErrors(sheet, m, errors)) continue
    const unknownCols = m.headers.map((h, i) => (h && !Object.values(m.col).includes(i) ? i : -1)).filter((i) => i >= 0)
    const present = new Set<string>([...Object.keys(m.col), ...unknownCols.map((i) => m.headers[i])])
    for (const i of unknownCols) {
      c.warned.add(m.headers[i])
      warnings.push({
        sheet: sheet.name,
        row: m.headerRow,
        column: `${columnLetter(i)} (${m.headers[i]})`,
        message: `onbekende kolom '${m.headers[i]}' wordt bewaard als extra gegeven`,
      })
    }
    const column = (f: string) => {
      const i = (m.col as Record<string, number>)[f] ?? m.headers.indexOf(f)
      return i >= 0 ? `${columnLetter(i)} (${m.headers[i]})` : f
    }
    let rows = 0
    for (let r = m.headerRow; r < sheet.rows.length; r++) {
      const row = sheet.rows[r]
      if (isEmptyRow(row)) continue
      rows++
      const rec: Record<string, unknown> = {}
      let bad = false
      const put = (key: string, i: number) => {
        const v = cellValue(row[i] ?? null, DATE_FIELDS.has(key))
        if (v.error) {
          errors.push({ sheet: sheet.name, row: r + 1, column: column(key), message: `${key}: ${v.error}` })
          bad = true
        } else if (v.value !== undefined) rec[key] = v.value
      }
      for (const [f, i] of Object.entries(m.col) as [string, number][]) put(f, i)
      for (const i of unknownCols) put(m.headers[i], i)
      if (!bad) c.add(rec, present, { sheet: sheet.name, row: r + 1, column })
    }
    if (rows === 0) errors.push(headerOnly(sheet, 'regelingen', m.headerRow))
  }
  return { schemes: c.schemes }
}

/** One cell to the value parseCatalogueRecord expects; formula text and error cells are refused. */
function cellValue(v: Cell, isDate: boolean): { value?: unknown; error?: string } {
  if (v === null) return { value: null }
  if (v instanceof Date) return { value: v }
  if (typeof v === 'object') return { error: `cel bevat een fout of formule (${v.error}); vul een waarde in` }
  if (typeof v === 'string') {
    const s = v.trim()
    if (looksLikeFormula(s)) return { error: `'${s.slice(0, 40)}' lijkt een formule; formules worden niet ingelezen` }
    return { value: s }
  }
  if (typeof v === 'number' && isDate) {
    try {
      return { value: excelSerialToIso(v) }
    } catch (e) {
      return { error: (e as Error).message }
    }
  }
  return { value: v }
}
