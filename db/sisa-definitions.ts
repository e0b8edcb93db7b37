// SiSa indicator definitions as data: the Woud JSON form, indicator-code normalisation and validation.
// Shared by the shipped reference data (db/reference/sisa.ts) and `woud import sisa` (importers/sisa.ts).
import { isIsoDate } from './dates.js'
import { AARD_CONTROLE as AARD_CONTROLE_ENUM, ROW_DIMENSION, SISA_DATA_TYPE } from './enums.js'

/** A value in a message: quoted, or '(ontbreekt)' when absent (never the word 'undefined'). */
const shown = (v: unknown) => (v === undefined || v === null ? '(ontbreekt)' : `'${String(v)}'`)

export const DATA_TYPES = SISA_DATA_TYPE.keys
export const AARD_CONTROLE = AARD_CONTROLE_ENUM.keys
export const ROW_DIMENSIONS = ROW_DIMENSION.keys
/**
 * What an indicator means to Woud's prefill and checks. besteding: (part of) the spending of year T;
 * cumulatief: spending up to and including T; correctie: correction of T-1 reported in T; ontvangen:
 * total received; eindverantwoording: the final-account flag; reserve: reserve at the end of T-1.
 */
export const ROLES = ['besteding', 'cumulatief', 'correctie', 'ontvangen', 'eindverantwoording', 'reserve'] as const

export type DataType = (typeof DATA_TYPES)[number]
export type AardControle = (typeof AARD_CONTROLE)[number]
export type RowDimension = (typeof ROW_DIMENSIONS)[number]
export type Role = (typeof ROLES)[number]

export interface IndicatorDef {
  number: string
  label: string
  dataType: DataType
  aardControle: AardControle
  rowDimension: RowDimension
  /** 'sum(01,02,04)' */
  formula: string | null
  role: Role | null
  mandatory: boolean
}

export interface RegelingDef {
  sisaCode: string
  verstrekker: string
  name: string
  legalBasis: string | null
  ontvanger: string
  indicators: IndicatorDef[]
  /** Only on a draft (db/sisa-draft.ts): the year whose definitions were taken over, 'overgenomen uit T-1, controleren'. */
  draftOf?: number
}

export interface YearDef {
  sisaYear: number
  /** 'YYYY-MM-DD': the "d.d." date of the bijlage format. */
  formatDate: string
  regelingen: RegelingDef[]
}

import { SISA_CODE } from './rules/sisa-code.js'
export { SISA_CODE }

/**
 * 'D1/01', 'D1 / 01', 'Indicator: D1/01', 'Indicatornummer: D1 / 01', 'd1/1' -> { sisaCode: 'D1', number: '01' };
 * undefined for anything else (docs/domain.md#sisa: accept the legacy form and normalise).
 */
export function parseIndicatorCode(input: string): { sisaCode: string; number: string } | undefined {
  const s = input.trim().replace(/^indicator(?:nummer)?\s*:\s*/i, '')
  const m = /^([A-Za-z][0-9]{1,3}[A-Za-z]?)\s*\/\s*([0-9]{1,2})$/.exec(s)
  if (!m) return undefined
  return { sisaCode: m[1].toUpperCase(), number: m[2].padStart(2, '0') }
}

export const indicatorCode = (sisaCode: string, number: string) => `${sisaCode}/${number}`

/** 'sum(01,02,04)' -> ['01','02','04']; undefined for a formula Woud cannot evaluate. */
export function formulaTerms(formula: string): string[] | undefined {
  const m = /^sum\(\s*([0-9]{1,2}(?:\s*,\s*[0-9]{1,2})*)\s*\)$/i.exec(formula.trim())
  return m ? m[1].split(',').map((x) => x.trim().padStart(2, '0')) : undefined
}

/** 'n.v.t.' / 'nvt' / 'R' -> the stored enum. */
export function parseAardControle(input: string): AardControle | undefined {
  const t = input
    .trim()
    .replace(/^aard\s+controle\s*/i, '')
    .replace(/[.\s]/g, '')
    .toUpperCase()
  if (t === 'NVT') return 'NVT'
  return (AARD_CONTROLE as readonly string[]).includes(t) ? (t as AardControle) : undefined
}

export const aardControleText = (a: AardControle) => (a === 'NVT' ? 'n.v.t.' : a)

export interface DefIssue {
  path: string
  message: string
}

/** Validate one parsed Woud JSON document: { years: [...] } or a single year object or an array of years. */
export function validateDefinitions(doc: unknown): { years: YearDef[]; issues: DefIssue[] } {
  const issues: DefIssue[] = []
  const raw = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as { years?: unknown }).years)
      ? (doc as { years: unknown[] }).years
      : [doc]
  const years: YearDef[] = []
  raw.forEach((y, yi) => {
    const p = `years[${yi}]`
    const o = (y ?? {}) as Record<string, unknown>
    const sisaYear = o.sisaYear
    if (typeof sisaYear !== 'number' || !Number.isInteger(sisaYear) || sisaYear < 2005 || sisaYear > 2100)
      issues.push({
        path: `${p}.sisaYear`,
        message: sisaYear === undefined ? 'sisaYear ontbreekt' : `${shown(sisaYear)} is geen SiSa-jaar`,
      })
    if (!isIsoDate(o.formatDate))
      issues.push({
        path: `${p}.formatDate`,
        message: o.formatDate === undefined ? 'formatDate ontbreekt' : `${shown(o.formatDate)} is geen datum (JJJJ-MM-DD)`,
      })
    if (!Array.isArray(o.regelingen)) {
      issues.push({ path: `${p}.regelingen`, message: 'lijst met regelingen ontbreekt' })
      return
    }
    const regelingen = (o.regelingen as unknown[]).map((r, ri) => validateRegeling(r, `${p}.regelingen[${ri}]`, issues))
    const codes = new Set<string>()
    for (const r of regelingen) {
      if (codes.has(r.sisaCode)) issues.push({ path: p, message: `uitkeringscode ${r.sisaCode} komt twee keer voor` })
      codes.add(r.sisaCode)
    }
    years.push({ sisaYear: sisaYear as number, formatDate: o.formatDate as string, regelingen })
  })
  return { years, issues }
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

