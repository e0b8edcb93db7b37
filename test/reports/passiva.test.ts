// Issue 16 item 3: overlopende passiva (BBV art. 49 sub b) per spuk are received minus spent, whatever the ledger
// called the receipt; an advance booked as realised income is named per grant, and a spuk whose realised baten and
// lasten differ at year end gets a finding. JSON and xlsx from one computation.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { addPayment, createGrant, putGrantYear } from '../../db/repositories/grants.js'
import { bbvReport } from '../../reports/bbv-report.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { TEST_NOW } from '../helpers.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'
import { col, loadWorkbook, readTable } from '../fixtures/reports-xlsx.js'

t.test('an advance booked as realised income: passiva still received minus spent, a note and a finding', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const f = seedPortfolio(db)
  const today = '2026-11-28'
  // The whole EUR 360 k advance arrives in 2026 and the ledger books all of it as baten 2026, while EUR 120 k is spent.
  const g = createGrant(
    db,
    SYSTEM,
    {
      orgCode: 'GM0363',
      schemeCode: 'vro-lai-isolatie-t1',
      title: 'Isolatie tranche 2',
      status: 'toegekend',
      beschikkingsnummer: 'LAI-8',
      awardedCents: EUR(400_000),
      bcfCents: EUR(40_000),
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    },
    { today },
  ).id
  addPayment(db, SYSTEM, g, { kind: 'voorschot', paidOn: '2026-01-15', amountCents: EUR(360_000) })
  putGrantYear(db, SYSTEM, g, 2026, { realisedBatenCents: EUR(360_000), realisedLastenCents: EUR(120_000) }, { today })

  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: TEST_NOW })
  const d = bbvReport.compute(db, p)
  const line = d.passiva.find((l) => l.grantId === g)!
  t.strictSame(
    [line.beginCents, line.increaseCents, line.decreaseCents, line.endCents],
    [0, EUR(360_000), EUR(120_000), EUR(240_000)],
    'received 360 k minus spent 120 k, not received minus the ledger baten (which would be 0)',
  )
  t.match(line.note, /als baten geboekt/)
  t.equal(line.realisedBatenCents, EUR(360_000))
  const a = d.passiva.find((l) => l.grantId === f.a)!
  t.equal(a.endCents, EUR(550_000), 'a ledger that books baten as spent keeps its passiva')
  t.equal(a.note, null)
  const fs = d.findings.filter((x) => x.check === 'baten-lasten-verschil')
  t.strictSame(
    fs.map((x) => x.grantId),
    [g],
    'only the spuk whose baten and lasten differ',
  )
  t.match(fs[0].message, /240\.000/)

  // A grant whose ledger got it right: baten = spent, no finding, same passief.
  putGrantYear(db, SYSTEM, g, 2026, { realisedBatenCents: EUR(120_000) }, { today })
  const d2 = bbvReport.compute(db, p)
  t.equal(d2.passiva.find((l) => l.grantId === g)!.endCents, EUR(240_000))
  t.equal(d2.findings.length, 0)

  const wb = await loadWorkbook(await renderWorkbook(bbvReport.sheets(d, p)))
  const pas = readTable(wb.getWorksheet('Overlopende passiva')!, 'Subsidie-id')
  const i = (col(pas, 'Subsidie-id') as number[]).indexOf(g)
  t.equal(col(pas, 'Saldo 31 december')[i], 240_000)
  t.match(String(col(pas, 'Toelichting')[i]), /als baten geboekt/)
  const bev = readTable(wb.getWorksheet('Bevindingen BBV')!, 'Ernst')
  t.strictSame(col(bev, 'Subsidie-id'), [g])
})
