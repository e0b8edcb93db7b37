// Co-financing of a grant: commitments by source (eigen middelen, reserve, provincie, derden ...) and the
// requirement from the grant or its scheme, shown as required vs committed vs reserved vs realised.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { applyBp, sumCents } from '../money.js'
import { cofinancingCommitments, grants, grantYears, schemes } from '../schema.js'
import { bumpVersion, checkCents, GrantInputError, loadGrant, type FieldError } from './grant-core.js'
import { COFINANCING_SOURCE } from '../enums.js'

export const COFINANCING_SOURCES = COFINANCING_SOURCE.keys
export type CofinancingSource = (typeof COFINANCING_SOURCES)[number]
export type CommitmentRow = typeof cofinancingCommitments.$inferSelect

export function addCommitment(db: Db, who: Actor, grantId: number,
  input: { source: CofinancingSource; year?: number | null; amountCents: number; reservedInBegroting: boolean; description?: string | null
  },
): CommitmentRow {
  return db.$client.transaction(() => {
    loadGrant(db, grantId)
    const errors: FieldError[] = []
    if (!COFINANCING_SOURCES.includes(input.source)) errors.push({ field: 'source',
      message: `'${input.source}' is geen bron (${COFINANCING_SOURCES.join(', ')})` })
    if (input.year !== undefined && input.year !== null && (!Number.isInteger(input.year) || input.year < 1990
      || input.year > 2100)) errors.push({ field: 'year', message: `'${input.year}' is geen begrotingsjaar` })
    checkCents(input.amountCents, 'amountCents', errors)
    if (errors.length) throw new GrantInputError(errors)
    const row = db.insert(cofinancingCommitments).values({ grantId, source: input.source, year: input.year ?? null,
      amountCents: input.amountCents,
      reservedInBegroting: !!input.reservedInBegroting, description: input.description ?? null }).returning().get()
    bumpVersion(db, grantId)
    writeAudit(db, who, { entity: 'grant', entityId: grantId, action: 'commitment', after: row })
    return row
  })()
}

export interface CofinancingStatus {
  basis: 'total_cost' | 'rijksbijdrage' | 'fixed' | null
  /** Where the requirement comes from: the grant's own terms, or its scheme. */
  requirementFrom: 'grant' | 'scheme' | null
  bp: number | null
  /** null when there is no requirement, or it cannot be computed yet (no amount known). */
  requiredCents: number | null
  committedCents: number
  reservedCents: number
  plannedCents: number
  realisedCents: number
  /** required - committed when positive. */
  shortfallCents: number
  bySource: { source: CofinancingSource; committedCents: number; reservedCents: number }[]
}

/**
 * Required co-financing:
 * - `rijksbijdrage`: bp of the awarded amount (else the requested one);
 * - `total_cost`: bp of the total cost, which is the planned lasten over all years; with no plan yet, the
 *   total is rijksbijdrage + co-financing, so required = rijks × bp / (10000 − bp);
 * - `fixed`: the amount. A percentage without a stated basis is read as a share of the total cost (Regio Deal,
 *   BRC: "60 % lokaal").
 */
export function cofinancingStatus(db: Db, grantId: number): CofinancingStatus {
  const g = db.select().from(grants).where(eq(grants.id, grantId)).get()!
  const s = db.select({ basis: schemes.cofinancingBasis, bp: schemes.cofinancingBp,
    fixed: schemes.cofinancingFixedCents }).from(schemes).where(eq(schemes.id, g.schemeId)).get()!
  const fromGrant = g.cofinancingBasis !== null || g.cofinancingBp !== null || g.cofinancingFixedCents !== null
  const fromScheme = !fromGrant && (s.basis !== null || s.bp !== null || s.fixed !== null)
  const t = fromGrant ? { basis: g.cofinancingBasis, bp: g.cofinancingBp,
    fixed: g.cofinancingFixedCents } : fromScheme ? s : { basis: null, bp: null, fixed: null }
  const basis = t.basis ?? (t.bp !== null ? 'total_cost' : t.fixed !== null ? 'fixed' : null)
  const years = db.select().from(grantYears).where(eq(grantYears.grantId, grantId)).all()
  const commitments = db.select().from(cofinancingCommitments).where(eq(cofinancingCommitments.grantId,
    grantId)).orderBy(asc(cofinancingCommitments.id)).all()
  const rijks = g.awardedCents ?? g.requestedCents
  let required: number | null = null
  if (basis === 'fixed') required = t.fixed
  else if (basis === 'rijksbijdrage' && t.bp !== null && rijks !== null) required = applyBp(rijks, t.bp)
  else if (basis === 'total_cost' && t.bp !== null) {
    const plannedLasten = sumCents(years.map((y) => y.plannedLastenCents))
    if (plannedLasten > 0) required = applyBp(plannedLasten, t.bp)
    else if (rijks !== null && t.bp < 10000) required = divRound(BigInt(rijks) * BigInt(t.bp), BigInt(10000 - t.bp))
  }
  const committed = sumCents(commitments.map((c) => c.amountCents))
  const reserved = sumCents(commitments.filter((c) => c.reservedInBegroting).map((c) => c.amountCents))
  const bySource = COFINANCING_SOURCES.map((source) => {
    const of = commitments.filter((c) => c.source === source)
    return { source, committedCents: sumCents(of.map((c) => c.amountCents)),
      reservedCents: sumCents(of.filter((c) => c.reservedInBegroting).map((c) => c.amountCents)) }
  }).filter((x) => x.committedCents > 0)
  return {
    basis, requirementFrom: fromGrant ? 'grant' : fromScheme ? 'scheme' : null, bp: t.bp, requiredCents: required,
    committedCents: committed, reservedCents: reserved,
    plannedCents: sumCents(years.map((y) => y.cofinancingPlannedCents)),
      realisedCents: sumCents(years.map((y) => y.cofinancingRealisedCents)),
    shortfallCents: required !== null && required > committed ? required - committed : 0,
    bySource,
  }
}

/** a / b rounded half away from zero, for non-negative a and positive b. */
function divRound(a: bigint, b: bigint): number {
  const q = a / b
  return Number((a % b) * 2n >= b ? q + 1n : q)
}
