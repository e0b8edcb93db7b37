// /api/v1/users and /api/v1/me/tokens: what a beheerder sees and may do, what an operator may, tokens shown once.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { SYSTEM } from '../../db/audit.js'
import { auditLog } from '../../db/schema.js'
import { createUser } from '../../db/repositories/users.js'
import { createSession } from '../../db/repositories/sessions.js'
import { seedOrganisation, testApp, userWithToken } from '../helpers.js'

t.test('user administration by beheerders and operators', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const beheer = userWithToken(db, 'beheer@amsterdam.nl', [{ orgCode: 'GM0363', role: 'beheerder' }])
  const shared = createUser(db, SYSTEM, {
    email: 'gedeeld@regio.nl',
    name: 'Gedeeld',
    roles: [
      { orgCode: 'GM0363', role: 'lezer' },
      { orgCode: 'GM0599', role: 'controller' },
    ],
  })
  createUser(db, SYSTEM, { email: 'r@rotterdam.nl', name: 'R', roles: [{ orgCode: 'GM0599', role: 'beheerder' }] })

  await t.test("lists show only users and roles of the beheerder's organisations", async (t) => {
    const list = (await api({ method: 'GET', url: '/api/v1/users', token: beheer })).json()
    t.strictSame(
      list.items.map((u: { email: string }) => u.email),
      ['beheer@amsterdam.nl', 'gedeeld@regio.nl'],
    )
    t.notMatch(JSON.stringify(list), /GM0599|Rotterdam|controller/, 'the other organisation and its roles stay hidden')
    t.equal((await api({ method: 'GET', url: '/api/v1/users?org=GM0599', token: beheer })).statusCode, 404)
    const all = (await api({ method: 'GET', url: '/api/v1/users?limit=2&offset=1' })).json()
    t.equal(all.total, 4, 'an operator sees everyone')
    t.equal(all.items.length, 2)
    t.match((await api({ method: 'GET', url: `/api/v1/users/${shared.id}` })).json().roles, [
      { organisation: 'GM0363' },
      { organisation: 'GM0599', role: 'controller' },
    ])
  })

  await t.test('create: roles only where the caller is beheerder, Dutch field errors, 409 for a known e-mail', async (t) => {
    const made = await api({
      method: 'POST',
      url: '/api/v1/users',
      token: beheer,
      payload: { email: ' Nieuw@Amsterdam.nl', name: 'Nieuw', roles: [{ organisation: 'gm0363', role: 'medewerker' }] },
    })
    t.equal(made.statusCode, 201, made.body)
    t.match(made.json(), {
      email: 'nieuw@amsterdam.nl',
      isAdmin: false,
      hasPassword: false,
      disabledAt: null,
      roles: [{ organisation: 'GM0363', organisationName: 'Amsterdam', role: 'medewerker' }],
    })
    const dup = await api({
      method: 'POST',
      url: '/api/v1/users',
      token: beheer,
      payload: { email: 'nieuw@amsterdam.nl', name: 'Nog eens', roles: [{ organisation: 'GM0363', role: 'lezer' }] },
    })
    t.equal(dup.statusCode, 409)
    const bad = await api({
      method: 'POST',
      url: '/api/v1/users',
      token: beheer,
      payload: { email: 'geen-adres', name: 'X', roles: [{ organisation: 'GM0363', role: 'lezer' }] },
    })
    t.equal(bad.statusCode, 400)
    t.match(bad.json().errors, [{ field: 'email', message: /geen e-mailadres/ }])
    const none = await api({ method: 'POST', url: '/api/v1/users', token: beheer, payload: { email: 'x@y.nl', name: 'X', roles: [] } })
    t.match(none.json(), { status: 400, errors: [{ field: 'roles' }] })
    t.equal(
      (
        await api({
          method: 'POST',
          url: '/api/v1/users',
          token: beheer,
          payload: {
            email: 'x@y.nl',
            name: 'X',
            roles: [
              { organisation: 'GM0363', role: 'lezer' },
              { organisation: 'GM0599', role: 'lezer' },
            ],
          },
        })
      ).statusCode,
      404,
      'a role in another organisation: 404, and nothing is created',
    )
    t.equal(
      (
        await api({
          method: 'POST',
          url: '/api/v1/users',
          token: beheer,
          payload: { email: 'op@y.nl', name: 'Op', isAdmin: true, roles: [] },
        })
      ).statusCode,
      403,
    )
    t.equal(
      (await api({ method: 'POST', url: '/api/v1/users', payload: { email: 'op@y.nl', name: 'Op', isAdmin: true, roles: [] } })).statusCode,
      201,
      'an operator may',
    )
    t.equal(
      (await api({ method: 'GET', url: '/api/v1/users' })).json().items.some((u: { email: string }) => u.email === 'x@y.nl'),
      false,
    )
  })

  await t.test("roles: give, change, remove; never one's own", async (t) => {
    const id = (
      await api({
        method: 'POST',
        url: '/api/v1/users',
        token: beheer,
        payload: { email: 'rol@amsterdam.nl', name: 'Rol', roles: [{ organisation: 'GM0363', role: 'lezer' }] },
      })
    ).json().id
    const put = await api({ method: 'PUT', url: `/api/v1/users/${id}/roles/GM0363`, token: beheer, payload: { role: 'controller' } })
    t.match(put.json().roles, [{ role: 'controller' }])
    t.equal(
      (await api({ method: 'PUT', url: `/api/v1/users/${id}/roles/GM0363`, token: beheer, payload: { role: 'baas' } })).statusCode,
      400,
    )
    t.equal(
      (await api({ method: 'PUT', url: `/api/v1/users/${id}/roles/GM0599`, token: beheer, payload: { role: 'lezer' } })).statusCode,
      404,
    )
    const me = (await api({ method: 'GET', url: '/api/v1/me', token: beheer })).json()
    const own = await api({ method: 'PUT', url: `/api/v1/users/${me.id}/roles/GM0363`, token: beheer, payload: { role: 'lezer' } })
    t.match(own.json(), { status: 400, detail: /eigen rol/ })
    t.equal((await api({ method: 'DELETE', url: `/api/v1/users/${id}/roles/GM0363`, token: beheer })).statusCode, 204)
    t.equal(
      (await api({ method: 'GET', url: `/api/v1/users/${id}`, token: beheer })).statusCode,
      404,
      'without a role here the user is gone from view',
    )
    const trail = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'user_role'))
      .all()
      .filter((a) => a.entityId === `${id}:GM0363`)
    t.strictSame(
      trail.map((a) => [a.action, a.actor]),
      [
        ['create', 'beheer@amsterdam.nl'],
        ['update', 'beheer@amsterdam.nl'],
        ['delete', 'beheer@amsterdam.nl'],
      ],
    )
  })

  await t.test("disable and enable: tokens stop and work again; users of another organisation too are the operator's", async (t) => {
    const token = userWithToken(db, 'weg@amsterdam.nl', [{ orgCode: 'GM0363', role: 'medewerker' }])
    const id = (await api({ method: 'GET', url: '/api/v1/me', token })).json().id
    createSession(db, id, null, new Date())
    const sessions = () => db.$client.prepare('SELECT count(*) AS n FROM web_sessions WHERE user_id = ?').get(id) as { n: number }
    t.equal(sessions().n, 1)
    const off = await api({ method: 'POST', url: `/api/v1/users/${id}/disable`, token: beheer })
    t.equal(sessions().n, 0, 'disabling ends the browser sessions at once')
    t.equal(off.statusCode, 200)
    t.type(off.json().disabledAt, 'string')
    t.equal((await api({ method: 'GET', url: '/api/v1/me', token })).statusCode, 401)
    t.equal((await api({ method: 'POST', url: `/api/v1/users/${id}/enable`, token: beheer })).json().disabledAt, null)
    t.equal((await api({ method: 'GET', url: '/api/v1/me', token })).statusCode, 200)
    const cross = await api({ method: 'POST', url: `/api/v1/users/${shared.id}/disable`, token: beheer })
    t.equal(cross.statusCode, 403, 'the shared user works for Rotterdam too')
    t.match(cross.json().detail, /andere organisatie/)
    t.equal((await api({ method: 'POST', url: `/api/v1/users/${shared.id}/disable` })).statusCode, 200, 'the operator may')
    const me = (await api({ method: 'GET', url: '/api/v1/me', token: beheer })).json()
    t.equal((await api({ method: 'POST', url: `/api/v1/users/${me.id}/disable`, token: beheer })).statusCode, 400, 'not oneself')
  })
})

