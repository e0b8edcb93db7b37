// The controller workbook for 5,000 grants × 5 years through Woud (load, compute, render) against exceljs's
// streaming writer writing the same cells with no Woud in between, in one run: time and peak memory.
import { Writable } from 'node:stream'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import ExcelJS from 'exceljs'
import { openDatabase, type Db } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { isoToUtcDate, isIsoDate } from '../../db/dates.js'
import { centsToEuroNumber } from '../../db/money.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { REPORTS } from '../../reports/index.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { FORMATS, writeWorkbook } from '../../reports/render/workbook.js'
import type { SheetSpec } from '../../reports/types.js'

const GRANTS = 5000
const YEARS = [2024, 2025, 2026, 2027, 2028]

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Counts bytes and throws them away, so the disk is not what is measured. */
class Sink extends Writable {
  bytes = 0
  override _write(chunk: Buffer, _e: string, done: () => void) { this.bytes += chunk.length; done() }
}

/** Bulk seed with one prepared statement per table in one transaction (style.md): the bench measures reports, not inserts. */
export function seed(db: Db): void {
  createOrganisation(db, SYSTEM, { code: 'GM0363', name: 'Amsterdam' })
  const schemeIds = (db.$client.prepare("SELECT id FROM schemes WHERE instrument = 'spuk' ORDER BY code").all() as { id: number }[]).map((r) => r.id)
  const g = db.$client.prepare(`INSERT INTO grants (organisation_id, scheme_id, reference, title, status, beschikkingsnummer, requested_cents, awarded_cents, bcf_cents,
    period_from, period_to, spend_until, probability_pct, taakveld, programma, nature, cofinancing_basis, cofinancing_bp) VALUES (1, ?, ?, ?, ?, ?, ?, ?, 0, '2024-01-01', '2028-12-31', '2028-12-31', ?, ?, ?, ?, ?, ?)`)
  const y = db.$client.prepare(`INSERT INTO grant_years (grant_id, year, planned_baten_cents, planned_lasten_cents, realised_baten_cents, realised_lasten_cents, structural_lasten_cents,
    cofinancing_planned_cents, cofinancing_realised_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const c = db.$client.prepare('INSERT INTO cofinancing_commitments (grant_id, source, year, amount_cents, reserved_in_begroting) VALUES (?, ?, ?, ?, ?)')
  const p = db.$client.prepare("INSERT INTO payments (grant_id, kind, paid_on, amount_cents) VALUES (?, 'voorschot', ?, ?)")
  const taakvelden = ['0.1', '2.1', '3.1', '4.2', '5.1', '6.1', '7.4', '8.3']
  db.$client.transaction(() => {
    for (let i = 1; i <= GRANTS; i++) {
      const status = i % 10 < 7 ? 'toegekend' : i % 10 < 9 ? 'aangevraagd' : 'vastgesteld'
      const awarded = status === 'aangevraagd' ? null : 100_000_00 + (i % 97) * 12_345_67
      const perYear = Math.floor((awarded ?? 500_000_00) / YEARS.length)
      const id = Number(g.run(schemeIds[i % schemeIds.length], `Z-${i}`, `Project ${i} ${i % 3 === 0 ? '=SOM(A1)' : 'wijkaanpak'}`, status, awarded ? `B-${i}` : null,
        awarded ?? 500_000_00, awarded, status === 'aangevraagd' ? 40 + (i % 50) : null, taakvelden[i % taakvelden.length], `Programma ${i % 6}`,
        i % 5 === 0 ? 'structureel' : 'incidenteel', i % 4 === 0 ? 'total_cost' : null, i % 4 === 0 ? 2500 : null).lastInsertRowid)
      for (const yr of YEARS) {
        const realised = yr < 2026 ? perYear - (i % 13) * 1000 : 0
        y.run(id, yr, perYear, perYear + Math.floor(perYear / 4), realised, realised, i % 7 === 0 ? Math.floor(perYear / 10) : 0, Math.floor(perYear / 4), yr < 2026 ? Math.floor(perYear / 5) : 0)
      }
      if (i % 3 === 0) c.run(id, i % 2 ? 'eigen_middelen' : 'provincie', i % 6 === 0 ? null : 2026, 50_000_00, i % 2)
      if (awarded) { p.run(id, '2024-03-01', Math.floor(awarded / 2)); p.run(id, '2026-03-01', Math.floor(awarded / 4)) }
    }
  })()
}

/** peakRssMb: the process's resident size at its highest during the phase; heapGrowthMb: JS heap above the phase's start. */
interface Phase { ms: number; peakRssMb: number; heapGrowthMb: number }

/** Run `fn`, sampling memory every 5 ms while it yields; the synchronous parts are sampled at their ends. */
async function measure(fn: (sample: () => void) => Promise<void>): Promise<Phase> {
  gc()
  const base = process.memoryUsage()
  let rss = base.rss, heap = base.heapUsed
  const sample = () => { const m = process.memoryUsage(); rss = Math.max(rss, m.rss); heap = Math.max(heap, m.heapUsed) }
  const timer = setInterval(sample, 5)
  const t0 = performance.now()
  await fn(sample)
  const ms = performance.now() - t0
  clearInterval(timer)
  sample()
  const mb = (b: number) => Math.round(b / 1024 / 1024)
  return { ms: Math.round(ms), peakRssMb: mb(rss), heapGrowthMb: mb(heap - base.heapUsed) }
}

/** The same cells as plain values: euros, UTC dates, text, with the number formats; no Woud code in the write. */
function plainCells(sheets: SheetSpec[]): { name: string; rows: (string | number | Date | null)[][]; fmts: (string | undefined)[] }[] {
  return sheets.map((s, k) => {
    if (s.kind === 'grid') return { name: `${k}`, rows: s.rows.map((r) => r.map((c) => (c ? (typeof c.value === 'boolean' ? String(c.value) : c.value) : null))), fmts: [] }
    const fmts = s.columns.map((c) => (c.type === 'money' ? FORMATS.money : c.type === 'date' ? FORMATS.date : c.type === 'percent' ? FORMATS.percent : undefined))
    const rows = s.rows.map((r) => s.columns.map((c) => {
      const v = r[c.key]
      if (v === null || v === undefined) return null
      if (c.type === 'money' && typeof v === 'number') return centsToEuroNumber(v)
      if (c.type === 'date' && isIsoDate(v)) return isoToUtcDate(v)
      if (c.type === 'percent' && typeof v === 'number') return v / 10000
      return typeof v === 'number' ? v : String(v)
    }))
    return { name: `${k}`, rows: [s.columns.map((c) => c.header), ...rows], fmts }
  })
}

export async function run(): Promise<Record<string, unknown>> {
  const db = openDatabase(':memory:')
  const seedStart = performance.now()
  seed(db)
  const seedMs = Math.round(performance.now() - seedStart)
  const params = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: new Date('2026-11-28T10:00:00Z') })
  const def = REPORTS.controller
  let sheets: SheetSpec[] = []
  let woudBytes = 0
  let computeMs = 0
  const woud = await measure(async (sample) => {
    const t0 = performance.now()
    sheets = def.sheets(def.compute(db, params), params)
    computeMs = Math.round(performance.now() - t0)
    sample()
    const sink = new Sink()
    await writeWorkbook(sheets, sink)
    woudBytes = sink.bytes
  })
  const cells = plainCells(sheets)
  const cellCount = cells.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0)
  sheets = []
  let bareBytes = 0
  const bare = await measure(async () => {
    const sink = new Sink()
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false })
    for (const s of cells) {
      const ws = wb.addWorksheet(s.name)
      for (const r of s.rows) {
        const row = ws.addRow(r)
        s.fmts.forEach((f, i) => { if (f && r[i] !== null) row.getCell(i + 1).numFmt = f })
        row.commit()
      }
      ws.commit()
    }
    await wb.commit()
    bareBytes = sink.bytes
  })
  db.$client.close()
  return {
    what: `controller workbook, ${GRANTS} grants x ${YEARS.length} years (${cellCount} cells in ${cells.length} sheets): Woud load+compute+render vs exceljs writing the same cells`,
    seedMs, woud: { ...woud, computeMs, renderMs: woud.ms - computeMs, bytes: woudBytes }, exceljs: { ...bare, bytes: bareBytes },
    ratio: Number((woud.ms / bare.ms).toFixed(2)),
    renderRatio: Number(((woud.ms - computeMs) / bare.ms).toFixed(2)),
    heapRatio: Number((woud.heapGrowthMb / Math.max(1, bare.heapGrowthMb)).toFixed(2)),
  }
}
