// Every cell read goes through here: exceljs value objects to primitives, header matching by synonyms,
// and typed readers (text, money, number, date, Ja/Nee) that report errors with sheet, row and column.
import { DateError, dateCellToIso, excelSerialToIso, parseDate } from '../db/dates.js'
import { MoneyError, centsFromNumber, parseMoney, parsePercentBp, type Notation } from '../db/money.js'
import { parseFlag } from '../db/rules/words.js'

export type Cell = string | number | boolean | Date | null | { error: string }

/** exceljs cell values (formula, rich text, hyperlink, error, date) to one primitive. */
export function cellToPrimitive(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v.trim() === '' ? null : v
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>
    if ('formula' in o || 'sharedFormula' in o) {
      const f = String(o.formula ?? o.sharedFormula ?? '')
      // A live link or external call is never trusted as data.
      if (/\b(HYPERLINK|WEBSERVICE|FILTERXML|IMPORTXML|IMPORTDATA|CALL|REGISTER\.ID|DDE)\s*\(/i.test(f) || /\|/.test(f))
        return { error: `formule =${f}` }
      // Without a cached result (files written by tools that do not calculate) the value is unknown, not empty.
      if (o.result === undefined || o.result === null) return { error: `formule =${f} zonder berekende waarde` }
      return cellToPrimitive(o.result)
    }
    if (Array.isArray(o.richText)) return cellToPrimitive((o.richText as { text: string }[]).map((r) => r.text).join(''))
    if ('hyperlink' in o || 'text' in o) return cellToPrimitive(typeof o.text === 'object' ? o.text : String(o.text ?? ''))
    if ('error' in o) return { error: String(o.error) }
  }
  return String(v)
}

