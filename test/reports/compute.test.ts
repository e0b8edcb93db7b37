// The planning computations over a seeded portfolio: co-financing, BBV, forecast scenarios, reform assumptions.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { listAudit } from '../../db/audit.js'
import { freshDb, seedOrganisation } from '../helpers.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'
import { computeBbv } from '../../reports/bbv.js'
import { computeCofinancing } from '../../reports/cofinancing.js'
import { forecastFor } from '../../reports/forecast-report.js'
import {
  deleteReformAssumption,
  listReformAssumptions,
  ReformInputError,
  setReformAssumption,
} from '../../db/repositories/reform-assumptions.js'
import { loadGrants } from '../../reports/report-data.js'
import { buildReportParams, findReportOrganisation, ReportInputError } from '../../reports/report-params.js'
import { REPORTS } from '../../reports/index.js'

const NOW = new Date('2026-11-28T10:00:00Z')
const db = freshDb()
t.teardown(() => db.$client.close())
const f = seedPortfolio(db)
const org = findReportOrganisation(db, 'GM0363')
/** The ReportInputError a call throws, or undefined. */
function failure(fn: () => unknown): ReportInputError | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof ReportInputError) return e
    throw e
  }
  return undefined
}
const params = (over: { year?: number; scenario?: string; cut?: string } = {}) =>
  buildReportParams(db, org, { year: over.year ?? 2026, scenario: over.scenario, cut: over.cut, now: NOW })

t.test('co-financing: required 50 % of total cost spread over the years, yearless commitments spread alike, shortfalls', async (t) => {
  const d = computeCofinancing(loadGrants(db, f.orgId), 2026)
  const a = d.rows.filter((r) => r.grantId === f.a)
  t.strictSame(
    a.map((r) => r.year),
    [2025, 2026, 2027, 2028],
  )
  t.strictSame(
    a.map((r) => r.requiredCents),
    [EUR(250_000), EUR(250_000), EUR(250_000), EUR(250_000)],
    'half of EUR 2 m planned lasten',
  )
  t.strictSame(
    a.map((r) => r.committedCents),
    [EUR(150_000), EUR(250_000), EUR(150_000), EUR(150_000)],
    'provincie commitment only in 2026',
  )
  t.strictSame(
    a.map((r) => r.reservedCents),
    [EUR(150_000), EUR(150_000), EUR(150_000), EUR(150_000)],
    'only the eigen middelen are in the begroting',
  )
  t.strictSame(
    a.map((r) => r.shortfallCents),
    [EUR(100_000), 0, EUR(100_000), EUR(100_000)],
  )
  t.equal(a[0].realisedCents, EUR(200_000))
  t.notOk(
    d.rows.some((r) => r.grantId === f.e),
    'a rejected grant owes nothing',
  )
  t.equal(d.totals.shortfallCents, EUR(300_000))
  t.equal(d.shortfallGrants, 1)
  t.strictSame(
    d.bySource.map((s) => [s.label, s.committedCents, s.reservedCents]),
    [
      ['Eigen middelen', EUR(600_000), EUR(600_000)],
      ['Provincie', EUR(100_000), 0],
    ],
  )
  t.strictSame(
    d.byYear.map((y) => y.year),
    [2025, 2026, 2027, 2028],
  )
  t.equal(
    d.byYear.reduce((s, y) => s + y.requiredCents, 0),
    d.totals.requiredCents,
    'per-year totals add up to the grand total',
  )
  t.equal(computeCofinancing(loadGrants(db, f.orgId), 2029).rows.length, 0, 'grants that ended before the year drop out')
})

