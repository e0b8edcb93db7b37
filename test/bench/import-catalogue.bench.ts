// Bench: importing a 20,000-row catalogue XLSX (read, detect, validate, write in one transaction) against
// exceljs alone reading the same file. Each side runs in its own child process so peak RSS is its own.
import ExcelJS from 'exceljs'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROWS = 20_000
const MINISTRIES = ['BZK', 'VRO', 'OCW', 'SZW', 'JenV', 'IenW', 'VWS']
const SELF = fileURLToPath(import.meta.url)

async function writeCatalogue(path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('Catalogus')
  ws.addRow([
    'Code',
    'SiSa code',
    'Naam',
    'Ministerie',
    'Instrument',
    'Juridische grondslag',
    'Uitvoerder',
    'Aard',
    'Beginjaar',
    'Eindjaar',
    'Aanvraag open',
    'Aanvraag sluit',
    'Cofinanciering %',
    'Link',
    'Opmerkingen',
  ]).commit()
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

/** The child side: one phase, then its figures as JSON on stdout. */
async function phase(name: string, path: string): Promise<void> {
  const bytes = readFileSync(path)
  const t0 = process.hrtime.bigint()
  let rows = 0
  let writeMs = 0
  if (name === 'exceljs') {
    // The same parser importers/read.ts uses: the whole workbook from the in-memory upload.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    for (const ws of wb.worksheets)
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (c) => void c.value)
        rows++
      })
  } else {
    const { openDatabase } = await import('../../db/client.js')
    const { runImport } = await import('../../importers/index.js')
    const db = openDatabase(':memory:')
    const r = await runImport(db, {
      kind: 'schemes',
      fileName: 'catalogus.xlsx',
      bytes,
      who: { actor: 'bench', source: 'bench' },
      onTiming: (t) => {
        writeMs = t.writeMs
      },
    })
    if (r.errors.length || r.created !== ROWS)
      throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))} created ${r.created}`)
    rows = r.created
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  process.stdout.write(JSON.stringify({ ms, rows, writeMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n')
}

function child(name: string, path: string): { ms: number; rows: number; writeMs: number; peakRssMb: number } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', SELF, name, path], {
    encoding: 'utf8',
    cwd: join(SELF, '../../..'),
    maxBuffer: 1 << 20,
  })
  if (res.status !== 0) throw new Error(`${name} phase failed: ${res.stderr}`)
  return JSON.parse(res.stdout.trim().split('\n').at(-1)!)
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'woud-bench-'))
  try {
    const path = join(dir, 'catalogus.xlsx')
    await writeCatalogue(path)
    const exceljs = child('exceljs', path)
    const imp = child('import', path)
    return {
      rows: ROWS,
      fileMb: +(statSync(path).size / 1024 / 1024).toFixed(2),
      exceljsReadMs: Math.round(exceljs.ms),
      exceljsPeakRssMb: exceljs.peakRssMb,
      importMs: Math.round(imp.ms),
      importRowsPerSec: Math.round(ROWS / (imp.ms / 1000)),
      importPeakRssMb: imp.peakRssMb,
      importToExceljsRatio: +(imp.ms / exceljs.ms).toFixed(2),
      importToExceljsPeakRssRatio: +(imp.peakRssMb / exceljs.peakRssMb).toFixed(2),
      writePhaseMs: Math.round(imp.writeMs),
      writePhaseRowsPerSec: Math.round(ROWS / (imp.writeMs / 1000)),
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
