// Shared pieces of the grant repositories: error types, field validation, the BBV nature default, taakveld
// validity per year, version bumps and the spend-deadline history. Errors are DomainErrors (db/errors.ts).
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../client.js'
import { isIsoDate } from '../dates.js'
import { DomainError } from '../errors.js'
import { MAX_CENTS } from '../money.js'
import { grants, grantSpendDeadlines, schemes, taakvelden } from '../schema.js'

export type GrantRow = typeof grants.$inferSelect
export type SchemeRef = Pick<
  typeof schemes.$inferSelect,
  'id' | 'code' | 'nature' | 'endYear' | 'cofinancingBasis' | 'cofinancingBp' | 'cofinancingFixedCents'
>
export interface FieldError {
  field: string
  message: string
}

/** Bad input naming the fields (HTTP 400, CLI exit 1); nothing was written. */
export class GrantInputError extends DomainError {
  override name = 'GrantInputError'
  constructor(errors: FieldError[]) {
    super('invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors)
  }
}
/** The write conflicts with the state of the grant (lifecycle, delete with history, duplicate reference): a 409. */
export class GrantConflictError extends DomainError {
  override name = 'GrantConflictError'
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super('conflict', message, [], extra)
  }
}
/** The caller's version is not the current one (If-Match): a 412 carrying the current version. */
export class GrantStaleError extends DomainError {
  override name = 'GrantStaleError'
  constructor(public readonly currentVersion: number) {
    super(
      'stale',
      `de subsidie is intussen gewijzigd (huidige versie ${currentVersion}). Haal haar opnieuw op en probeer het nog eens.`,
      [],
      { currentVersion },
    )
  }
}
export class GrantNotFoundError extends DomainError {
  override name = 'GrantNotFoundError'
  constructor(id: number) {
    super('not-found', `Subsidie ${id} bestaat niet`)
  }
}

export const nowSql = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export function loadGrant(db: Db, id: number): GrantRow {
  const g = db.select().from(grants).where(eq(grants.id, id)).get()
  if (!g) throw new GrantNotFoundError(id)
  return g
}

export function checkVersion(g: Pick<GrantRow, 'version'>, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== g.version) throw new GrantStaleError(g.version)
}

/** Every change to a grant or its parts moves the version, so an ETag of GET /grants/:id goes stale. */
export function bumpVersion(db: Db, id: number, patch: Record<string, unknown> = {}): void {
  db.update(grants)
    .set({ ...patch, version: sql`${grants.version} + 1`, updatedAt: nowSql })
    .where(eq(grants.id, id))
    .run()
}

/**
 * BBV default (Commissie BBV notitie incidentele en structurele baten en lasten, 2018, clarification 4):
 * money whose end is fixed by a beschikking is incidenteel, even over more than three years. Only a scheme
 * on a structural legal basis (G2, OAB: catalogue nature 'structureel') gives structureel money; a yearly
 * recurring scheme (sport) still ends with each beschikking.
 */
export function defaultNature(scheme: Pick<SchemeRef, 'nature'>): { nature: 'incidenteel' | 'structureel'; basis: string } {
  if (scheme.nature === 'structureel') return { nature: 'structureel', basis: 'structurele wettelijke grondslag' }
  return { nature: 'incidenteel', basis: 'einde vastgelegd in de beschikking (BBV)' }
}

/** A deviation from the BBV default needs a reason; agreeing with it clears the reason. */
export function resolveNature(
  scheme: SchemeRef,
  nature: string | null | undefined,
  reason: string | null | undefined,
  errors: FieldError[],
): { nature: 'incidenteel' | 'structureel'; natureReason: string | null } {
  const d = defaultNature(scheme)
  const n = (nature ?? d.nature) as 'incidenteel' | 'structureel'
  if (n !== 'incidenteel' && n !== 'structureel') {
    errors.push({ field: 'nature', message: `'${n}' is geen aard (incidenteel of structureel)` })
    return { nature: d.nature, natureReason: null }
  }
  if (n === d.nature) return { nature: n, natureReason: null }
  if (!reason?.trim())
    errors.push({ field: 'natureReason', message: `afwijken van de BBV-standaard (${d.nature}: ${d.basis}) vraagt een reden` })
  return { nature: n, natureReason: reason?.trim() || null }
}

/** The budget years a grant spans: its period, else the years it has figures for, else this year. */
export function yearsOf(periodFrom: string | null, periodTo: string | null, fallback: number[]): number[] {
  if (periodFrom && periodTo) {
    const out: number[] = []
    for (let y = +periodFrom.slice(0, 4); y <= +periodTo.slice(0, 4); y++) out.push(y)
    return out
  }
  if (periodFrom) return [+periodFrom.slice(0, 4)]
  if (periodTo) return [+periodTo.slice(0, 4)]
  return fallback
}

/** Iv3 taakvelden are versioned (the 2023 split of 6.6–6.82): a code must be valid in every year it is used. */
export function checkTaakveld(db: Db, code: string, years: number[], errors: FieldError[], field = 'taakveld'): void {
  const known = db.select().from(taakvelden).where(eq(taakvelden.code, code)).all()
  if (known.length === 0) {
    errors.push({ field, message: `taakveld '${code}' bestaat niet` })
    return
  }
  for (const y of years) {
    const ok = db
      .select({ id: taakvelden.id })
      .from(taakvelden)
      .where(and(eq(taakvelden.code, code), lte(taakvelden.iv3From, y), or(isNull(taakvelden.iv3To), gte(taakvelden.iv3To, y))))
      .get()
    if (!ok) {
      const ranges = known.map((k) => `${k.iv3From}–${k.iv3To ?? 'heden'}`).join(', ')
      errors.push({ field, message: `taakveld '${code}' is niet geldig in ${y} (geldig ${ranges})` })
      return
    }
  }
}

export function checkCents(v: unknown, field: string, errors: FieldError[], opts: { allowNegative?: boolean } = {}): void {
  if (v === undefined || v === null) return
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) errors.push({ field, message: 'bedrag in hele centen verwacht' })
  else if (!opts.allowNegative && v < 0) errors.push({ field, message: 'negatief bedrag is hier niet toegestaan' })
  else if (Math.abs(v) > MAX_CENTS) errors.push({ field, message: 'bedrag is onrealistisch groot' })
}

export function checkDate(v: unknown, field: string, errors: FieldError[]): void {
  if (v === undefined || v === null) return
  if (!isIsoDate(v)) errors.push({ field, message: `'${String(v)}' is geen geldige datum (jjjj-mm-dd)` })
}

/** Record a spend-deadline change (energiearmoede 2023-05-01 -> 2025-12-31: docs/domain.md#spend-deadlines). */
export function recordSpendDeadline(
  db: Db,
  grantId: number,
  previous: string | null,
  next: string | null,
  changedOn: string,
  reason: string | null,
): void {
  if (!next || next === previous) return
  db.insert(grantSpendDeadlines).values({ grantId, spendUntil: next, previous, changedOn, reason }).run()
}
