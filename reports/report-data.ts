// One organisation's portfolio loaded once for the planning workbooks: grants with their scheme, years,
// co-financing commitments and payments, plus the rules they share (required co-financing, herkomst, statuses).
import type { Db } from '../db/client.js'
import { assertCents, sumCents } from '../db/money.js'
import { cofinancingFigures, effectiveTerms, type CofinancingFigures } from '../db/rules/cofinancing.js'
import { AWARDED_STATUSES, DEAD_STATUSES, PIPELINE_STATUSES, STATUS_LABELS } from '../db/rules/statuses.js'
import type { GrantStatus } from '../db/schema.js'
import { loadPortfolio, type CommitmentRow, type PaymentRow, type PortfolioLoad, type YearRow } from './portfolio-load.js'

// The status groups and labels are db/rules/statuses.ts's; the short names keep the report code readable.
export const AWARDED = AWARDED_STATUSES
export const PIPELINE = PIPELINE_STATUSES
export const DEAD = DEAD_STATUSES
export const STATUS_NL: Readonly<Record<GrantStatus, string>> = STATUS_LABELS

export type GrantYear = YearRow
export type Commitment = CommitmentRow
export type Payment = PaymentRow

export interface GrantData {
  id: number
  reference: string | null
  title: string
  status: GrantStatus
  schemeId: number
  schemeCode: string
  schemeName: string
  ministry: string
  sisaCode: string | null
  instrument: string
  schemeEndYear: number | null
  beschikkingsnummer: string | null
  requestedCents: number | null
  awardedCents: number | null
  bcfCents: number
  periodFrom: string | null
  periodTo: string | null
  spendUntil: string | null
  probabilityPct: number | null
  taakveld: string | null
  programma: string | null
  nature: 'incidenteel' | 'structureel'
  /** Co-financing rule of the grant, falling back to its scheme's. */
  cofinancingBasis: 'total_cost' | 'rijksbijdrage' | 'fixed' | null
  cofinancingBp: number | null
  cofinancingFixedCents: number | null
  updatedAt: string
  years: GrantYear[]
  commitments: Commitment[]
  payments: Payment[]
}

/** All non-archived grants of an organisation, ordered by scheme code and id (from one load when the caller has it). */
export function loadGrants(db: Db, organisationId: number, load: PortfolioLoad = loadPortfolio(db, organisationId)): GrantData[] {
  const out: GrantData[] = []
  for (const g of load.grants) {
    if (g.archivedAt !== null) continue
    const s = load.schemes.get(g.schemeId)!
    const terms = effectiveTerms(
      { basis: g.cofinancingBasis, bp: g.cofinancingBp, fixedCents: g.cofinancingFixedCents },
      { basis: s.cofinancingBasis, bp: s.cofinancingBp, fixedCents: s.cofinancingFixedCents },
    )
    out.push({
      id: g.id,
      reference: g.reference,
      title: g.title,
      status: g.status,
      schemeId: g.schemeId,
      schemeCode: s.code,
      schemeName: s.name,
      ministry: s.ministry,
      sisaCode: s.sisaCode,
      instrument: s.instrument,
      schemeEndYear: s.endYear,
      beschikkingsnummer: g.beschikkingsnummer,
      requestedCents: g.requestedCents,
      awardedCents: g.awardedCents,
      bcfCents: g.bcfCents,
      periodFrom: g.periodFrom,
      periodTo: g.periodTo,
      spendUntil: g.spendUntil,
      probabilityPct: g.probabilityPct,
      taakveld: g.taakveld ?? s.defaultTaakveld,
      programma: g.programma,
      nature: g.nature,
      cofinancingBasis: terms.basis,
      cofinancingBp: terms.bp,
      cofinancingFixedCents: terms.fixedCents,
      updatedAt: g.updatedAt,
      years: load.years.get(g.id) ?? [],
      commitments: load.commitments.get(g.id) ?? [],
      payments: load.payments.get(g.id) ?? [],
    })
  }
  return out.sort((a, b) => (a.schemeCode < b.schemeCode ? -1 : a.schemeCode > b.schemeCode ? 1 : a.id - b.id))
}

