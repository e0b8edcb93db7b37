// Web sessions and their guards over real HTTP (inject) and SQLite: sign-in, cookie flags, idle and absolute expiry,
// sign-out, CSRF on every state change, roles and organisation scoping, the conflict view, throttled sign-in.
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { openDatabase } from '../../../db/client.js'
import { createGrant } from '../../../db/repositories/grants.js'
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../../db/repositories/sessions.js'
import { disableUser } from '../../../db/repositories/users.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { addUser, PASSWORD, seedWeb, signInInject } from './web-helpers.js'

const START = new Date('2023-03-15T09:00:00Z')
let now = START
const db = openDatabase(':memory:')
const seeded = seedWeb(db, '2023-03-15')
const lezer = addUser(db, 'lezer@woudstede.nl', 'Lex Lezer', [{ orgCode: 'GM0001', role: 'lezer' }])
const own = createGrant(
  db,
  SYSTEM,
  { organisationId: seeded.own.id, schemeCode: 'jenv-a13', title: 'Eigen subsidie' },
  { today: '2023-03-15' },
)
const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => now, trustProxy: true }), { db, logger: false })
t.teardown(async () => {
  await app.close()
  db.$client.close()
})
const sessions = () => (db.$client.prepare('SELECT count(*) AS n FROM web_sessions').get() as { n: number }).n
const form = 'application/x-www-form-urlencoded'

t.test('a visitor is sent to sign in; the session cookie is HttpOnly, SameSite=Lax, Secure over HTTPS', async (t) => {
  const r = await app.inject({ url: '/portefeuille?status=toegekend' })
  t.equal(r.statusCode, 303)
  t.equal(r.headers.location, '/aanmelden?terug=%2Fportefeuille%3Fstatus%3Dtoegekend')
  const hx = await app.inject({ url: '/deadlines', headers: { 'hx-request': 'true' } })
  t.equal(hx.statusCode, 401)
  t.equal(hx.headers['hx-redirect'], '/aanmelden?terug=%2Fdeadlines', 'htmx gets a full-page redirect')

  const page = await app.inject({ url: '/aanmelden', headers: { 'x-forwarded-proto': 'https' } })
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]
  const pre = String(page.headers['set-cookie']).split(';')[0]
  const ok = await app.inject({
    method: 'POST',
    url: '/aanmelden',
    headers: { cookie: pre, 'content-type': form, 'x-forwarded-proto': 'https' },
    payload: new URLSearchParams({
      _csrf: token,
      email: 'Controller@Woudstede.nl',
      password: PASSWORD,
      terug: '//evil.example/x',
    }).toString(),
  })
  t.equal(ok.statusCode, 303)
  t.equal(ok.headers.location, '/', 'only a local path is a return target')
  const cookie = ([] as string[]).concat(ok.headers['set-cookie'] as string[]).find((c) => c.startsWith('woud_sessie='))!
  t.match(cookie, /HttpOnly/)
  t.match(cookie, /SameSite=Lax/)
  t.match(cookie, /Secure/)
  const plain = await signInInject(app, 'controller@woudstede.nl')
  t.notMatch(plain.cookie, /Secure/)
  const stored = db.$client.prepare('SELECT id FROM web_sessions').all() as { id: string }[]
  t.notOk(
    stored.some((s) => cookie.includes(s.id)),
    'the database holds only a hash of the cookie secret',
  )
})

t.test('sign-in form without its token is refused', async (t) => {
  const r = await app.inject({
    method: 'POST',
    url: '/aanmelden',
    headers: { 'content-type': form },
    payload: `email=controller%40woudstede.nl&password=${PASSWORD}`,
  })
  t.equal(r.statusCode, 403)
  t.match(r.body, 'Formulier verlopen')
})

t.test('CSRF: every state-changing request needs the session token', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const body = { title: 'Nieuw', scheme: 'jenv-a13' }
  t.equal((await s.post('/subsidies', body, { csrf: null })).statusCode, 403, 'no token')
  t.equal((await s.post('/subsidies', body, { csrf: 'x'.repeat(s.csrf.length) })).statusCode, 403, 'wrong token')
  t.equal((await s.post('/subsidies', body, { headers: { origin: 'https://evil.example' } })).statusCode, 403, 'cross-origin')
  const viaHeader = await s.post('/subsidies', body, { csrf: null, headers: { 'x-csrf-token': s.csrf } })
  t.equal(viaHeader.statusCode, 303, 'htmx sends the token as a header')
  t.equal((await s.post('/subsidies', body)).statusCode, 303, 'a form sends it as _csrf')
  const other = await signInInject(app, 'lezer@woudstede.nl')
  t.equal((await other.post('/afmelden', {}, { csrf: s.csrf })).statusCode, 403, "another session's token does not work")
})

t.test('idle and absolute expiry end the session server-side', async (t) => {
  now = START
  const s = await signInInject(app, 'controller@woudstede.nl')
  now = new Date(START.getTime() + SESSION_IDLE_MS - 60_000)
  t.equal((await s.get('/')).statusCode, 200, 'still alive just before the idle limit')
  now = new Date(now.getTime() + SESSION_IDLE_MS + 1000)
  const idle = await s.get('/')
  t.equal(idle.statusCode, 303, 'idle too long')
  t.match(String(idle.headers['set-cookie']), /woud_sessie=;/, 'the stale cookie is cleared')

  now = START
  const a = await signInInject(app, 'controller@woudstede.nl')
  let alive = true
  for (let m = 20; m * 60_000 < SESSION_ABSOLUTE_MS + 20 * 60_000 && alive; m += 20) {
    now = new Date(START.getTime() + m * 60_000)
    alive = (await a.get('/portefeuille')).statusCode === 200
    if (!alive) t.ok(m * 60_000 >= SESSION_ABSOLUTE_MS, `ended at the absolute limit (${m} min), not before`)
  }
  t.notOk(alive, 'an active session still ends at its absolute expiry')
  now = START
})

