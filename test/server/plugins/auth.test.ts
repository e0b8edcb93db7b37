// Authentication at the door: who gets in with which token, what a refusal looks like, security headers, body limits.
import t from 'tap'
import { upload } from '../../fixtures/access-routes.js'
import { SYSTEM } from '../../../db/audit.js'
import { listAudit } from '../../../db/audit.js'
import { createToken, createUser, disableUser, revokeToken } from '../../../db/repositories/users.js'
import { seedOrganisation, testApp, userWithToken } from '../../helpers.js'

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

t.test('/healthz, /openapi.json and /docs are open; every /api/ route needs a token', async (t) => {
  const { api } = await testApp(t)
  t.equal((await api({ method: 'GET', url: '/healthz', token: null })).statusCode, 200)
  t.equal((await api({ method: 'GET', url: '/openapi.json', token: null })).statusCode, 200)
  for (const url of ['/api/v1/schemes', '/api/v1/organisations', '/api/v1/grants', '/api/v1/no-such-route', '/api/v2/anything']) {
    const res = await api({ method: 'GET', url, token: null })
    t.equal(res.statusCode, 401, url)
    t.equal(res.headers['www-authenticate'], 'Bearer realm="woud"')
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
  t.equal((await api({ method: 'GET', url: '/api/v1/schemes' })).statusCode, 200, 'with a token it works')
  t.equal(
    (
      await api({
        method: 'GET',
        url: '/api/v1/schemes',
        token: null,
        headers: { authorization: 'bearer ' + (await testApp(t)).adminToken },
      })
    ).statusCode,
    401,
    'a token of another installation means nothing here',
  )
})

t.test('malformed, unknown, expired, revoked, disabled and misplaced tokens all get the same 401', async (t) => {
  const { app, api, db } = await testApp(t)
  const org = seedOrganisation(db)
  const u = createUser(db, SYSTEM, { email: 'a@gemeente.nl', name: 'A', roles: [{ orgCode: 'GM0363', role: 'lezer' }] })
  const expired = createToken(db, SYSTEM, u.id, { expiresOn: '2026-11-27' }).token
  const revoked = createToken(db, SYSTEM, u.id)
  revokeToken(db, SYSTEM, revoked.id)
  const feed = createToken(db, SYSTEM, u.id, { kind: 'feed', organisationId: org.id }).token
  const gone = createUser(db, SYSTEM, { email: 'weg@gemeente.nl', name: 'Weg', roles: [{ orgCode: 'GM0363', role: 'lezer' }] })
  const goneToken = createToken(db, SYSTEM, gone.id).token
  disableUser(db, SYSTEM, gone.email, '2026-11-01T00:00:00Z')

  const headers: Record<string, Record<string, string>> = {
    none: {},
    empty: { authorization: '' },
    basic: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    'no secret': { authorization: 'Bearer ' },
    short: { authorization: 'Bearer abc' },
    'bad characters': { authorization: 'Bearer woud_<script>alert(1)</script>' },
    huge: { authorization: 'Bearer ' + 'a'.repeat(5000) },
    unknown: bearer('woud_' + 'x'.repeat(43)),
    expired: bearer(expired),
    revoked: bearer(revoked.token),
    'disabled user': bearer(goneToken),
    'feed token in header': bearer(feed),
  }
  const bodies = new Set<string>()
  for (const [name, h] of Object.entries(headers)) {
    const res = await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: h })
    t.equal(res.statusCode, 401, name)
    bodies.add(res.body)
  }
  t.equal(bodies.size, 1, 'one answer for every kind of bad token: the body tells nothing about which')
  t.strictSame(JSON.parse([...bodies][0]), {
    type: 'https://woud.invalid/problems/unauthorized',
    title: 'Niet aangemeld',
    status: 401,
    detail: 'Een geldig token is nodig.',
    instance: '/api/v1/schemes',
  })
  t.equal(
    (await api({ method: 'GET', url: '/api/v1/schemes?token=' + feed, token: null })).statusCode,
    401,
    'a feed token in the URL opens only a calendar feed',
  )
})

t.test('a token works through its expiry day in Europe/Amsterdam and not a day longer', async (t) => {
  // 23:30 UTC on 27 November is already 28 November in Amsterdam.
  const { api, db } = await testApp(t, { now: () => new Date('2026-11-27T23:30:00Z') })
  const u = createUser(db, SYSTEM, { email: 'a@gemeente.nl', name: 'A' })
  const endsToday = createToken(db, SYSTEM, u.id, { expiresOn: '2026-11-28' }).token
  const endedYesterday = createToken(db, SYSTEM, u.id, { expiresOn: '2026-11-27' }).token
  const endsTomorrow = createToken(db, SYSTEM, u.id, { expiresOn: '2026-11-29' }).token
  t.equal((await api({ method: 'GET', url: '/api/v1/schemes', token: endsToday })).statusCode, 200)
  t.equal((await api({ method: 'GET', url: '/api/v1/schemes', token: endsTomorrow })).statusCode, 200)
  t.equal(
    (await api({ method: 'GET', url: '/api/v1/schemes', token: endedYesterday })).statusCode,
    401,
    'expired in Amsterdam although it is still the 27th in UTC',
  )
})

t.test('revocation takes effect on the next request', async (t) => {
  const { api, db } = await testApp(t)
  const u = createUser(db, SYSTEM, { email: 'a@gemeente.nl', name: 'A' })
  const tok = createToken(db, SYSTEM, u.id)
  t.equal((await api({ method: 'GET', url: '/api/v1/organisations', token: tok.token })).statusCode, 200)
  revokeToken(db, SYSTEM, tok.id)
  t.equal((await api({ method: 'GET', url: '/api/v1/organisations', token: tok.token })).statusCode, 401)
})

