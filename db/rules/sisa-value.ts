// The SiSa value rule: what a controller, an upload or an import may store as the value of an indicator. One check
// for the API write path, the web form, the sisa-waarden import and the report (a stored value is valid by it).
import { DomainError, type DomainErrorItem } from '../errors.js'
import { MoneyError, centsFromNumber, parseMoney, type Notation } from '../money.js'
import { indicatorCode, parseIndicatorCode } from '../sisa-definitions.js'
import type { SisaValue, ValueWrite } from '../repositories/sisa-values.js'
import type { StoredRegeling } from '../repositories/sisa.js'
import { parseJaNee } from './words.js'

/** Longest text a SiSa text or key cell may hold. */
export const MAX_SISA_TEXT = 500
/** Highest row number of a per-project / per-gemeente indicator. */
export const MAX_SISA_ROW = 999

export type SisaDataType = 'euro' | 'count' | 'janee' | 'text' | 'key'

/** The data type in a controller's words, for messages. */
export const SISA_DATA_TYPE_WORDS: Readonly<Record<SisaDataType, string>> = {
  euro: 'bedrag',
  count: 'aantal',
  janee: 'Ja/Nee',
  text: 'tekst',
  key: 'tekst',
}

/**
 * One raw value (a typed string, a number, a boolean, a spreadsheet cell) as the stored value of an indicator of
 * `dataType`: `{ value }` (null clears), or `{ error }` with a Dutch message that does not name the place.
 * - euro: a number of euros or a Dutch/plain amount text ('€ 1.234,56'; `notation` as the table's), in cents;
 * - count: a whole number from 0 ('1.234' too);
 * - janee: true/false or 'Ja'/'Nee', strictly (a SiSa cell is never guessed);
 * - text, key: trimmed, at most MAX_SISA_TEXT characters; empty text clears (an empty amount, count or Ja/Nee is
 *   an error: a caller that reads empty cells as "no value" passes null).
 */
export function checkSisaValue(
  dataType: string,
  raw: unknown,
  opts: { notation?: Notation } = {},
): { value: SisaValue | null; error?: undefined } | { error: string } {
  if (raw === null || raw === undefined) return { value: null }
  // A date cell of a spreadsheet is text here (a SiSa value is never a date): its calendar date.
  const v = raw instanceof Date ? raw.toISOString().slice(0, 10) : raw
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
    return { error: 'waarde moet tekst, getal, Ja/Nee of null zijn' }
  switch (dataType) {
    case 'euro':
      if (typeof v === 'boolean' || raw instanceof Date) return { error: `'${String(v)}' is geen bedrag` }
      try {
        return { value: { cents: typeof v === 'number' ? centsFromNumber(v) : parseMoney(v, { notation: opts.notation }) } }
      } catch (e) {
        if (e instanceof MoneyError) return { error: e.message }
        throw e
      }
    case 'count': {
      // A count has no decimals, so dots can only group thousands ('1.234').
      const n =
        typeof v === 'number'
          ? v
          : typeof v === 'string' && /^\s*(\d{1,3}(\.\d{3})+|\d+)\s*$/.test(v)
            ? Number(v.replace(/[.\s]/g, ''))
            : NaN
      return Number.isSafeInteger(n) && n >= 0
        ? { value: { number: n } }
        : { error: `'${String(v)}' is geen aantal (geheel getal vanaf 0)` }
    }
    case 'janee': {
      if (typeof v === 'boolean') return { value: { bool: v } }
      const b = parseJaNee(String(v))
      return b === undefined ? { error: `'${String(v)}' is geen Ja of Nee` } : { value: { bool: b } }
    }
    default: {
      const s = String(v).trim()
      if (s === '') return { value: null }
      return s.length > MAX_SISA_TEXT ? { error: `tekst is langer dan ${MAX_SISA_TEXT} tekens` } : { value: { text: s } }
    }
  }
}

/** A stored value of an indicator as the one rule sees it: the shape its data type asks for, in range. */
export function isValidStoredValue(dataType: string, v: SisaValue): boolean {
  const raw = dataType === 'euro' ? v.cents : dataType === 'count' ? v.number : dataType === 'janee' ? v.bool : v.text
  if (raw === undefined) return false
  if (dataType === 'euro') return Number.isSafeInteger(raw)
  const r = checkSisaValue(dataType, raw)
  return r.error === undefined && r.value !== null
}

/**
 * The row number rule: a single indicator has no rows (0), a per-project / per-gemeente one needs 1..MAX_SISA_ROW.
 * `word` is what the input calls the row ('rowNo' in the API, 'Regel' in a file). Null when the row number fits.
 */
