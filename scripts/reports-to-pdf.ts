// Render every report workbook to PDF with LibreOffice, to check them the way a controller prints them.
// Not part of npm test. Needs LibreOffice Calc from Debian (apt-get install -y libreoffice-calc-nogui) and, so that
// widths print as in Excel, Calibri's metric twin Carlito (apt-get install -y fonts-crosextra-carlito).
// Usage: npx tsx scripts/reports-to-pdf.ts [outDir] [--grants N]
//   default ./report-pdf with the small test portfolio; --grants N seeds the bench's generated portfolio of N
//   grants instead, to see page breaks, repeated header rows and sheets that print several pages across.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { openDatabase } from '../db/client.js'
import { REPORT_NAMES, REPORTS } from '../reports/index.js'
import { renderWorkbook } from '../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation, reportFileName } from '../reports/report-params.js'
import { seedPortfolio } from '../test/fixtures/reports.js'
import { seed } from '../test/bench/reports.bench.js'

const args = process.argv.slice(2)
const at = args.indexOf('--grants')
const grants = at >= 0 ? Number(args.splice(at, 2)[1]) : 0
if (at >= 0 && !(Number.isInteger(grants) && grants > 0)) throw new Error('--grants takes a whole number of grants')
const out = resolve(args[0] ?? 'report-pdf')
mkdirSync(out, { recursive: true })
const db = openDatabase(':memory:')
if (grants) seed(db, grants)
else seedPortfolio(db)
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