function validateRegeling(r: unknown, p: string, issues: DefIssue[]): RegelingDef {
  const o = (r ?? {}) as Record<string, unknown>
  const sisaCode = (str(o.sisaCode) ?? '').toUpperCase()
  if (!SISA_CODE.test(sisaCode))
    issues.push({ path: `${p}.sisaCode`, message: `${shown(o.sisaCode)} is geen uitkeringscode (zoals A7, A12B, D1A)` })
  for (const f of ['verstrekker', 'name'] as const) if (!str(o[f])) issues.push({ path: `${p}.${f}`, message: `${f} ontbreekt` })
  const list = Array.isArray(o.indicators) ? o.indicators : []
  if (list.length === 0) issues.push({ path: `${p}.indicators`, message: 'een regeling heeft minstens één indicator' })
  const indicators = list.map((ind, i) => validateIndicator(ind, sisaCode, `${p}.indicators[${i}]`, issues))
  const numbers = new Set<string>()
  for (const ind of indicators) {
    if (numbers.has(ind.number)) issues.push({ path: p, message: `indicator ${sisaCode}/${ind.number} komt twee keer voor` })
    numbers.add(ind.number)
  }
  for (const ind of indicators) {
    const terms = ind.formula ? formulaTerms(ind.formula) : []
    for (const t of terms ?? [])
      if (!numbers.has(t))
        issues.push({ path: p, message: `formule van ${sisaCode}/${ind.number} verwijst naar ${sisaCode}/${t}, die niet bestaat` })
  }
  return {
    sisaCode,
    verstrekker: str(o.verstrekker) ?? '',
    name: str(o.name) ?? '',
    legalBasis: str(o.legalBasis),
    ontvanger: str(o.ontvanger) ?? 'Gemeenten',
    indicators,
  }
}

function validateIndicator(ind: unknown, sisaCode: string, p: string, issues: DefIssue[]): IndicatorDef {
  const o = (ind ?? {}) as Record<string, unknown>
  let number = typeof o.number === 'number' ? String(o.number).padStart(2, '0') : (str(o.number)?.padStart(2, '0') ?? null)
  const code = str(o.code)
  if (code) {
    const c = parseIndicatorCode(code)
    if (!c) issues.push({ path: `${p}.code`, message: `'${code}' is geen indicatorcode (vorm 'D1/01' of 'D1 / 01')` })
    else if (c.sisaCode !== sisaCode) issues.push({ path: `${p}.code`, message: `indicator ${code} hoort niet bij uitkering ${sisaCode}` })
    else number = c.number
  }
  if (!code && (!number || !/^[0-9]{2}$/.test(number)))
    issues.push({ path: `${p}.number`, message: `${shown(o.number ?? o.code)} is geen indicatornummer (01..99)` })
  const label = str(o.label)
  if (!label) issues.push({ path: `${p}.label`, message: 'omschrijving ontbreekt' })
  const dataType = o.dataType as DataType
  if (!DATA_TYPES.includes(dataType))
    issues.push({ path: `${p}.dataType`, message: `${shown(o.dataType)} is geen gegevenstype (${DATA_TYPES.join(', ')})` })
  const aard = typeof o.aardControle === 'string' ? parseAardControle(o.aardControle) : undefined
  if (!aard) issues.push({ path: `${p}.aardControle`, message: `${shown(o.aardControle)} is geen aard controle (R, D1, D2, N, n.v.t.)` })
  const rowDimension = (o.rowDimension ?? 'none') as RowDimension
  if (!ROW_DIMENSIONS.includes(rowDimension))
    issues.push({ path: `${p}.rowDimension`, message: `${shown(o.rowDimension)} is geen rijdimensie (${ROW_DIMENSIONS.join(', ')})` })
  const formula = str(o.formula)
  if (formula && !formulaTerms(formula))
    issues.push({ path: `${p}.formula`, message: `formule '${formula}' wordt niet ondersteund (alleen sum(01,02,...))` })
  const role = (str(o.role) ?? null) as Role | null
  if (role !== null && !ROLES.includes(role)) issues.push({ path: `${p}.role`, message: `'${role}' is geen rol (${ROLES.join(', ')})` })
  const mandatory = o.mandatory === undefined ? true : o.mandatory
  if (typeof mandatory !== 'boolean') issues.push({ path: `${p}.mandatory`, message: 'mandatory moet true of false zijn' })
  return {
    number: number ?? '',
    label: label ?? '',
    dataType,
    aardControle: aard ?? 'NVT',
    rowDimension,
    formula,
    role,
    mandatory: mandatory === true,
  }
}
