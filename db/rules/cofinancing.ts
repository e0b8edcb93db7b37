// Required co-financing of one grant: the single rule behind the grant detail, the co-financing, portfolio and
// forecast reports. Pure: it takes the grant's terms (its own, else its scheme's) and returns cents.
import { applyBp, sumCents } from '../money.js'
import type { GrantStatus } from '../schema.js'
import { isDead } from './statuses.js'

export type CofinancingBasis = 'total_cost' | 'rijksbijdrage' | 'fixed'

export interface CofinancingTerms {
  basis: CofinancingBasis | null
  bp: number | null
  fixedCents: number | null
}

export interface CofinancingInput {
  status: GrantStatus
  /** The grant's own terms; when all three are null the scheme's apply. */
  grant: CofinancingTerms
  scheme: CofinancingTerms
  awardedCents: number | null
  requestedCents: number | null
  /** Planned lasten over all grant years. */
  plannedLastenCents: number
}

const NONE: CofinancingTerms = { basis: null, bp: null, fixedCents: null }
const hasTerms = (t: CofinancingTerms): boolean => t.basis !== null || t.bp !== null || t.fixedCents !== null

/** The terms that apply: the grant's own terms win over the scheme's as a whole. */
const applying = (grant: CofinancingTerms, scheme: CofinancingTerms): CofinancingTerms =>
  hasTerms(grant) ? grant : hasTerms(scheme) ? scheme : NONE

/** The terms that apply and where they come from. */
export function effectiveTerms(grant: CofinancingTerms, scheme: CofinancingTerms): CofinancingTerms & { from: 'grant' | 'scheme' | null } {
  const t = applying(grant, scheme)
  return { basis: t.basis, bp: t.bp, fixedCents: t.fixedCents, from: t === NONE ? null : t === grant ? 'grant' : 'scheme' }
}

/** A percentage without a stated basis is a share of the total cost (Regio Deal, BRC: "60 % lokaal"). */
export function basisOf(t: CofinancingTerms): CofinancingBasis | null {
  return t.basis ?? (t.bp !== null ? 'total_cost' : t.fixedCents !== null ? 'fixed' : null)
}

/**
 * Required co-financing in cents, or null when there is no requirement or it cannot be computed yet:
 * - rejected or withdrawn grants owe nothing (0);
 * - `fixed`: the amount;
 * - `rijksbijdrage`: bp of the award (else the request);
 * - `total_cost`: bp of the planned lasten over all years; with no plan yet the total is rijksbijdrage +
 *   co-financing, so required = rijks × bp / (10000 − bp).
 */
export function requiredCofinancingCents(g: CofinancingInput): number | null {
  const t = applying(g.grant, g.scheme)
  const basis = basisOf(t)
  if (basis === null) return null
  if (isDead(g.status)) return 0
  if (basis === 'fixed') return t.fixedCents
  if (t.bp === null) return null
  const rijks = g.awardedCents ?? g.requestedCents
  if (basis === 'rijksbijdrage') return rijks === null ? null : applyBp(rijks, t.bp)
  if (g.plannedLastenCents > 0) return applyBp(g.plannedLastenCents, t.bp)
  if (rijks === null || t.bp >= 10000) return null
  return divRound(BigInt(rijks) * BigInt(t.bp), BigInt(10000 - t.bp))
}

export interface CofinancingFigures {
  requiredCents: number | null
  committedCents: number
  shortfallCents: number
}

/** Required, committed (sum of commitments) and shortfall (required − committed when positive). */
export function cofinancingFigures(g: CofinancingInput, commitmentCents: readonly number[]): CofinancingFigures {
  const requiredCents = requiredCofinancingCents(g)
  const committedCents = sumCents(commitmentCents)
  return {
    requiredCents,
    committedCents,
    shortfallCents: requiredCents !== null && requiredCents > committedCents ? requiredCents - committedCents : 0,
  }
}

/** a / b rounded half away from zero, for non-negative a and positive b. */
function divRound(a: bigint, b: bigint): number {
  const q = a / b
  return Number((a % b) * 2n >= b ? q + 1n : q)
}
