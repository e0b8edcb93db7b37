// GET /api/v1/deadlines, POST /api/v1/grants/:id/deadlines, POST|DELETE /api/v1/deadlines/:id/done over real HTTP injection.
import t from 'tap'
import { seedPortfolio } from '../../fixtures/deadlines.js'
import { testApp, userWithToken } from '../../helpers.js'

async function setup(t: Parameters<typeof testApp>[0]) {
  const ta = await testApp(t)
  const seeded = seedPortfolio(ta.db)
  const medewerker = userWithToken(ta.db, 'mw@amsterdam.nl', [{ orgCode: 'GM0363', role: 'medewerker' }])
  const lezer = userWithToken(ta.db, 'lezer@amsterdam.nl', [{ orgCode: 'GM0363', role: 'lezer' }])
  const rotterdam = userWithToken(ta.db, 'mw@rotterdam.nl', [{ orgCode: 'GM0599', role: 'medewerker' }])
  return { ...ta, ...seeded, medewerker, lezer, rotterdam }
}

t.test('list with filters, scoped to what the caller may see', async (t) => {
  const { api, lezer, rotterdam } = await setup(t)
  const res = await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0363&from=2026-11-01&to=2026-12-31', token: lezer })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.strictSame(
    body.items.map((d: { id: string }) => d.id),
    ['cycle:begroting:GM0363:2026', 'cycle:decembercirculaire:GM0363:2026', 'spend:4'],
  )
  t.equal(body.total, 3)
  t.match(body.items[0], {
    date: '2026-11-16',
    nominalDate: '2026-11-14',
    state: 'overdue',
    urgency: 'high',
    organisation: 'GM0363',
    atwApplies: true,
  })
  t.notOk('organisationId' in body.items[0], 'no internal ids beyond the schema')

  const overdue = (await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0363&state=overdue&from=2026-01-01', token: lezer })).json()
  t.ok(overdue.items.every((d: { state: string }) => d.state === 'overdue') && overdue.total === 3)
  const paged = (await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0363&limit=2&offset=1', token: lezer })).json()
  t.equal(paged.items.length, 2)
  t.ok(paged.total > 2)

  const mine = (await api({ method: 'GET', url: '/api/v1/deadlines', token: rotterdam })).json()
  t.ok(
    mine.total > 0 && mine.items.every((d: { organisation: string }) => d.organisation === 'GM0599'),
    'without org: only visible organisations',
  )
  t.equal(
    (await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0363', token: rotterdam })).statusCode,
    404,
    'another organisation is a 404',
  )
  const cat = (
    await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0363&includeCatalogue=true&kind=window-close', token: lezer })
  ).json()
  t.ok(cat.items.some((d: { id: string }) => d.id === 'window-close:test-sport-2027:2027'))
})

t.test('bad queries are 400 problems', async (t) => {
  const { api } = await setup(t)
  const swapped = await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0363&from=2027-01-01&to=2026-01-01' })
  t.equal(swapped.statusCode, 400)
  t.equal(swapped.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(swapped.json().detail, /ligt na/)
  t.equal((await api({ method: 'GET', url: '/api/v1/deadlines?from=2026-02-30' })).statusCode, 400)
  t.equal((await api({ method: 'GET', url: '/api/v1/deadlines?state=late' })).statusCode, 400)
  t.equal((await api({ method: 'GET', url: '/api/v1/deadlines?colour=red' })).statusCode, 400)
})

t.test('custom deadlines on a grant', async (t) => {
  const { api, awarded, medewerker, lezer, rotterdam } = await setup(t)
  const url = `/api/v1/grants/${awarded.id}/deadlines`
  const res = await api({
    method: 'POST',
    url,
    payload: { title: 'Tussenrapportage', date: '2027-01-02', legalInstrument: 'wet' },
    token: medewerker,
  })
  t.equal(res.statusCode, 201)
  t.match(res.json(), {
    id: /^custom:\d+$/,
    title: 'Tussenrapportage',
    nominalDate: '2027-01-02',
    date: '2027-01-04',
    legalInstrument: 'wet',
    atwApplies: true,
    grantId: awarded.id,
    state: 'open',
    custom: true,
  })

  const noDate = await api({ method: 'POST', url, payload: { title: 'x' }, token: medewerker })
  t.equal(noDate.statusCode, 400)
  t.match(noDate.json().errors, [{ field: 'body.date' }])
  const impossible = await api({ method: 'POST', url, payload: { title: 'x', date: '2027-02-30' }, token: medewerker })
  t.equal(impossible.statusCode, 400)
  t.match(impossible.json().errors, [{ field: 'body.date', message: /geen bestaande datum/ }])
  t.equal(
    (await api({ method: 'POST', url, payload: { title: 'x', date: '2027-01-01', legalInstrument: 'verordening' }, token: medewerker }))
      .statusCode,
    400,
  )
  t.equal(
    (await api({ method: 'POST', url, payload: { title: 'x', date: '2027-01-01' }, token: lezer })).statusCode,
    403,
    'a lezer cannot add',
  )
  t.equal(
    (await api({ method: 'POST', url, payload: { title: 'x', date: '2027-01-01' }, token: rotterdam })).statusCode,
    404,
    'another organisation cannot see the grant',
  )
  t.equal(
    (await api({ method: 'POST', url: '/api/v1/grants/9999/deadlines', payload: { title: 'x', date: '2027-01-01' } })).statusCode,
    404,
  )
})

t.test('marking deadlines done', async (t) => {
  const { api, db, awarded, otherGrant, medewerker, rotterdam, lezer } = await setup(t)
  const sisa = await api({
    method: 'POST',
    url: '/api/v1/deadlines/sisa:GM0363:2025/done',
    payload: { note: 'geüpload' },
    token: medewerker,
  })
  t.equal(sisa.statusCode, 200)
  t.match(sisa.json(), {
    id: 'sisa:GM0363:2025',
    state: 'done',
    doneBy: 'mw@amsterdam.nl',
    doneAt: '2026-11-28T10:00:00.000Z',
    urgency: 'none',
  })
  const again = await api({ method: 'POST', url: '/api/v1/deadlines/sisa:GM0363:2025/done', token: medewerker })
  t.equal(again.json().doneAt, '2026-11-28T10:00:00.000Z', 'idempotent: the first completion stays')
  t.equal((db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'deadline_completion'").get() as { n: number }).n, 1)

  // A window key names a scheme; the organisation follows from the caller's single role.
  const w = await api({ method: 'POST', url: '/api/v1/deadlines/window-close:test-lai-t3:3/done', token: medewerker })
  t.equal(w.statusCode, 200)
  t.equal(w.json().state, 'done')
  const list = (await api({ method: 'GET', url: '/api/v1/deadlines?org=GM0599&includeCatalogue=true', token: rotterdam })).json()
  t.ok(
    list.items.every((d: { state: string; id: string }) => d.id !== 'window-close:test-lai-t3:3' || d.state !== 'done'),
    'completion is per organisation',
  )

  t.equal(
    (await api({ method: 'POST', url: '/api/v1/deadlines/sisa:GM0363:2025/done', token: rotterdam })).statusCode,
    404,
    "another organisation's deadline is a 404",
  )
  t.equal((await api({ method: 'POST', url: `/api/v1/deadlines/spend:${otherGrant.id}/done`, token: medewerker })).statusCode, 404)
  t.equal(
    (await api({ method: 'POST', url: `/api/v1/deadlines/spend:${otherGrant.id}/done`, token: medewerker, payload: { org: 'GM0363' } }))
      .statusCode,
    404,
  )
  t.equal(
    (await api({ method: 'POST', url: '/api/v1/deadlines/sisa:GM0363:2031/done', token: medewerker })).statusCode,
    404,
    'a year without SiSa duty',
  )
  t.equal((await api({ method: 'POST', url: '/api/v1/deadlines/nonsense/done', token: medewerker })).statusCode, 404)
  t.equal((await api({ method: 'POST', url: `/api/v1/deadlines/spend:${awarded.id}/done`, token: lezer })).statusCode, 403)
  t.equal(
    (await api({ method: 'POST', url: '/api/v1/deadlines/window-close:test-lai-t3:3/done' })).statusCode,
    400,
    'an operator must say which organisation',
  )

  const custom = (
    await api({
      method: 'POST',
      url: `/api/v1/grants/${awarded.id}/deadlines`,
      payload: { title: 'Rapport', date: '2027-02-01' },
      token: medewerker,
    })
  ).json()
  const byId = await api({ method: 'POST', url: `/api/v1/deadlines/${custom.id.slice('custom:'.length)}/done`, token: medewerker })
  t.match(byId.json(), { id: custom.id, state: 'done' })
  const reopened = await api({ method: 'DELETE', url: `/api/v1/deadlines/${custom.id}/done`, token: medewerker })
  t.match(reopened.json(), { state: 'open', doneAt: null })
})
