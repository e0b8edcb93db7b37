// One rule, one place (issue 13.1): the grant detail, the co-financing report, the portfolio and the forecast agree
// on required, committed and shortfall for every lifecycle status and every co-financing basis.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { addCommitment, createGrant, putGrantYear } from '../../db/repositories/grants.js'
import { GRANT_STATUSES, type GrantStatus } from '../../db/schema.js'
import { AWARDED_STATUSES, DEAD_STATUSES } from '../../db/rules/statuses.js'
import type { CofinancingData } from '../../reports/cofinancing.js'
import type { ForecastData } from '../../reports/forecast.js'
import { REPORTS } from '../../reports/index.js'
import type { PortfolioData } from '../../reports/portfolio.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { seedOrganisation, testApp, TEST_NOW } from '../helpers.js'

const EUR = (e: number) => Math.round(e * 100)
const o = { today: '2026-11-28' }

// Each basis with the requirement a controller would compute by hand for a live grant of EUR 400,000 and a
// commitment of EUR 30,000.
const BASES = [
  {
    name: 'vast bedrag (eigen)',
    scheme: 'ocw-oab-2019',
    terms: { cofinancingBasis: 'fixed' as const, cofinancingFixedCents: EUR(50_000) },
    plan: false,
    expected: EUR(50_000),
  },
  {
    name: '25 % van de rijksbijdrage',
    scheme: 'ocw-oab-2019',
    terms: { cofinancingBasis: 'rijksbijdrage' as const, cofinancingBp: 2500 },
    plan: false,
    expected: EUR(100_000),
  },
  {
    name: '40 % van de totale kosten, met plan',
    scheme: 'ocw-oab-2019',
    terms: { cofinancingBasis: 'total_cost' as const, cofinancingBp: 4000 },
    plan: true,
    expected: EUR(80_000),
  },
  // Without a plan the total is rijks + co-financing: 400,000 × 40 / 60 = 266,666.67.
  {
    name: '40 % van de totale kosten, zonder plan',
    scheme: 'ocw-oab-2019',
    terms: { cofinancingBp: 4000 },
    plan: false,
    expected: 26_666_667,
  },
  { name: 'regeling: 50 % van de totale kosten', scheme: 'bzk-regio-deals-5', terms: {}, plan: false, expected: EUR(400_000) },
  { name: 'geen eis', scheme: 'ocw-oab-2019', terms: {}, plan: false, expected: null },
]

t.test('every status × every basis: the same required, committed and shortfall in four places', async (t) => {
  const { db, api } = await testApp(t)
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  const cases: { id: number; status: GrantStatus; basis: string; expected: number | null }[] = []
  let n = 0
  for (const status of GRANT_STATUSES) {
    for (const b of BASES) {
      const awarded = AWARDED_STATUSES.includes(status)
      const id = createGrant(
        db,
        SYSTEM,
        {
          orgCode: 'GM0363',
          schemeCode: b.scheme,
          title: `${status} ${b.name}`,
          status,
          probabilityPct: 50,
          ...(awarded ? { beschikkingsnummer: `B-${++n}`, awardedCents: EUR(400_000) } : { requestedCents: EUR(400_000) }),
          periodFrom: '2026-01-01',
          periodTo: '2027-12-31',
          ...b.terms,
        },
        o,
      ).id
      if (b.plan) putGrantYear(db, SYSTEM, id, 2026, { plannedLastenCents: EUR(200_000) }, o)
      addCommitment(db, SYSTEM, id, { source: 'eigen_middelen', amountCents: EUR(30_000), reservedInBegroting: true })
      cases.push({ id, status, basis: b.name, expected: DEAD_STATUSES.includes(status) && b.expected !== null ? 0 : b.expected })
    }
  }
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, now: TEST_NOW })
  const cof = REPORTS.cofinancing.compute(db, p) as CofinancingData
  const port = REPORTS.portfolio.compute(db, p) as PortfolioData
  const fc = REPORTS.forecast.compute(db, p) as ForecastData
  const cofById = new Map(cof.grants.map((g) => [g.grantId, g]))
  const fcById = new Map(fc.cofinancing.map((g) => [g.grantId, g]))
  for (const c of cases) {
    const label = `${c.status}, ${c.basis}`
    const res = await api({ method: 'GET', url: `/api/v1/grants/${c.id}` })
    t.equal(res.statusCode, 200, label)
    const detail = res.json().cofinancing as { requiredCents: number | null; committedCents: number; shortfallCents: number }
    const want = { required: c.expected ?? 0, committed: EUR(30_000), shortfall: Math.max(0, (c.expected ?? 0) - EUR(30_000)) }
    t.equal(detail.requiredCents, c.expected, `detail required: ${label}`)
    t.strictSame([detail.committedCents, detail.shortfallCents], [want.committed, want.shortfall], `detail committed/shortfall: ${label}`)
    const row = port.rows.find((r) => r.grantId === c.id)!
    t.strictSame(
      [row.cofinancingRequiredCents, row.cofinancingCommittedCents, row.cofinancingShortfallCents],
      [want.required, want.committed, want.shortfall],
      `portfolio: ${label}`,
    )
    const inCof = cofById.get(c.id)
    if (DEAD_STATUSES.includes(c.status)) t.notOk(inCof, `a ${c.status} grant owes nothing and is not listed: ${label}`)
    else {
      t.strictSame(
        [inCof!.requiredCents, inCof!.committedCents, inCof!.shortfallCents],
        [want.required, want.committed, want.shortfall],
        `co-financing: ${label}`,
      )
      const perYear = cof.rows.filter((r) => r.grantId === c.id)
      t.equal(
        perYear.reduce((s, r) => s + r.requiredCents, 0),
        want.required,
        `co-financing years add up: ${label}`,
      )
    }
    const inFc = fcById.get(c.id)
    if (DEAD_STATUSES.includes(c.status)) t.notOk(inFc, `the forecast leaves out ${label}`)
    else
      t.strictSame(
        [inFc!.requiredCents, inFc!.committedCents, inFc!.shortfallCents],
        [want.required, want.committed, want.shortfall],
        `forecast: ${label}`,
      )
  }
  t.equal(
    cof.shortfallGrants,
    cases.filter((c) => !DEAD_STATUSES.includes(c.status) && (c.expected ?? 0) > EUR(30_000)).length,
    'shortfall count',
  )
})