t.test('the Bearer scheme name is case-insensitive', async (t) => {
  const { api, adminToken } = await testApp(t)
  t.equal((await api({ method: 'GET', url: '/api/v1/schemes', headers: { authorization: `bearer ${adminToken}` } })).statusCode, 200)
  t.equal((await api({ method: 'GET', url: '/api/v1/schemes', headers: { authorization: `BEARER  ${adminToken}` } })).statusCode, 200)
})

t.test('a feed token is accepted only in a calendar-feed URL', async (t) => {
  const { api, db } = await testApp(t)
  const org = seedOrganisation(db)
  const u = createUser(db, SYSTEM, { email: 'a@gemeente.nl', name: 'A', roles: [{ orgCode: 'GM0363', role: 'lezer' }] })
  const feed = createToken(db, SYSTEM, u.id, { kind: 'feed', organisationId: org.id }).token
  const apiToken = createToken(db, SYSTEM, u.id).token
  const url = '/api/v1/organisations/GM0363/deadlines.ics'
  t.not((await api({ method: 'GET', url: `${url}?token=${feed}`, token: null })).statusCode, 401, 'the feed URL lets it in')
  t.equal(
    (await api({ method: 'GET', url: `${url}?token=${apiToken}`, token: null })).statusCode,
    401,
    'an API token does not belong in a URL',
  )
  t.equal((await api({ method: 'GET', url: `${url}?token=woudf_${'x'.repeat(43)}`, token: null })).statusCode, 401)
  t.equal((await api({ method: 'GET', url, token: null })).statusCode, 401)
  t.not((await api({ method: 'GET', url, token: apiToken })).statusCode, 401, 'a header token works on the feed too')
})

t.test('the audit trail names the person behind the token', async (t) => {
  const { api, db } = await testApp(t)
  const res = await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'GM0363', name: 'Amsterdam' } })
  t.equal(res.statusCode, 201)
  const rows = listAudit(db, { entity: 'organisation', entityId: 'GM0363' }).items
  t.match(rows, [{ actor: 'beheer@woud.test', source: 'api', action: 'create' }])
  const medewerker = userWithToken(db, 'Jan@Amsterdam.nl', [{ orgCode: 'GM0363', role: 'medewerker' }])
  const scheme = (await api({ method: 'GET', url: '/api/v1/schemes?limit=1' })).json().items[0].code
  const grant = await api({
    method: 'POST',
    url: '/api/v1/grants',
    token: medewerker,
    payload: { organisation: 'GM0363', scheme, title: 'Door Jan' },
  })
  t.equal(grant.statusCode, 201)
  const trail = (await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${grant.json().id}`, token: medewerker })).json().items
  t.match(trail, [{ actor: 'jan@amsterdam.nl', source: 'api', action: 'create' }])
})

t.test('security headers are set on every answer, also refusals', async (t) => {
  const { api } = await testApp(t)
  for (const res of [
    await api({ method: 'GET', url: '/api/v1/schemes' }),
    await api({ method: 'GET', url: '/api/v1/schemes', token: null }),
    await api({ method: 'GET', url: '/healthz', token: null }),
  ]) {
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN')
    t.match(res.headers['strict-transport-security'], /max-age=\d+/)
    t.equal(res.headers['referrer-policy'], 'no-referrer')
    t.equal(res.headers['cross-origin-opener-policy'], 'same-origin')
    t.equal(res.headers['x-powered-by'], undefined)
  }
})

t.test('request bodies above the limit get a 413 problem, and nothing is written', async (t) => {
  const { api } = await testApp(t, { bodyMaxBytes: 10_000 })
  const big = await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'GM0363', name: 'x'.repeat(20_000) } })
  t.equal(big.statusCode, 413)
  t.match(big.json(), { status: 413, title: 'Te groot' })
  t.match(big.headers['content-type'], /^application\/problem\+json/)
  t.equal((await api({ method: 'GET', url: '/api/v1/organisations' })).json().total, 0)
  const unauth = await api({
    method: 'POST',
    url: '/api/v1/organisations',
    token: null,
    payload: { code: 'GM0363', name: 'x'.repeat(20_000) },
  })
  t.equal(unauth.statusCode, 401, 'without a token the body is not even read')
})

t.test('a user token works with userWithToken from the helpers', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const tok = userWithToken(db, 'lezer@gemeente.nl', [{ orgCode: 'GM0363', role: 'lezer' }])
  const res = await api({ method: 'GET', url: '/api/v1/organisations', token: tok })
  t.match(res.json(), { total: 1, items: [{ code: 'GM0363' }] })
})

t.test('uploads above the limit get a 413 problem, and nothing is imported', async (t) => {
  const { api, db } = await testApp(t, { uploadMaxBytes: 2_000 })
  seedOrganisation(db)
  const scheme = (await api({ method: 'GET', url: '/api/v1/schemes?limit=1' })).json().items[0].code
  const rows = Array.from({ length: 200 }, (_, i) => `${scheme};Project ${i};K-${i}`).join('\n')
  const res = await api(
    upload('/api/v1/imports/grants', { org: 'GM0363' }, { name: 'groot.csv', content: `Regeling;Titel;Kenmerk\n${rows}\n` }),
  )
  t.equal(res.statusCode, 413)
  t.match(res.json(), { status: 413, title: 'Te groot' })
  t.equal((await api({ method: 'GET', url: '/api/v1/grants' })).json().total, 0)
  const small = await api(
    upload('/api/v1/imports/grants', { org: 'GM0363' }, { name: 'klein.csv', content: `Regeling;Titel;Kenmerk\n${scheme};Project;K-1\n` }),
  )
  t.equal(small.statusCode, 200, 'a file under the limit goes through')
})
