// server/access.ts on its own: role ranks, 404 versus 403, list scopes, lookups by organisation code.
import t from 'tap'
import type { FastifyRequest } from 'fastify'
import { SYSTEM } from '../../db/audit.js'
import { createToken, createUser, principalForToken } from '../../db/repositories/users.js'
import {
  actorOf,
  organisationScope,
  principalOf,
  requireAnyRole,
  requireOperator,
  requireOrganisation,
  requireOrgRole,
  visibleOrganisationIds,
} from '../../server/access.js'
import { Problem } from '../../server/errors.js'
import { freshDb, seedOrganisation } from '../helpers.js'

const status = (fn: () => unknown): number => {
  try {
    fn()
    return 200
  } catch (e) {
    return e instanceof Problem ? e.status : 500
  }
}

t.test('roles, scopes and lookups', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const a = seedOrganisation(db, 'GM0363', 'Amsterdam')
  const b = seedOrganisation(db, 'GM0599', 'Rotterdam')
  const c = seedOrganisation(db, 'GM0518', 'Den Haag')
  const req = (email: string, roles: { orgCode: string; role: 'lezer' | 'medewerker' | 'controller' | 'beheerder' }[], isAdmin = false) => {
    const u = createUser(db, SYSTEM, { email, name: email, roles, isAdmin })
    const principal = principalForToken(db, createToken(db, SYSTEM, u.id).token, '2026-11-28')!
    return { principal, server: { db } } as unknown as FastifyRequest
  }
  const multi = req('multi@regio.nl', [
    { orgCode: 'GM0363', role: 'controller' },
    { orgCode: 'GM0599', role: 'lezer' },
  ])
  const op = req('op@woud.nl', [], true)
  const anon = { server: { db } } as unknown as FastifyRequest

  t.equal(
    status(() => requireOrgRole(multi, a.id, 'controller', 'X')),
    200,
  )
  t.equal(
    status(() => requireOrgRole(multi, a.id, 'beheerder', 'X')),
    403,
  )
  t.equal(
    status(() => requireOrgRole(multi, b.id, 'lezer', 'X')),
    200,
  )
  t.equal(
    status(() => requireOrgRole(multi, b.id, 'medewerker', 'X')),
    403,
    'roles are per organisation',
  )
  t.equal(
    status(() => requireOrgRole(multi, c.id, 'lezer', 'X')),
    404,
  )
  t.equal(
    status(() => requireOrgRole(op, c.id, 'beheerder', 'X')),
    200,
  )
  t.equal(
    status(() => requireOrgRole(anon, a.id, 'lezer', 'X')),
    401,
  )
  t.equal(
    status(() => principalOf(anon)),
    401,
  )

  t.strictSame(visibleOrganisationIds(multi), [a.id, b.id])
  t.strictSame(visibleOrganisationIds(multi, 'medewerker'), [a.id])
  t.equal(visibleOrganisationIds(op), 'all')

  t.strictSame(organisationScope(multi, undefined), [a.id, b.id])
  t.strictSame(organisationScope(multi, ''), [a.id, b.id], 'an empty ?org= is no filter')
  t.strictSame(organisationScope(multi, 'gm0599'), [b.id], 'codes are case-insensitive')
  t.equal(
    status(() => organisationScope(multi, 'GM0518')),
    404,
  )
  t.equal(
    status(() => organisationScope(multi, 'GM9999')),
    404,
    'unknown and foreign look the same',
  )
  t.equal(
    status(() => organisationScope(multi, 'GM0599', 'controller')),
    403,
  )

  t.equal(requireOrganisation(multi, 'GM0363', 'controller').id, a.id)
  t.equal(
    status(() => requireOrganisation(op, 'GM9999', 'lezer')),
    404,
  )

  t.equal(
    status(() => requireAnyRole(multi, 'controller')),
    200,
  )
  t.equal(
    status(() => requireAnyRole(multi, 'beheerder')),
    403,
  )
  t.equal(
    status(() => requireAnyRole(req('none@x.nl', []), 'lezer')),
    403,
  )
  t.equal(
    status(() => requireOperator(multi)),
    403,
  )
  t.equal(
    status(() => requireOperator(op)),
    200,
  )

  t.strictSame(actorOf(multi), { actor: 'multi@regio.nl', source: 'api' })
})
