// The grant lifecycle over HTTP: allowed steps, 409 listing the possible ones, what each step needs and fills.
import t from 'tap'
import { allowedTransitions, planTransition } from '../../../db/lifecycle.js'
import { seedOrganisation, testApp } from '../../helpers.js'

t.test('the lifecycle as data', async (t) => {
  t.strictSame(allowedTransitions('afgesloten'), [])
  t.ok(allowedTransitions('toegekend').includes('gewijzigd'))
  const r = planTransition(
    { status: 'aangevraagd', beschikkingsnummer: null, requestedCents: 100, awardedCents: null, bcfCents: 0, lastEventOn: null },
    { to: 'toegekend', on: '2026-03-01' },
  )
  t.match(r, { ok: false, conflict: false, errors: [{ field: 'beschikkingsnummer' }, { field: 'amountCents' }] })
})

t.test('a grant goes verkenning -> aangevraagd -> toegekend -> gewijzigd -> vastgesteld -> afgesloten', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const created = await api({
    method: 'POST',
    url: '/api/v1/grants',
    payload: { organisation: 'GM0363', scheme: 'bzk-energiearmoede-2022', title: 'Energiearmoede Noord', requestedCents: 50_000_00 },
  })
  t.equal(created.statusCode, 201)
  const id = created.json().id
  t.equal(created.json().status, 'verkenning')
  t.equal(created.headers.etag, '"1"')

  const skip = await api({ method: 'POST', url: `/api/v1/grants/${id}/transitions`, payload: { to: 'vastgesteld', on: '2026-02-01' } })
  t.equal(skip.statusCode, 409)
  t.strictSame(skip.json().allowedTransitions, ['in_voorbereiding', 'aangevraagd', 'toegekend', 'ingetrokken'])
  t.match(skip.json().detail, /mogelijk: in_voorbereiding/)

  const applied = await api({ method: 'POST', url: `/api/v1/grants/${id}/transitions`, payload: { to: 'aangevraagd', on: '2026-02-01' } })
  t.equal(applied.statusCode, 200)
  t.equal(applied.json().appliedOn, '2026-02-01')

  const noNumber = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: { to: 'toegekend', on: '2026-03-15', amountCents: 48_000_00 },
  })
  t.equal(noNumber.statusCode, 400)
  t.match(noNumber.json().errors, [{ field: 'beschikkingsnummer' }])

  const early = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: { to: 'toegekend', on: '2026-01-15', amountCents: 1, beschikkingsnummer: 'X' },
  })
  t.equal(early.statusCode, 400, 'a step cannot be dated before the previous one')
  t.match(early.json().errors, [{ field: 'on' }])

  const awarded = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: {
      to: 'toegekend',
      on: '2026-03-15',
      amountCents: 48_000_00,
      beschikkingsnummer: 'EA-2026-001',
      spendUntil: '2027-05-01',
      bcfCents: 8_000_00,
    },
  })
  t.equal(awarded.statusCode, 200)
  t.match(awarded.json(), {
    status: 'toegekend',
    awardedCents: 48_000_00,
    beschikkingsnummer: 'EA-2026-001',
    awardedOn: '2026-03-15',
    spendUntil: '2027-05-01',
    bcfCents: 8_000_00,
  })
  t.match(awarded.json().beschikkingen, [{ nummer: 'EA-2026-001', kind: 'toekenning', date: '2026-03-15', amountCents: 48_000_00 }])

  const amended = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: {
      to: 'gewijzigd',
      on: '2026-06-01',
      beschikkingsnummer: 'EA-2026-001-W1',
      spendUntil: '2027-12-31',
      amountCents: 52_000_00,
      note: 'verlenging',
    },
  })
  t.equal(amended.statusCode, 200)
  t.equal(amended.json().status, 'toegekend', 'an amendment keeps the status')
  t.equal(amended.json().awardedCents, 52_000_00)
  t.strictSame(
    amended.json().spendDeadlines.map((d: { spendUntil: string; previous: string | null }) => [d.previous, d.spendUntil]),
    [
      [null, '2027-05-01'],
      ['2027-05-01', '2027-12-31'],
    ],
  )
  t.equal(amended.json().beschikkingen.length, 2)

  const emptyAmendment = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: { to: 'gewijzigd', on: '2026-07-01', beschikkingsnummer: 'W2' },
  })
  t.equal(emptyAmendment.statusCode, 400, 'an amendment must change something')

  const established = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: { to: 'vastgesteld', on: '2027-06-30', amountCents: 50_000_00 },
  })
  t.equal(established.statusCode, 200)
  t.equal(established.json().establishedOn, '2027-06-30')
  const closed = await api({ method: 'POST', url: `/api/v1/grants/${id}/transitions`, payload: { to: 'afgesloten', on: '2027-07-01' } })
  t.equal(closed.json().status, 'afgesloten')
  t.strictSame(closed.json().allowedTransitions, [])
  const after = await api({ method: 'POST', url: `/api/v1/grants/${id}/transitions`, payload: { to: 'ingetrokken', on: '2027-08-01' } })
  t.equal(after.statusCode, 409)
  t.match(after.json().detail, /eindstatus/)
  t.strictSame(
    closed.json().transitions.map((x: { event: string }) => x.event),
    ['aangemaakt', 'aangevraagd', 'toegekend', 'gewijzigd', 'vastgesteld', 'afgesloten'],
  )
  t.equal(closed.json().version, 6)
})

t.test('afgewezen and ingetrokken are ends; an unknown target is a 400', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const id = (
    await api({
      method: 'POST',
      url: '/api/v1/grants',
      payload: { organisation: 'GM0363', scheme: 'vws-sport-2025', title: 'Sport', requestedCents: 1000, status: 'aangevraagd' },
    })
  ).json().id
  const rejected = await api({ method: 'POST', url: `/api/v1/grants/${id}/transitions`, payload: { to: 'afgewezen', on: '2026-04-01' } })
  t.equal(rejected.json().status, 'afgewezen')
  t.equal(rejected.json().closedOn, '2026-04-01')
  const bad = await api({ method: 'POST', url: `/api/v1/grants/${id}/transitions`, payload: { to: 'goedgekeurd', on: '2026-04-01' } })
  t.equal(bad.statusCode, 400)
  const stale = await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    headers: { 'if-match': '"1"' },
    payload: { to: 'toegekend', on: '2026-04-02' },
  })
  t.equal(stale.statusCode, 412)
})
