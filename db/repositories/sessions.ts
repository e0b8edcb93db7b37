// Browser sign-in sessions: stored server-side (web_sessions, migration 0002), the cookie holds only a random secret
// whose SHA-256 is the row id. A session ends after an idle period and, whatever the activity, at an absolute time.
import { randomBytes } from 'node:crypto'
import type { Db } from '../client.js'
import { hashToken } from './users.js'

/** No request for this long ends the session (OWASP Session Management: 15-30 min for low-risk applications). */
export const SESSION_IDLE_MS = 30 * 60_000
/** A working day: a session never lives longer, however active. */
export const SESSION_ABSOLUTE_MS = 10 * 3600_000
/** last_seen_at is written at most this often, so reads stay free of writes. */
const TOUCH_MS = 60_000

export interface WebSession {
  /** sha256 hex of the cookie secret */
  id: string
  userId: number
  email: string
  name: string
  isAdmin: boolean
  /** The organisation the user works in now (the org switcher sets it); null when the user has none. */
  organisationId: number | null
  csrfToken: string
  createdAt: string
  lastSeenAt: string
  expiresAt: string
}

interface Row {
  id: string
  user_id: number
  organisation_id: number | null
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
  email: string
  name: string
  is_admin: number
  disabled_at: string | null
}

const toSession = (r: Row): WebSession => ({
  id: r.id,
  userId: r.user_id,
  email: r.email,
  name: r.name,
  isAdmin: !!r.is_admin,
  organisationId: r.organisation_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
})

/** A new session; returns the cookie secret (shown once, never stored) and the session. */
export function createSession(db: Db, userId: number, organisationId: number | null, now: Date): { secret: string; session: WebSession } {
  const secret = randomBytes(32).toString('base64url')
  const id = hashToken(secret)
  const at = now.toISOString()
  const expires = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString()
  db.$client
    .prepare(
      `INSERT INTO web_sessions (id, user_id, organisation_id, csrf_token, created_at, last_seen_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, userId, organisationId, randomBytes(32).toString('base64url'), at, at, expires)
  // Sign-in is a natural moment to forget sessions that ended long ago.
  purgeExpiredSessions(db, now)
  return { secret, session: findSession(db, secret, now)! }
}

/** The live session for a cookie secret; undefined (and the row removed) when idle too long, past its end or the user is disabled. */
export function findSession(db: Db, secret: string, now: Date): WebSession | undefined {
  const id = hashToken(secret)
  const r = db.$client
    .prepare(
      `SELECT s.*, u.email, u.name, u.is_admin, u.disabled_at FROM web_sessions s
    JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    )
    .get(id) as Row | undefined
  if (!r) return undefined
  const t = now.getTime()
  if (r.disabled_at || Date.parse(r.expires_at) <= t || Date.parse(r.last_seen_at) + SESSION_IDLE_MS <= t) {
    deleteSession(db, id)
    return undefined
  }
  if (Date.parse(r.last_seen_at) + TOUCH_MS <= t) {
    r.last_seen_at = now.toISOString()
    db.$client.prepare('UPDATE web_sessions SET last_seen_at = ? WHERE id = ?').run(r.last_seen_at, id)
  }
  return toSession(r)
}

export function deleteSession(db: Db, id: string): void {
  db.$client.prepare('DELETE FROM web_sessions WHERE id = ?').run(id)
}

/** Ends every session of a user (after a password reset or when the user is disabled). */
export function deleteUserSessions(db: Db, userId: number): number {
  return db.$client.prepare('DELETE FROM web_sessions WHERE user_id = ?').run(userId).changes
}

export function setSessionOrganisation(db: Db, id: string, organisationId: number): void {
  db.$client.prepare('UPDATE web_sessions SET organisation_id = ? WHERE id = ?').run(organisationId, id)
}

export function purgeExpiredSessions(db: Db, now: Date): number {
  const idleCut = new Date(now.getTime() - SESSION_IDLE_MS).toISOString()
  return db.$client.prepare('DELETE FROM web_sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now.toISOString(), idleCut).changes
}
