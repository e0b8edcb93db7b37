// Listing grants: filters (organisations, status, scheme, ministry, year, text), sorting and paging in SQL, with the
// figures of one budget year joined in so a portfolio page needs one query. Statements are prepared once per
// database and rows are read as arrays: building and preparing per request cost most of a list request
// (docs/architecture.md, "Fast reads").
import type { Statement } from 'better-sqlite3'
import type { Db } from '../client.js'
import type { GrantStatus } from '../schema.js'
import { perDatabase } from '../per-database.js'

export interface GrantFilter {
  /** Organisation ids the caller may see ('all' for an operator). */
  organisationIds: number[] | 'all'
  orgCode?: string
  status?: GrantStatus[]
  schemeCode?: string
  /** The scheme's ministry (as in the catalogue, e.g. 'OCW'); case-insensitive, like the catalogue's own filter. */
  ministry?: string
  /** Grants active in this budget year: period overlapping it, or figures for it. */
  year?: number
  q?: string
  includeArchived?: boolean
}

export const SORT_KEYS = {
  id: 'g.id',
  title: 'g.title',
  status: 'g.status',
  reference: 'g.reference',
  requestedCents: 'g.requested_cents',
  awardedCents: 'g.awarded_cents',
  periodFrom: 'g.period_from',
  periodTo: 'g.period_to',
  spendUntil: 'g.spend_until',
  updatedAt: 'g.updated_at',
  scheme: 's.code',
  organisation: 'o.code',
} as const
export type SortKey = keyof typeof SORT_KEYS

export interface YearFiguresDto {
  year: number
  plannedBatenCents: number
  plannedLastenCents: number
  realisedBatenCents: number
  realisedLastenCents: number
  structuralLastenCents: number
  cofinancingPlannedCents: number
  cofinancingRealisedCents: number
}

/** A grant as the API shows it (organisation and scheme by code). */
export interface GrantDto {
  id: number
  organisation: string
  scheme: string
  status: string
  version: number
  title: string
  reference: string | null
  beschikkingsnummer: string | null
  requestedCents: number | null
  awardedCents: number | null
  bcfCents: number
  periodFrom: string | null
  periodTo: string | null
  spendUntil: string | null
  probabilityPct: number | null
  taakveld: string | null
  kostenplaats: string | null
  begrotingspost: string | null
  programma: string | null
  paymentRoute: string | null
  nature: 'incidenteel' | 'structureel'
  natureReason: string | null
  owner: string | null
  department: string | null
  cofinancingBasis: 'total_cost' | 'rijksbijdrage' | 'fixed' | null
  cofinancingBp: number | null
  cofinancingFixedCents: number | null
  appliedOn: string | null
  awardedOn: string | null
  finalAccountYear: number | null
  onVerantwoordingslijst: boolean
  notes: string | null
  establishedOn: string | null
  closedOn: string | null
  archived: boolean
  createdAt: string
  updatedAt: string
}

export interface GrantListItem extends GrantDto {
  /** Figures of the listed year (the year filter, else the current year); null when none are recorded. */
  yearFigures: YearFiguresDto | null
}

/** The grant columns a DTO needs, in the order grantFromRow reads them. */
export const GRANT_COLUMNS = `g.id, o.code AS organisation, s.code AS scheme, g.status, g.version, g.title, g.reference,
  g.beschikkingsnummer,
  g.requested_cents, g.awarded_cents, g.bcf_cents, g.period_from, g.period_to, g.spend_until, g.probability_pct, g.taakveld,
  g.kostenplaats, g.begrotingspost, g.programma, g.payment_route, g.nature, g.nature_reason, g.owner, g.department,
  g.cofinancing_basis, g.cofinancing_bp, g.cofinancing_fixed_cents, g.applied_on, g.awarded_on, g.final_account_year,
  g.on_verantwoordingslijst, g.notes, g.established_on, g.closed_on, g.archived_at, g.created_at, g.updated_at`
