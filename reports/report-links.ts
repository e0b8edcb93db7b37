// What other reports contribute to the planning workbooks, typed against their data: a grant's next deadline
// (DeadlinesData), its open SiSa findings (SisaData), and the cover's counts, counted as their own sheets count them.
import type { Db } from '../db/client.js'
import { computeDeadlines, type DeadlinesData } from './deadlines-report.js'
import type { PortfolioLoad } from './portfolio-load.js'
import { computeSisa } from './sisa.js'
import type { Finding, SisaData } from './sisa-types.js'
import type { ReportParams } from './types.js'

export interface NextDeadline {
  date: string
  title: string
  state: 'open' | 'overdue'
}

export function deadlinesData(db: Db, params: ReportParams, load?: PortfolioLoad): DeadlinesData {
  return computeDeadlines(db, params, load)
}

export function sisaData(db: Db, params: ReportParams, load?: PortfolioLoad): SisaData {
  return computeSisa(db, params.organisationId, params.year, load)
}

/** Rows of the Deadlines sheet in state 'verlopen'. */
export function overdueCount(d: DeadlinesData): number {
  let n = 0
  for (const x of d.deadlines) if (x.state === 'overdue') n++
  return n
}

/** Earliest deadline per grant that is not done (an overdue one comes first: it is the most urgent). */
export function nextDeadlines(d: DeadlinesData): Map<number, NextDeadline> {
  const out = new Map<number, NextDeadline>()
  for (const x of d.deadlines) {
    if (x.grantId === null || x.state === 'done') continue
    const cur = out.get(x.grantId)
    if (!cur || x.date < cur.date) out.set(x.grantId, { date: x.date, title: x.title, state: x.state })
  }
  return out
}

/** A finding is open unless it is only information: the Bevindingen sheet's Fout and Waarschuwing rows. */
export const isOpenFinding = (f: Finding): boolean => f.severity !== 'info'

/** Rows of the Bevindingen sheet that are open (errors included). */
export function openFindingCount(s: SisaData): number {
  let n = 0
  for (const f of s.findings) if (isOpenFinding(f)) n++
  return n
}

/**
 * Open findings per grant for SiSa year T: the open findings on the Bevindingen sheet that name the grant, plus
 * the lines of the tabel fouten en onzekerheden with an amount, matched on the grant's SiSa code.
 */
export function openFindingsPerGrant(s: SisaData, grants: { id: number; sisaCode: string | null }[]): Map<number, number> {
  const out = new Map<number, number>()
  const bump = (id: number, n = 1) => out.set(id, (out.get(id) ?? 0) + n)
  const ids = new Set(grants.map((g) => g.id))
  for (const f of s.findings) if (isOpenFinding(f) && f.grantId !== null && ids.has(f.grantId)) bump(f.grantId)
  const byCode = new Map<string, number>()
  for (const fo of s.foutenOnzekerheden) {
    if (fo.foutCents + fo.onzekerheidCents <= 0) continue
    const code = fo.sisaCode.toUpperCase()
    byCode.set(code, (byCode.get(code) ?? 0) + 1)
  }
  for (const g of grants) {
    const n = g.sisaCode ? byCode.get(g.sisaCode.toUpperCase()) : undefined
    if (n) bump(g.id, n)
  }
  return out
}
