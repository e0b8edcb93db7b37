// Issue 16 item 2: the verwachte terugbetaling is received minus what may be kept; the part of the award never
// received is a lagere vaststelling, shown apart and never called a repayment. JSON and xlsx share one computation.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { addPayment } from '../../db/repositories/grants.js'
import { forecastReport } from '../../reports/forecast-report.js'
import { repaymentOf } from '../../reports/forecast.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { TEST_NOW } from '../helpers.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'
import { col, loadWorkbook, readTable } from '../fixtures/reports-xlsx.js'

t.test('repaymentOf: received minus kept; the never-received part of the award is a lagere vaststelling', async (t) => {
  t.strictSame(
    repaymentOf(EUR(360_000), 0, EUR(350_000)),
    { keptCents: EUR(350_000), repaymentCents: 0, lowerCents: EUR(10_000) },
    'nothing received: nothing to pay back',
  )
  t.strictSame(
    repaymentOf(EUR(360_000), EUR(360_000), EUR(350_000)),
    { keptCents: EUR(350_000), repaymentCents: EUR(10_000), lowerCents: 0 },
    'all received',
  )
  t.strictSame(
    repaymentOf(EUR(360_000), EUR(355_000), EUR(350_000)),
    { keptCents: EUR(350_000), repaymentCents: EUR(5_000), lowerCents: EUR(5_000) },
    'partly received',
  )
  t.strictSame(
    repaymentOf(EUR(360_000), EUR(300_000), EUR(400_000)),
    { keptCents: EUR(360_000), repaymentCents: 0, lowerCents: 0 },
    'overspent: kept within the award',
  )
  for (const [award, received, spend] of [
    [EUR(360_000), EUR(200_000), EUR(150_000)],
    [EUR(100), EUR(100), 0],
  ]) {
    const r = repaymentOf(award, received, spend)
    t.equal(
      r.keptCents + r.repaymentCents + r.lowerCents,
      award,
      'kept + repaid + lagere vaststelling = award when nothing more than the award came in',
    )
  }
})

t.test('forecast JSON and xlsx: isolatie grant with and without the money received', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const f = seedPortfolio(db)
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: TEST_NOW })
  const def = forecastReport!
  const line = () => def.compute(db, p).repayments.find((r) => r.grantId === f.b)!
  let b = line()
  t.strictSame(
    [b.receivedCents, b.keptCents, b.expectedRepaymentCents, b.lowerSettlementCents],
    [0, EUR(350_000), 0, EUR(10_000)],
    'no payment yet: the EUR 10 k unspent award is a lagere vaststelling, not a repayment',
  )

  addPayment(db, SYSTEM, f.b, { kind: 'voorschot', paidOn: '2024-02-01', amountCents: EUR(300_000) })
  addPayment(db, SYSTEM, f.b, { kind: 'betaling', paidOn: '2026-02-01', amountCents: EUR(65_000) })
  addPayment(db, SYSTEM, f.b, { kind: 'terugbetaling', paidOn: '2026-03-01', amountCents: EUR(5_000) })
  b = line()
  t.strictSame(
    [b.receivedCents, b.expectedRepaymentCents, b.lowerSettlementCents],
    [EUR(360_000), EUR(10_000), 0],
    'received in full: EUR 10 k goes back',
  )

  const d = def.compute(db, p)
  t.equal(d.perYear.find((y) => y.year === 2027)!.repaymentCents, EUR(10_000))
  const wb = await loadWorkbook(await renderWorkbook(def.sheets(d, p)))
  const rep = readTable(wb.getWorksheet('Verwachte terugbetaling')!, 'Subsidie-id')
  const i = (col(rep, 'Subsidie-id') as number[]).indexOf(f.b)
  t.equal(col(rep, 'Verwachte terugbetaling')[i], 10_000, 'the sheet shows the same figure in euros')
  t.equal(col(rep, 'Lagere vaststelling (geen terugbetaling)')[i], 0)
  t.equal(col(rep, 'Ontvangen')[i], 360_000)
})