t.test('bbv: incidental overview without structural lasten, the structural-from-incidental check, overlopende passiva', async (t) => {
  const d = computeBbv(loadGrants(db, f.orgId), 2026)
  t.strictSame(d.years, [2026, 2027, 2028, 2029])
  t.notOk(
    d.lines.some((l) => l.grantId === f.c),
    'OAB is structural money: not in the incidental overview',
  )
  const a = d.lines.find((l) => l.grantId === f.a)!
  t.strictSame(
    a.perYear.map((p) => [p.batenCents, p.lastenCents]),
    [
      [EUR(250_000), EUR(450_000)],
      [EUR(250_000), EUR(450_000)],
      [EUR(250_000), EUR(450_000)],
      [0, 0],
    ],
  )
  t.equal(a.programma, 'Economie')
  t.strictSame(d.summary[0], {
    year: 2026,
    incidentalBatenCents: EUR(400_000),
    incidentalLastenCents: EUR(600_000),
    incidentalSaldoCents: -EUR(200_000),
    structuralFromIncidentalCents: EUR(50_000),
    structuralEffectCents: -EUR(50_000),
  })
  t.strictSame(
    d.structuralFromIncidental.map((x) => [x.grantId, x.year, x.structuralLastenCents, x.lastFundedYear]),
    [
      [f.a, 2026, EUR(50_000), 2028],
      [f.a, 2027, EUR(50_000), 2028],
      [f.a, 2028, EUR(50_000), 2028],
    ],
  )
  const pa = d.passiva.find((p) => p.grantId === f.a)!
  t.strictSame(
    [pa.beginCents, pa.increaseCents, pa.decreaseCents, pa.endCents],
    [EUR(300_000), EUR(250_000), 0, EUR(550_000)],
    'received minus recognised baten',
  )
  const pb = d.passiva.find((p) => p.grantId === f.b)!
  t.equal(pb.endCents, -EUR(200_000), 'spent before received: pre-financing')
  const rijk = d.passivaByHerkomst.find((h) => h.herkomst === 'Rijk')!
  t.strictSame([rijk.passivaCents, rijk.activaCents, rijk.endCents], [EUR(550_000), EUR(200_000), EUR(350_000)])
})

t.test('forecast base and awarded-only: pipeline weighted by probability, cliff, repayment', async (t) => {
  const gs = loadGrants(db, f.orgId)
  const base = forecastFor(db, gs, params())
  t.strictSame(base.years, [2026, 2027, 2028, 2029, 2030])
  t.strictSame(
    base.perYear.map((y) => y.awardedCents),
    [EUR(700_000), EUR(550_000), EUR(250_000), 0, 0],
  )
  t.strictSame(
    base.perYear.map((y) => y.pipelineCents),
    [0, EUR(50_000), EUR(50_000), 0, 0],
    'EUR 200 k requested over 2027–2028 at 50 %',
  )
  t.strictSame(
    base.perYear.map((y) => y.cofinancingCents),
    [EUR(250_000), EUR(250_000), EUR(250_000), 0, 0],
  )
  t.strictSame(
    base.perYear.map((y) => y.cliffCents),
    [0, 0, 0, EUR(50_000), EUR(50_000)],
    'structural staff outlives the Regio Deal',
  )
  t.strictSame(
    base.perYear.map((y) => y.repaymentCents),
    [0, 0, 0, 0, 0],
    'isolatie: nothing received, nothing to pay back',
  )
  t.strictSame(
    base.perYear.map((y) => y.lowerSettlementCents),
    [0, EUR(10_000), 0, 0, 0],
    'isolatie: 400 k − 40 k BCF − 350 k spent is a lagere vaststelling in 2027',
  )
  t.match(base.assumptions.join('\n'), /Aangevraagd 50 %/)
  const only = forecastFor(db, gs, params({ scenario: 'awarded-only' }))
  t.strictSame(
    only.perYear.map((y) => y.pipelineCents),
    [0, 0, 0, 0, 0],
  )
  t.match(only.assumptions.join('\n'), /pijplijn .* telt niet mee/)
})