const YEAR_COLUMNS = `y.year, y.planned_baten_cents, y.planned_lasten_cents, y.realised_baten_cents, y.realised_lasten_cents,
  y.structural_lasten_cents, y.cofinancing_planned_cents, y.cofinancing_realised_cents`
export const GRANT_FROM = 'grants g JOIN organisations o ON o.id = g.organisation_id JOIN schemes s ON s.id = g.scheme_id'

/** A raw row (GRANT_COLUMNS order) as a DTO: plain property writes, no rest/spread (43 µs a row measured). */
export function grantFromRow(r: unknown[]): GrantDto {
  return {
    id: r[0] as number,
    organisation: r[1] as string,
    scheme: r[2] as string,
    status: r[3] as string,
    version: r[4] as number,
    title: r[5] as string,
    reference: r[6] as string | null,
    beschikkingsnummer: r[7] as string | null,
    requestedCents: r[8] as number | null,
    awardedCents: r[9] as number | null,
    bcfCents: r[10] as number,
    periodFrom: r[11] as string | null,
    periodTo: r[12] as string | null,
    spendUntil: r[13] as string | null,
    probabilityPct: r[14] as number | null,
    taakveld: r[15] as string | null,
    kostenplaats: r[16] as string | null,
    begrotingspost: r[17] as string | null,
    programma: r[18] as string | null,
    paymentRoute: r[19] as string | null,
    nature: r[20] as 'incidenteel' | 'structureel',
    natureReason: r[21] as string | null,
    owner: r[22] as string | null,
    department: r[23] as string | null,
    cofinancingBasis: r[24] as GrantDto['cofinancingBasis'],
    cofinancingBp: r[25] as number | null,
    cofinancingFixedCents: r[26] as number | null,
    appliedOn: r[27] as string | null,
    awardedOn: r[28] as string | null,
    finalAccountYear: r[29] as number | null,
    onVerantwoordingslijst: r[30] === 1,
    notes: r[31] as string | null,
    establishedOn: r[32] as string | null,
    closedOn: r[33] as string | null,
    archived: r[34] !== null,
    createdAt: r[35] as string,
    updatedAt: r[36] as string,
  }
}

const N = 37
function itemFromRow(r: unknown[]): GrantListItem {
  const item = grantFromRow(r) as GrantListItem
  item.yearFigures =
    r[N] === null
      ? null
      : {
          year: r[N] as number,
          plannedBatenCents: r[N + 1] as number,
          plannedLastenCents: r[N + 2] as number,
          realisedBatenCents: r[N + 3] as number,
          realisedLastenCents: r[N + 4] as number,
          structuralLastenCents: r[N + 5] as number,
          cofinancingPlannedCents: r[N + 6] as number,
          cofinancingRealisedCents: r[N + 7] as number,
        }
  return item
}

// Every filter is a parameter that is either null (no filter) or its value, so one statement serves all
// combinations; lists of ids and statuses travel as JSON arrays.
const WHERE = `WHERE (@orgs IS NULL OR g.organisation_id IN (SELECT value FROM json_each(@orgs)))
  AND (@orgCode IS NULL OR o.code = @orgCode)
  AND (@statuses IS NULL OR g.status IN (SELECT value FROM json_each(@statuses)))
  AND (@scheme IS NULL OR s.code = @scheme)
  AND (@ministry IS NULL OR lower(s.ministry) = lower(@ministry))
  AND (@archived = 1 OR g.archived_at IS NULL)
  AND (@q IS NULL OR g.title LIKE @q OR g.reference LIKE @q OR g.beschikkingsnummer LIKE @q)
  AND (@year IS NULL
    OR ((g.period_from IS NULL OR g.period_from <= @yearEnd) AND (g.period_to IS NULL OR g.period_to >= @yearStart)
      AND (g.period_from IS NOT NULL OR g.period_to IS NOT NULL))
    OR EXISTS (SELECT 1 FROM grant_years gy WHERE gy.grant_id = g.id AND gy.year = @year))`

