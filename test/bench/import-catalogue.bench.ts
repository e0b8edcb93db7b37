// Bench: importing a 20,000-row catalogue XLSX (read, detect, validate, write in one transaction) against
// exceljs alone reading the same file. Each side runs in its own child process so peak RSS is its own; the two
// alternate (BENCH_ROUNDS rounds, median of each figure) and CPU time is compared, not wall time, because other
// work on a shared machine moves wall time the most.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { CATALOGUE_HEADERS } from '../fixtures/catalogue/headers.js'

const ROWS = 20_000
const MINISTRIES = ['BZK', 'VRO', 'OCW', 'SZW', 'JenV', 'IenW', 'VWS']
const SELF = fileURLToPath(import.meta.url)

async function writeCatalogue(path: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('Catalogus')
  ws.addRow([...CATALOGUE_HEADERS, 'Opmerkingen']).commit()
  for (let i = 1; i <= ROWS; i++) {
    const row = ws.addRow([
      `bench-regio-deal-${i}`,
      null,
      `Regio Deal ${i}: brede welvaart in de regio`,
      MINISTRIES[i % MINISTRIES.length],
      'spuk',
      'Besluit spuk Regio Deals vierde, vijfde en zesde tranche (Stb. 2024, 219)',
      'RVO',
      'incidenteel',
      2024,
      2028,
      new Date(Date.UTC(2024, 6, 1)),
      new Date(Date.UTC(2024, 9, 31)),
      50,
      'https://zoek.officielebekendmakingen.nl/stb-2024-219.html',
      `Rijksbijdrage eenmalig, regio ${i % 40}`,
    ])
    row.getCell(11).numFmt = 'dd-mm-yyyy'
    row.getCell(12).numFmt = 'dd-mm-yyyy'
    row.commit()
  }
  ws.commit()
  await wb.commit()
}

interface Figures {
  /** Wall and CPU (user + system) time of the measured section: the read, or the whole import. */
  ms: number
  cpuMs: number
  rows: number
  /** Import only: the write transaction (lock held), wall and CPU, and CPU per phase. */
  writeMs?: number
  writeCpuMs?: number
  phaseCpuMs?: Record<string, number>
  /** The whole child process as /usr/bin/time -v saw it (start-up included). */
  processCpuMs: number
  peakRssMb: number
}

const cpuNow = () => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

/** The child side: one phase, then its figures as JSON on stdout. Modules and the database are set up first. */
async function phase(name: string, path: string): Promise<void> {
  const bytes = readFileSync(path)
  const out: Partial<Figures> = {}
  if (name === 'exceljs') {
    // Loaded here only: the import side reads workbooks without exceljs and should not pay for loading it.
    const { default: ExcelJS } = await import('exceljs')
    const t0 = performance.now()
    const c0 = cpuNow()
    // The parser the importers used before importers/xlsx.ts: the whole workbook from the in-memory upload.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    let rows = 0
    for (const ws of wb.worksheets)
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (c) => void c.value)
        rows++
      })
    Object.assign(out, { ms: performance.now() - t0, cpuMs: cpuNow() - c0, rows })
  } else {
    const { openDatabase } = await import('../../db/client.js')
    const { runImport } = await import('../../importers/index.js')
    const db = openDatabase(':memory:')
    const phaseCpuMs: Record<string, number> = {}
    let current = ''
    let since = 0
    const t0 = performance.now()
    const c0 = cpuNow()
    const r = await runImport(db, {
      kind: 'schemes',
      fileName: 'catalogus.xlsx',
      bytes,
      who: { actor: 'bench', source: 'bench' },
      onPhase: (p) => {
        const now = cpuNow()
        if (current) phaseCpuMs[current] = Math.round(now - since)
        current = p
        since = now
      },
      onTiming: (t) => {
        out.writeMs = t.writeMs
      },
    })
    Object.assign(out, { ms: performance.now() - t0, cpuMs: cpuNow() - c0, rows: r.created, phaseCpuMs, writeCpuMs: phaseCpuMs.write })
    if (r.errors.length || r.created !== ROWS)
      throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))} created ${r.created}`)
  }
  out.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
  process.stdout.write(JSON.stringify(out) + '\n')
}

const TIME = '/usr/bin/time'

/** One child, under /usr/bin/time -v when there is one (its CPU and max RSS for the whole process). */
function child(name: string, path: string): Figures {
  const args = ['--import', 'tsx', SELF, name, path]
  const timed = existsSync(TIME)
  const res = spawnSync(timed ? TIME : process.execPath, timed ? ['-v', process.execPath, ...args] : args, {
    encoding: 'utf8',
    cwd: join(SELF, '../../..'),
    maxBuffer: 1 << 20,
  })
  if (res.status !== 0) throw new Error(`${name} phase failed: ${res.stderr}`)
  const f = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as Figures
  const num = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(res.stderr)?.[1] ?? NaN)
  f.processCpuMs = timed ? Math.round((num('User time \\(seconds\\)') + num('System time \\(seconds\\)')) * 1000) : NaN
  if (timed) f.peakRssMb = Math.round(num('Maximum resident set size \\(kbytes\\)') / 1024)
  return f
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'woud-bench-'))
  try {
    const path = join(dir, 'catalogus.xlsx')
    await writeCatalogue(path)
    // A and B interleaved, each its own process; the median of each figure, since other work moves them all.
    const a: Figures[] = []
    const b: Figures[] = []
    for (let i = 0; i < ROUNDS; i++) {
      a.push(child('exceljs', path))
      b.push(child('import', path))
    }
    const m = (xs: Figures[], k: keyof Figures) => median(xs.map((x) => x[k] as number))
    const ratio = (k: keyof Figures) => +(m(b, k) / m(a, k)).toFixed(2)
    return {
      rows: ROWS,
      rounds: ROUNDS,
      fileMb: +(statSync(path).size / 1024 / 1024).toFixed(2),
      loadAverage: os.loadavg().map((x) => +x.toFixed(1)),
      exceljs: {
        ms: Math.round(m(a, 'ms')),
        cpuMs: Math.round(m(a, 'cpuMs')),
        processCpuMs: m(a, 'processCpuMs'),
        peakRssMb: m(a, 'peakRssMb'),
      },
      import: {
        ms: Math.round(m(b, 'ms')),
        cpuMs: Math.round(m(b, 'cpuMs')),
        processCpuMs: m(b, 'processCpuMs'),
        peakRssMb: m(b, 'peakRssMb'),
        phaseCpuMs: b.map((x) => x.phaseCpuMs),
      },
      // Goals (issue #12): CPU <= 1.5x exceljs reading the file, peak RSS <= 1.2x, write phase < 1 s.
      importToExceljsCpuRatio: ratio('cpuMs'),
      importToExceljsProcessCpuRatio: ratio('processCpuMs'),
      importToExceljsWallRatio: ratio('ms'),
      importToExceljsPeakRssRatio: ratio('peakRssMb'),
      writePhaseMs: Math.round(m(b, 'writeMs')),
      writePhaseCpuMs: Math.round(m(b, 'writeCpuMs')),
      writePhaseRowsPerSec: Math.round(ROWS / (m(b, 'writeMs') / 1000)),
      importRowsPerSec: Math.round(ROWS / (m(b, 'ms') / 1000)),
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
