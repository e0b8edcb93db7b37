// Reading the scheme catalogue page by page: one statement prepared per database for the page, one for the
// count and one for the windows of the page, rows read as arrays and shaped without rest/spread
// (docs/architecture.md, "Fast reads").
import type { Statement } from 'better-sqlite3'
import type { Db } from '../client.js'
import { perDatabase } from '../per-database.js'

export interface SchemeFilter {
  q?: string
  ministry?: string
  instrument?: string
  nature?: string
  /** Schemes active in this year (start <= year <= end, open ends count as active). */
  year?: number
  sisaCode?: string
}

export interface WindowDto {
  tranche: string
  opensOn: string | null
  closesOn: string | null
  closesAtTime: string | null
  allocation: string | null
  budgetCents: number | null
}

/** A scheme as the API lists it; percentages come from basis points. */
export interface SchemeListItem {
  code: string
  sisaCode: string | null
  name: string
  ministry: string
  instrument: string
  nature: string
  planned: boolean
  legalBasis: string | null
  executor: string | null
  recipients: string | null
  begrotingsartikel: string | null
  startYear: number | null
  endYear: number | null
  spendUntil: string | null
  cofinancingPct: number | null
  cofinancingBasis: string | null
  rijksSharePct: number | null
  carryOverPct: number | null
  sisaRequired: boolean
  defaultTaakveld: string | null
  url: string | null
  notes: string | null
  provenance: string
  windows: WindowDto[]
}

const COLUMNS = `s.id, s.code, s.sisa_code, s.name, s.ministry, s.instrument, s.nature, s.planned, s.legal_basis, s.executor,
  s.recipients, s.begrotingsartikel, s.start_year, s.end_year, s.spend_until, s.cofinancing_bp, s.cofinancing_basis,
  s.rijks_share_bp, s.carry_over_bp, s.sisa_required, s.default_taakveld, s.url, s.notes, s.provenance`

const WHERE = `WHERE (@q IS NULL OR s.name LIKE @q OR s.code LIKE @q OR s.sisa_code LIKE @q OR s.legal_basis LIKE @q)
  AND (@ministry IS NULL OR lower(s.ministry) = lower(@ministry))
  AND (@instrument IS NULL OR s.instrument = @instrument)
  AND (@nature IS NULL OR s.nature = @nature)
  AND (@sisaCode IS NULL OR s.sisa_code = @sisaCode)
  AND (@year IS NULL OR ((s.start_year IS NULL OR s.start_year <= @year) AND (s.end_year IS NULL OR s.end_year >= @year)))`

/** The page query; exported so the bench's bare anchor serves the very same query. */
export const SCHEME_PAGE_SQL = `SELECT ${COLUMNS} FROM schemes s ${WHERE} ORDER BY s.code LIMIT @limit OFFSET @offset`
const WINDOWS_SQL = `SELECT scheme_id, tranche, opens_on, closes_on, closes_at_time, allocation, budget_cents FROM scheme_windows
  WHERE scheme_id IN (SELECT value FROM json_each(?)) ORDER BY opens_on, tranche`

interface Statements {
  page: Statement
  count: Statement
  windows: Statement
}
const statements = perDatabase((db): Statements => ({
  page: db.$client.prepare(SCHEME_PAGE_SQL).raw(),
  count: db.$client.prepare(`SELECT count(*) FROM schemes s ${WHERE}`).pluck(),
  windows: db.$client.prepare(WINDOWS_SQL).raw(),
}))

export function schemeFilterParams(f: SchemeFilter): Record<string, unknown> {
  const q = f.q?.trim()
  return {
    q: q ? `%${q}%` : null,
    ministry: f.ministry || null,
    instrument: f.instrument || null,
    nature: f.nature || null,
    sisaCode: f.sisaCode ? f.sisaCode.toUpperCase() : null,
    year: f.year ?? null,
  }
}

const pct = (bp: unknown) => (bp === null ? null : (bp as number) / 100)

export function listSchemes(db: Db, f: SchemeFilter, limit: number, offset: number): { items: SchemeListItem[]; total: number } {
  const st = statements(db)
  const params = schemeFilterParams(f)
  const rows = st.page.all({ ...params, limit, offset }) as unknown[][]
  const items: SchemeListItem[] = new Array(rows.length)
  const byId = new Map<number, WindowDto[]>()
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    const windows: WindowDto[] = []
    byId.set(r[0] as number, windows)
    items[i] = {
      code: r[1] as string,
      sisaCode: r[2] as string | null,
      name: r[3] as string,
      ministry: r[4] as string,
      instrument: r[5] as string,
      nature: r[6] as string,
      planned: r[7] === 1,
      legalBasis: r[8] as string | null,
      executor: r[9] as string | null,
      recipients: r[10] as string | null,
      begrotingsartikel: r[11] as string | null,
      startYear: r[12] as number | null,
      endYear: r[13] as number | null,
      spendUntil: r[14] as string | null,
      cofinancingPct: pct(r[15]),
      cofinancingBasis: r[16] as string | null,
      rijksSharePct: pct(r[17]),
      carryOverPct: pct(r[18]),
      sisaRequired: r[19] === 1,
      defaultTaakveld: r[20] as string | null,
      url: r[21] as string | null,
      notes: r[22] as string | null,
      provenance: r[23] as string,
      windows,
    }
  }
  if (rows.length) {
    for (const w of st.windows.all(JSON.stringify([...byId.keys()])) as unknown[][]) {
      byId.get(w[0] as number)!.push({
        tranche: w[1] as string,
        opensOn: w[2] as string | null,
        closesOn: w[3] as string | null,
        closesAtTime: w[4] as string | null,
        allocation: w[5] as string | null,
        budgetCents: w[6] as number | null,
      })
    }
  }
  const total = rows.length < limit && (rows.length > 0 || offset === 0) ? offset + rows.length : (st.count.get(params) as number)
  return { items, total }
}
