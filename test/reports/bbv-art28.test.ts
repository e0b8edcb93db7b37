// Issue 16 item 8: BBV art. 28, the jaarrekening's overzicht incidentele baten en lasten per programma:
// begroting na wijziging against realisatie (lasten, baten, saldo), next to the begroting overview (art. 19).
import t from 'tap'
import { openDatabase } from '../../db/client.js'
import { bbvReport } from '../../reports/bbv-report.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { TEST_NOW } from '../helpers.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'
import { col, loadWorkbook, readTable } from '../fixtures/reports-xlsx.js'

t.test('per programma: begroting na wijziging and realisatie of 2025, the same in JSON and xlsx', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedPortfolio(db)
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2025, now: TEST_NOW })
  const d = bbvReport.compute(db, p)
  t.strictSame(
    d.jaarrekening,
    [
      {
        programma: 'Duurzaamheid',
        budgetLastenCents: 0,
        budgetBatenCents: 0,
        budgetSaldoCents: 0,
        realLastenCents: EUR(100_000),
        realBatenCents: EUR(100_000),
        realSaldoCents: 0,
      },
      {
        programma: 'Economie',
        budgetLastenCents: EUR(500_000),
        budgetBatenCents: EUR(250_000),
        budgetSaldoCents: -EUR(250_000),
        realLastenCents: EUR(400_000),
        realBatenCents: EUR(200_000),
        realSaldoCents: -EUR(200_000),
      },
    ],
    'OAB is structural and stays out; the Regio Deal and isolatie per programma',
  )
  const wb = await loadWorkbook(await renderWorkbook(bbvReport.sheets(d, p)))
  const ws = readTable(wb.getWorksheet('Incidenteel jaarrekening')!, 'Programma')
  t.match(ws.preamble.join(' '), /BBV art\. 28/)
  t.strictSame(col(ws, 'Programma'), ['Duurzaamheid', 'Economie'])
  t.strictSame(col(ws, 'Realisatie: saldo'), [0, -200_000])
  t.match(ws.totals![ws.header.indexOf('Begroting na wijziging: lasten')], { result: 500_000 })
})
