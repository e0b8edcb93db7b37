// What other report areas contribute to the planning workbooks: a grant's next deadline (deadlines report) and
// its open SiSa findings (SiSa report, plus the tabel fouten en onzekerheden). Empty while an area is not there.
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { sisaFindings } from '../db/schema.js'
import { deadlinesReport } from './deadlines-report.js'
import { sisaReport } from './sisa-report.js'
import type { ReportDef, ReportParams } from './types.js'

export interface NextDeadline { date: string; title: string; state: string }

type Rec = Record<string, unknown>

/** The records of a report's data that carry a grantId, wherever the report keeps its list. */
function grantRecords(data: unknown, keys: string[]): Rec[] {
  const lists: unknown[] = Array.isArray(data) ? [data] : keys.map((k) => (data && typeof data === 'object' ? (data as Rec)[k] : undefined))
  return lists.flatMap((l) => (Array.isArray(l) ? l : [])).filter((r): r is Rec => !!r && typeof r === 'object' && typeof (r as Rec).grantId === 'number')
}

/** The deadlines report's data, or undefined while that report is not offered. */
export function deadlinesData(db: Db, params: ReportParams, report: ReportDef<any> | undefined = deadlinesReport): unknown {
  return report?.compute(db, params)
}

/** The SiSa report's data, or undefined while that report is not offered. */
export function sisaData(db: Db, params: ReportParams, report: ReportDef<any> | undefined = sisaReport): unknown {
  return report?.compute(db, params)
}

/** Deadlines of the deadlines report that are overdue (state 'overdue'), or null without that report. */
export function overdueCount(data: unknown): number | null {
  if (data === undefined) return null
  return grantRecords(data, ['deadlines', 'items']).filter((r) => r.state === 'overdue').length
}

/** Earliest deadline per grant that is not done (an overdue one comes first: it is the most urgent). */
export function nextDeadlines(data: unknown): Map<number, NextDeadline> {
  const out = new Map<number, NextDeadline>()
  if (data === undefined) return out
  for (const r of grantRecords(data, ['deadlines', 'items'])) {
    if (typeof r.date !== 'string' || r.state === 'done') continue
    const cur = out.get(r.grantId as number)
    if (!cur || r.date < cur.date) out.set(r.grantId as number, { date: r.date, title: String(r.title ?? r.kind ?? ''), state: String(r.state ?? '') })
  }
  return out
}

/**
 * Open findings per grant for SiSa year T: the SiSa report's validation findings (when that report exists)
 * plus the lines of the tabel fouten en onzekerheden with an amount, matched on the grant's SiSa code.
 */
export function openFindings(db: Db, params: ReportParams, grants: { id: number; sisaCode: string | null }[], sisa: unknown): Map<number, number> {
  const out = new Map<number, number>()
  const bump = (id: number, n = 1) => out.set(id, (out.get(id) ?? 0) + n)
  if (sisa !== undefined) {
    const ids = new Set(grants.map((g) => g.id))
    for (const r of grantRecords(sisa, ['findings', 'validation'])) {
      if (r.resolved === true || r.state === 'done' || r.severity === 'info') continue
      if (ids.has(r.grantId as number)) bump(r.grantId as number)
    }
  }
  const fo = db.select({ sisaCode: sisaFindings.sisaCode, n: sql<number>`count(*)` }).from(sisaFindings)
    .where(and(eq(sisaFindings.organisationId, params.organisationId), eq(sisaFindings.sisaYear, params.year), sql`${sisaFindings.foutCents} + ${sisaFindings.onzekerheidCents} > 0`))
    .groupBy(sisaFindings.sisaCode).all()
  if (fo.length) {
    const byCode = new Map(fo.map((f) => [f.sisaCode.toUpperCase(), f.n]))
    for (const g of grants) if (g.sisaCode && byCode.has(g.sisaCode.toUpperCase())) bump(g.id, byCode.get(g.sisaCode.toUpperCase()))
  }
  return out
}