/** Lower case, no accents, no punctuation or spaces: "Uitkerings-code " and "uitkeringscode" are one header. */
export function normaliseHeader(s: unknown): string {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

/** Column index (0-based) to the letter the user sees. */
export function columnLetter(i: number): string {
  let s = ''
  let n = i + 1
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

export interface RowError {
  sheet: string | null
  row: number
  column: string
  message: string
}

export type Synonyms<F extends string> = Record<F, string[]>

export interface HeaderMatch<F extends string> {
  /** 1-based row number of the header row. */
  headerRow: number
  col: Partial<Record<F, number>>
  /** Header texts that matched no field (reported as warnings). */
  unknown: string[]
  /** Required fields not found. */
  missing: F[]
  /** Header text per column index (sparse). */
  headers: string[]
  /** Fields that two or more columns claim: [field, first column index, other column index]. */
  duplicates?: [F, number, number][]
}

/**
 * Find the header row among the first rows of a sheet and map fields to columns. `map` (from --map
 * FIELD=HEADER) overrides the synonyms for a field.
 */
export function matchHeaders<F extends string>(
  rows: Cell[][],
  synonyms: Synonyms<F>,
  required: F[],
  map: Record<string, string> = {},
  scanRows = 30,
): HeaderMatch<F> | undefined {
  const fields = Object.keys(synonyms) as F[]
  const norm = new Map<string, F>()
  for (const f of fields) for (const s of [f, ...synonyms[f]]) norm.set(normaliseHeader(s), f)
  const forced = new Map<string, F>()
  for (const [field, header] of Object.entries(map))
    if ((fields as string[]).includes(field)) forced.set(normaliseHeader(header), field as F)
  let best: HeaderMatch<F> | undefined
  let bestScore = 0
  for (let r = 0; r < Math.min(rows.length, scanRows); r++) {
    const row = rows[r] ?? []
    const col: Partial<Record<F, number>> = {}
    const unknown: string[] = []
    const headers: string[] = []
    const duplicates: [F, number, number][] = []
    row.forEach((c, i) => {
      if (c === null || (typeof c === 'object' && !(c instanceof Date))) return
      const text = String(c).trim()
      headers[i] = text
      const h = normaliseHeader(text)
      const f = forced.get(h) ?? ([...forced.values()].includes(norm.get(h) as F) ? undefined : norm.get(h))
      if (f !== undefined && col[f] === undefined) col[f] = i
      else if (f !== undefined) duplicates.push([f, col[f]!, i])
      else if (text) unknown.push(text)
    })
    const score = Object.keys(col).length + required.filter((f) => col[f] !== undefined).length
    if (score > bestScore) {
      bestScore = score
      best = { headerRow: r + 1, col, unknown, missing: required.filter((f) => col[f] === undefined), headers, duplicates }
    }
  }
  return best
}

/** Reads typed values from one row, collecting errors with their place instead of throwing. */
export class RowReader<F extends string> {
  constructor(
    private sheet: string | null,
    private rowNo: number,
    private row: Cell[],
    private match: HeaderMatch<F>,
    public errors: RowError[],
  ) {}

  get rowNumber(): number {
    return this.rowNo
  }

  /** 'D (Bedrag)': the letter and the header as the user sees them. */
  columnOf(f: F): string {
    const i = this.match.col[f]
    if (i === undefined) return f
    const h = this.match.headers[i]
    return h ? `${columnLetter(i)} (${h})` : columnLetter(i)
  }

  error(f: F | null, message: string): void {
    this.errors.push({ sheet: this.sheet, row: this.rowNo, column: f === null ? '' : this.columnOf(f), message })
  }

  raw(f: F): Cell {
    const i = this.match.col[f]
    return i === undefined ? null : (this.row[i] ?? null)
  }

  has(f: F): boolean {
    const v = this.raw(f)
    return v !== null && !(typeof v === 'string' && v.trim() === '')
  }

  /** Text; formula text and error cells are refused (formula injection, docs/formats.md#outputs). */
  text(f: F, required = false): string | null {
    const v = this.raw(f)
    if (v === null) {
      if (required) this.error(f, `${f}: verplichte waarde ontbreekt`)
      return null
    }
    if (typeof v === 'object' && !(v instanceof Date)) {
      this.error(f, `${f}: cel bevat een fout of formule (${v.error}); vul een waarde in`)
      return null
    }
    if (v instanceof Date) return dateCellToIso(v)
    const s = String(v).trim()
    if (looksLikeFormula(s)) {
      this.error(f, `${f}: '${s.slice(0, 40)}' lijkt een formule; formules worden niet ingelezen`)
      return null
    }
    if (s === '' && required) this.error(f, `${f}: verplichte waarde ontbreekt`)
    return s === '' ? null : s
  }

  /** Money in cents. Numbers from spreadsheet cells are exact via their decimal text. */
  money(
    f: F,
    opts: {
      required?: boolean
      allowNegative?: boolean
      unitEuros?: number
      notation?: Notation
      ambiguousAsDecimal?: boolean
      max?: number
    } = {},
  ): number | null {
    const v = this.raw(f)
    if (v === null || (typeof v === 'string' && v.trim() === '')) {
      if (opts.required) this.error(f, `${f}: verplicht bedrag ontbreekt`)
      return null
    }
    try {
      let cents: number
      if (typeof v === 'number') cents = centsFromNumber(v, { unitEuros: opts.unitEuros, round: false })
      else if (typeof v === 'string') {
        if (looksLikeFormula(v.trim()) && !/^-\s*[€\d]/.test(v.trim())) throw new MoneyError(`'${v.slice(0, 40)}' lijkt een formule`)
        cents = parseMoney(v, { notation: opts.notation, unitEuros: opts.unitEuros, ambiguousAsDecimal: opts.ambiguousAsDecimal })
      } else throw new MoneyError(`'${describe(v)}' is geen bedrag`)
      if (cents < 0 && opts.allowNegative === false) throw new MoneyError(`negatief bedrag (${describe(v)}) is hier niet toegestaan`)
      if (opts.max !== undefined && Math.abs(cents) > opts.max) throw new MoneyError(`bedrag ${describe(v)} is onrealistisch groot`)
      return cents
    } catch (e) {
      if (e instanceof MoneyError) {
        this.error(f, `${f}: ${e.message}`)
        return null
      }
      throw e
    }
  }

  integer(f: F, opts: { required?: boolean; min?: number; max?: number } = {}): number | null {
    const v = this.raw(f)
    if (v === null) {
      if (opts.required) this.error(f, `${f}: verplichte waarde ontbreekt`)
      return null
    }
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN
    if (!Number.isSafeInteger(n)) {
      this.error(f, `${f}: '${describe(v)}' is geen geheel getal`)
      return null
    }
    if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
      this.error(f, `${f}: ${n} ligt buiten ${opts.min ?? '…'}–${opts.max ?? '…'}`)
      return null
    }
    return n
  }

  percentBp(f: F): number | null {
    const v = this.raw(f)
    if (v === null) return null
    try {
      if (typeof v === 'number' || typeof v === 'string') return parsePercentBp(v)
      throw new MoneyError(`'${describe(v)}' is geen percentage`)
    } catch (e) {
      this.error(f, `${f}: ${(e as Error).message}`)
      return null
    }
  }

  /** A calendar date from an Excel date cell, an Excel serial number or text (dd-mm-jjjj, jjjj-mm-dd). */
  date(f: F, required = false): string | null {
    const v = this.raw(f)
    if (v === null) {
      if (required) this.error(f, `${f}: verplichte datum ontbreekt`)
      return null
    }
    try {
      if (v instanceof Date) return dateCellToIso(v)
      if (typeof v === 'number') return excelSerialToIso(v)
      if (typeof v === 'string') return parseDate(v)
      throw new DateError(`'${describe(v)}' is geen datum`)
    } catch (e) {
      if (e instanceof DateError) {
        this.error(f, `${f}: ${e.message}`)
        return null
      }
      throw e
    }
  }

  /** Ja/Nee (also true/false, 1/0, x). */
  bool(f: F, required = false): boolean | null {
    const v = this.raw(f)
    if (v === null) {
      if (required) this.error(f, `${f}: verplichte Ja/Nee ontbreekt`)
      return null
    }
    if (typeof v === 'boolean') return v
    const r = parseFlag(String(v))
    if (r === undefined) this.error(f, `${f}: '${describe(v)}' is geen Ja of Nee`)
    return r ?? null
  }
}

/** Text that a spreadsheet would evaluate: '=...', '+A1', '@SUM(', or a leading tab / CR (OWASP CSV injection). */
export function looksLikeFormula(s: string): boolean {
  if (/^[\t\r]/.test(s)) return true
  if (s.startsWith('=')) return true
  return /^[+\-@]\s*[A-Za-z_(]/.test(s)
}

export function describe(v: Cell): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (v && typeof v === 'object') return `#${v.error}`
  return String(v)
}

/** True when every cell of a row is empty. */
export function isEmptyRow(row: Cell[] | undefined): boolean {
  return !row || row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))
}