export function rowNoError(ind: { rowDimension: string }, code: string, rowNo: number, word = 'rowNo'): string | null {
  if (ind.rowDimension === 'none') return rowNo === 0 ? null : `${code} heeft geen regels; laat ${word} weg`
  return Number.isInteger(rowNo) && rowNo >= 1 && rowNo <= MAX_SISA_ROW
    ? null
    : `${code} is per ${ind.rowDimension}: geef het regelnummer (${word} 1..${MAX_SISA_ROW})`
}

export interface ValueInput {
  /** 'C1/04' or 'C1 / 04' (also 'Indicator: C1/04'). */
  indicator: string
  /** 0 or absent for single indicators; 1.. for project / gemeente / veiligheidsregio rows. */
  rowNo?: number
  valueCents?: number | null
  /** Typed value: 'Ja'/'Nee' or true/false, '€ 1.234,56' or euros as a number, a count, a text; null clears. */
  value?: unknown
}

export type InputError = DomainErrorItem & { field: string }

/** Bad SiSa values: nothing was written; `errors` name the input (`values.3.value`). */
export class SisaInputError extends DomainError {
  constructor(public override readonly errors: InputError[]) {
    super('invalid', errors.map((e) => e.message).join('; '), errors)
  }
}

function typed(reg: StoredRegeling, dataType: string, inp: ValueInput, code: string, field: string): SisaValue | null | InputError {
  if (inp.valueCents !== undefined && inp.value !== undefined) return { field, message: `${code}: geef valueCents of value, niet beide` }
  if (inp.valueCents !== undefined) {
    if (inp.valueCents === null) return null
    if (dataType !== 'euro') return { field: `${field}.valueCents`, message: `${code} is geen bedrag maar ${dataType}` }
    if (!Number.isSafeInteger(inp.valueCents))
      return { field: `${field}.valueCents`, message: `${code}: valueCents is een geheel aantal centen` }
    return { cents: inp.valueCents }
  }
  if (inp.value === undefined) return { field, message: `${code}: geen waarde opgegeven (value, valueCents of null om te wissen)` }
  const r = checkSisaValue(dataType, inp.value)
  return r.error === undefined ? r.value : { field: `${field}.value`, message: `${code} (${reg.sisaCode}): ${r.error}` }
}

const isError = (x: SisaValue | null | InputError): x is InputError => x !== null && 'message' in x

/** Turn inputs for one grant's uitkering into writes; every input that cannot be used is an error, none is dropped. */
export function resolveValueInputs(
  reg: StoredRegeling | undefined,
  sisaYear: number,
  grantSisaCode: string | null,
  inputs: ValueInput[],
): { writes: ValueWrite[]; errors: InputError[] } {
  const errors: InputError[] = []
  const writes: ValueWrite[] = []
  const seen = new Set<string>()
  inputs.forEach((inp, i) => {
    const field = `values.${i}`
    const c = parseIndicatorCode(inp.indicator ?? '')
    if (!c) {
      errors.push({ field: `${field}.indicator`, message: `'${inp.indicator}' is geen indicatorcode (vorm 'C1/04' of 'C1 / 04')` })
      return
    }
    const code = indicatorCode(c.sisaCode, c.number)
    if (!reg || c.sisaCode !== grantSisaCode) {
      errors.push({
        field: `${field}.indicator`,
        message: reg
          ? `${code} hoort niet bij deze subsidie (uitkeringscode ${grantSisaCode})`
          : `uitkering ${grantSisaCode ?? '(geen code)'} komt niet voor in de SiSa-definities van ${sisaYear}`,
      })
      return
    }
    const ind = reg.indicators.find((d) => d.number === c.number)
    if (!ind) {
      errors.push({
        field: `${field}.indicator`,
        message: `indicator ${code} bestaat niet in SiSa ${sisaYear} (wel: ${reg.indicators.map((d) => `${reg.sisaCode}/${d.number}`).join(', ')})`,
      })
      return
    }
    const rowNo = inp.rowNo ?? 0
    const rowError = rowNoError(ind, code, rowNo)
    if (rowError) {
      errors.push({ field: `${field}.rowNo`, message: rowError })
      return
    }
    const key = `${code}:${rowNo}`
    if (seen.has(key)) {
      errors.push({ field, message: `${code} regel ${rowNo} staat twee keer in de invoer` })
      return
    }
    seen.add(key)
    const value = typed(reg, ind.dataType, inp, code, field)
    if (isError(value)) errors.push(value)
    else writes.push({ indicatorId: ind.id, code, rowNo, value })
  })
  return { writes, errors }
}
