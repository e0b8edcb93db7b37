// Co-financing per grant and year: what the regeling requires vs what is committed, reserved in the begroting
// and realised; shortfalls, and totals per source and per year (docs/domain.md#cofinancing "co-financing ratio achieved").
import { assertCents, bpToPercentText, splitLargestRemainder } from '../db/money.js'
import { basisOf } from '../db/rules/cofinancing.js'
import type { Commitment, GrantData } from './report-data.js'
import { cofinancingOf, DEAD, STATUS_NL, yearRow } from './report-data.js'

export const SOURCE_NL: Record<Commitment['source'], string> = {
  eigen_middelen: 'Eigen middelen',
  reserve: 'Reserve',
  provincie: 'Provincie',
  derden: 'Derden',
  regio: 'Regio',
  privaat: 'Privaat',
}

// Type aliases, not interfaces: the rows go to the sheet as they are (a record type), without a copy each.
export type CofinancingTotals = {
  requiredCents: number
  committedCents: number
  reservedCents: number
  plannedCents: number
  realisedCents: number
  shortfallCents: number
}

export type CofinancingRow = CofinancingTotals & {
  grantId: number
  reference: string | null
  title: string
  schemeCode: string
  ministry: string
  taakveld: string | null
  status: string
  rule: string
  /** null: the grant has no budget years yet; the amounts are for its whole term. */
  year: number | null
}

/** One grant's whole-term figures by the one rule (db/rules/cofinancing.ts); the rows spread them over years. */
export interface CofinancingGrant {
  grantId: number
  requiredCents: number
  committedCents: number
  shortfallCents: number
}

export interface CofinancingData {
  rows: CofinancingRow[]
  grants: CofinancingGrant[]
  bySource: { source: string; label: string; count: number; committedCents: number; reservedCents: number }[]
  byYear: ({ year: number | null } & CofinancingTotals)[]
  totals: CofinancingTotals
  shortfallGrants: number
}

export function ruleText(g: GrantData): string {
  const basis = basisOf({ basis: g.cofinancingBasis, bp: g.cofinancingBp, fixedCents: g.cofinancingFixedCents })
  if (basis === 'fixed') return 'Vast bedrag'
  if (!g.cofinancingBp) return 'Geen eis'
  return basis === 'total_cost'
    ? `${bpToPercentText(g.cofinancingBp)} % van de totale kosten`
    : `${bpToPercentText(g.cofinancingBp)} % van de rijksbijdrage`
}

/** Budget years of a grant: its grant years (unique, ordered) and the years of its commitments. */
function yearsOf(g: GrantData): number[] {
  const years = g.years.map((y) => y.year)
  let extra = false
  for (let at = 0; at < g.commitments.length; at++) {
    const c = g.commitments[at]
    if (c.year === null || years.includes(c.year)) continue
    years.push(c.year)
    extra = true
  }
  return extra ? years.sort((a, b) => a - b) : years
}

/** How a whole-term amount spreads over the years: by planned lasten, else planned baten, else evenly. */
function weightsFor(g: GrantData, years: number[]): number[] {
  const lasten: number[] = []
  const baten: number[] = []
  let anyLasten = false
  let anyBaten = false
  for (const y of years) {
    const r = yearRow(g, y)
    const l = r ? Math.max(0, r.plannedLastenCents) : 0
    const b = r ? Math.max(0, r.plannedBatenCents) : 0
    lasten.push(l)
    baten.push(b)
    anyLasten ||= l > 0
    anyBaten ||= b > 0
  }
  return anyLasten ? lasten : anyBaten ? baten : years.map(() => 1)
}

const lastYearOf = (g: GrantData, years: number[]): number => {
  let last = years.length ? years[years.length - 1] : -Infinity
  for (const d of [g.periodTo, g.spendUntil]) if (d) last = Math.max(last, Number(d.slice(0, 4)))
  return last
}

const zeroTotals = (): CofinancingTotals => ({
  requiredCents: 0,
  committedCents: 0,
  reservedCents: 0,
  plannedCents: 0,
  realisedCents: 0,
  shortfallCents: 0,
})

