// One organisation's tables read once (grants, their schemes, years, payments, commitments) and grouped by grant,
// so that the controller workbook hands the same rows to every report instead of each report reading them again.
import type { Db } from '../db/client.js'
import { perDatabase } from '../db/per-database.js'
import { rawSelect } from '../db/raw-rows.js'
import { YEAR_FIELDS } from '../db/repositories/grant-years.js'
import { cofinancingCommitments, grants, grantYears, payments, schemes } from '../db/schema.js'

export type GrantRow = typeof grants.$inferSelect
export type SchemeRow = typeof schemes.$inferSelect

// The columns the reports use, read with plain statements (db/raw-rows.ts): the grants and their years are the bulk
// of the rows (5 years per grant), and drizzle's row mapping doubled the load time.
const GRANTS = rawSelect(grants, 'g')
const YEARS = rawSelect(grantYears, 'gy', ['grantId', 'year', ...YEAR_FIELDS])
const PAYMENTS = rawSelect(payments, 'p', ['grantId', 'kind', 'paidOn', 'amountCents'])
const COMMITMENTS = rawSelect(cofinancingCommitments, 'c', [
  'grantId',
  'source',
  'year',
  'amountCents',
  'reservedInBegroting',
  'description',
])

export type YearRow = ReturnType<typeof YEARS.all>[number]
export type PaymentRow = ReturnType<typeof PAYMENTS.all>[number]
export type CommitmentRow = ReturnType<typeof COMMITMENTS.all>[number]

export interface PortfolioLoad {
  organisationId: number
  /** Every grant of the organisation, archived ones included, by id. */
  grants: GrantRow[]
  schemes: Map<number, SchemeRow>
  /** Per grant, ordered by year. */
  years: Map<number, YearRow[]>
  /** Per grant, ordered by date. */
  payments: Map<number, PaymentRow[]>
  commitments: Map<number, CommitmentRow[]>
}

/** Rows grouped by their grant, in the order given. */
export function groupByGrant<T extends { grantId: number }>(rows: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>()
  for (let at = 0; at < rows.length; at++) {
    const r = rows[at]
    const l = m.get(r.grantId)
    if (l) l.push(r)
    else m.set(r.grantId, [r])
  }
  return m
}

/** The organisation's grant ids, as a subquery: SQLite walks grant_years in key order with it, no sort of all rows. */
const OF_ORG = 'IN (SELECT id FROM grants WHERE organisation_id = ?)'

/** Statements prepared once per database. */
const statements = perDatabase((db: Db) => ({
  grants: db.$client.prepare(`${GRANTS.sql} WHERE g.organisation_id = ? ORDER BY g.id`),
  years: db.$client.prepare(`${YEARS.sql} WHERE gy.grant_id ${OF_ORG} ORDER BY gy.grant_id, gy.year`),
  payments: db.$client.prepare(`${PAYMENTS.sql} WHERE p.grant_id ${OF_ORG} ORDER BY p.paid_on, p.id`),
  commitments: db.$client.prepare(`${COMMITMENTS.sql} WHERE c.grant_id ${OF_ORG} ORDER BY c.id`),
}))

export function loadPortfolio(db: Db, organisationId: number): PortfolioLoad {
  const st = statements(db)
  const gs = GRANTS.all(st.grants, organisationId)
  const used = new Set(gs.map((g) => g.schemeId))
  const ss = new Map(
    db
      .select()
      .from(schemes)
      .all()
      .filter((s) => used.has(s.id))
      .map((s) => [s.id, s]),
  )
  return {
    organisationId,
    grants: gs,
    schemes: ss,
    years: groupByGrant(YEARS.all(st.years, organisationId)),
    payments: groupByGrant(PAYMENTS.all(st.payments, organisationId)),
    commitments: groupByGrant(COMMITMENTS.all(st.commitments, organisationId)),
  }
}
