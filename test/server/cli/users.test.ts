// woud user … and woud token …: exit codes, one-time secrets, lists without secrets or hashes.
import t from 'tap'
import { openDatabase, type Db } from '../../../db/client.js'
import { apiTokens, auditLog } from '../../../db/schema.js'
import { todayAmsterdam } from '../../../db/dates.js'
import { principalForToken } from '../../../db/repositories/users.js'
import { seedOrganisation, TEST_NOW, cliOn } from '../../helpers.js'

const cli = (db: Db) => cliOn(db)

t.test('user add with roles in several organisations, and user list', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const run = cli(db)
  const added = await run(
    '--json',
    'user',
    'add',
    '--email',
    'Piet@Gemeente.nl',
    '--name',
    'Piet',
    '--org',
    'GM0363',
    '--role',
    'controller',
    '--org',
    'gm0599',
    '--role',
    'lezer',
  )
  t.equal(added.code, 0, added.err)
  t.strictSame(added.json(), {
    email: 'piet@gemeente.nl',
    name: 'Piet',
    isAdmin: false,
    roles: [
      { organisation: 'GM0363', role: 'controller' },
      { organisation: 'GM0599', role: 'lezer' },
    ],
  })
  t.equal((await run('user', 'add', '--email', 'op@woud.nl', '--name', 'Operator', '--admin')).code, 0)
  const list = await run('--json', 'user', 'list')
  t.equal(list.json().total, 2)
  t.match(list.json().items, [
    { email: 'op@woud.nl', isAdmin: true },
    { email: 'piet@gemeente.nl', roles: [{ organisation: 'GM0363' }, { organisation: 'GM0599' }] },
  ])
  t.match((await run('user', 'list')).out, /piet@gemeente\.nl\tPiet\tGM0363:controller GM0599:lezer/)
  const role = await run('user', 'role', '--email', 'piet@gemeente.nl', '--org', 'GM0599', '--role', 'beheerder')
  t.equal(role.code, 0, role.err)
  t.match((await run('--json', 'user', 'list')).json().items[1].roles, [{ role: 'controller' }, { role: 'beheerder' }])
  const audit = db
    .select()
    .from(auditLog)
    .all()
    .filter((a) => a.entity === 'user' || a.entity === 'user_role')
  t.ok(
    audit.length >= 5 && audit.every((a) => a.source === 'cli' && a.actor.startsWith('cli:')),
    'every change is audited with the CLI user',
  )
})

t.test('user add rejects bad input with the contract exit codes and writes nothing', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const run = cli(db)
  const cases: [string[], number, RegExp][] = [
    [['--email', 'a@b.nl', '--name', 'A', '--org', 'GM0363'], 2, /--role/],
    [['--email', 'a@b.nl', '--name', 'A', '--org', 'GM0363', '--role', 'baas'], 2, /baas.*onbekend/],
    [['--email', 'a@b.nl', '--name', 'A'], 2, /--admin/],
    [['--email', 'a@b.nl'], 2, /.*/],
    [['--email', 'a@b.nl', '--name', 'A', '--org', 'GM9999', '--role', 'lezer'], 1, /GM9999 bestaat niet/],
    [['--email', 'geen-adres', '--name', 'A', '--admin'], 1, /geen e-mailadres/],
  ]
  for (const [args, code, msg] of cases) {
    const r = await run('user', 'add', ...args)
    t.equal(r.code, code, args.join(' '))
    t.match(r.err, msg)
  }
  t.equal((await run('--json', 'user', 'list')).json().total, 0, 'nothing was written')
  t.equal((await run('user', 'add', '--email', 'a@b.nl', '--name', 'A', '--admin')).code, 0)
  t.equal((await run('user', 'add', '--email', 'A@B.nl', '--name', 'A', '--admin')).code, 1, 'a duplicate e-mail is rejected')
})