function addTo(t: CofinancingTotals, r: CofinancingTotals): void {
  t.requiredCents = assertCents(t.requiredCents + r.requiredCents)
  t.committedCents = assertCents(t.committedCents + r.committedCents)
  t.reservedCents = assertCents(t.reservedCents + r.reservedCents)
  t.plannedCents = assertCents(t.plannedCents + r.plannedCents)
  t.realisedCents = assertCents(t.realisedCents + r.realisedCents)
  t.shortfallCents = assertCents(t.shortfallCents + r.shortfallCents)
}

/** Grants that run in or after `year` (or have no years yet) and carry a co-financing requirement or figure. */
export function computeCofinancing(gs: GrantData[], year: number): CofinancingData {
  const rows: CofinancingRow[] = []
  const grants: CofinancingGrant[] = []
  const sources = new Map<string, { count: number; committedCents: number; reservedCents: number }>()
  const perYear = new Map<number | null, CofinancingTotals>()
  const totals = zeroTotals()
  for (const g of gs) {
    if (DEAD.includes(g.status)) continue
    const fig = cofinancingOf(g)
    const required = fig.requiredCents ?? 0
    const hasFigures = g.commitments.length > 0 || g.years.some((y) => y.cofinancingPlannedCents !== 0 || y.cofinancingRealisedCents !== 0)
    if (required === 0 && !hasFigures) continue
    const years = yearsOf(g)
    if (years.length > 0 && lastYearOf(g, years) < year) continue
    grants.push({ grantId: g.id, requiredCents: required, committedCents: fig.committedCents, shortfallCents: fig.shortfallCents })
    const slots: (number | null)[] = years.length ? years : [null]
    let weights: number[] | undefined
    const spread = (total: number) =>
      total === 0 ? slots.map(() => 0) : splitLargestRemainder(total, (weights ??= years.length ? weightsFor(g, years) : [1]))
    let yearlessAll = 0
    let yearlessReserved = 0
    for (let at = 0; at < g.commitments.length; at++) {
      const c = g.commitments[at]
      const s = sources.get(c.source) ?? { count: 0, committedCents: 0, reservedCents: 0 }
      s.count++
      s.committedCents = assertCents(s.committedCents + c.amountCents)
      if (c.reservedInBegroting) s.reservedCents = assertCents(s.reservedCents + c.amountCents)
      sources.set(c.source, s)
      if (c.year !== null) continue
      yearlessAll = assertCents(yearlessAll + c.amountCents)
      if (c.reservedInBegroting) yearlessReserved = assertCents(yearlessReserved + c.amountCents)
    }
    const rule = ruleText(g)
    const req = spread(required)
    const commitAll = spread(yearlessAll)
    const commitRes = spread(yearlessReserved)
    for (let i = 0; i < slots.length; i++) {
      const y = slots[i]
      let committed = commitAll[i]
      let reserved = commitRes[i]
      for (let at = 0; at < g.commitments.length; at++) {
        const c = g.commitments[at]
        if (c.year === null || c.year !== y) continue
        committed = assertCents(committed + c.amountCents)
        if (c.reservedInBegroting) reserved = assertCents(reserved + c.amountCents)
      }
      const gy = y === null ? undefined : yearRow(g, y)
      const row: CofinancingRow = {
        grantId: g.id,
        reference: g.reference,
        title: g.title,
        schemeCode: g.schemeCode,
        ministry: g.ministry,
        taakveld: g.taakveld,
        status: STATUS_NL[g.status],
        rule,
        year: y,
        requiredCents: req[i],
        committedCents: committed,
        reservedCents: reserved,
        plannedCents: gy?.cofinancingPlannedCents ?? 0,
        realisedCents: gy?.cofinancingRealisedCents ?? 0,
        shortfallCents: Math.max(0, req[i] - committed),
      }
      rows.push(row)
      let t = perYear.get(y)
      if (!t) perYear.set(y, (t = zeroTotals()))
      addTo(t, row)
    }
  }
  // The grand total is the sum of the years' totals (each row is in exactly one year).
  for (const t of perYear.values()) addTo(totals, t)
  const bySource = (Object.keys(SOURCE_NL) as Commitment['source'][])
    .filter((k) => sources.has(k))
    .map((k) => ({ source: k, label: SOURCE_NL[k], ...sources.get(k)! }))
  const byYear = [...perYear.keys()].sort((a, b) => (a ?? -1) - (b ?? -1)).map((y) => ({ year: y, ...perYear.get(y)! }))
  return { rows, grants, bySource, byYear, totals, shortfallGrants: grants.filter((g) => g.shortfallCents > 0).length }
}
