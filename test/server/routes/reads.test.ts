// The read paths of the API: Dutch enum words in queries, rejected values listing the allowed ones, fields named
// where they were sent, paging in SQL, and response schemas that serialise without per-value validation.
import t from 'tap'
import { seedPortfolio } from '../../fixtures/deadlines.js'
import { cliOn, testApp } from '../../helpers.js'

type Item = { id: number | string; state?: string; title?: string }

t.test('deadline states accept the Dutch word and the key; a wrong value lists both', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const q = '/api/v1/deadlines?org=GM0363&from=2026-01-01&limit=1000'
  const english = (await api({ url: `${q}&state=overdue` })).json()
  const dutch = (await api({ url: `${q}&state=verlopen` })).json()
  t.ok(english.total > 0)
  t.strictSame(
    dutch.items.map((d: Item) => d.id),
    english.items.map((d: Item) => d.id),
    'verlopen = overdue',
  )
  t.strictSame([...new Set(dutch.items.map((d: Item) => d.state))], ['overdue'], 'the API still answers with the key')
  const bad = await api({ url: `${q}&state=laat` })
  t.equal(bad.statusCode, 400)
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(bad.json().errors, [{ field: 'querystring.state', message: /toegestaan: open, done, overdue, afgerond, verlopen/ }])
})

t.test('a range error names the field that is wrong', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const r = await api({ url: '/api/v1/deadlines?org=GM0363&from=2027-01-01&to=2026-01-01' })
  t.equal(r.statusCode, 400)
  t.match(r.json().errors, [{ field: 'querystring.to', message: /ligt na/ }])
  const run = cliOn(db)
  t.equal((await run('deadlines', '--org', 'GM0363', '--state', 'verlopen', '--json')).code, 0, 'the CLI takes the Dutch word too')
  const cli = await run('deadlines', '--org', 'GM0363', '--state', 'laat')
  t.equal(cli.code, 2)
  t.match(cli.err, /toegestaan: open, done, overdue, afgerond, verlopen/)
})

t.test('grant status lists take labels as typed, and unknown statuses are named with the allowed ones', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const all = (await api({ url: '/api/v1/grants?limit=1000' })).json()
  const prep = all.items.filter((g: { status: string }) => g.status === 'in_voorbereiding' || g.status === 'toegekend')
  const byLabel = (await api({ url: `/api/v1/grants?limit=1000&status=${encodeURIComponent('In voorbereiding, toegekend')}` })).json()
  t.equal(byLabel.total, prep.length)
  t.ok(byLabel.total > 0)
  const bad = await api({ url: '/api/v1/grants?status=toegekend,bestaat,ook-niet' })
  t.equal(bad.statusCode, 400)
  const allowed = /'bestaat', 'ook-niet' is geen status; toegestaan: verkenning, in_voorbereiding/
  t.match(bad.json().errors, [{ field: 'querystring.status', message: allowed }])
})

t.test('lists page in SQL: pages add up to the whole, totals stay right past the end', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const whole = (await api({ url: '/api/v1/grants?limit=1000&sort=title' })).json()
  t.ok(whole.items.length >= 3)
  const ids: number[] = []
  for (let offset = 0; offset < whole.total; offset += 2) {
    const page = (await api({ url: `/api/v1/grants?limit=2&offset=${offset}&sort=title` })).json()
    t.equal(page.total, whole.total, `total on page at ${offset}`)
    ids.push(...page.items.map((g: Item) => g.id as number))
  }
  t.strictSame(
    ids,
    whole.items.map((g: Item) => g.id),
  )
  const past = (await api({ url: `/api/v1/grants?limit=2&offset=${whole.total + 5}` })).json()
  t.strictSame(past, { items: [], total: whole.total })
  const schemes = (await api({ url: '/api/v1/schemes?limit=3&offset=1' })).json()
  t.equal(schemes.items.length, 3)
  t.ok(schemes.total > 3)
  const nl = (await api({ url: '/api/v1/schemes?limit=1000&instrument=decentralisatie-uitkering' })).json()
  const en = (await api({ url: '/api/v1/schemes?limit=1000&instrument=decentralisatie_uitkering' })).json()
  t.equal(nl.total, en.total, 'an instrument by its Dutch spelling')
  const orgs = (await api({ url: '/api/v1/organisations?limit=1&offset=1' })).json()
  t.equal(orgs.items.length, 1)
  t.equal(orgs.total, 2)
})

t.test('detail and list agree, and response schemas carry no per-value checks', async (t) => {
  const { api, db } = await testApp(t)
  seedPortfolio(db)
  const list = (await api({ url: '/api/v1/grants?limit=1' })).json().items[0]
  const detail = await api({ url: `/api/v1/grants/${list.id}` })
  t.equal(detail.headers.etag, `"${list.version}"`)
  const d = detail.json()
  for (const k of Object.keys(list)) if (k !== 'yearFigures') t.strictSame(d[k], list[k], k)
  const doc = (await api({ url: '/openapi.json', token: null })).json()
  const bad: string[] = []
  const walk = (v: unknown, path: string) => {
    if (!v || typeof v !== 'object') return
    for (const [k, x] of Object.entries(v)) {
      if (k === 'format' || k === 'anyOf') bad.push(`${path}.${k}`)
      walk(x, `${path}.${k}`)
    }
  }
  for (const p of ['/api/v1/grants', '/api/v1/grants/{id}', '/api/v1/schemes', '/api/v1/deadlines', '/api/v1/audit']) {
    walk(doc.paths[p].get.responses['200'], p)
  }
  t.strictSame(bad, [], 'no format or anyOf in list and detail responses')
})

t.test('domain errors of organisations and users are mapped once, for HTTP and the CLI', async (t) => {
  const { api, db } = await testApp(t)
  const body = { code: 'GM0363', name: 'Amsterdam' }
  t.equal((await api({ method: 'POST', url: '/api/v1/organisations', payload: body })).statusCode, 201)
  const again = await api({ method: 'POST', url: '/api/v1/organisations', payload: body })
  t.equal(again.statusCode, 409)
  t.match(again.json(), { title: 'Conflict', errors: [{ field: 'body.code' }] })
  const member = await api({
    method: 'POST',
    url: '/api/v1/organisations',
    payload: { code: 'GR0001', name: 'GR', kind: 'gr', members: ['GM0000'] },
  })
  t.equal(member.statusCode, 400)
  t.match(member.json().errors, [{ field: 'body.members' }])
  const run = cliOn(db)
  const dup = await run('org', 'add', '--code', 'GM0363', '--name', 'Amsterdam', '--json')
  t.equal(dup.code, 1)
  t.match(dup.json(), { error: /bestaat al/, exitCode: 1 })
  const user = await run('user', 'add', '--email', 'geen-adres', '--name', 'X', '--admin')
  t.equal(user.code, 1)
  t.match(user.err, /geen e-mailadres/)
})
