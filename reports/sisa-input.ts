// Values typed by a controller, checked against the definitions of the year: code, row, data type, Ja/Nee, amounts.
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import type { Actor } from '../db/audit.js'
import { grants, schemes } from '../db/schema.js'
import { MoneyError, centsFromNumber, parseMoney } from '../db/money.js'
import { getYearDefinitions } from '../db/repositories/sisa.js'
import { parseJaNee } from '../db/rules/words.js'
import { putValues } from '../db/repositories/sisa-values.js'
import { loadGrantFacts } from './sisa.js'
import { prefillFor } from './sisa-prefill.js'
import type { StoredRegeling } from '../db/repositories/sisa.js'
import type { SisaValue, ValueWrite } from '../db/repositories/sisa-values.js'
import { indicatorCode, parseIndicatorCode } from '../db/sisa-definitions.js'

export interface ValueInput {
  /** 'C1/04' or 'C1 / 04' (also 'Indicator: C1/04'). */
  indicator: string
  /** 0 or absent for single indicators; 1.. for project / gemeente / veiligheidsregio rows. */
  rowNo?: number
  valueCents?: number | null
  /** Typed value: 'Ja'/'Nee' or true/false, '€ 1.234,56' or euros as a number, a count, a text; null clears. */
  value?: unknown
}

export interface InputError {
  field: string
  message: string
}

const MAX_TEXT = 500

function typed(reg: StoredRegeling, dataType: string, inp: ValueInput, field: string, errors: InputError[]): SisaValue | null | undefined {
  const code = inp.indicator
  if (inp.valueCents !== undefined && inp.value !== undefined) {
    errors.push({ field, message: `${code}: geef valueCents of value, niet beide` })
    return undefined
  }
  if (inp.valueCents !== undefined) {
    if (inp.valueCents === null) return null
    if (dataType !== 'euro') {
      errors.push({ field: `${field}.valueCents`, message: `${code} is geen bedrag maar ${dataType}` })
      return undefined
    }
    if (!Number.isSafeInteger(inp.valueCents)) {
      errors.push({ field: `${field}.valueCents`, message: `${code}: valueCents is een geheel aantal centen` })
      return undefined
    }
    return { cents: inp.valueCents }
  }
  const v = inp.value
  if (v === undefined) {
    errors.push({ field, message: `${code}: geen waarde opgegeven (value, valueCents of null om te wissen)` })
    return undefined
  }
  if (v === null) return null
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    errors.push({ field: `${field}.value`, message: `${code}: waarde moet tekst, getal, Ja/Nee of null zijn` })
    return undefined
  }
  const bad = (message: string) => {
    errors.push({ field: `${field}.value`, message: `${code} (${reg.sisaCode}): ${message}` })
    return undefined
  }
  switch (dataType) {
    case 'euro':
      try {
        if (typeof v === 'number') return { cents: centsFromNumber(v) }
        if (typeof v === 'string') return { cents: parseMoney(v) }
        return bad(`'${String(v)}' is geen bedrag`)
      } catch (e) {
        if (e instanceof MoneyError) return bad(e.message)
        throw e
      }
    case 'count': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
      return Number.isSafeInteger(n) && n >= 0 ? { number: n } : bad(`'${String(v)}' is geen aantal (geheel getal vanaf 0)`)
    }
    case 'janee': {
      if (typeof v === 'boolean') return { bool: v }
      const b = parseJaNee(String(v))
      return b === undefined ? bad(`'${String(v)}' is geen Ja of Nee`) : { bool: b }
    }
    default: {
      const s = String(v).trim()
      if (s === '') return null
      return s.length > MAX_TEXT ? bad(`tekst is langer dan ${MAX_TEXT} tekens`) : { text: s }
    }
  }
}

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
    if (ind.rowDimension === 'none' && rowNo !== 0) {
      errors.push({ field: `${field}.rowNo`, message: `${code} heeft geen regels; laat rowNo weg` })
      return
    }
    if (ind.rowDimension !== 'none' && (!Number.isInteger(rowNo) || rowNo < 1 || rowNo > 999)) {
      errors.push({ field: `${field}.rowNo`, message: `${code} is per ${ind.rowDimension}: geef het regelnummer (rowNo 1..999)` })
      return
    }
    const key = `${code}:${rowNo}`
    if (seen.has(key)) {
      errors.push({ field, message: `${code} regel ${rowNo} staat twee keer in de invoer` })
      return
    }
    seen.add(key)
    const value = typed(reg, ind.dataType, { ...inp, indicator: code }, field, errors)
    if (value !== undefined) writes.push({ indicatorId: ind.id, code, rowNo, value })
  })
  return { writes, errors }
}

export class SisaInputError extends Error {
  constructor(public errors: InputError[]) {
    super(errors.map((e) => e.message).join('; '))
  }
}

/**
 * Set manual values of one grant for SiSa year T. All-or-nothing: any bad input throws SisaInputError and
 * nothing is written. The audit row of an override records the prefilled value it replaces.
 */
export function setSisaValues(db: Db, who: Actor, grantId: number, sisaYear: number, inputs: ValueInput[]) {
  const g = db
    .select({ id: grants.id, sisaCode: schemes.sisaCode, organisationId: grants.organisationId })
    .from(grants)
    .innerJoin(schemes, eq(schemes.id, grants.schemeId))
    .where(eq(grants.id, grantId))
    .get()
  if (!g) throw new SisaInputError([{ field: 'grant', message: `subsidie ${grantId} bestaat niet` }])
  const defs = getYearDefinitions(db, sisaYear)
  if (!defs) throw new SisaInputError([{ field: 'year', message: `er zijn geen SiSa-definities voor ${sisaYear}` }])
  const reg = defs.regelingen.find((r) => r.sisaCode === g.sisaCode)
  const { writes, errors } = resolveValueInputs(reg, sisaYear, g.sisaCode, inputs)
  if (errors.length) throw new SisaInputError(errors)
  const facts = loadGrantFacts(db, [db.select().from(grants).where(eq(grants.id, grantId)).get()!]).get(grantId)!
  const prefilled = new Map<string, unknown>()
  for (const ind of reg!.indicators) {
    const p = ind.role && !ind.formula && ind.rowDimension === 'none' ? prefillFor(ind.role, facts, sisaYear) : undefined
    if (p) prefilled.set(`${reg!.sisaCode}/${ind.number}:0`, { ...p.value, source: p.source })
  }
  return putValues(db, who, grantId, sisaYear, writes, prefilled)
}
