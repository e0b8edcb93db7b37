// Listing grants: filters (organisations, status, scheme, year, text), sorting and paging, with the figures of
// one budget year joined in so a portfolio page needs one query.
import { and, asc, count, desc, eq, gte, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../client.js'
import { grants, grantYears, organisations, schemes, type GrantStatus } from '../schema.js'
import type { GrantRow } from './grant-core.js'

export interface GrantFilter {
  /** Organisation ids the caller may see ('all' for an operator). */
  organisationIds: number[] | 'all'
  orgCode?: string
  status?: GrantStatus[]
  schemeCode?: string
  /** Grants active in this budget year: period overlapping it, or figures for it. */
  year?: number
  q?: string
  includeArchived?: boolean
}

export const SORT_KEYS = {
  id: grants.id, title: grants.title, status: grants.status, reference: grants.reference, requestedCents: grants.requestedCents,
  awardedCents: grants.awardedCents, periodFrom: grants.periodFrom, periodTo: grants.periodTo, spendUntil: grants.spendUntil,
  updatedAt: grants.updatedAt, scheme: schemes.code, organisation: organisations.code,
} as const
export type SortKey = keyof typeof SORT_KEYS

export interface GrantListItem extends GrantRow {
  organisationCode: string
  schemeCode: string
  /** Figures of the listed year (the year filter, else the current year); null when none are recorded. */
  yearFigures: (typeof grantYears.$inferSelect) | null
}

function whereOf(f: GrantFilter): SQL | undefined {
  const q = f.q?.trim()
  const y = f.year
  return and(
    f.organisationIds === 'all' ? undefined : f.organisationIds.length ? inArray(grants.organisationId, f.organisationIds) : sql`0`,
    f.orgCode ? eq(organisations.code, f.orgCode.toUpperCase()) : undefined,
    f.status?.length ? inArray(grants.status, f.status) : undefined,
    f.schemeCode ? eq(schemes.code, f.schemeCode) : undefined,
    f.includeArchived ? undefined : isNull(grants.archivedAt),
    q ? or(like(grants.title, `%${q}%`), like(grants.reference, `%${q}%`), like(grants.beschikkingsnummer, `%${q}%`)) : undefined,
    y ? or(
      and(or(isNull(grants.periodFrom), lte(grants.periodFrom, `${y}-12-31`)), or(isNull(grants.periodTo), gte(grants.periodTo, `${y}-01-01`)), or(sql`${grants.periodFrom} IS NOT NULL`, sql`${grants.periodTo} IS NOT NULL`)),
      sql`EXISTS (SELECT 1 FROM grant_years gy WHERE gy.grant_id = ${grants.id} AND gy.year = ${y})`,
    ) : undefined,
  )
}

/** One page of grants with the figures of `figuresYear`; sort is a key, '-key' for descending. */
export function listGrants(db: Db, f: GrantFilter, page: { limit: number; offset: number; sort?: string; figuresYear: number }): { items: GrantListItem[]; total: number } {
  const where = whereOf(f)
  const desc_ = page.sort?.startsWith('-') ?? false
  const key = (page.sort?.replace(/^-/, '') || 'id') as SortKey
  const col = SORT_KEYS[key] ?? grants.id
  const rows = db.select({ g: grants, organisationCode: organisations.code, schemeCode: schemes.code, y: grantYears }).from(grants)
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .innerJoin(schemes, eq(schemes.id, grants.schemeId))
    .leftJoin(grantYears, and(eq(grantYears.grantId, grants.id), eq(grantYears.year, page.figuresYear)))
    .where(where).orderBy(desc_ ? desc(col) : asc(col), asc(grants.id)).limit(page.limit).offset(page.offset).all()
  const total = db.select({ n: count() }).from(grants)
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .innerJoin(schemes, eq(schemes.id, grants.schemeId)).where(where).get()!.n
  return { items: rows.map((r) => ({ ...r.g, organisationCode: r.organisationCode, schemeCode: r.schemeCode, yearFigures: r.y })), total }
}
