import t from 'tap'
import { testApp, seedOrganisation, userWithToken } from '../helpers.js'

t.test('healthz is open and reports the bundled catalogue', async (t) => {
  const { api } = await testApp(t)
  const r = await api({ url: '/healthz', token: null })
  t.equal(r.statusCode, 200)
  t.match(r.json(), { status: 'ok' })
  t.ok(r.json().schemes >= 20)
})

t.test('schemes: list with filters, detail, problems', async (t) => {
  const { api } = await testApp(t)
  const all = (await api({ url: '/api/v1/schemes?limit=1000' })).json()
  t.ok(all.total >= 20)
  t.equal(all.items.length, all.total)
  t.ok(all.items.every((s: { windows: unknown[] }) => Array.isArray(s.windows)))

  const vws = (await api({ url: '/api/v1/schemes?ministry=vws&limit=1000' })).json()
  t.ok(vws.total > 0 && vws.items.every((s: { ministry: string }) => s.ministry === 'VWS'), 'ministry filter, case-insensitive')
  const nonSpuk = (await api({ url: '/api/v1/schemes?instrument=algemene_uitkering' })).json()
  t.ok(
    nonSpuk.items.some((s: { name: string; sisaRequired: boolean }) => /Energietoeslag/.test(s.name) && s.sisaRequired === false),
    'energietoeslag is not a spuk',
  )
  const q = (await api({ url: '/api/v1/schemes?q=isolatie' })).json()
  t.ok(q.items.length >= 1 && q.items.every((s: { name: string; code: string }) => /isolatie/i.test(s.name + s.code)))
  const y2020 = (await api({ url: '/api/v1/schemes?year=2020&limit=1000' })).json()
  t.ok(
    y2020.items.every(
      (s: { startYear: number | null; endYear: number | null }) => (s.startYear ?? 0) <= 2020 && (s.endYear ?? 9999) >= 2020,
    ),
    'year filter',
  )
  const inc = (await api({ url: '/api/v1/schemes?nature=structureel&limit=1000' })).json()
  t.ok(inc.items.every((s: { nature: string }) => s.nature === 'structureel'))
  const page = (await api({ url: '/api/v1/schemes?limit=5&offset=5' })).json()
  t.equal(page.items.length, 5)
  t.equal(page.items[0].code, all.items[5].code, 'paging is stable')

  const one = await api({ url: '/api/v1/schemes/vro-woningbouwimpuls' })
  t.equal(one.statusCode, 200)
  t.equal(one.json().sisaCode, 'C9')
  t.ok(one.json().windows.length >= 3, 'tranches as windows')
  const energie = (await api({ url: '/api/v1/schemes/bzk-energiearmoede-2022' })).json()
  t.same(
    energie.spendDeadlines.map((d: { spendUntil: string }) => d.spendUntil),
    ['2023-05-01'],
    'spend-deadline history',
  )
  t.equal(energie.spendUntil, '2025-12-31')

  const missing = await api({ url: '/api/v1/schemes/bestaat-niet' })
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['content-type'], /application\/problem\+json/)
  t.match(missing.json(), { status: 404, title: 'Niet gevonden', instance: '/api/v1/schemes/bestaat-niet' })

  const unknownParam = await api({ url: '/api/v1/schemes?colour=red' })
  t.equal(unknownParam.statusCode, 400)
  t.match(unknownParam.json().errors, [{ field: 'querystring.colour', message: 'onbekend veld' }])
  const badEnum = await api({ url: '/api/v1/schemes?nature=permanent' })
  t.equal(badEnum.statusCode, 400)
  t.ok(badEnum.json().errors.length >= 1)
})

