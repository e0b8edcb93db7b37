// Money of a grant across years, payments, and co-financing required vs committed vs reserved vs realised.
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { addCommitment, cofinancingStatus, createGrant, putGrantYear, updateGrant } from '../../../db/repositories/grants.js'
import { freshDb, seedOrganisation, testApp } from '../../helpers.js'

t.test('PUT years across a multi-year award; fields left out keep their value; bad figures name the field', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const id = (
    await api({
      method: 'POST',
      url: '/api/v1/grants',
      payload: { organisation: 'GM0363', scheme: 'bzk-regio-deals-5', title: 'RD', periodFrom: '2025-01-01', periodTo: '2028-12-31' },
    })
  ).json().id
  for (const year of [2025, 2026, 2027, 2028]) {
    const r = await api({
      method: 'PUT',
      url: `/api/v1/grants/${id}/years/${year}`,
      payload: { plannedBatenCents: 333_333_33, plannedLastenCents: 333_333_34, cofinancingPlannedCents: 100_00 },
    })
    t.equal(r.statusCode, 201)
  }
  const upd = await api({
    method: 'PUT',
    url: `/api/v1/grants/${id}/years/2025`,
    payload: { realisedLastenCents: 120_000_00, structuralLastenCents: 20_000_00 },
  })
  t.equal(upd.statusCode, 200)
  t.match(upd.json(), { year: 2025, plannedBatenCents: 333_333_33, realisedLastenCents: 120_000_00, structuralLastenCents: 20_000_00 })
  const g = (await api({ method: 'GET', url: `/api/v1/grants/${id}` })).json()
  t.equal(g.years.length, 4)
  t.equal(
    g.years.reduce((s: number, y: { plannedLastenCents: number }) => s + y.plannedLastenCents, 0),
    1_333_333_36,
    'sums across years are exact cents',
  )
  t.equal(g.cofinancing.plannedCents, 400_00)
  const bad = [
    [2025, { plannedBatenCents: -1 }, 'body.plannedBatenCents'],
    [2024, { plannedBatenCents: 1 }, 'params.year'],
    [2026, { structuralLastenCents: 999_999_999_99 }, 'body.structuralLastenCents'],
    [2026, { plannedBatenCents: 1.5 }, 'body.plannedBatenCents'],
  ] as const
  for (const [year, body, field] of bad) {
    const r = await api({ method: 'PUT', url: `/api/v1/grants/${id}/years/${year}`, payload: body })
    t.equal(r.statusCode, 400)
    t.ok(
      r.json().errors.some((e: { field: string }) => e.field === field),
      `${JSON.stringify(body)} -> ${field}`,
    )
  }
  const corr = await api({ method: 'PUT', url: `/api/v1/grants/${id}/years/2026`, payload: { realisedBatenCents: -500 } })
  t.equal(corr.statusCode, 200, 'a realised figure may be a negative correction')
  const stale = await api({
    method: 'PUT',
    url: `/api/v1/grants/${id}/years/2026`,
    headers: { 'if-match': '"1"' },
    payload: { realisedBatenCents: 0 },
  })
  t.equal(stale.statusCode, 412)
})

t.test('payments are their own rows', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const id = (
    await api({ method: 'POST', url: '/api/v1/grants', payload: { organisation: 'GM0363', scheme: 'szw-g2', title: 'G2' } })
  ).json().id
  t.equal(
    (
      await api({
        method: 'POST',
        url: `/api/v1/grants/${id}/payments`,
        payload: { kind: 'voorschot', paidOn: '2026-03-01', amountCents: 1000_00 },
      })
    ).statusCode,
    201,
  )
  const r = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/payments`,
    payload: { kind: 'terugbetaling', paidOn: '2026-10-01', amountCents: 100_00 },
  })
  t.strictSame(
    r.json().payments.map((p: { kind: string; amountCents: number }) => [p.kind, p.amountCents]),
    [
      ['voorschot', 1000_00],
      ['terugbetaling', 100_00],
    ],
  )
  t.equal(
    (
      await api({
        method: 'POST',
        url: `/api/v1/grants/${id}/payments`,
        payload: { kind: 'voorschot', paidOn: '2026-03-01', amountCents: -5 },
      })
    ).statusCode,
    400,
  )
  t.equal(
    (await api({ method: 'POST', url: `/api/v1/grants/${id}/payments`, payload: { kind: 'gift', paidOn: '2026-03-01', amountCents: 5 } }))
      .statusCode,
    400,
  )
})

t.test('co-financing requirement from the scheme or the grant, against commitments', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  // Regio Deal: 50 % of the total cost (scheme). Without a plan the total is rijks + co-financing.
  const rd = createGrant(db, SYSTEM, {
    orgCode: 'GM0363',
    schemeCode: 'bzk-regio-deals-5',
    title: 'RD',
    beschikkingsnummer: 'RD-1',
    awardedCents: 10_000_000_00,
    periodFrom: '2026-01-01',
    periodTo: '2027-12-31',
  })
  t.match(cofinancingStatus(db, rd.id), {
    basis: 'total_cost',
    requirementFrom: 'scheme',
    requiredCents: 10_000_000_00,
    committedCents: 0,
    shortfallCents: 10_000_000_00,
  })
  putGrantYear(db, SYSTEM, rd.id, 2026, { plannedLastenCents: 9_000_000_01 })
  putGrantYear(db, SYSTEM, rd.id, 2027, { plannedLastenCents: 9_000_000_00, cofinancingRealisedCents: 123_00 })
  t.equal(cofinancingStatus(db, rd.id).requiredCents, 9_000_000_01, '50 % of 18.000.000,01 rounds half away from zero')
  addCommitment(db, SYSTEM, rd.id, { source: 'eigen_middelen', amountCents: 5_000_000_00, reservedInBegroting: true })
  addCommitment(db, SYSTEM, rd.id, { source: 'provincie', year: 2026, amountCents: 3_000_000_00, reservedInBegroting: false })
  t.match(cofinancingStatus(db, rd.id), {
    committedCents: 8_000_000_00,
    reservedCents: 5_000_000_00,
    realisedCents: 123_00,
    shortfallCents: 1_000_000_01,
    bySource: [
      { source: 'eigen_middelen', committedCents: 5_000_000_00, reservedCents: 5_000_000_00 },
      { source: 'provincie', committedCents: 3_000_000_00, reservedCents: 0 },
    ],
  })
  // The grant's own terms win: 60 % of the rijksbijdrage, then a fixed amount.
  updateGrant(db, SYSTEM, rd.id, { cofinancingBasis: 'rijksbijdrage', cofinancingBp: 6000 }, undefined)
  t.match(cofinancingStatus(db, rd.id), { requirementFrom: 'grant', requiredCents: 6_000_000_00, shortfallCents: 0 })
  updateGrant(db, SYSTEM, rd.id, { cofinancingBasis: 'fixed', cofinancingBp: null, cofinancingFixedCents: 9_500_000_00 }, undefined)
  t.match(cofinancingStatus(db, rd.id), { requiredCents: 9_500_000_00, shortfallCents: 1_500_000_00 })
  const none = createGrant(db, SYSTEM, { orgCode: 'GM0363', schemeCode: 'szw-g2', title: 'G2' })
  t.match(cofinancingStatus(db, none.id), { basis: null, requiredCents: null, shortfallCents: 0 })
  t.throws(() => addCommitment(db, SYSTEM, none.id, { source: 'gemeente' as 'derden', amountCents: 1, reservedInBegroting: false }), {
    name: 'GrantInputError',
  })
})
