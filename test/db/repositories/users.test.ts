// The users repository: e-mail normalisation, roles per organisation, tokens stored only as a hash, feed-token scope.
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { apiTokens, auditLog, userRoles, users } from '../../../db/schema.js'
import {
  createToken,
  createUser,
  disableUser,
  hashToken,
  listTokens,
  listUsers,
  principalForToken,
  revokeToken,
  setRole,
  UserInputError,
} from '../../../db/repositories/users.js'
import { freshDb, seedOrganisation } from '../../helpers.js'

const TODAY = '2026-11-28'

t.test('a user gets roles in several organisations; e-mail is case-insensitive and unique', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const u = createUser(db, SYSTEM, {
    email: '  Piet@Gemeente.NL ',
    name: 'Piet',
    roles: [
      { orgCode: 'gm0363', role: 'controller' },
      { orgCode: 'GM0599', role: 'lezer' },
    ],
  })
  t.equal(u.email, 'piet@gemeente.nl')
  t.strictSame(listUsers(db), [
    {
      email: 'piet@gemeente.nl',
      name: 'Piet',
      isAdmin: false,
      disabledAt: null,
      roles: [
        { organisation: 'GM0363', role: 'controller' },
        { organisation: 'GM0599', role: 'lezer' },
      ],
    },
  ])
  t.throws(() => createUser(db, SYSTEM, { email: 'PIET@gemeente.nl', name: 'Piet 2' }), UserInputError)
  t.throws(() => createUser(db, SYSTEM, { email: 'geen-adres', name: 'X' }), UserInputError)
  setRole(db, SYSTEM, u.id, 'GM0599', 'beheerder')
  t.equal(listUsers(db)[0].roles[1].role, 'beheerder', 'a second role in the same organisation replaces the first')
})

t.test('an unknown organisation rejects the whole user: nothing is written', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  const auditBefore = db.select().from(auditLog).all().length
  t.throws(
    () =>
      createUser(db, SYSTEM, {
        email: 'a@b.nl',
        name: 'A',
        roles: [
          { orgCode: 'GM0363', role: 'lezer' },
          { orgCode: 'GM9999', role: 'lezer' },
        ],
      }),
    /GM9999 bestaat niet/,
  )
  t.equal(db.select().from(users).all().length, 0)
  t.equal(db.select().from(userRoles).all().length, 0)
  t.equal(db.select().from(auditLog).all().length, auditBefore)
})

t.test('tokens: only the SHA-256 hash is stored, never in the audit trail, and never listed', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const u = createUser(db, SYSTEM, { email: 'a@b.nl', name: 'A', roles: [{ orgCode: 'GM0363', role: 'lezer' }] })
  const tok = createToken(db, SYSTEM, u.id, { label: 'koppeling', expiresOn: '2027-01-01' })
  t.match(tok.token, /^woud_[A-Za-z0-9_-]{43}$/)
  const row = db.select().from(apiTokens).get()!
  t.equal(row.hash, hashToken(tok.token))
  t.not(row.hash, tok.token)
  const dump = JSON.stringify(db.select().from(auditLog).all())
  t.notOk(dump.includes(tok.token) || dump.includes(row.hash), 'audit rows name neither secret nor hash')
  const listed = listTokens(db, u.id)
  t.strictSame(Object.keys(listed[0]).sort(), ['createdAt', 'expiresOn', 'id', 'kind', 'label', 'lastUsedAt', 'organisation', 'revokedAt'])
  t.match(listed[0], { id: tok.id, kind: 'api', label: 'koppeling', expiresOn: '2027-01-01', revokedAt: null, lastUsedAt: null })
})

t.test('principalForToken: expiry is inclusive, revocation and disabling are immediate', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const org = seedOrganisation(db)
  const u = createUser(db, SYSTEM, { email: 'a@b.nl', name: 'A', roles: [{ orgCode: 'GM0363', role: 'medewerker' }] })
  const today = createToken(db, SYSTEM, u.id, { expiresOn: TODAY })
  const yesterday = createToken(db, SYSTEM, u.id, { expiresOn: '2026-11-27' })
  const p = principalForToken(db, today.token, TODAY, '2026-11-28T10:00:00.000Z')!
  t.equal(p.email, 'a@b.nl')
  t.equal(p.roles.get(org.id), 'medewerker')
  t.equal(listTokens(db, u.id)[0].lastUsedAt, '2026-11-28T10:00:00.000Z', 'last use is recorded')
  t.equal(principalForToken(db, yesterday.token, TODAY), undefined)
  t.equal(principalForToken(db, 'woud_nonsense', TODAY), undefined)
  t.ok(revokeToken(db, SYSTEM, today.id))
  t.notOk(revokeToken(db, SYSTEM, today.id), 'revoking twice reports nothing to do')
  t.equal(principalForToken(db, today.token, TODAY), undefined)
  const other = createToken(db, SYSTEM, u.id)
  t.ok(principalForToken(db, other.token, TODAY))
  t.ok(disableUser(db, SYSTEM, 'a@b.nl', '2026-11-28T11:00:00Z'))
  t.equal(principalForToken(db, other.token, TODAY), undefined, 'a disabled user has no working token')
})

t.test('a feed token reads one organisation, even for an operator or a user with more roles', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const a = seedOrganisation(db, 'GM0363', 'Amsterdam')
  const b = seedOrganisation(db, 'GM0599', 'Rotterdam')
  const u = createUser(db, SYSTEM, {
    email: 'a@b.nl',
    name: 'A',
    roles: [
      { orgCode: 'GM0363', role: 'beheerder' },
      { orgCode: 'GM0599', role: 'beheerder' },
    ],
  })
  const op = createUser(db, SYSTEM, { email: 'op@b.nl', name: 'Op', isAdmin: true })
  t.throws(() => createToken(db, SYSTEM, u.id, { kind: 'feed' }), UserInputError)
  const feed = createToken(db, SYSTEM, u.id, { kind: 'feed', organisationId: a.id })
  t.match(feed.token, /^woudf_/)
  const p = principalForToken(db, feed.token, TODAY)!
  t.equal(p.tokenKind, 'feed')
  t.strictSame([...p.roles], [[a.id, 'lezer']])
  const opFeed = principalForToken(db, createToken(db, SYSTEM, op.id, { kind: 'feed', organisationId: b.id }).token, TODAY)!
  t.equal(opFeed.isAdmin, false)
  t.strictSame([...opFeed.roles], [[b.id, 'lezer']])
  const lost = createUser(db, SYSTEM, { email: 'c@b.nl', name: 'C', roles: [{ orgCode: 'GM0599', role: 'lezer' }] })
  const stale = principalForToken(db, createToken(db, SYSTEM, lost.id, { kind: 'feed', organisationId: a.id }).token, TODAY)!
  t.equal(stale.roles.size, 0, 'a feed token for an organisation its owner has no role in opens nothing')
})
