// Grants over HTTP: creation rules (nature, taakveld, money), PATCH with If-Match, lists, scoping, archive and delete.
import t from 'tap'
import { seedOrganisation, testApp, userWithToken } from '../../helpers.js'

const base = { organisation: 'GM0363', scheme: 'bzk-regio-deals-5', title: 'Regio Deal Noord' }

t.test('bad input is a 400 naming the field, and nothing is written', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const cases: [Record<string, unknown>, string][] = [
    [{ requestedCents: -5 }, 'body.requestedCents'],
    [{ periodFrom: '2026-05-01', periodTo: '2026-01-01' }, 'body.periodTo'],
    [{ scheme: 'bestaat-niet' }, 'body.scheme'],
    [{ organisation: 'GM9999' }, 'body.organisation'],
    [{ taakveld: '6.71', periodFrom: '2024-01-01', periodTo: '2024-12-31' }, 'body.taakveld'],
    [{ taakveld: '99.9' }, 'body.taakveld'],
    [{ awardedCents: 1000 }, 'body.beschikkingsnummer'],
    [{ status: 'toegekend', beschikkingsnummer: 'B-1' }, 'body.awardedCents'],
    [{ nature: 'structureel' }, 'body.natureReason'],
    [{ bcfCents: 500, awardedCents: 100, beschikkingsnummer: 'B' }, 'body.bcfCents'],
    [{ extra: 1 }, 'body.extra'],
  ]
  for (const [patch, field] of cases) {
    const r = await api({ method: 'POST', url: '/api/v1/grants', payload: { ...base, ...patch } })
    t.equal(r.statusCode, 400, `${JSON.stringify(patch)} ${r.body}`)
    t.ok(
      r.json().errors.some((e: { field: string }) => e.field === field),
      `${JSON.stringify(patch)} names ${field}: ${JSON.stringify(r.json().errors)}`,
    )
  }
  const list = await api({ method: 'GET', url: '/api/v1/grants' })
  t.equal(list.json().total, 0)
  const audit = await api({ method: 'GET', url: '/api/v1/audit?entity=grant' })
  t.equal(audit.json().total, 0)
})

t.test('nature defaults by the BBV rule and can be overridden with a reason', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const inc = await api({ method: 'POST', url: '/api/v1/grants', payload: base })
  t.equal(inc.json().nature, 'incidenteel')
  t.equal(inc.json().natureReason, null)
  const g2 = await api({ method: 'POST', url: '/api/v1/grants', payload: { ...base, scheme: 'szw-g2', title: 'Participatie' } })
  t.equal(g2.json().nature, 'structureel', 'a structural legal basis gives structural money')
  const over = await api({
    method: 'POST',
    url: '/api/v1/grants',
    payload: { ...base, title: 'Vast', nature: 'structureel', natureReason: 'Raadsbesluit: structureel voortgezet uit eigen middelen' },
  })
  t.equal(over.statusCode, 201)
  t.match(over.json(), { nature: 'structureel', natureReason: /Raadsbesluit/ })
  const taak = await api({
    method: 'POST',
    url: '/api/v1/grants',
    payload: { ...base, title: 'Jeugd', taakveld: '6.71', periodFrom: '2021-01-01', periodTo: '2022-12-31' },
  })
  t.equal(taak.statusCode, 201, 'a taakveld valid in every year of the period is accepted')
})

t.test('PATCH honours If-Match: 412 when stale or weak, and two editors cannot overwrite each other', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const id = (await api({ method: 'POST', url: '/api/v1/grants', payload: base })).json().id
  const get = await api({ method: 'GET', url: `/api/v1/grants/${id}` })
  const etag = get.headers.etag as string
  t.equal(etag, '"1"')
  const first = await api({
    method: 'PATCH',
    url: `/api/v1/grants/${id}`,
    headers: { 'if-match': etag },
    payload: { owner: 'Piet', probabilityPct: 60 },
  })
  t.equal(first.statusCode, 200)
  t.equal(first.headers.etag, '"2"')
  t.match(first.json(), { owner: 'Piet', probabilityPct: 60, version: 2 })
  const second = await api({ method: 'PATCH', url: `/api/v1/grants/${id}`, headers: { 'if-match': etag }, payload: { owner: 'Klaas' } })
  t.equal(second.statusCode, 412)
  t.equal(second.json().currentVersion, 2)
  t.equal((await api({ method: 'GET', url: `/api/v1/grants/${id}` })).json().owner, 'Piet', 'the stale write changed nothing')
  const status = await api({
    method: 'PATCH',
    url: `/api/v1/grants/${id}`,
    headers: { 'if-match': '"2"' },
    payload: { status: 'toegekend' },
  })
  t.equal(status.statusCode, 400, 'status is not a PATCH field')
  const badTaak = await api({
    method: 'PATCH',
    url: `/api/v1/grants/${id}`,
    headers: { 'if-match': '"2"' },
    payload: { taakveld: '6.71', periodFrom: '2025-01-01', periodTo: '2025-12-31' },
  })
  t.equal(badTaak.statusCode, 400)
  t.match(badTaak.json().errors, [{ field: 'body.taakveld', message: /niet geldig in 2025/ }])
  const spend = await api({
    method: 'PATCH',
    url: `/api/v1/grants/${id}`,
    headers: { 'if-match': '"2"' },
    payload: { spendUntil: '2027-12-31', spendUntilReason: 'besluit minister' },
  })
  t.match(spend.json().spendDeadlines, [{ spendUntil: '2027-12-31', previous: null, changedOn: '2026-11-28', reason: 'besluit minister' }])
  const same = await api({ method: 'PATCH', url: `/api/v1/grants/${id}`, headers: { 'if-match': '"3"' }, payload: { owner: 'Piet' } })
  t.equal(same.json().version, 3, 'a PATCH that changes nothing keeps the version')
  const weak = await api({ method: 'PATCH', url: `/api/v1/grants/${id}`, headers: { 'if-match': 'W/"3"' }, payload: { owner: 'Jan' } })
  t.equal(weak.statusCode, 412, 'If-Match compares strongly: a weak tag never matches (RFC 9110 13.1.1)')
  // docs/api.md: PATCH honours If-Match; a client that sends none writes over the current version.
  const none = await api({ method: 'PATCH', url: `/api/v1/grants/${id}`, payload: { owner: 'Jan' } })
  t.equal(none.statusCode, 200)
  t.equal(none.json().version, 4)
})