t.test('sign-out deletes the session; a disabled user is signed out', async (t) => {
  now = START
  const s = await signInInject(app, 'controller@woudstede.nl')
  const before = sessions()
  const out = await s.post('/afmelden', {})
  t.equal(out.statusCode, 303)
  t.equal(out.headers.location, '/aanmelden?afgemeld=1')
  t.equal(sessions(), before - 1)
  t.equal((await s.get('/')).statusCode, 303, 'the old cookie opens nothing')

  const l = await signInInject(app, 'lezer@woudstede.nl')
  disableUser(db, SYSTEM, 'lezer@woudstede.nl', START.toISOString())
  t.equal((await l.get('/')).statusCode, 303)
  db.$client.prepare('UPDATE users SET disabled_at = NULL WHERE id = ?').run(lezer.id)
})

t.test('roles and organisation scoping as in the API', async (t) => {
  now = START
  const l = await signInInject(app, 'lezer@woudstede.nl')
  const page = await l.get(`/subsidies/${own.id}`)
  t.equal(page.statusCode, 200)
  t.notMatch(page.body, 'Gegevens opslaan', 'a lezer gets no edit forms')
  t.equal(
    (await l.post(`/subsidies/${own.id}`, { title: 'Anders', version: '1', nature: 'incidenteel' })).statusCode,
    403,
    'and cannot post them',
  )
  t.equal((await l.get('/subsidies/nieuw')).statusCode, 403)
  const foreign = await l.get(`/subsidies/${seeded.foreignGrantId}`)
  t.equal(foreign.statusCode, 404)
  t.notMatch(foreign.body, 'Geheim project')
  t.equal((await l.get('/subsidies/999999')).statusCode, 404, 'the same page as for a grant that does not exist')
  t.equal((await l.post('/organisatie', { org: 'GM0002' })).statusCode, 404, 'cannot switch to an organisation without a role')

  const c = await signInInject(app, 'controller@woudstede.nl')
  t.equal((await c.post('/organisatie', { org: 'GM0003' })).statusCode, 303)
  t.match((await c.get('/')).body, /Bosrijk/)
  t.equal((await c.get('/subsidies/nieuw')).statusCode, 403, 'a lezer in the organisation switched to')
  t.equal((await c.get('/rapporten/controller.xlsx?jaar=2023')).statusCode, 403, 'workbooks need the controller role there')
})

t.test('a concurrent edit shows both versions and saves nothing', async (t) => {
  now = START
  const a = await signInInject(app, 'controller@woudstede.nl')
  const g = createGrant(
    db,
    SYSTEM,
    { organisationId: seeded.own.id, schemeCode: 'jenv-a13', title: 'Gedeelde subsidie' },
    { today: '2023-03-15' },
  )
  const base = { version: String(g.version), nature: 'incidenteel', bcfCents: '0,00' }
  t.equal((await a.post(`/subsidies/${g.id}`, { ...base, title: 'Versie van Anna' })).statusCode, 303)
  const second = await a.post(`/subsidies/${g.id}`, { ...base, title: 'Versie van Bert' })
  t.equal(second.statusCode, 409)
  t.match(second.body, 'Iemand anders heeft deze subsidie intussen gewijzigd')
  t.match(
    second.body,
    /<td class="utrecht-table__cell">Versie van Bert<\/td><td class="utrecht-table__cell">Versie van Anna<\/td>/,
    'both versions side by side',
  )
  t.match(second.body, /value="Versie van Bert"/, "the user's input is kept in the form")
  t.match((await a.get(`/subsidies/${g.id}`)).body, /value="Versie van Anna"/, 'nothing was overwritten')
})

t.test('a bad form saves nothing and shows Dutch messages next to the fields', async (t) => {
  const a = await signInInject(app, 'controller@woudstede.nl')
  const r = await a.post(`/subsidies/${own.id}/jaren`, { year: '2022', plannedBatenCents: '1.000,00', plannedLastenCents: '1,000.00' })
  t.equal(r.statusCode, 400)
  t.match(r.body, /id="jaar-plannedLastenCents-fout">Vul een bedrag in zoals 1\.234,56/)
  t.match(r.body, /value="1,000.00"/)
  t.notMatch((await a.get(`/subsidies/${own.id}`)).body, '€ 1.000,00', 'the valid field of the refused form was not saved')
})

t.test('failed sign-ins are throttled like bad API tokens', async (t) => {
  const page = await app.inject({ url: '/aanmelden', remoteAddress: '10.9.9.9' })
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]
  const pre = String(page.headers['set-cookie']).split(';')[0]
  const attempt = (password: string) =>
    app.inject({
      method: 'POST',
      url: '/aanmelden',
      remoteAddress: '10.9.9.9',
      headers: { cookie: pre, 'content-type': form },
      payload: new URLSearchParams({ _csrf: token, email: 'controller@woudstede.nl', password }).toString(),
    })
  let last = 0
  for (let i = 0; i < 25 && last !== 429; i++) last = (await attempt(`fout-wachtwoord-${i}`)).statusCode
  t.equal(last, 429, 'blocked after repeated failures')
  t.equal((await attempt(PASSWORD)).statusCode, 429, 'even the right password waits until the window ends')
  const api = await app.inject({
    url: '/api/v1/schemes',
    remoteAddress: '10.9.9.9',
    headers: { authorization: 'Bearer woud_xxxxxxxxxxxxxxxx' },
  })
  t.equal(api.statusCode, 429, 'the same counter as the API')
})
