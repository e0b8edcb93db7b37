// The access matrix: role (none … operator) × route × own/other organisation, one asserted status per cell.
// Organisation scoping must give 404 for another organisation's data (nothing leaks), 403 for a role too low.
import t from 'tap'
import { roleRank, type Role } from '../db/repositories/users.js'
import { ROUTES, SISA_SCHEME, upload, type Call, type Fixture, type RouteCase, type Target } from './access-routes.js'
import { seedOrganisation, testApp, userWithToken } from './helpers.js'

type Who = 'none' | Role | 'operator'
const WHO: Who[] = ['none', 'lezer', 'medewerker', 'controller', 'beheerder', 'operator']
const OWN = 'GM0363'
const OTHER = 'GM0599'

export function expected(rc: RouteCase, who: Who, target: Target): number {
  if (rc.always) return rc.always
  if (who === 'operator') return rc.ok
  const enough = who !== 'none' && roleRank(who) >= roleRank(rc.min ?? 'lezer')
  switch (rc.scope) {
    case 'shared': case 'list': return rc.ok
    case 'any': return enough ? rc.ok : 403
    case 'operator': return 403
    case 'org': return target === 'other' || who === 'none' ? 404 : enough ? rc.ok : 403
  }
}

t.test('role × route × organisation', async (t) => {
  const { app, api, db, adminToken } = await testApp(t)
  seedOrganisation(db, OWN, 'Amsterdam')
  seedOrganisation(db, OTHER, 'Rotterdam')
  const tokens: Record<Who, string> = { operator: adminToken } as Record<Who, string>
  tokens.none = userWithToken(db, 'niemand@gemeente.nl', [])
  for (const r of ['lezer', 'medewerker', 'controller', 'beheerder'] as Role[]) tokens[r] = userWithToken(db, `${r}@amsterdam.nl`, [{ orgCode: OWN, role: r }])

  const asOperator = async (method: Call['method'], url: string, payload?: Record<string, unknown>) => {
    const res = await api({ method, url, payload })
    if (res.statusCode >= 300) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`)
    return res.json()
  }
  const schemeCode: string = (await api({ method: 'GET', url: '/api/v1/schemes?limit=1' })).json().items[0].code
  const code = { own: OWN, other: OTHER }
  const freshGrant = async (tg: Target) => (await asOperator('POST', '/api/v1/grants', { organisation: code[tg], scheme: schemeCode, title: `Matrix ${tg}`, reference: `M-${Math.random()}` })).id as number
  await asOperator('POST', '/api/v1/grants', { organisation: OWN, scheme: schemeCode, title: 'Met kenmerk', reference: 'REF-own' })
  await asOperator('POST', '/api/v1/grants', { organisation: OTHER, scheme: schemeCode, title: 'Met kenmerk', reference: 'REF-other' })
  const grant = { own: await freshGrant('own'), other: await freshGrant('other') }
  const deadline = {
    own: (await asOperator('POST', `/api/v1/grants/${grant.own}/deadlines`, { title: 'Rapportage', date: '2027-02-01', legalInstrument: 'regeling' })).id as string,
    other: (await asOperator('POST', `/api/v1/grants/${grant.other}/deadlines`, { title: 'Rapportage', date: '2027-02-01', legalInstrument: 'regeling' })).id as string,
  }
  const sisaGrant = {
    own: (await asOperator('POST', '/api/v1/grants', { organisation: OWN, scheme: SISA_SCHEME, title: 'SiSa' })).id as number,
    other: (await asOperator('POST', '/api/v1/grants', { organisation: OTHER, scheme: SISA_SCHEME, title: 'SiSa' })).id as number,
  }
  const as: Fixture['as'] = async (token, method, url, payload) => {
    const res = await api({ method, url, payload, token: token ?? adminToken })
    return { status: res.statusCode, body: res.statusCode === 204 ? {} : res.json() }
  }
  const f: Fixture = { code, schemeCode, grant, freshGrant, deadline, sisaGrant, operator: asOperator, as }

  const wrong: string[] = []
  const covered = new Set<string>()
  let cells = 0
  for (const rc of ROUTES) {
    for (const target of (rc.scope === 'list' || rc.scope === 'shared' ? ['own'] : ['own', 'other']) as Target[]) {
      for (const who of WHO) {
        const call = await rc.call(f, target, tokens[who])
        covered.add(`${call.method} ${call.url.split('?')[0]}`)
        const res = await api({ ...call, token: tokens[who] })
        cells++
        const want = expected(rc, who, target)
        if (res.statusCode !== want) wrong.push(`${rc.name} [${target}] as ${who}: ${res.statusCode}, expected ${want} ${res.statusCode >= 400 ? res.body.slice(0, 160) : ''}`)
        if (rc.scope === 'list' && who !== 'operator' && res.body.includes(OTHER)) wrong.push(`${rc.name} as ${who} shows ${OTHER}`)
        if (res.statusCode === 404 && want === 404 && res.body.includes(OTHER) && !JSON.stringify(call).includes(OTHER)) wrong.push(`${rc.name} as ${who}: the 404 names ${OTHER}`)
      }
    }
  }
  t.strictSame(wrong, [], `${cells} cells`)

  // Every /api/ route in the OpenAPI document has cells here: a new route without them fails this test.
  await app.ready()
  const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths
  const missing: string[] = []
  for (const [path, methods] of Object.entries(paths)) {
    if (!path.startsWith('/api/')) continue
    const re = new RegExp('^' + path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$')
    for (const m of Object.keys(methods).map((x) => x.toUpperCase())) {
      if (![...covered].some((c) => c.startsWith(m + ' ') && re.test(c.slice(m.length + 1)))) missing.push(`${m} ${path}`)
    }
  }
  t.strictSame(missing, [], 'every /api/ route is in the matrix (add it to test/access-routes.ts)')
})

t.test('forged organisation codes and ids are treated as someone else\'s: 404, never trusted', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, OWN, 'Amsterdam')
  seedOrganisation(db, OTHER, 'Rotterdam')
  const medewerker = userWithToken(db, 'm@amsterdam.nl', [{ orgCode: OWN, role: 'medewerker' }])
  const schemeCode: string = (await api({ method: 'GET', url: '/api/v1/schemes?limit=1' })).json().items[0].code
  const theirs = (await api({ method: 'POST', url: '/api/v1/grants', payload: { organisation: OTHER, scheme: schemeCode, title: 'Van Rotterdam' } })).json().id as number
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
  const uploads = [upload('/api/v1/imports/grants', { org: OTHER }, csv), upload('/api/v1/imports/grants', { org: 'GM9999' }, csv), upload('/api/v1/imports/actuals', { org: OTHER, year: '2026' }, csv)]
  for (const c of [...calls, ...uploads]) {
    const res = await api({ ...c, token: medewerker })
    t.equal(res.statusCode, 404, `${c.method} ${c.url} ${c.payload && typeof c.payload === 'string' ? c.payload.slice(0, 120).replace(/\s+/g, ' ') : ''}`)
  }
  t.equal((await api({ method: 'GET', url: `/api/v1/grants?org=${OTHER}` })).json().total, 1, 'nothing was written to the other organisation')
  // An unknown grant and another organisation's grant get the same answer apart from the id they name.
  const unknown = (await api({ method: 'GET', url: `/api/v1/grants/${theirs + 1000}`, token: medewerker })).json()
  const foreign = (await api({ method: 'GET', url: `/api/v1/grants/${theirs}`, token: medewerker })).json()
  t.equal(foreign.title, unknown.title)
  t.equal(foreign.detail.replace(String(theirs), 'N'), unknown.detail.replace(String(theirs + 1000), 'N'))
  t.equal((await api({ method: 'GET', url: '/api/v1/grants', token: medewerker })).json().total, 0, 'the unfiltered list hides the other organisation')
})

t.test('a feed token opens exactly one organisation\'s calendar, nothing else', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, OWN, 'Amsterdam')
  seedOrganisation(db, OTHER, 'Rotterdam')
  const both = userWithToken(db, 'beide@regio.nl', [{ orgCode: OWN, role: 'beheerder' }, { orgCode: OTHER, role: 'beheerder' }])
  const created = await api({ method: 'POST', url: `/api/v1/organisations/${OWN}/feed-tokens`, token: both, payload: {} })
  t.equal(created.statusCode, 201)
  const url = new URL(created.json().url)
  const feed = url.searchParams.get('token')!
  const own = await api({ method: 'GET', url: url.pathname + url.search, token: null })
  t.equal(own.statusCode, 200)
  t.match(own.headers['content-type'], /^text\/calendar/)
  t.equal((await api({ method: 'GET', url: `/api/v1/organisations/${OTHER}/deadlines.ics?token=${feed}`, token: null })).statusCode, 404, 'not the other organisation, although its owner is beheerder there')
  for (const path of ['/api/v1/grants', `/api/v1/deadlines?org=${OWN}`, '/api/v1/schemes']) {
    t.equal((await api({ method: 'GET', url: `${path}${path.includes('?') ? '&' : '?'}token=${feed}`, token: null })).statusCode, 401, path)
  }
  const revoke = await api({ method: 'DELETE', url: `/api/v1/organisations/${OWN}/feed-tokens/${created.json().id}`, token: both })
  t.equal(revoke.statusCode, 204)
  t.equal((await api({ method: 'GET', url: url.pathname + url.search, token: null })).statusCode, 401, 'a revoked feed token is refused like any bad token')
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
  const secret = (await api({ method: 'POST', url: '/api/v1/grants', token: amsterdam, payload: { organisation: OWN, scheme, title: 'Vertrouwelijk Amsterdams project' } })).json().id
  t.equal((await api({ method: 'DELETE', url: `/api/v1/grants/${secret}`, token: amsterdam })).statusCode, 204)
  const theirs = (await api({ method: 'POST', url: '/api/v1/grants', token: rotterdam, payload: { organisation: OTHER, scheme, title: 'Rotterdams project' } })).json().id
  const trail = await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${theirs}`, token: rotterdam })
  t.notMatch(trail.body, /Vertrouwelijk Amsterdams project/)
  t.notMatch(trail.body, /a@amsterdam\.nl/)
})
