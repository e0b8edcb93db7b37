// Unknown paths: a web path is the Dutch 404 page in the layout (for visitors and signed-in users alike); an API path
// keeps its JSON problem (RFC 9457). Over HTTP on a real SQLite file.
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { createToken } from '../../../db/repositories/users.js'
import { fileApp, signInInject } from './web-helpers.js'

const { app, seeded } = await fileApp(t, new Date('2026-11-28T10:00:00Z'))
const token = createToken(app.db, SYSTEM, seeded.user.id).token

t.test('a visitor on an unknown web path gets the HTML 404 page, not JSON', async (t) => {
  const r = await app.inject({ url: '/bestaat/niet?x=1' })
  t.equal(r.statusCode, 404)
  t.equal(r.headers['content-type'], 'text/html; charset=utf-8')
  t.match(r.body, /^<!DOCTYPE html><html lang="nl" class="utrecht-root">/)
  t.match(r.body, /<h1 class="utrecht-heading-1">Pagina niet gevonden<\/h1>/)
  t.match(r.body, /Wat u zoekt bestaat niet, of u heeft er geen toegang toe\./)
  t.match(r.body, /<a class="utrecht-link" href="\/">Naar het overzicht<\/a>/)
  t.notMatch(r.body, /Hoofdmenu/, 'no menu without a session')
  t.match(String(r.headers['content-security-policy']), /default-src 'none'/, 'with the strict CSP of the web pages')
  const head = await app.inject({ method: 'HEAD', url: '/bestaat-niet' })
  t.strictSame([head.statusCode, head.headers['content-type']], [404, 'text/html; charset=utf-8'], 'HEAD alike')
})

t.test('the path is never echoed: markup in the URL does not reach the page', async (t) => {
  const r = await app.inject({ url: `/${encodeURIComponent('"><script>alert(1)</script>')}` })
  t.equal(r.statusCode, 404)
  t.notMatch(r.body, /alert\(1\)|<script>alert/)
})

t.test('a signed-in user gets the same page with the menu and the user box', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await s.get('/portefeuile')
  t.equal(r.statusCode, 404)
  t.match(r.body, /<nav class="utrecht-nav-bar woud-nav" aria-label="Hoofdmenu">/)
  t.match(r.body, /Carla Controller/)
  t.match(r.body, /Pagina niet gevonden/)
  t.equal((await s.get('/subsidies/1/bestaat-niet')).statusCode, 404, 'also below an existing page')
  t.equal((await s.get('/portefeuille')).statusCode, 200, 'existing pages still answer')
})

t.test('API paths keep their JSON problem responses', async (t) => {
  const r = await app.inject({ url: '/api/v1/bestaat-niet?q=1', headers: { authorization: `Bearer ${token}` } })
  t.equal(r.statusCode, 404)
  t.equal(r.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(r.json(), { status: 404, title: 'Niet gevonden', instance: '/api/v1/bestaat-niet' })
  const anon = await app.inject({ url: '/api/v1/bestaat-niet' })
  t.strictSame(
    [anon.statusCode, anon.headers['content-type']],
    [401, 'application/problem+json; charset=utf-8'],
    'without a token: 401, as before',
  )
  const bare = await app.inject({ url: '/api' })
  t.strictSame([bare.statusCode, bare.headers['content-type']], [404, 'application/problem+json; charset=utf-8'])
  const post = await app.inject({ method: 'POST', url: '/api/v1/bestaat-niet', headers: { authorization: `Bearer ${token}` } })
  t.strictSame([post.statusCode, post.headers['content-type']], [404, 'application/problem+json; charset=utf-8'], 'other methods too')
  const cookieOnly = await app.inject({
    url: '/api/v1/grants',
    headers: { cookie: (await signInInject(app, 'controller@woudstede.nl')).cookie },
  })
  t.equal(cookieOnly.statusCode, 401, 'a browser session cookie is no API credential')
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200)
  t.equal((await app.inject({ url: '/openapi.json' })).statusCode, 200)
  t.equal((await app.inject({ url: '/assets/woud.css' })).statusCode, 200, 'assets are still served')
})
