// Money of a grant per budget year (planned and realised baten/lasten, structural part, co-financing) and its
// payments (voorschot, betaling, terugbetaling). Multi-year awards have one row per year, any number of years.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { grantYears, payments } from '../schema.js'
import { checkCofinancingSplit } from './cofinancing.js'
import {
  bumpVersion,
  checkCents,
  checkDate,
  checkTaakveld,
  checkVersion,
  GrantInputError,
  loadGrant,
  type FieldError,
} from './grant-core.js'

export type YearRow = typeof grantYears.$inferSelect

export interface YearFigures {
  plannedBatenCents?: number
  plannedLastenCents?: number
  realisedBatenCents?: number
  realisedLastenCents?: number
  structuralLastenCents?: number
  cofinancingPlannedCents?: number
  cofinancingRealisedCents?: number
}

export const YEAR_FIELDS = [
  'plannedBatenCents',
  'plannedLastenCents',
  'realisedBatenCents',
  'realisedLastenCents',
  'structuralLastenCents',
  'cofinancingPlannedCents',
  'cofinancingRealisedCents',
] as const
/** Realised figures are ledger sums: a year of corrections can be negative. Planned ones cannot. */
const SIGNED = new Set<string>(['realisedBatenCents', 'realisedLastenCents', 'cofinancingRealisedCents'])

export function listYears(db: Db, grantId: number): YearRow[] {
  return db.select().from(grantYears).where(eq(grantYears.grantId, grantId)).orderBy(asc(grantYears.year)).all()
}

/**
 * Set the figures of one year. Fields left out keep their value (0 for a new year): an actuals import sets
 * only the realised figures. Values are SET, never added, so re-importing the same ledger changes nothing.
 * The year must fall within the grant's period (up to its spend deadline) when the grant has one.
 */
export function putGrantYear(
  db: Db,
  who: Actor,
  grantId: number,
  year: number,
  figures: YearFigures,
  opts: { expectedVersion?: number; today?: string } = {},
): { row: YearRow; outcome: 'created' | 'updated' | 'unchanged' } {
  return db.$client.transaction(() => {
    const g = loadGrant(db, grantId)
    checkVersion(g, opts.expectedVersion)
    const errors: FieldError[] = []
    if (!Number.isInteger(year) || year < 1990 || year > 2100) errors.push({ field: 'year', message: `'${year}' is geen begrotingsjaar` })
    for (const f of YEAR_FIELDS) checkCents(figures[f], f, errors, { allowNegative: SIGNED.has(f) })
    if (errors.length) throw new GrantInputError(errors)
    const first = g.periodFrom ? +g.periodFrom.slice(0, 4) : null
    const last = [g.periodTo, g.spendUntil]
      .filter((d): d is string => !!d)
      .map((d) => +d.slice(0, 4))
      .reduce<number | null>((a, b) => (a === null || b > a ? b : a), null)
    if ((first !== null && year < first) || (last !== null && year > last)) {
      errors.push({ field: 'year', message: `${year} valt buiten de looptijd van de subsidie (${first ?? '…'}–${last ?? '…'})` })
    }
    if (g.taakveld) checkTaakveld(db, g.taakveld, [year], errors)
    const cur = db
      .select()
      .from(grantYears)
      .where(and(eq(grantYears.grantId, grantId), eq(grantYears.year, year)))
      .get()
    const next: Record<string, number> = {}
    for (const f of YEAR_FIELDS) next[f] = figures[f] ?? cur?.[f] ?? 0
    const lasten = Math.max(next.plannedLastenCents, next.realisedLastenCents)
    if (next.structuralLastenCents > lasten)
      errors.push({ field: 'structuralLastenCents', message: 'het structurele deel is groter dan de lasten van dit jaar' })
    // figures (#16): a co-financing part larger than the lasten does not add up (rule in cofinancing.ts).
    checkCofinancingSplit(year, next as Required<YearFigures>, figures, errors)
    if (errors.length) throw new GrantInputError(errors)
    if (cur && YEAR_FIELDS.every((f) => cur[f] === next[f])) return { row: cur, outcome: 'unchanged' as const }
    let row: YearRow
    if (cur)
      row = db
        .update(grantYears)
        .set({ ...next, updatedAt: new Date().toISOString() })
        .where(and(eq(grantYears.grantId, grantId), eq(grantYears.year, year)))
        .returning()
        .get()
    else
      row = db
        .insert(grantYears)
        .values({ grantId, year, ...next })
        .returning()
        .get()
    bumpVersion(db, grantId)
    const before = cur ? Object.fromEntries(YEAR_FIELDS.map((f) => [f, cur[f]])) : null
    writeAudit(db, who, {
      entity: 'grant',
      entityId: grantId,
      action: 'year',
      before: before && { year, ...before },
      after: { year, ...next },
    })
    return { row, outcome: cur ? ('updated' as const) : ('created' as const) }
  })()
}

export type PaymentRow = typeof payments.$inferSelect

/** Record a voorschot, betaling or terugbetaling (always a positive amount; the kind gives the direction). */
export function addPayment(
  db: Db,
  who: Actor,
  grantId: number,
  input: { kind: PaymentRow['kind']; paidOn: string; amountCents: number; reference?: string | null; note?: string | null },
): PaymentRow {
  return db.$client.transaction(() => {
    loadGrant(db, grantId)
    const errors: FieldError[] = []
    if (!['voorschot', 'betaling', 'terugbetaling'].includes(input.kind))
      errors.push({ field: 'kind', message: `'${input.kind}' is geen soort betaling (voorschot, betaling, terugbetaling)` })
    checkDate(input.paidOn, 'paidOn', errors)
    if (!input.paidOn) errors.push({ field: 'paidOn', message: 'datum is verplicht' })
    checkCents(input.amountCents, 'amountCents', errors)
    if (input.amountCents === 0) errors.push({ field: 'amountCents', message: 'een betaling van nul bestaat niet' })
    if (errors.length) throw new GrantInputError(errors)
    const row = db
      .insert(payments)
      .values({
        grantId,
        kind: input.kind,
        paidOn: input.paidOn,
        amountCents: input.amountCents,
        reference: input.reference ?? null,
        note: input.note ?? null,
      })
      .returning()
      .get()
    bumpVersion(db, grantId)
    writeAudit(db, who, { entity: 'grant', entityId: grantId, action: 'payment', after: row })
    return row
  })()
}
