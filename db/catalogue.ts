// The Woud catalogue format (docs/formats.md#catalogue): one record per scheme, validated into a SchemeInput.
// Used by the bundled reference catalogue and by every scheme importer, so both read the same format.
import { DateError, parseDate } from './dates.js'
import { MoneyError, centsFromNumber, parseMoney, parsePercentBp } from './money.js'
import { COFINANCING_BASIS, INSTRUMENT, SCHEME_NATURE } from './enums.js'

export const INSTRUMENTS = INSTRUMENT.keys
export const NATURES = SCHEME_NATURE.keys
export const COFIN_BASES = COFINANCING_BASIS.keys

export interface WindowInput {
  tranche: string
  opensOn: string | null
  closesOn: string | null
  closesAtTime?: string | null
  allocation?: string | null
  budgetCents?: number | null
}

export interface SchemeInput {
  code: string
  sisaCode?: string | null
  name: string
  ministry: string
  instrument?: (typeof INSTRUMENTS)[number]
  legalBasis?: string | null
  executor?: string | null
  recipients?: string | null
  begrotingsartikel?: string | null
  nature?: (typeof NATURES)[number]
  startYear?: number | null
  endYear?: number | null
  spendUntil?: string | null
  spendUntilHistory?: { spendUntil: string; note?: string | null }[]
  cofinancingBp?: number | null
  cofinancingBasis?: (typeof COFIN_BASES)[number] | null
  cofinancingFixedCents?: number | null
  rijksShareBp?: number | null
  carryOverBp?: number | null
  sisaRequired?: boolean
  planned?: boolean
  defaultTaakveld?: string | null
  url?: string | null
  notes?: string | null
  extra?: Record<string, unknown> | null
  windows?: WindowInput[]
  nationalAmounts?: { year: number; amountCents: number }[]
}

export interface FieldError {
  field: string
  message: string
}

/** The fields of §3.1 that a record may carry (anything else is kept in `extra` and reported as a warning). */
export const CATALOGUE_FIELDS = [
  'code',
  'sisaCode',
  'name',
  'ministry',
  'instrument',
  'legalBasis',
  'executor',
  'recipients',
  'begrotingsartikel',
  'nature',
  'startYear',
  'endYear',
  'windowOpens',
  'windowCloses',
  'windows',
  'spendUntil',
  'spendUntilHistory',
  'cofinancingPct',
  'cofinancingBasis',
  'cofinancingFixedEur',
  'rijksSharePct',
  'carryOverPct',
  'sisaRequired',
  'planned',
  'defaultTaakveld',
  'url',
  'notes',
] as const

/** Documented extra fields: kept verbatim in `extra`, without a warning. */
export const KNOWN_EXTRA = ['ratePct', 'sources', 'nationalBudgetEur']

import { SISA_CODE } from './rules/sisa-code.js'
export { SISA_CODE }

type Raw = Record<string, unknown>

