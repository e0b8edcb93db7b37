// Co-financing per grant and year: what the regeling requires vs what is committed, reserved in the begroting
// and realised; shortfalls, and totals per source and per year (docs/domain.md#cofinancing "co-financing ratio achieved").
import { bpToPercentText, splitLargestRemainder } from '../db/money.js'
import { basisOf } from '../db/rules/cofinancing.js'
import type { Commitment, GrantData } from './report-data.js'
import { cofinancingOf, DEAD, STATUS_NL, sum } from './report-data.js'

export const SOURCE_NL: Record<Commitment['source'], string> = {
  eigen_middelen: 'Eigen middelen',
  reserve: 'Reserve',
  provincie: 'Provincie',
  derden: 'Derden',
  regio: 'Regio',
  privaat: 'Privaat',
}

export interface CofinancingTotals {
  requiredCents: number
  committedCents: number
  reservedCents: number
  plannedCents: number
  realisedCents: number
  shortfallCents: number
}

export interface CofinancingRow extends CofinancingTotals {
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

/** Budget years of a grant that run in or after `fromYear`: grant years and years of commitments. */
function yearsOf(g: GrantData): number[] {
  return [...new Set([...g.years.map((y) => y.year), ...g.commitments.flatMap((c) => (c.year === null ? [] : [c.year]))])].sort(
    (a, b) => a - b,
  )
}

/** How a whole-term amount spreads over the years: by planned lasten, else planned baten, else evenly. */
function weightsFor(g: GrantData, years: number[]): number[] {
  const row = (y: number) => g.years.find((r) => r.year === y)
  for (const pick of [(y: number) => row(y)?.plannedLastenCents ?? 0, (y: number) => row(y)?.plannedBatenCents ?? 0]) {
    const w = years.map((y) => Math.max(0, pick(y)))
    if (w.some((x) => x > 0)) return w
  }
  return years.map(() => 1)
}

/** Grants that run in or after `year` (or have no years yet) and carry a co-financing requirement or figure. */
export function computeCofinancing(gs: GrantData[], year: number): CofinancingData {
  const rows: CofinancingRow[] = []
  const grants: CofinancingGrant[] = []
  for (const g of gs) {
    if (DEAD.includes(g.status)) continue
    const fig = cofinancingOf(g)
    const required = fig.requiredCents ?? 0
    const hasFigures = g.commitments.length > 0 || g.years.some((y) => y.cofinancingPlannedCents !== 0 || y.cofinancingRealisedCents !== 0)
    if (required === 0 && !hasFigures) continue
    const years = yearsOf(g)
    const lastYear = Math.max(...years, ...[g.periodTo, g.spendUntil].map((d) => (d ? Number(d.slice(0, 4)) : -Infinity)))
    if (years.length > 0 && lastYear < year) continue
    grants.push({ grantId: g.id, requiredCents: required, committedCents: fig.committedCents, shortfallCents: fig.shortfallCents })
    const slots: (number | null)[] = years.length ? years : [null]
    const weights = years.length ? weightsFor(g, years) : [1]
    const spread = (total: number) => (total === 0 ? slots.map(() => 0) : splitLargestRemainder(total, weights))
    const yearless = (reservedOnly: boolean) =>
      sum(g.commitments.filter((c) => c.year === null && (!reservedOnly || c.reservedInBegroting)).map((c) => c.amountCents))
    const rule = ruleText(g)
    const req = spread(required)
    const commitAll = spread(yearless(false))
    const commitRes = spread(yearless(true))
    slots.forEach((y, i) => {
      const own = g.commitments.filter((c) => c.year !== null && c.year === y)
      const gy = g.years.find((r) => r.year === y)
      const committed = sum([commitAll[i], ...own.map((c) => c.amountCents)])
      rows.push({
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
        reservedCents: sum([commitRes[i], ...own.filter((c) => c.reservedInBegroting).map((c) => c.amountCents)]),
        plannedCents: gy?.cofinancingPlannedCents ?? 0,
        realisedCents: gy?.cofinancingRealisedCents ?? 0,
        shortfallCents: Math.max(0, req[i] - committed),
      })
    })
  }
  const included = new Set(rows.map((r) => r.grantId))
  const sources = new Map<string, { count: number; committedCents: number; reservedCents: number }>()
  for (const g of gs) {
    if (!included.has(g.id)) continue
    for (const c of g.commitments) {
      const s = sources.get(c.source) ?? { count: 0, committedCents: 0, reservedCents: 0 }
      s.count++
      s.committedCents = sum([s.committedCents, c.amountCents])
      if (c.reservedInBegroting) s.reservedCents = sum([s.reservedCents, c.amountCents])
      sources.set(c.source, s)
    }
  }
  const bySource = (Object.keys(SOURCE_NL) as Commitment['source'][])
    .filter((k) => sources.has(k))
    .map((k) => ({ source: k, label: SOURCE_NL[k], ...sources.get(k)! }))
  const yearKeys = [...new Set(rows.map((r) => r.year))].sort((a, b) => (a ?? -1) - (b ?? -1))
  const byYear = yearKeys.map((y) => ({ year: y, ...totalsOf(rows.filter((r) => r.year === y)) }))
  return { rows, grants, bySource, byYear, totals: totalsOf(rows), shortfallGrants: grants.filter((g) => g.shortfallCents > 0).length }
}

function totalsOf(rs: CofinancingRow[]): CofinancingTotals {
  return {
    requiredCents: sum(rs.map((r) => r.requiredCents)),
    committedCents: sum(rs.map((r) => r.committedCents)),
    reservedCents: sum(rs.map((r) => r.reservedCents)),
    plannedCents: sum(rs.map((r) => r.plannedCents)),
    realisedCents: sum(rs.map((r) => r.realisedCents)),
    shortfallCents: sum(rs.map((r) => r.shortfallCents)),
  }
}