t.test('token create prints the secret once; list never shows it; revoke stops it', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedOrganisation(db)
  const run = cli(db)
  await run('user', 'add', '--email', 'a@b.nl', '--name', 'A', '--org', 'GM0363', '--role', 'lezer')
  const created = await run('--json', 'token', 'create', '--user', 'a@b.nl', '--expires', '2099-12-31', '--label', 'koppeling')
  t.equal(created.code, 0, created.err)
  const { token, id, expiresOn } = created.json()
  t.match(token, /^woud_/)
  t.equal(expiresOn, '2099-12-31')
  t.equal(created.out.trim().split('\n').length, 1, '--json prints one document and nothing else')
  t.ok(principalForToken(db, token, todayAmsterdam()), 'the printed token works')
  const human = await run('token', 'create', '--user', 'a@b.nl')
  t.match(human.out, /^woud_[A-Za-z0-9_-]+\n\nToken 2 voor a@b\.nl\. Bewaar het nu/)

  const hashes = db
    .select({ hash: apiTokens.hash })
    .from(apiTokens)
    .all()
    .map((r) => r.hash)
  for (const args of [
    ['--json', 'token', 'list', '--user', 'a@b.nl'],
    ['token', 'list', '--user', 'a@b.nl'],
  ]) {
    const listed = await run(...args)
    t.equal(listed.code, 0)
    for (const s of [token, ...hashes]) t.notOk(listed.out.includes(s), `${args.join(' ')} shows no secret or hash`)
  }
  t.match((await run('--json', 'token', 'list', '--user', 'a@b.nl')).json(), {
    total: 2,
    items: [{ id, kind: 'api', label: 'koppeling', expiresOn: '2099-12-31', revokedAt: null }],
  })

  const revoked = await run('token', 'revoke', String(id))
  t.equal(revoked.code, 0, revoked.err)
  t.equal(principalForToken(db, token, todayAmsterdam()), undefined)
  t.match((await run('token', 'list', '--user', 'a@b.nl')).out, /^1\tapi\tkoppeling\ttot en met 2099-12-31\tingetrokken /m)
  t.equal((await run('token', 'revoke', String(id))).code, 1, 'revoking twice is rejected')
  t.equal((await run('token', 'revoke', '999')).code, 1)
  t.equal((await run('token', 'revoke', 'abc')).code, 2)
})

t.test('token create validates its options', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedOrganisation(db, 'GM0363', 'Amsterdam')
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const run = cli(db)
  await run('user', 'add', '--email', 'a@b.nl', '--name', 'A', '--org', 'GM0363', '--role', 'lezer')
  const cases: [string[], number][] = [
    [['--user', 'a@b.nl', '--expires', '31-12-2099'], 2],
    [['--user', 'a@b.nl', '--expires', '2099-02-30'], 2],
    [['--user', 'a@b.nl', '--expires', '2026-11-27'], 1],
    [['--user', 'nobody@b.nl'], 1],
    [['--user', 'a@b.nl', '--feed'], 2],
    [['--user', 'a@b.nl', '--org', 'GM0363'], 2],
    [['--user', 'a@b.nl', '--feed', '--org', 'GM0599'], 1],
    [['--user', 'a@b.nl', '--feed', '--org', 'GM9999'], 1],
  ]
  for (const [args, code] of cases) t.equal((await run('token', 'create', ...args)).code, code, args.join(' '))
  t.equal(db.select().from(apiTokens).all().length, 0, 'no token was made')
  const feed = await run('--json', 'token', 'create', '--user', 'a@b.nl', '--feed', '--org', 'gm0363')
  t.equal(feed.code, 0, feed.err)
  t.equal((await run('token', 'create', '--user', 'a@b.nl', '--expires', '2026-11-28')).code, 0, 'a token may end today (Amsterdam)')
  t.match(feed.json().token, /^woudf_/)
  t.match((await run('token', 'list', '--user', 'a@b.nl')).out, /^1\tfeed GM0363\t/)
})

t.test('user disable stops every token of that user', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const run = cli(db)
  await run('user', 'add', '--email', 'a@b.nl', '--name', 'A', '--admin')
  const { token } = (await run('--json', 'token', 'create', '--user', 'a@b.nl')).json()
  t.equal((await run('user', 'disable', '--email', 'a@b.nl')).code, 0)
  t.equal(principalForToken(db, token, todayAmsterdam()), undefined)
  t.equal((await run('user', 'disable', '--email', 'a@b.nl')).code, 1)
  t.equal((await run('token', 'create', '--user', 'a@b.nl')).code, 1, 'no new tokens for a disabled user')
  t.match((await run('user', 'list')).out, /uitgeschakeld/)
  t.match((await run('--json', 'user', 'list')).json().items[0], { disabledAt: TEST_NOW.toISOString() })
})
