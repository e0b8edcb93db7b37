// Web sign-in passwords: scrypt hash format, policy, audit without secrets, and who may never verify.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { DomainError } from '../../db/errors.js'
import { auditLog, users, webSessions } from '../../db/schema.js'
import { hashPassword, MIN_PASSWORD_LENGTH, setPassword, verifyPassword } from '../../db/repositories/passwords.js'
import { createUser, disableUser } from '../../db/repositories/users.js'

const PW = 'correct paard batterij'

t.test('set, verify and reset a password; the audit trail never holds it', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const u = createUser(db, SYSTEM, { email: 'piet@gemeente.nl', name: 'Piet', isAdmin: true })
  t.equal(verifyPassword(db, 'piet@gemeente.nl', PW), null, 'a user without a password never verifies')
  setPassword(db, { actor: 'beheer@woud.nl', source: 'api' }, u.id, PW)
  const stored = db.select().from(users).where(eq(users.id, u.id)).get()!.passwordHash!
  t.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/, 'parameters and salt live in the string')
  t.not(stored.includes(PW), true)
  t.equal(verifyPassword(db, ' Piet@Gemeente.nl ', PW)?.id, u.id, 'e-mail is matched as on sign-up')
  t.equal(verifyPassword(db, 'piet@gemeente.nl', PW + '!'), null)
  t.equal(verifyPassword(db, 'piet@gemeente.nl', ''), null)
  t.equal(verifyPassword(db, 'niemand@gemeente.nl', PW), null)
  setPassword(db, SYSTEM, u.id, 'een ander wachtwoord')
  t.equal(verifyPassword(db, 'piet@gemeente.nl', PW), null, 'the old password stops working')
  t.ok(verifyPassword(db, 'piet@gemeente.nl', 'een ander wachtwoord'))
  const audit = db.select().from(auditLog).where(eq(auditLog.entity, 'user')).all()
  t.strictSame(
    audit.filter((a) => a.action.startsWith('password')).map((a) => [a.action, a.before, a.after, a.actor]),
    [
      ['password-set', { hasPassword: false }, { hasPassword: true }, 'beheer@woud.nl'],
      ['password-reset', { hasPassword: true }, { hasPassword: true }, 'system'],
    ],
  )
  const everything = JSON.stringify(db.select().from(auditLog).all())
  t.notOk(everything.includes(PW) || everything.includes('scrypt$'), 'neither password nor hash in the audit trail')
})

t.test('salts differ per hash, and disabled users never verify', async (t) => {
  t.not(hashPassword(PW), hashPassword(PW))
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const u = createUser(db, SYSTEM, { email: 'jan@gemeente.nl', name: 'Jan', isAdmin: true })
  setPassword(db, SYSTEM, u.id, PW)
  disableUser(db, SYSTEM, 'jan@gemeente.nl', '2026-11-28T10:00:00.000Z')
  t.equal(verifyPassword(db, 'jan@gemeente.nl', PW), null)
})

t.test('the length policy refuses with a Dutch message on the password field and changes nothing', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const u = createUser(db, SYSTEM, { email: 'kees@gemeente.nl', name: 'Kees', isAdmin: true })
  const short = 'x'.repeat(MIN_PASSWORD_LENGTH - 1)
  const e = t.throws(() => setPassword(db, SYSTEM, u.id, short)) as unknown as DomainError
  t.ok(e instanceof DomainError && e.kind === 'invalid')
  t.match(e.errors, [{ field: 'password', message: /minstens 12 tekens/ }])
  t.throws(() => setPassword(db, SYSTEM, u.id, 'y'.repeat(257)), /hooguit 256/)
  t.throws(() => setPassword(db, SYSTEM, 9999, PW), /bestaat niet/)
  t.equal(db.select().from(users).where(eq(users.id, u.id)).get()!.passwordHash, null)
  t.doesNotThrow(() => setPassword(db, SYSTEM, u.id, 'é'.repeat(MIN_PASSWORD_LENGTH)), 'length counts characters, not bytes')
})

t.test('web_sessions exists with its foreign keys (migration 0002)', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const u = createUser(db, SYSTEM, { email: 'a@b.nl', name: 'A', isAdmin: true })
  const now = '2026-11-28T10:00:00.000Z'
  db.insert(webSessions)
    .values({ id: 'f'.repeat(64), userId: u.id, csrfToken: 'c', createdAt: now, lastSeenAt: now, expiresAt: now })
    .run()
  t.throws(
    () =>
      db
        .insert(webSessions)
        .values({ id: 'e'.repeat(64), userId: 999, csrfToken: 'c', createdAt: now, lastSeenAt: now, expiresAt: now })
        .run(),
    /FOREIGN KEY/,
  )
  const idx = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'web_sessions'").all()
  t.ok(
    (idx as { name: string }[]).some((i) => i.name === 'web_sessions_user'),
    'sessions are found by user',
  )
})