t.test('own tokens: created with the secret once, listed without it, revoked only by their owner', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const lezer = userWithToken(db, 'lezer@amsterdam.nl', [{ orgCode: 'GM0363', role: 'lezer' }])
  const other = userWithToken(db, 'ander@amsterdam.nl', [{ orgCode: 'GM0363', role: 'beheerder' }])
  const made = await api({
    method: 'POST',
    url: '/api/v1/me/tokens',
    token: lezer,
    payload: { label: 'Power BI', expiresOn: '2027-01-31' },
  })
  t.equal(made.statusCode, 201, made.body)
  const secret: string = made.json().token
  t.match(made.json(), { kind: 'api', expiresOn: '2027-01-31', organisation: null, feedUrl: null })
  t.equal((await api({ method: 'GET', url: '/api/v1/me', token: secret })).json().email, 'lezer@amsterdam.nl', 'the new token works')
  const list = await api({ method: 'GET', url: '/api/v1/me/tokens', token: lezer })
  t.equal(list.json().total, 2)
  t.notOk(list.body.includes(secret), 'never listed with its secret')
  t.match(list.json().items[1], { label: 'Power BI', kind: 'api', revokedAt: null })
  const feed = await api({ method: 'POST', url: '/api/v1/me/tokens', token: lezer, payload: { kind: 'feed', organisation: 'GM0363' } })
  t.equal(feed.statusCode, 201)
  const url = new URL(feed.json().feedUrl)
  t.equal((await api({ method: 'GET', url: url.pathname + url.search, token: null })).statusCode, 200, 'the feed URL opens the calendar')
  t.match((await api({ method: 'POST', url: '/api/v1/me/tokens', token: lezer, payload: { kind: 'feed' } })).json(), {
    status: 400,
    errors: [{ field: 'organisation' }],
  })
  t.match((await api({ method: 'POST', url: '/api/v1/me/tokens', token: lezer, payload: { expiresOn: '2026-11-27' } })).json(), {
    status: 400,
    errors: [{ field: 'expiresOn' }],
  })
  t.equal(
    (await api({ method: 'POST', url: '/api/v1/me/tokens', token: lezer, payload: { kind: 'feed', organisation: 'GM0599' } })).statusCode,
    404,
  )
  const id = made.json().id
  t.equal(
    (await api({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, token: other })).statusCode,
    404,
    "not someone else's, not even a beheerder's",
  )
  t.equal((await api({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, token: lezer })).statusCode, 204)
  t.equal((await api({ method: 'GET', url: '/api/v1/me', token: secret })).statusCode, 401, 'a revoked token stops at once')
  t.equal((await api({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, token: lezer })).statusCode, 404, 'revoking twice: 404')
  const audit = JSON.stringify(db.select().from(auditLog).where(eq(auditLog.entity, 'api_token')).all())
  t.notOk(audit.includes(secret), 'the secret is not in the audit trail')
})
