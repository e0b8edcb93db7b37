// Co-financing of a grant: commitments by source (eigen middelen, reserve, provincie, derden ...) and the
// requirement from the grant or its scheme, shown as required vs committed vs reserved vs realised.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { formatCents, sumCents } from '../money.js'
import { basisOf, cofinancingFigures, effectiveTerms } from '../rules/cofinancing.js'
import { cofinancingCommitments, grants, grantYears, schemes } from '../schema.js'
import { bumpVersion, checkCents, GrantInputError, loadGrant, type FieldError } from './grant-core.js'
import { COFINANCING_SOURCE } from '../enums.js'

export const COFINANCING_SOURCES = COFINANCING_SOURCE.keys
export type CofinancingSource = (typeof COFINANCING_SOURCES)[number]
export type CommitmentRow = typeof cofinancingCommitments.$inferSelect

/** The figures of one grant year that make up its lasten split: lasten = rijksbijdrage + cofinanciering. */
interface SplitFigures {
  plannedLastenCents?: number
  cofinancingPlannedCents?: number
  realisedLastenCents?: number
  cofinancingRealisedCents?: number
}

/**
 * Co-financing is part of a year's lasten (the grant-funded spending is lasten minus co-financing, see the
 * repayment and passiva rules), so a year whose co-financing exceeds its lasten is a split that does not add up.
 * Planned figures are checked as they stand after the change (`next`); realised ones only when both arrive in one
 * request (`given`), because a ledger import may bring the lasten after the co-financing was recorded.
 */
export function checkCofinancingSplit(year: number, next: Required<SplitFigures>, given: SplitFigures, errors: FieldError[]): void {
  const eur = (c: number) => formatCents(c)
  if (next.cofinancingPlannedCents > next.plannedLastenCents) {
    const field = given.cofinancingPlannedCents !== undefined ? 'cofinancingPlannedCents' : 'plannedLastenCents'
    errors.push({
      field,
      message:
        `de geplande cofinanciering (${eur(next.cofinancingPlannedCents)}) is groter dan de geplande lasten van ${year} ` +
        `(${eur(next.plannedLastenCents)}): cofinanciering is een deel van de lasten`,
    })
  }
  const c = given.cofinancingRealisedCents,
    l = given.realisedLastenCents
  if (c !== undefined && l !== undefined && c > 0 && c > l) {
    errors.push({
      field: 'cofinancingRealisedCents',
      message:
        `de gerealiseerde cofinanciering (${eur(c)}) is groter dan de gerealiseerde lasten van ${year} (${eur(l)}): ` +
        'cofinanciering is een deel van de lasten',
    })
  }
}

export function addCommitment(
  db: Db,
  who: Actor,
  grantId: number,
  input: {
    source: CofinancingSource
    year?: number | null
    amountCents: number
    reservedInBegroting: boolean
    description?: string | null
  },
): CommitmentRow {
  return db.$client.transaction(() => {
    loadGrant(db, grantId)
    const errors: FieldError[] = []
    if (!COFINANCING_SOURCES.includes(input.source))
      errors.push({ field: 'source', message: `'${input.source}' is geen bron (${COFINANCING_SOURCES.join(', ')})` })
    if (input.year !== undefined && input.year !== null && (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100))
      errors.push({ field: 'year', message: `'${input.year}' is geen begrotingsjaar` })
    checkCents(input.amountCents, 'amountCents', errors)
    if (errors.length) throw new GrantInputError(errors)
    const row = db
      .insert(cofinancingCommitments)
      .values({
        grantId,
        source: input.source,
        year: input.year ?? null,
        amountCents: input.amountCents,
        reservedInBegroting: !!input.reservedInBegroting,
        description: input.description ?? null,
      })
      .returning()
      .get()
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

/** The grant's co-financing as the grant detail shows it; the requirement comes from db/rules/cofinancing.ts. */
export function cofinancingStatus(db: Db, grantId: number): CofinancingStatus {
  const g = db.select().from(grants).where(eq(grants.id, grantId)).get()!
  const s = db
    .select({ basis: schemes.cofinancingBasis, bp: schemes.cofinancingBp, fixedCents: schemes.cofinancingFixedCents })
    .from(schemes)
    .where(eq(schemes.id, g.schemeId))
    .get()!
  const own = { basis: g.cofinancingBasis, bp: g.cofinancingBp, fixedCents: g.cofinancingFixedCents }
  const t = effectiveTerms(own, s)
  const years = db.select().from(grantYears).where(eq(grantYears.grantId, grantId)).all()
  const commitments = db
    .select()
    .from(cofinancingCommitments)
    .where(eq(cofinancingCommitments.grantId, grantId))
    .orderBy(asc(cofinancingCommitments.id))
    .all()
  const fig = cofinancingFigures(
    {
      status: g.status,
      grant: own,
      scheme: s,
      awardedCents: g.awardedCents,
      requestedCents: g.requestedCents,
      plannedLastenCents: sumCents(years.map((y) => y.plannedLastenCents)),
    },
    commitments.map((c) => c.amountCents),
  )
  const reserved = sumCents(commitments.filter((c) => c.reservedInBegroting).map((c) => c.amountCents))
  const bySource = COFINANCING_SOURCES.map((source) => {
    const of = commitments.filter((c) => c.source === source)
    return {
      source,
      committedCents: sumCents(of.map((c) => c.amountCents)),
      reservedCents: sumCents(of.filter((c) => c.reservedInBegroting).map((c) => c.amountCents)),
    }
  }).filter((x) => x.committedCents > 0)
  return {
    basis: basisOf(t),
    requirementFrom: t.from,
    bp: t.bp,
    requiredCents: fig.requiredCents,
    committedCents: fig.committedCents,
    reservedCents: reserved,
    plannedCents: sumCents(years.map((y) => y.cofinancingPlannedCents)),
    realisedCents: sumCents(years.map((y) => y.cofinancingRealisedCents)),
    shortfallCents: fig.shortfallCents,
    bySource,
  }
}