/** The header row's problems that stop a sheet: a field claimed by two columns. Returns true when there were any. */
export function headerErrors<F extends string>(sheet: { name: string | null }, m: HeaderMatch<F>, errors: RowError[]): boolean {
  for (const [f, a, b] of m.duplicates ?? []) {
    errors.push({
      sheet: sheet.name,
      row: m.headerRow,
      column: `${columnLetter(a)} (${m.headers[a]}), ${columnLetter(b)} (${m.headers[b]})`,
      message:
        `kolommen ${columnLetter(a)} ('${m.headers[a]}') en ${columnLetter(b)} ('${m.headers[b]}') zijn allebei ${f}; ` +
        'verwijder of hernoem er één, of kies met --map VELD=KOLOMKOP',
    })
  }
  return (m.duplicates?.length ?? 0) > 0
}

export function missingColumns<F extends string>(sheet: { name: string | null }, m: HeaderMatch<F> | undefined, required: F[]): RowError {
  const found = m ? m.headers.filter(Boolean) : []
  const missing = m ? m.missing : required
  return {
    sheet: sheet.name,
    row: m?.headerRow ?? 1,
    column: '',
    message:
      `verplichte kolom(men) niet gevonden: ${missing.join(', ')}. Gevonden kolomkoppen: ${found.length ? found.map((h) => `'${h}'`).join(', ') : '(geen)'}. ` +
      `Nodig: ${required.join(', ')}; geef met --map VELD=KOLOMKOP aan welke kolom wat bevat.`,
  }
}

/** The one answer every kind gives a sheet with headers and no rows. */
export function headerOnly(sheet: { name: string | null }, what: string, headerRow = 1): RowError {
  return { sheet: sheet.name, row: headerRow, column: '', message: `het werkblad heeft kolomkoppen maar geen ${what}` }
}
