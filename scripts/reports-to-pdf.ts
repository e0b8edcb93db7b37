// Render every report workbook to PDF with LibreOffice, to check them the way a controller prints them.
// Not part of npm test. Needs LibreOffice Calc from Debian (apt-get install -y libreoffice-calc-nogui).
// Usage: npx tsx scripts/reports-to-pdf.ts [outDir]   (default ./report-pdf; seeds a small portfolio in memory)
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openDatabase } from '../db/client.js'
import { REPORT_NAMES, REPORTS } from '../reports/index.js'
import { renderWorkbook } from '../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation, reportFileName } from '../reports/report-params.js'
import { seedPortfolio } from '../test/fixtures/reports.js'

const out = resolve(process.argv[2] ?? 'report-pdf')
mkdirSync(out, { recursive: true })
const db = openDatabase(':memory:')
seedPortfolio(db)
const params = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: new Date() })
const files: string[] = []
for (const name of REPORT_NAMES) {
  const def = REPORTS[name]
  const file = join(out, reportFileName(name, params))
  writeFileSync(file, await renderWorkbook(def.sheets(def.compute(db, params), params), { title: def.title }))
  files.push(file)
}
db.$client.close()
// One soffice run for all files: it starts slowly. Each sheet prints with its own page setup (A4/A3, titles).
const r = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, ...files], { encoding: 'utf8', stdio: 'inherit' })
if (r.error || r.status !== 0) {
  process.stderr.write(`soffice failed (${r.error?.message ?? r.status}); install LibreOffice: apt-get install -y libreoffice-calc-nogui\n`)
  process.exit(1)
}
process.stdout.write(`PDFs in ${out}: ${files.map((f) => f.replace(/\.xlsx$/, '.pdf').slice(out.length + 1)).join(', ')}\n`)
