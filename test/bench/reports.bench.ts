// The controller workbook for 5,000 grants × 5 years through Woud (load, compute, render) against exceljs's
// streaming writer writing the same cells with no Woud in between, each in its own process: user+sys CPU time and
// peak RSS, A/B interleaved (wall time means nothing on a shared machine).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'
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

/** Counts bytes and throws them away, so the disk is not what is measured. */
class Sink extends Writable {
  bytes = 0
  override _write(chunk: Buffer, _e: string, done: () => void) {
    this.bytes += chunk.length
    done()
  }
}

/** Bulk seed with one prepared statement per table in one transaction (style.md): the bench measures reports, not inserts. */
export function seed(db: Db, count = GRANTS): void {
  createOrganisation(db, SYSTEM, { code: 'GM0363', name: 'Amsterdam' })
  const schemeIds = (db.$client.prepare("SELECT id FROM schemes WHERE instrument = 'spuk' ORDER BY code").all() as { id: number }[]).map(
    (r) => r.id,
  )
  const g = db.$client
    .prepare(`INSERT INTO grants (organisation_id, scheme_id, reference, title, status, beschikkingsnummer, requested_cents, awarded_cents, bcf_cents,
    period_from, period_to, spend_until, probability_pct, taakveld, programma, nature, cofinancing_basis, cofinancing_bp) VALUES (1, ?, ?, ?, ?, ?, ?, ?, 0, '2024-01-01', '2028-12-31', '2028-12-31', ?, ?, ?, ?, ?, ?)`)
  const y = db.$client
    .prepare(`INSERT INTO grant_years (grant_id, year, planned_baten_cents, planned_lasten_cents, realised_baten_cents, realised_lasten_cents, structural_lasten_cents,
    cofinancing_planned_cents, cofinancing_realised_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const c = db.$client.prepare(
    'INSERT INTO cofinancing_commitments (grant_id, source, year, amount_cents, reserved_in_begroting) VALUES (?, ?, ?, ?, ?)',
  )
  const p = db.$client.prepare("INSERT INTO payments (grant_id, kind, paid_on, amount_cents) VALUES (?, 'voorschot', ?, ?)")
  const taakvelden = ['0.1', '2.1', '3.1', '4.2', '5.1', '6.1', '7.4', '8.3']
  db.$client.transaction(() => {
    for (let i = 1; i <= count; i++) {
      const status = i % 10 < 7 ? 'toegekend' : i % 10 < 9 ? 'aangevraagd' : 'vastgesteld'
      const awarded = status === 'aangevraagd' ? null : 100_000_00 + (i % 97) * 12_345_67
      const perYear = Math.floor((awarded ?? 500_000_00) / YEARS.length)
      const id = Number(
        g.run(
          schemeIds[i % schemeIds.length],
          `Z-${i}`,
          `Project ${i} ${i % 3 === 0 ? '=SOM(A1)' : 'wijkaanpak'}`,
          status,
          awarded ? `B-${i}` : null,
          awarded ?? 500_000_00,
          awarded,
          status === 'aangevraagd' ? 40 + (i % 50) : null,
          taakvelden[i % taakvelden.length],
          `Programma ${i % 6}`,
          i % 5 === 0 ? 'structureel' : 'incidenteel',
          i % 4 === 0 ? 'total_cost' : null,
          i % 4 === 0 ? 2500 : null,
        ).lastInsertRowid,
      )
      for (const yr of YEARS) {
        const realised = yr < 2026 ? perYear - (i % 13) * 1000 : 0
        y.run(
          id,
          yr,
          perYear,
          perYear + Math.floor(perYear / 4),
          realised,
          realised,
          i % 7 === 0 ? Math.floor(perYear / 10) : 0,
          Math.floor(perYear / 4),
          yr < 2026 ? Math.floor(perYear / 5) : 0,
        )
      }
      if (i % 3 === 0) c.run(id, i % 2 ? 'eigen_middelen' : 'provincie', i % 6 === 0 ? null : 2026, 50_000_00, i % 2)
      if (awarded) {
        p.run(id, '2024-03-01', Math.floor(awarded / 2))
        p.run(id, '2026-03-01', Math.floor(awarded / 4))
      }
    }
  })()
}

/** The same cells as plain values: euros, UTC dates (as {d: iso} in JSON), text, with the number formats. */
type Plain = string | number | { d: string } | null
function plainCells(sheets: SheetSpec[]): { name: string; rows: Plain[][]; fmts: (string | undefined)[] }[] {
  return sheets.map((s, k) => {
    if (s.kind === 'grid')
      return {
        name: `${k}`,
        rows: s.rows.map((r) => r.map((c) => (c ? (typeof c.value === 'boolean' ? String(c.value) : c.value) : null))),
        fmts: [],
      }
    const fmts = s.columns.map((c) =>
      c.type === 'money' ? FORMATS.money : c.type === 'date' ? FORMATS.date : c.type === 'percent' ? FORMATS.percent : undefined,
    )
    const rows = s.rows.map((r) =>
      s.columns.map((c): Plain => {
        const v = r[c.key]
        if (v === null || v === undefined) return null
        if (c.type === 'money' && typeof v === 'number') return centsToEuroNumber(v)
        if (c.type === 'date' && isIsoDate(v)) return { d: v }
        if (c.type === 'percent' && typeof v === 'number') return v / 10000
        return typeof v === 'number' ? v : String(v)
      }),
    )
    return { name: `${k}`, rows: [s.columns.map((c) => c.header), ...rows], fmts }
  })
}

const PARAMS = { year: 2026, now: new Date('2026-11-28T10:00:00Z') }
const SELF = fileURLToPath(import.meta.url)

/** CPU time (user + system) of this process so far, in ms. */
const cpuMs = () => {
  const u = process.resourceUsage()
  return (u.userCPUTime + u.systemCPUTime) / 1000
}

interface PhaseResult {
  /** Wall time: meaningless on a loaded machine, kept for reference. */
  ms: number
  /** user + sys CPU of the measured work (after start-up and module loading). */
  cpuMs: number
  /** CPU before the first byte is written: Woud's load + compute; the bare side's reading of its cells. */
  computeCpuMs: number
  bytes: number
  peakRssMb: number
}

/** A child process: one side, then its figures as JSON on stdout; peak RSS is this process's own. */
async function phase(side: string, dir: string): Promise<void> {
  const sink = new Sink()
  const c0 = cpuMs()
  const t0 = performance.now()
  let computeCpu = 0
  if (side === 'woud') {
    const db = openDatabase(join(dir, 'woud.db'))
    const params = buildReportParams(db, findReportOrganisation(db, 'GM0363'), PARAMS)
    const def = REPORTS.controller
    const sheets = def.sheets(def.compute(db, params), params)
    computeCpu = cpuMs() - c0
    await writeWorkbook(sheets, sink)
  } else {
    const cells = JSON.parse(readFileSync(join(dir, 'cells.json'), 'utf8')) as ReturnType<typeof plainCells>
    computeCpu = cpuMs() - c0 // reading the cells: not part of the writing compared against
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false })
    for (const s of cells) {
      const ws = wb.addWorksheet(s.name)
      for (const r of s.rows) {
        const row = ws.addRow(r.map((v) => (v !== null && typeof v === 'object' ? isoToUtcDate(v.d) : v)))
        s.fmts.forEach((f, i) => {
          if (f && r[i] !== null) row.getCell(i + 1).numFmt = f
        })
        row.commit()
      }
      ws.commit()
    }
    await wb.commit()
  }
  const out: PhaseResult = {
    ms: Math.round(performance.now() - t0),
    cpuMs: Math.round(cpuMs() - c0),
    computeCpuMs: Math.round(computeCpu),
    bytes: sink.bytes,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

/** `/usr/bin/time -v` figures of a whole child process (start-up and module loading included). */
interface TimeV {
  userSysMs: number
  maxRssMb: number
}
function parseTimeV(stderr: string): TimeV | null {
  const num = (label: string) => Number(new RegExp(`${label}: ([0-9.]+)`).exec(stderr)?.[1] ?? NaN)
  const user = num('User time \\(seconds\\)')
  const sys = num('System time \\(seconds\\)')
  const rss = num('Maximum resident set size \\(kbytes\\)')
  return Number.isFinite(user + sys + rss) ? { userSysMs: Math.round((user + sys) * 1000), maxRssMb: Math.round(rss / 1024) } : null
}

const TIME = '/usr/bin/time'

function child(side: string, dir: string): PhaseResult & { timeV: TimeV | null } {
  const args = ['--import', 'tsx', SELF, side, dir]
  const withTime = existsSync(TIME)
  const res = spawnSync(withTime ? TIME : process.execPath, withTime ? ['-v', process.execPath, ...args] : args, {
    encoding: 'utf8',
    cwd: join(SELF, '../../..'),
    maxBuffer: 1 << 22,
  })
  if (res.status !== 0) throw new Error(`${side} phase failed: ${res.stderr}`)
  return { ...(JSON.parse(res.stdout.trim().split('\n').at(-1)!) as PhaseResult), timeV: withTime ? parseTimeV(res.stderr) : null }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** A/B rounds, interleaved and alternating which side goes first, so load drifts hit both sides alike. */
const ROUNDS = Number(process.env.WOUD_BENCH_ROUNDS ?? 3)

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'woud-bench-reports-'))
  try {
    const db = openDatabase(join(dir, 'woud.db'))
    const seedStart = performance.now()
    seed(db)
    const seedMs = Math.round(performance.now() - seedStart)
    const params = buildReportParams(db, findReportOrganisation(db, 'GM0363'), PARAMS)
    const cells = plainCells(REPORTS.controller.sheets(REPORTS.controller.compute(db, params), params))
    db.$client.close()
    writeFileSync(join(dir, 'cells.json'), JSON.stringify(cells))
    const cellCount = cells.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.length, 0), 0)
    const bare: ReturnType<typeof child>[] = []
    const woud: ReturnType<typeof child>[] = []
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 === 0 ? (['exceljs', 'woud'] as const) : (['woud', 'exceljs'] as const)
      for (const side of order) (side === 'woud' ? woud : bare).push(child(side, dir))
    }
    // The bare side's work is writing: its reading of the cells (JSON) is taken off its CPU.
    const bareWrite = median(bare.map((b) => b.cpuMs - b.computeCpuMs))
    const woudCpu = median(woud.map((w) => w.cpuMs))
    const woudRss = median(woud.map((w) => w.peakRssMb))
    const bareRss = median(bare.map((b) => b.peakRssMb))
    const tv = (xs: ReturnType<typeof child>[]) =>
      xs.every((x) => x.timeV)
        ? { userSysMs: median(xs.map((x) => x.timeV!.userSysMs)), maxRssMb: median(xs.map((x) => x.timeV!.maxRssMb)) }
        : null
    return {
      what:
        `controller workbook, ${GRANTS} grants x ${YEARS.length} years (${cellCount} cells in ${cells.length} sheets), each side in its own process, ` +
        `${ROUNDS} A/B rounds interleaved: Woud load+compute+render vs exceljs's streaming writer writing the same cells. ` +
        'Ratios are of user+sys CPU time and peak RSS (medians), not wall time: the machine may be loaded.',
      seedMs,
      woud: { cpuMs: woudCpu, computeCpuMs: median(woud.map((w) => w.computeCpuMs)), peakRssMb: woudRss, bytes: woud[0].bytes, runs: woud },
      exceljs: { writeCpuMs: bareWrite, peakRssMb: bareRss, bytes: bare[0].bytes, runs: bare },
      /** Whole processes under /usr/bin/time -v (node start-up and module loading included), for reference. */
      timeV: { woud: tv(woud), exceljs: tv(bare) },
      ratio: +(woudCpu / bareWrite).toFixed(2),
      computeShare: +median(woud.map((w) => w.computeCpuMs / w.cpuMs)).toFixed(2),
      rssRatio: +(woudRss / bareRss).toFixed(2),
      targets: { ratio: 1.3, computeShare: 0.25, rssRatio: 1.2 },
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2]) {
  phase(process.argv[2], process.argv[3]).catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