t.test('organisations: create (operator), list scoped to the caller, conflicts and bad bodies', async (t) => {
  const { api, db } = await testApp(t)
  const created = await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'gm0363', name: 'Amsterdam' } })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { code: 'GM0363', name: 'Amsterdam', kind: 'gemeente' })
  const gr = await api({
    method: 'POST',
    url: '/api/v1/organisations',
    payload: { code: 'GR0042', name: 'Stroomopwaarts MVS', kind: 'gr', members: ['GM0363'] },
  })
  t.equal(gr.statusCode, 201)
  t.same(gr.json().members, ['GM0363'])
  const dup = await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'GM0363', name: 'Nog eens' } })
  t.equal(dup.statusCode, 409)
  t.equal(dup.json().status, 409)
  const bad = await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'Amsterdam', name: '' } })
  t.equal(bad.statusCode, 400)
  t.ok(bad.json().errors.some((e: { field: string }) => e.field.startsWith('body.code')))
  const extra = await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'GM0599', name: 'Rotterdam', admin: true } })
  t.equal(extra.statusCode, 400, 'unknown body fields are refused')
  const malformed = await api({
    method: 'POST',
    url: '/api/v1/organisations',
    payload: '{"code": "GM0599",',
    headers: { 'content-type': 'application/json' },
  })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.json(), { title: 'Ongeldige invoer', detail: /geen geldige JSON/ })

  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const token = userWithToken(db, 'controller@rotterdam.test', [{ orgCode: 'GM0599', role: 'controller' }])
  const mine = (await api({ url: '/api/v1/organisations', token })).json()
  t.same(
    mine.items.map((o: { code: string }) => o.code),
    ['GM0599'],
    'a user sees only their own organisations',
  )
  const forbidden = await api({ method: 'POST', url: '/api/v1/organisations', token, payload: { code: 'GM0014', name: 'Groningen' } })
  t.equal(forbidden.statusCode, 403)
})

t.test('unexpected errors are masked', async (t) => {
  const { app, api } = await testApp(t)
  app.get('/api/v1/boom', async () => {
    throw new Error('SQLITE_IOERR secret path /var/lib/woud.db')
  })
  const r = await api({ url: '/api/v1/boom' })
  t.equal(r.statusCode, 500)
  t.notMatch(r.body, /secret|SQLITE|woud\.db/)
  t.match(r.json(), { status: 500, title: 'Interne fout' })
})

t.test('the OpenAPI document describes every route', async (t) => {
  const { app, api } = await testApp(t)
  const doc = (await api({ url: '/openapi.json', token: null })).json()
  t.equal(doc.openapi, '3.0.3')
  const documented = new Set<string>()
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>))
    for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${path}`)
  // The routes of the contract's HTTP API, each with every method it names.
  const contract = [
    'GET /healthz',
    'GET /api/v1/schemes',
    'GET /api/v1/schemes/{code}',
    'POST /api/v1/imports/{kind}',
    'GET /api/v1/organisations',
    'POST /api/v1/organisations',
    'GET /api/v1/grants',
    'POST /api/v1/grants',
    'GET /api/v1/grants/{id}',
    'PATCH /api/v1/grants/{id}',
    'POST /api/v1/grants/{id}/transitions',
    'PUT /api/v1/grants/{id}/years/{year}',
    'GET /api/v1/deadlines',
    'POST /api/v1/grants/{id}/deadlines',
    'POST /api/v1/deadlines/{id}/done',
    'GET /api/v1/organisations/{code}/deadlines.ics',
    'GET /api/v1/sisa/{year}',
    'PUT /api/v1/grants/{id}/sisa/{year}',
    'GET /api/v1/reports/{name}',
    'GET /api/v1/audit',
  ]
  t.same(
    contract.filter((r) => !documented.has(r)),
    [],
    'no undocumented API route',
  )
  t.ok(app.hasRoute({ method: 'GET', url: '/api/v1/grants/:id' }), 'documented routes exist')
  t.ok(documented.has('GET /api/v1/schemes'))
  t.ok(documented.has('GET /healthz'))
  const docs = await api({ url: '/docs', token: null })
  t.ok([200, 302].includes(docs.statusCode), 'Swagger UI served')
})

t.test('schema errors are one Dutch message per field', async (t) => {
  const { api } = await testApp(t)
  const r = await api({ url: '/api/v1/schemes?nature=permanent&year=twintig' })
  t.equal(r.statusCode, 400)
  const errors = r.json().errors as { field: string; message: string }[]
  t.match(
    errors.filter((e) => e.field === 'querystring.nature').map((e) => e.message),
    [/toegestaan: incidenteel, structureel, terugkerend/],
  )
  t.match(
    errors.find((e) => e.field === 'querystring.year'),
    { message: 'moet een geheel getal zijn' },
  )
  t.notOk(
    errors.some((e) => /must /.test(e.message)),
    'no English ajv messages',
  )
})
