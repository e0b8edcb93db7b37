// One rule for what a grant itself spent (db/rules/spend.ts): lasten minus the co-financing booked on them. The SiSa
// besteding prefill, its cumulative check, the expected repayment and the overlopende passiva all count the same
// spending of a co-financed spuk. Before, the SiSa prefill counted all lasten (EUR 150 k against an award of
// EUR 100 k, with a false 'above the award' finding) while repayment and passiva counted EUR 75 k.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { addPayment, createGrant, putGrantYear } from '../../db/repositories/grants.js'
import { getYearDefinitions } from '../../db/repositories/sisa.js'
import { grantFundedCents, grantFundedSpentCents } from '../../db/rules/spend.js'
import { passivaAndFindings } from '../../reports/bbv.js'
import { expectedRepayments } from '../../reports/forecast.js'
import { loadGrants } from '../../reports/report-data.js'
import { computeSisa } from '../../reports/sisa.js'
import { freshDb } from '../helpers.js'

const EUR = (e: number) => e * 100

t.test('the rule: lasten minus co-financing; the spent form never below zero', async (t) => {
  t.equal(grantFundedCents({ lastenCents: EUR(150_000), cofinancingCents: EUR(75_000) }), EUR(75_000))
  t.equal(grantFundedCents({ lastenCents: -EUR(1_000), cofinancingCents: 0 }), -EUR(1_000), 'a correction year stays negative')
  t.equal(grantFundedSpentCents({ lastenCents: EUR(10_000), cofinancingCents: EUR(12_000) }), 0)
  t.throws(() => grantFundedCents({ lastenCents: Number.MAX_SAFE_INTEGER, cofinancingCents: -1 }), 'no silent float overflow')
})

t.test('a co-financed spuk: SiSa besteding, cumulative check, repayment and passiva count the same spending', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  // A shipped regeling with one besteding indicator (and no split needed) in a year Woud has definitions for.
  const schemes = db.$client.prepare('SELECT code, sisa_code AS sisaCode FROM schemes WHERE sisa_code IS NOT NULL').all() as {
    code: string
    sisaCode: string
  }[]
  const years = (db.$client.prepare('SELECT DISTINCT sisa_year AS y FROM sisa_regelingen ORDER BY y DESC').all() as { y: number }[]).map(
    (r) => r.y,
  )
  let pick: { year: number; scheme: string; sisaCode: string } | undefined
  for (const year of years) {
    for (const reg of getYearDefinitions(db, year)!.regelingen) {
      const spending = reg.indicators.filter((i) => i.role === 'besteding' && !i.formula && i.rowDimension === 'none')
      const scheme = schemes.find((s) => s.sisaCode === reg.sisaCode)
      if (spending.length === 1 && scheme) {
        pick = { year, scheme: scheme.code, sisaCode: reg.sisaCode }
        break
      }
    }
    if (pick) break
  }
  if (!pick) throw new Error('no shipped regeling with one besteding indicator')
  const { year } = pick
  const org = createOrganisation(db, SYSTEM, { code: 'GM0999', name: 'Cofinancierdorp' })
  const o = { today: `${year + 1}-03-01` }
  const id = createGrant(
    db,
    SYSTEM,
    {
      organisationId: org.id,
      schemeCode: pick.scheme,
      title: 'Gecofinancierd project',
      status: 'toegekend',
      beschikkingsnummer: 'COF-1',
      awardedCents: EUR(100_000),
      awardedOn: `${year}-01-15`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      spendUntil: `${year}-12-31`,
    },
    o,
  ).id
  putGrantYear(
    db,
    SYSTEM,
    id,
    year,
    { realisedBatenCents: EUR(75_000), realisedLastenCents: EUR(150_000), cofinancingRealisedCents: EUR(75_000) },
    o,
  )
  addPayment(db, SYSTEM, id, { kind: 'betaling', paidOn: `${year}-06-01`, amountCents: EUR(100_000) })

  const sisa = computeSisa(db, org.id, year)
  const block = sisa.blocks.find((b) => b.grantId === id)!
  const besteding = block.indicators.find((i) => i.role === 'besteding')!.cells[0]
  t.equal(besteding.source, 'prefill:besteding')
  t.equal(besteding.value?.cents, EUR(75_000), 'SiSa besteding is the grant-funded part')
  t.match(besteding.explanation, /gerealiseerde lasten min cofinanciering/, 'and says so')
  t.notOk(
    sisa.findings.some((f) => f.grantId === id && f.check === 'cumulative-above-award'),
    'no false finding that spending exceeds the award',
  )
  t.notOk(
    sisa.findings.some((f) => f.grantId === id && f.check === 'ledger-mismatch'),
    'the prefill agrees with the ledger by the same rule',
  )

  const gs = loadGrants(db, org.id)
  const passiva = passivaAndFindings(gs, year).lines.find((l) => l.grantId === id)!
  t.equal(passiva.spentCents, EUR(75_000), 'the passiva count the same spending')
  t.equal(passiva.endCents, EUR(25_000), 'received 100 k minus spent 75 k stays on the balance sheet')
  const repayment = expectedRepayments(gs, year + 1).find((r) => r.grantId === id)!
  t.equal(repayment.spentCents, EUR(75_000), 'the repayment counts the same spending')
  t.equal(repayment.expectedRepaymentCents, EUR(25_000), 'and expects the unspent 25 k back')
})