t.test('lists filter by organisation, status, scheme and year, sort and page, and show only visible organisations', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const mk = async (p: Record<string, unknown>) =>
    (await api({ method: 'POST', url: '/api/v1/grants', payload: { ...base, ...p } })).json().id as number
  const a = await mk({ title: 'A', periodFrom: '2025-01-01', periodTo: '2026-12-31', requestedCents: 300 })
  await mk({ title: 'B', scheme: 'szw-g2', periodFrom: '2027-01-01', periodTo: '2027-12-31', requestedCents: 100 })
  await mk({ title: 'C', organisation: 'GM0599', requestedCents: 200 })
  await api({ method: 'PUT', url: `/api/v1/grants/${a}/years/2026`, payload: { plannedBatenCents: 700, plannedLastenCents: 700 } })
  const all = await api({ method: 'GET', url: '/api/v1/grants?sort=-requestedCents' })
  t.strictSame(
    all.json().items.map((g: { title: string }) => g.title),
    ['A', 'C', 'B'],
  )
  t.equal(all.json().items[0].yearFigures.plannedBatenCents, 700, 'current-year figures are in the list')
  t.equal((await api({ method: 'GET', url: '/api/v1/grants?org=GM0599' })).json().total, 1)
  t.equal((await api({ method: 'GET', url: '/api/v1/grants?scheme=szw-g2' })).json().items[0].title, 'B')
  t.strictSame(
    (await api({ method: 'GET', url: '/api/v1/grants?year=2027' })).json().items.map((g: { title: string }) => g.title),
    ['B'],
  )
  t.equal((await api({ method: 'GET', url: '/api/v1/grants?status=verkenning,aangevraagd&limit=2&offset=2' })).json().items.length, 1)
  t.equal((await api({ method: 'GET', url: '/api/v1/grants?status=bestaat' })).statusCode, 400)
  const reader = userWithToken(db, 'lezer@rdam.test', [{ orgCode: 'GM0599', role: 'lezer' }])
  const mine = await api({ method: 'GET', url: '/api/v1/grants', token: reader })
  t.strictSame(
    mine.json().items.map((g: { title: string }) => g.title),
    ['C'],
  )
  t.equal(
    (await api({ method: 'GET', url: `/api/v1/grants/${a}`, token: reader })).statusCode,
    404,
    "another organisation's grant does not exist for them",
  )
  const c = mine.json().items[0].id
  const write = await api({
    method: 'PATCH',
    url: `/api/v1/grants/${c}`,
    token: reader,
    headers: { 'if-match': '"1"' },
    payload: { owner: 'x' },
  })
  t.equal(write.statusCode, 403, 'a lezer cannot edit')
})

t.test('a grant with history is archived, not deleted', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const fresh = (await api({ method: 'POST', url: '/api/v1/grants', payload: base })).json().id
  const used = (await api({ method: 'POST', url: '/api/v1/grants', payload: { ...base, title: 'Gebruikt' } })).json().id
  await api({ method: 'PATCH', url: `/api/v1/grants/${used}`, headers: { 'if-match': '"1"' }, payload: { owner: 'Piet' } })
  const refused = await api({ method: 'DELETE', url: `/api/v1/grants/${used}` })
  t.equal(refused.statusCode, 409)
  t.match(refused.json().detail, /archiveer/)
  t.equal((await api({ method: 'DELETE', url: `/api/v1/grants/${fresh}` })).statusCode, 204, 'a mistake without history may go')
  t.equal((await api({ method: 'GET', url: `/api/v1/grants/${fresh}` })).statusCode, 404)
  const archived = await api({ method: 'POST', url: `/api/v1/grants/${used}/archive` })
  t.equal(archived.json().archived, true)
  t.equal((await api({ method: 'GET', url: '/api/v1/grants' })).json().total, 0)
  t.equal((await api({ method: 'GET', url: '/api/v1/grants?archived=true' })).json().total, 1)
  const trail = await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${fresh}` })
  t.strictSame(
    trail.json().items.map((e: { action: string }) => e.action),
    ['create', 'delete'],
    'the deletion itself is on the record',
  )
})