t.test('forecast spuk-reform: defaults, a stored assumption, and a cut override', async (t) => {
  const gs = loadGrants(db, f.orgId)
  const r = forecastFor(db, gs, params({ scenario: 'spuk-reform' }))
  t.equal(r.perYear[0].awardedCents, 0, 'every spuk in the portfolio converts from 2026 by default')
  t.equal(r.perYear[0].gemeentefondsCents, EUR(630_000), '90 % of EUR 700 k')
  t.equal(r.perYear[0].cutCents, EUR(70_000))
  t.equal(r.perYear[0].cofinancingCents, 0, 'no co-financing once the money is no longer a spuk')
  t.ok(r.reform.every((a) => a.origin === 'standaard'))
  t.match(r.assumptions.join('\n'), /gemeentefonds met 10 % korting/)

  setReformAssumption(db, SYSTEM, 'bzk-regio-deals-5', { treatment: 'ends', fromYear: 2027, note: 'Regio Deal stopt' })
  setReformAssumption(db, SYSTEM, 'ocw-oab-2019', { treatment: 'continues', fromYear: 2026 })
  const e = forecastFor(db, gs, params({ scenario: 'spuk-reform', cut: '20' }))
  t.strictSame(
    e.perYear.map((y) => y.awardedCents),
    [EUR(550_000), EUR(300_000), 0, 0, 0],
    'A until 2026, OAB throughout',
  )
  t.strictSame(
    e.perYear.map((y) => y.endedCents),
    [0, EUR(250_000), EUR(250_000), 0, 0],
  )
  t.equal(e.perYear[0].cutCents, EUR(30_000), '20 % of the isolatie baten')
  t.strictSame(
    e.perYear.map((y) => y.cliffCents),
    [0, EUR(50_000), EUR(50_000), EUR(50_000), EUR(50_000)],
    'the cliff moves forward when the scheme ends',
  )
  t.match(e.assumptions.join('\n'), /bzk-regio-deals-5: vanaf 2027 vervalt/)
  t.equal(listAudit(db, { entity: 'reform_assumption', entityId: 'bzk-regio-deals-5' }).total, 1, 'the change is audited')
  t.ok(deleteReformAssumption(db, SYSTEM, 'bzk-regio-deals-5'))
  t.ok(deleteReformAssumption(db, SYSTEM, 'ocw-oab-2019'))
  t.notOk(deleteReformAssumption(db, SYSTEM, 'ocw-oab-2019'), 'nothing left to remove')
  t.equal(listReformAssumptions(db).find((a) => a.schemeCode === 'szw-g2')!.treatment, 'continues', 'G2 stays a spuk by default')
  t.throws(
    () => setReformAssumption(db, SYSTEM, 'bzk-regio-deals-5', { treatment: 'gemeentefonds', fromYear: 2026, cutBp: 12000 }),
    ReformInputError,
  )
  t.throws(() => setReformAssumption(db, SYSTEM, 'bestaat-niet', { treatment: 'ends', fromYear: 2026 }), ReformInputError)
})

t.test('bad input: year outside the data, unknown scenario, cut outside 0–100 %', async (t) => {
  t.throws(() => params({ year: 2040 }), new ReportInputError('Het jaar 2040 valt buiten de gegevens van GM0363 (2024–2028)', 400, 'year'))
  t.equal(failure(() => params({ year: 2023 }))?.field, 'year')
  t.equal(failure(() => params({ scenario: 'optimistisch' }))?.field, 'scenario')
  t.equal(failure(() => params({ scenario: 'spuk-reform', cut: '120' }))?.field, 'cut')
  t.equal(failure(() => params({ scenario: 'spuk-reform', cut: '120' }))?.status, 400)
  t.equal(failure(() => params({ scenario: 'spuk-reform', cut: '-5' }))?.field, 'cut')
  t.equal(failure(() => params({ scenario: 'base', cut: '10' }))?.field, 'cut')
  t.equal(failure(() => findReportOrganisation(db, 'GM9999'))?.status, 404)
})

t.test('an organisation without grants: every report computes empty data for the current year only', async (t) => {
  const empty = seedOrganisation(db, 'GM0001', 'Leegdorp')
  const p = buildReportParams(db, empty, { year: 2026, now: NOW })
  t.equal(failure(() => buildReportParams(db, empty, { year: 2025, now: NOW }))?.field, 'year')
  for (const name of ['portfolio', 'cofinancing', 'bbv', 'forecast', 'controller']) {
    const d = REPORTS[name].compute(db, p) as Record<string, unknown>
    t.ok(d, name)
  }
  const c = REPORTS.controller.compute(db, p) as { summary: Record<string, number>; dataAsOf: string | null }
  t.equal(c.summary.grants, 0)
  t.equal(c.dataAsOf, null)
})
