// Issue 16 item 9: the accountant's tolerances are data per verslagjaar with their source: from 2025 2 % errors and
// 2 % uncertainties (Nota verwachtingen accountantscontrole SiSa 2025), earlier 1 % / 3 %; the reporting threshold
// bands stay UNCERTAIN and say so. The SiSa workbook shows the year's tolerance.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../db/client.js'
import { ACCOUNTANT_TOLERANCES, SISA_THRESHOLD_KEY, SISA_TOLERANCE_KEY, toleranceFor } from '../../db/reference/settings-sisa.js'
import { settings } from '../../db/schema.js'
import { computeSisa } from '../../reports/sisa.js'
import { sisaReport } from '../../reports/sisa-report.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { TEST_NOW } from '../helpers.js'
import { seedPortfolio } from '../fixtures/reports.js'
import { loadWorkbook } from '../fixtures/reports-xlsx.js'

t.test('tolerance bands per verslagjaar, each with a source', async (t) => {
  t.strictSame([toleranceFor(2024).errorsBp, toleranceFor(2024).uncertaintiesBp], [100, 300])
  t.strictSame([toleranceFor(2025).errorsBp, toleranceFor(2025).uncertaintiesBp], [200, 200])
  t.strictSame([toleranceFor(2031).errorsBp, toleranceFor(2031).uncertaintiesBp], [200, 200], 'holds until a newer band')
  t.match(toleranceFor(2025).source, /Nota verwachtingen accountantscontrole SiSa 2025/)
  t.match(toleranceFor(2017).source, /Bado/)
  for (const b of ACCOUNTANT_TOLERANCES) t.ok(b.source.length > 20, `${b.fromYear} has a source`)
})

t.test('stored as a setting, shown in the SiSa data and workbook; threshold bands UNCERTAIN', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const f = seedPortfolio(db)
  const row = db.select().from(settings).where(eq(settings.key, SISA_TOLERANCE_KEY)).get()
  t.ok(row, 'the default is in the settings table')
  t.match(row!.source, /Nota verwachtingen/)
  t.equal(db.select().from(settings).where(eq(settings.key, SISA_THRESHOLD_KEY)).get()!.source, 'UNCERTAIN')
  t.strictSame([computeSisa(db, f.orgId, 2024).tolerance.errorsBp, computeSisa(db, f.orgId, 2024).tolerance.uncertaintiesBp], [100, 300])
  const d = computeSisa(db, f.orgId, 2026)
  t.strictSame([d.tolerance.errorsBp, d.tolerance.uncertaintiesBp], [200, 200])
  t.ok(
    d.findings.some((x) => x.check === 'threshold-uncertain'),
    'the threshold says it is uncertain',
  )
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: TEST_NOW })
  const wb = await loadWorkbook(await renderWorkbook(sisaReport.sheets(sisaReport.compute(db, p), p)))
  const texts: string[] = []
  wb.getWorksheet('Fouten en onzekerheden')!.eachRow((r) => {
    texts.push(String(r.getCell(1).value ?? ''))
  })
  t.ok(
    texts.some((x) => /Goedkeuringstolerantie accountant 2026: fouten 2 %, onzekerheden 2 %/.test(x)),
    "the sheet names the year's tolerance",
  )
})