/** The page query for one sort order; exported so the bench's bare anchor serves the very same query. */
export function listSql(sort: string | undefined): string {
  const descending = sort?.startsWith('-') ?? false
  const col = SORT_KEYS[(sort?.replace(/^-/, '') || 'id') as SortKey] ?? 'g.id'
  return `SELECT ${GRANT_COLUMNS}, ${YEAR_COLUMNS} FROM ${GRANT_FROM}
    LEFT JOIN grant_years y ON y.grant_id = g.id AND y.year = @figuresYear
    ${WHERE} ORDER BY ${col} ${descending ? 'DESC' : 'ASC'}, g.id LIMIT @limit OFFSET @offset`
}

interface Statements {
  count: Statement
  pages: Map<string, Statement>
}
const statements = perDatabase((db): Statements => ({
  count: db.$client.prepare(`SELECT count(*) FROM ${GRANT_FROM} ${WHERE}`).pluck(),
  pages: new Map(),
}))

function pageStatement(db: Db, sort: string | undefined): Statement {
  const s = statements(db)
  const key = sort ?? 'id'
  let stmt = s.pages.get(key)
  if (!stmt) s.pages.set(key, (stmt = db.$client.prepare(listSql(sort)).raw()))
  return stmt
}

/** The named parameters of a filter, as the list and count statements bind them. */
export function filterParams(f: GrantFilter): Record<string, unknown> {
  const q = f.q?.trim()
  return {
    orgs: f.organisationIds === 'all' ? null : JSON.stringify(f.organisationIds),
    orgCode: f.orgCode ? f.orgCode.toUpperCase() : null,
    statuses: f.status?.length ? JSON.stringify(f.status) : null,
    scheme: f.schemeCode || null,
    ministry: f.ministry?.trim() || null,
    archived: f.includeArchived ? 1 : 0,
    q: q ? `%${q}%` : null,
    year: f.year ?? null,
    yearStart: f.year ? `${f.year}-01-01` : null,
    yearEnd: f.year ? `${f.year}-12-31` : null,
  }
}

/** One page of grants with the figures of `figuresYear`; sort is a key, '-key' for descending. */
export function listGrants(
  db: Db,
  f: GrantFilter,
  page: { limit: number; offset: number; sort?: string; figuresYear: number },
): { items: GrantListItem[]; total: number } {
  const params = filterParams(f)
  const rows = pageStatement(db, page.sort).all({
    ...params,
    figuresYear: page.figuresYear,
    limit: page.limit,
    offset: page.offset,
  }) as unknown[][]
  const items: GrantListItem[] = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) items[i] = itemFromRow(rows[i])
  const total =
    rows.length < page.limit && (rows.length > 0 || page.offset === 0)
      ? page.offset + rows.length
      : (statements(db).count.get(params) as number)
  return { items, total }
}

const ministriesStatement = perDatabase((db) =>
  db.$client
    .prepare(
      // Per scheme (a few hundred) one indexed probe that stops at the first grant, instead of reading every
      // grant of the organisation: the Portefeuille page asks this on every render (bench web, 5,000 grants).
      `SELECT DISTINCT s.ministry FROM schemes s
       WHERE EXISTS (SELECT 1 FROM grants g WHERE g.scheme_id = s.id AND g.archived_at IS NULL
         AND g.organisation_id IN (SELECT value FROM json_each(?)))
       ORDER BY s.ministry`,
    )
    .pluck(),
)

/** The ministries of the schemes of these organisations' (unarchived) grants, sorted: the choices of a ministry filter. */
export function grantMinistries(db: Db, organisationIds: number[]): string[] {
  return ministriesStatement(db).all(JSON.stringify(organisationIds)) as string[]
}

/** Titles of these grants of one organisation, by id (to name grants in a list of changes); other ids are left out. */
export function grantTitles(db: Db, organisationId: number, ids: number[]): Map<number, string> {
  const rows = db.$client
    .prepare('SELECT id, title FROM grants WHERE organisation_id = ? AND id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(organisationId, JSON.stringify(ids)) as [number, string][]
  return new Map(rows)
}
