// Web sign-in passwords: scrypt hashes with a per-user salt, parameters stored inside the hash string.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { invalid, notFound } from '../errors.js'
import { users } from '../schema.js'
import { findUserByEmail, type UserRow } from './users.js'

/** NIST SP 800-63B §5.1.1.2: at least 8 characters for a memorised secret; we ask 12 since no second factor exists. */
export const MIN_PASSWORD_LENGTH = 12
/** Keeps scrypt's work bounded: a multi-megabyte "password" must not become a denial of service. */
export const MAX_PASSWORD_LENGTH = 256

// scrypt cost N=2^15, r=8, p=1 (OWASP Password Storage Cheat Sheet minimum for scrypt): ~32 MiB and tens of ms.
const PARAMS = { N: 1 << 15, r: 8, p: 1 }
const KEYLEN = 32
const maxmem = (N: number, r: number) => 256 * N * r

export function passwordProblem(password: string): string | null {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.`
  if (length > MAX_PASSWORD_LENGTH) return `Een wachtwoord heeft hooguit ${MAX_PASSWORD_LENGTH} tekens.`
  return null
}

/** `scrypt$N$r$p$salt$hash` (base64url): a later change of parameters still verifies older hashes. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16)
  const key = scryptSync(password.normalize('NFC'), salt, KEYLEN, { ...PARAMS, maxmem: maxmem(PARAMS.N, PARAMS.r) * 2 })
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

function matches(password: string, stored: string): boolean {
  const [alg, n, r, p, salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !salt || !hash) return false
  const N = Number(n),
    R = Number(r),
    P = Number(p)
  const expected = Buffer.from(hash, 'base64url')
  const key = scryptSync(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N,
    r: R,
    p: P,
    maxmem: maxmem(N, R) * 2,
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

// Verified against when the e-mail is unknown, disabled or has no password: every sign-in attempt costs one scrypt,
// so the response time does not tell which e-mail addresses have an account.
let dummy: string | undefined
const dummyHash = () => (dummy ??= hashPassword(randomBytes(18).toString('base64url')))

export function setPassword(db: Db, who: Actor, userId: number, password: string): void {
  const problem = passwordProblem(password)
  if (problem) throw invalid(problem, [{ field: 'password', message: problem }])
  const user = db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .get()
  if (!user) throw notFound(`Gebruiker ${userId} bestaat niet.`)
  const hash = hashPassword(password)
  db.$client.transaction(() => {
    db.update(users).set({ passwordHash: hash }).where(eq(users.id, userId)).run()
    // A reset locks out whoever had the old password: every browser session of the user ends.
    db.$client.prepare('DELETE FROM web_sessions WHERE user_id = ?').run(userId)
    // Neither the password nor its hash is written to the audit trail: only that it was set or reset.
    writeAudit(db, who, {
      entity: 'user',
      entityId: user.email,
      action: user.passwordHash ? 'password-reset' : 'password-set',
      before: { hasPassword: user.passwordHash !== null },
      after: { hasPassword: true },
    })
  })()
}

/** The user whose password this is; null for a wrong password, an unknown e-mail, a disabled user or no password. */
export function verifyPassword(db: Db, email: string, password: string): UserRow | null {
  const user = findUserByEmail(db, email)
  const usable = !!user && !user.disabledAt && !!user.passwordHash && password.length <= MAX_PASSWORD_LENGTH * 4
  const ok = matches(usable ? password : 'x', usable ? user.passwordHash! : dummyHash())
  return usable && ok ? user : null
}
