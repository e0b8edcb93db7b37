// One organisation's tables read once (grants, their schemes, years, payments, commitments) and grouped by grant,
// so that the controller workbook hands the same rows to every report instead of each report reading them again.
import type { Db } from '../db/client.js'
import { perDatabase } from '../db/per-database.js'
import { rawSelect } from '../db/raw-rows.js'
import { cofinancingCommitments, grants, payments, schemes } from '../db/schema.js'

export type GrantRow = typeof grants.$inferSelect
export type SchemeRow = typeof schemes.$inferSelect
export interface YearRow {
  grantId: number
  year: number
  plannedBatenCents: number
  plannedLastenCents: number
  realisedBatenCents: number
  realisedLastenCents: number
  structuralLastenCents: number
  cofinancingPlannedCents: number
  cofinancingRealisedCents: number
}
export type PaymentRow = Pick<typeof payments.$inferSelect, 'grantId' | 'kind' | 'paidOn' | 'amountCents'>
export type CommitmentRow = Pick<
  typeof cofinancingCommitments.$inferSelect,
  'grantId' | 'source' | 'year' | 'amountCents' | 'reservedInBegroting' | 'description'
>

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

function group<T extends { grantId: number }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>()
  for (const r of rows) {
    const l = m.get(r.grantId)
    if (l) l.push(r)
    else m.set(r.grantId, [r])
  }
  return m
}

const GRANTS = rawSelect(grants, 'g')

// Raw statements, prepared once per database: the grants and their years are the bulk of the rows (5 years per grant),
// and drizzle's row mapping doubled the load time.
const statements = perDatabase((db: Db) => ({
  grants: db.$client.prepare(`${GRANTS.sql} WHERE g.organisation_id = ? ORDER BY g.id`),
  years: db.$client.prepare(
    `SELECT gy.grant_id AS grantId, gy.year, gy.planned_baten_cents AS plannedBatenCents,
    gy.planned_lasten_cents AS plannedLastenCents, gy.realised_baten_cents AS realisedBatenCents, gy.realised_lasten_cents AS realisedLastenCents,
    gy.structural_lasten_cents AS structuralLastenCents, gy.cofinancing_planned_cents AS cofinancingPlannedCents,
    gy.cofinancing_realised_cents AS cofinancingRealisedCents
    FROM grant_years gy JOIN grants g ON g.id = gy.grant_id WHERE g.organisation_id = ? ORDER BY gy.grant_id, gy.year`,
  ),
  payments: db.$client.prepare(
    `SELECT p.grant_id AS grantId, p.kind, p.paid_on AS paidOn, p.amount_cents AS amountCents
    FROM payments p JOIN grants g ON g.id = p.grant_id WHERE g.organisation_id = ? ORDER BY p.paid_on, p.id`,
  ),
  commitments: db.$client.prepare(
    `SELECT c.grant_id AS grantId, c.source, c.year, c.amount_cents AS amountCents,
    c.reserved_in_begroting AS reservedInBegroting, c.description
    FROM cofinancing_commitments c JOIN grants g ON g.id = c.grant_id WHERE g.organisation_id = ? ORDER BY c.id`,
  ),
}))

export function loadPortfolio(db: Db, organisationId: number): PortfolioLoad {
  const st = statements(db)
  const gs = (st.grants.all(organisationId) as Record<string, unknown>[]).map(GRANTS.row)
  const used = new Set(gs.map((g) => g.schemeId))
  const ss = new Map(
    db
      .select()
      .from(schemes)
      .all()
      .filter((s) => used.has(s.id))
      .map((s) => [s.id, s]),
  )
  const years = st.years.all(organisationId) as YearRow[]
  const pays = st.payments.all(organisationId) as PaymentRow[]
  const coms = st.commitments.all(organisationId) as (Omit<CommitmentRow, 'reservedInBegroting'> & { reservedInBegroting: number })[]
  for (const c of coms) (c as unknown as CommitmentRow).reservedInBegroting = c.reservedInBegroting === 1
  return {
    organisationId,
    grants: gs,
    schemes: ss,
    years: group(years),
    payments: group(pays),
    commitments: group(coms as unknown as CommitmentRow[]),
  }
}
