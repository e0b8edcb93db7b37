// Forged codes and ids, feed tokens and deleted grants: another organisation's data stays invisible.
// Organisation scoping must give 404 for another organisation's data (nothing leaks), 403 for a role too low.
import t from 'tap'
import { upload } from '../fixtures/access-routes.js'
import { seedOrganisation, testApp, userWithToken } from '../helpers.js'

const OWN = 'GM0363'
const OTHER = 'GM0599'

t.test("forged organisation codes and ids are treated as someone else's: 404, never trusted", async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, OWN, 'Amsterdam')
  seedOrganisation(db, OTHER, 'Rotterdam')
  const medewerker = userWithToken(db, 'm@amsterdam.nl', [{ orgCode: OWN, role: 'medewerker' }])
  const schemeCode: string = (await api({ method: 'GET', url: '/api/v1/schemes?limit=1' })).json().items[0].code
  const theirs = (
    await api({ method: 'POST', url: '/api/v1/grants', payload: { organisation: OTHER, scheme: schemeCode, title: 'Van Rotterdam' } })
  ).json().id as number
  const calls: { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: Record<string, unknown> }[] = [
    { method: 'GET', url: `/api/v1/grants?org=${OTHER}` },
    { method: 'GET', url: `/api/v1/grants?org=${OTHER.toLowerCase()}` },
    { method: 'GET', url: '/api/v1/grants?org=GM9999' },
    { method: 'GET', url: `/api/v1/deadlines?org=${OTHER}` },
    { method: 'GET', url: '/api/v1/deadlines?org=GM9999' },
    { method: 'GET', url: `/api/v1/grants/${theirs}` },
    { method: 'GET', url: `/api/v1/grants/${theirs + 1000}` },
    { method: 'PUT', url: `/api/v1/grants/${theirs}/years/2026`, payload: { plannedLastenCents: 1 } },
    { method: 'POST', url: '/api/v1/grants', payload: { organisation: OTHER, scheme: schemeCode, title: 'Ondergeschoven' } },
    { method: 'POST', url: `/api/v1/organisations/${OTHER}/feed-tokens`, payload: {} },
    { method: 'GET', url: `/api/v1/organisations/${OTHER}/deadlines.ics` },
    { method: 'GET', url: `/api/v1/audit?entity=grant&id=${theirs}` },
  ]
  const csv = { name: 'p.csv', content: `Regeling;Titel\n${schemeCode};Ondergeschoven\n` }
  const uploads = [
    upload('/api/v1/imports/grants', { org: OTHER }, csv),
    upload('/api/v1/imports/grants', { org: 'GM9999' }, csv),
    upload('/api/v1/imports/actuals', { org: OTHER, year: '2026' }, csv),
  ]
  for (const c of [...calls, ...uploads]) {
    const res = await api({ ...c, token: medewerker })
    t.equal(
      res.statusCode,
      404,
      `${c.method} ${c.url} ${c.payload && typeof c.payload === 'string' ? c.payload.slice(0, 120).replace(/\s+/g, ' ') : ''}`,
    )
  }
  t.equal(
    (await api({ method: 'GET', url: `/api/v1/grants?org=${OTHER}` })).json().total,
    1,
    'nothing was written to the other organisation',
  )
  // An unknown grant and another organisation's grant get the same answer apart from the id they name.
  const unknown = (await api({ method: 'GET', url: `/api/v1/grants/${theirs + 1000}`, token: medewerker })).json()
  const foreign = (await api({ method: 'GET', url: `/api/v1/grants/${theirs}`, token: medewerker })).json()
  t.equal(foreign.title, unknown.title)
  t.equal(foreign.detail.replace(String(theirs), 'N'), unknown.detail.replace(String(theirs + 1000), 'N'))
  t.equal(
    (await api({ method: 'GET', url: '/api/v1/grants', token: medewerker })).json().total,
    0,
    'the unfiltered list hides the other organisation',
  )
})

t.test("a feed token opens exactly one organisation's calendar, nothing else", async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, OWN, 'Amsterdam')
  seedOrganisation(db, OTHER, 'Rotterdam')
  const both = userWithToken(db, 'beide@regio.nl', [
    { orgCode: OWN, role: 'beheerder' },
    { orgCode: OTHER, role: 'beheerder' },
  ])
  const created = await api({ method: 'POST', url: `/api/v1/organisations/${OWN}/feed-tokens`, token: both, payload: {} })
  t.equal(created.statusCode, 201)
  const url = new URL(created.json().url)
  const feed = url.searchParams.get('token')!
  const own = await api({ method: 'GET', url: url.pathname + url.search, token: null })
  t.equal(own.statusCode, 200)
  t.match(own.headers['content-type'], /^text\/calendar/)
  t.equal(
    (await api({ method: 'GET', url: `/api/v1/organisations/${OTHER}/deadlines.ics?token=${feed}`, token: null })).statusCode,
    404,
    'not the other organisation, although its owner is beheerder there',
  )
  for (const path of ['/api/v1/grants', `/api/v1/deadlines?org=${OWN}`, '/api/v1/schemes']) {
    t.equal((await api({ method: 'GET', url: `${path}${path.includes('?') ? '&' : '?'}token=${feed}`, token: null })).statusCode, 401, path)
  }
  const revoke = await api({ method: 'DELETE', url: `/api/v1/organisations/${OWN}/feed-tokens/${created.json().id}`, token: both })
  t.equal(revoke.statusCode, 204)
  t.equal(
    (await api({ method: 'GET', url: url.pathname + url.search, token: null })).statusCode,
    401,
    'a revoked feed token is refused like any bad token',
  )
})

// Ids are AUTOINCREMENT: without it SQLite hands out a deleted grant's id again, and the audit history of
// the new grant would include the deleted grant of another organisation.
t.test('the history of a grant never shows a deleted grant of another organisation', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, OWN, 'Amsterdam')
  seedOrganisation(db, OTHER, 'Rotterdam')
  const amsterdam = userWithToken(db, 'a@amsterdam.nl', [{ orgCode: OWN, role: 'medewerker' }])
  const rotterdam = userWithToken(db, 'r@rotterdam.nl', [{ orgCode: OTHER, role: 'medewerker' }])
  const scheme: string = (await api({ method: 'GET', url: '/api/v1/schemes?limit=1' })).json().items[0].code
  const secret = (
    await api({
      method: 'POST',
      url: '/api/v1/grants',
      token: amsterdam,
      payload: { organisation: OWN, scheme, title: 'Vertrouwelijk Amsterdams project' },
    })
  ).json().id
  t.equal((await api({ method: 'DELETE', url: `/api/v1/grants/${secret}`, token: amsterdam })).statusCode, 204)
  const theirs = (
    await api({
      method: 'POST',
      url: '/api/v1/grants',
      token: rotterdam,
      payload: { organisation: OTHER, scheme, title: 'Rotterdams project' },
    })
  ).json().id
  const trail = await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${theirs}`, token: rotterdam })
  t.notMatch(trail.body, /Vertrouwelijk Amsterdams project/)
  t.notMatch(trail.body, /a@amsterdam\.nl/)
})