// Per loaded grant: the co-financing, portfolio and forecast reports of one workbook each ask for it.
const figuresOf = new WeakMap<GrantData, CofinancingFigures>()

/** Required, committed and shortfall of a grant by the one rule in db/rules/cofinancing.ts (its terms are already effective). */
export function cofinancingOf(g: GrantData): CofinancingFigures {
  let f = figuresOf.get(g)
  if (!f) figuresOf.set(g, (f = computeFigures(g)))
  return f
}

function computeFigures(g: GrantData): CofinancingFigures {
  const terms = { basis: g.cofinancingBasis, bp: g.cofinancingBp, fixedCents: g.cofinancingFixedCents }
  let plannedLastenCents = 0
  for (let at = 0; at < g.years.length; at++) {
    const y = g.years[at]
    plannedLastenCents = assertCents(plannedLastenCents + y.plannedLastenCents)
  }
  const commitments: number[] = []
  for (let at = 0; at < g.commitments.length; at++) {
    const c = g.commitments[at]
    commitments.push(c.amountCents)
  }
  return cofinancingFigures(
    { status: g.status, grant: terms, scheme: terms, awardedCents: g.awardedCents, requestedCents: g.requestedCents, plannedLastenCents },
    commitments,
  )
}

/** Required co-financing in cents; 0 where the rule has no requirement or cannot compute one yet. */
export function requiredCofinancing(g: GrantData): number {
  return cofinancingOf(g).requiredCents ?? 0
}

/** BBV art. 52a: overlopende passiva are specified by where the money comes from. */
export type Herkomst = 'Europese overheidslichamen' | 'Rijk' | 'Overige Nederlandse overheidslichamen'
export function herkomstOf(g: Pick<GrantData, 'ministry' | 'instrument'>): Herkomst {
  if (/^(eu|europ)/i.test(g.ministry)) return 'Europese overheidslichamen'
  if (g.instrument === 'provinciaal_middel' || /provincie|gemeente|waterschap|regio/i.test(g.ministry))
    return 'Overige Nederlandse overheidslichamen'
  return 'Rijk'
}

/**
 * The grant year row of budget year `y`, looked up, not searched: the rows are ordered by year and nearly always
 * consecutive, so the row sits at y − first year; gaps fall back to a scan.
 */
export function yearRow(g: Pick<GrantData, 'years'>, y: number): GrantYear | undefined {
  const ys = g.years
  if (ys.length === 0) return undefined
  // Bounds first: a negative or past-the-end index is a slow property lookup, not an array read.
  const i = y - ys[0].year
  if (i < 0 || i >= ys.length) {
    if (i < 0 || ys[ys.length - 1].year < y) return undefined
  } else if (ys[i].year === y) return ys[i]
  for (const r of ys) if (r.year === y) return r
  return undefined
}

export const yearOfDate = (iso: string | null): number | null => (iso ? Number(iso.slice(0, 4)) : null)

/** First and last budget year the organisation's grants touch (grant years and periods), or null without data. */
export function dataSpan(gs: GrantData[]): { from: number; to: number } | null {
  let from = Infinity
  let to = -Infinity
  for (const g of gs) {
    for (const y of [...g.years.map((r) => r.year), yearOfDate(g.periodFrom), yearOfDate(g.periodTo), yearOfDate(g.spendUntil)]) {
      if (y === null) continue
      from = Math.min(from, y)
      to = Math.max(to, y)
    }
  }
  return Number.isFinite(from) ? { from, to } : null
}

export const sum = (xs: number[]): number => sumCents(xs)

/** Latest change to any of these grants (the 'data as of' of a workbook), as an ISO date, or null. */
export function dataAsOf(gs: GrantData[]): string | null {
  let max: string | null = null
  for (const g of gs) if (max === null || g.updatedAt > max) max = g.updatedAt
  return max ? max.slice(0, 10) : null
}