/** Validate one catalogue record. Values may be strings (CSV/XLSX text), numbers, booleans or nested JSON. */
export function parseCatalogueRecord(rec: Raw): { input?: SchemeInput; errors: FieldError[]; unknown: string[] } {
  const errors: FieldError[] = []
  const err = (field: string, message: string) => {
    errors.push({ field, message })
  }
  const text = (f: string, required = false): string | null => {
    const v = rec[f]
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) err(f, 'verplicht veld ontbreekt')
      return null
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      err(f, 'tekst verwacht')
      return null
    }
    return String(v).trim()
  }
  const oneOf = <T extends string>(f: string, allowed: readonly T[]): T | undefined => {
    const v = text(f)
    if (v === null) return undefined
    const norm = v.toLowerCase().replace(/[\s-]+/g, '_')
    if ((allowed as readonly string[]).includes(norm)) return norm as T
    err(f, `'${v}' is geen geldige waarde (toegestaan: ${allowed.join(', ')})`)
    return undefined
  }
  const year = (f: string): number | null => {
    const v = rec[f]
    if (v === undefined || v === null || v === '') return null
    const n = typeof v === 'number' ? v : /^\s*\d{4}\s*$/.test(String(v)) ? Number(v) : NaN
    if (!Number.isInteger(n) || n < 1990 || n > 2100) {
      err(f, `'${String(v)}' is geen jaartal`)
      return null
    }
    return n
  }
  const date = (f: string, v: unknown = rec[f]): string | null => {
    if (v === undefined || v === null || v === '') return null
    if (v instanceof Date) return v.toISOString().slice(0, 10)
    try {
      return parseDate(String(v))
    } catch (e) {
      err(f, (e as DateError).message)
      return null
    }
  }
  const pct = (f: string): number | null => {
    const v = rec[f]
    if (v === undefined || v === null || v === '') return null
    try {
      const bp = parsePercentBp(v as string | number)
      if (bp < 0 || bp > 100000) {
        err(f, `percentage ${String(v)} ligt buiten 0–1000`)
        return null
      }
      return bp
    } catch (e) {
      err(f, (e as MoneyError).message)
      return null
    }
  }
  const euros = (f: string, v: unknown = rec[f]): number | null => {
    if (v === undefined || v === null || v === '') return null
    try {
      const c = typeof v === 'number' ? centsFromNumber(v) : parseMoney(String(v), { allowNegative: false })
      if (c < 0) {
        err(f, 'negatief bedrag is niet toegestaan')
        return null
      }
      return c
    } catch (e) {
      err(f, (e as MoneyError).message)
      return null
    }
  }
  const bool = (f: string, dflt: boolean): boolean => {
    const v = rec[f]
    if (v === undefined || v === null || v === '') return dflt
    if (typeof v === 'boolean') return v
    const s = String(v).trim().toLowerCase()
    // 'V' is how the RBV bijlage marks a voornemen; elsewhere it is no way to say yes.
    if (['ja', 'j', 'true', 'waar', 'yes', 'y', '1', 'x'].includes(s) || (f === 'planned' && s === 'v')) return true
    if (['nee', 'n', 'false', 'onwaar', 'no', '0'].includes(s)) return false
    err(f, `'${String(v)}' is geen Ja/Nee`)
    return dflt
  }

  const code = text('code', true)
  if (code !== null && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(code))
    err('code', `'${code}' is geen geldige code (letters, cijfers, . _ -)`)
  const sisaCode = text('sisaCode')
  if (sisaCode !== null && !SISA_CODE.test(sisaCode.toUpperCase())) err('sisaCode', `'${sisaCode}' is geen SiSa-code (zoals C94, A12B)`)
  const instrument = oneOf('instrument', INSTRUMENTS) ?? 'spuk'
  const startYear = year('startYear')
  const endYear = year('endYear')
  if (startYear && endYear && endYear < startYear) err('endYear', 'eindjaar ligt voor het beginjaar')

  const windows: WindowInput[] = []
  if (Array.isArray(rec.windows)) {
    rec.windows.forEach((w: Raw, i: number) => {
      const f = `windows[${i}]`
      const opensOn = date(`${f}.opens`, w.opens ?? w.opensOn)
      const closesOn = date(`${f}.closes`, w.closes ?? w.closesOn)
      if (opensOn && closesOn && closesOn < opensOn) err(`${f}.closes`, 'sluitdatum ligt voor de openingsdatum')
      windows.push({
        tranche: String(w.tranche ?? i + 1),
        opensOn,
        closesOn,
        closesAtTime: (w.closesAtTime as string) ?? null,
        allocation: (w.allocation as string) ?? null,
        budgetCents: euros(`${f}.budgetEur`, w.budgetEur),
      })
    })
  } else if (rec.windows !== undefined && rec.windows !== null && rec.windows !== '') err('windows', 'lijst van vensters verwacht')
  const wOpen = date('windowOpens')
  const wClose = date('windowCloses')
  if (wOpen || wClose) {
    if (wOpen && wClose && wClose < wOpen) err('windowCloses', 'sluitdatum ligt voor de openingsdatum')
    if (!windows.some((w) => w.opensOn === wOpen && w.closesOn === wClose))
      windows.push({ tranche: String(startYear ?? wOpen?.slice(0, 4) ?? wClose?.slice(0, 4)), opensOn: wOpen, closesOn: wClose })
  }
  const history: { spendUntil: string; note?: string | null }[] = []
  if (Array.isArray(rec.spendUntilHistory)) {
    rec.spendUntilHistory.forEach((h: Raw, i: number) => {
      const d = date(`spendUntilHistory[${i}]`, h.spendUntil)
      if (d) history.push({ spendUntil: d, note: (h.note as string) ?? null })
    })
  }
  const sisaRequired = bool('sisaRequired', instrument === 'spuk')
  if (sisaRequired && instrument !== 'spuk' && instrument !== 'provinciaal_middel')
    err('sisaRequired', `een ${instrument} wordt niet via SiSa verantwoord`)

  const known = new Set<string>(CATALOGUE_FIELDS)
  const present = (k: string) => rec[k] !== undefined && rec[k] !== null && rec[k] !== ''
  const unknown = Object.keys(rec).filter((k) => !known.has(k) && !KNOWN_EXTRA.includes(k) && present(k))
  const extra: Record<string, unknown> = {}
  for (const k of Object.keys(rec)) if (!known.has(k) && present(k)) extra[k] = rec[k]

  const input: SchemeInput = {
    code: code ?? '',
    sisaCode: sisaCode?.toUpperCase() ?? null,
    name: text('name', true) ?? '',
    ministry: text('ministry', true) ?? '',
    instrument,
    legalBasis: text('legalBasis'),
    executor: text('executor'),
    recipients: Array.isArray(rec.recipients) ? rec.recipients.join(', ') : text('recipients'),
    begrotingsartikel: text('begrotingsartikel'),
    nature: oneOf('nature', NATURES) ?? 'incidenteel',
    startYear,
    endYear,
    spendUntil: date('spendUntil'),
    spendUntilHistory: history,
    cofinancingBp: pct('cofinancingPct'),
    cofinancingBasis: oneOf('cofinancingBasis', COFIN_BASES) ?? null,
    cofinancingFixedCents: euros('cofinancingFixedEur'),
    rijksShareBp: pct('rijksSharePct'),
    carryOverBp: pct('carryOverPct'),
    sisaRequired,
    planned: bool('planned', false),
    defaultTaakveld: text('defaultTaakveld'),
    url: text('url'),
    notes: text('notes'),
    extra: Object.keys(extra).length ? extra : null,
    windows,
  }
  if (input.url && !/^https?:\/\//.test(input.url)) err('url', `'${input.url}' is geen webadres`)
  return errors.length ? { errors, unknown } : { input, errors, unknown }
}
