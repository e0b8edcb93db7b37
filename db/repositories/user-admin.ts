// User administration beyond creating users (web area, issue 11): one user by id, removing a role, enabling again.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { apiTokens, organisations, userRoles, users } from '../schema.js'
import type { Role } from './users.js'

export interface AdminUser {
  id: number
  email: string
  name: string
  isAdmin: boolean
  disabledAt: string | null
  hasPassword: boolean
  createdAt: string
  roles: { organisation: string; organisationName: string; role: Role }[]
}

const COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  isAdmin: users.isAdmin,
  disabledAt: users.disabledAt,
  passwordHash: users.passwordHash,
  createdAt: users.createdAt,
}

/**
 * Users with their roles, as a beheerder sees them: `orgIds` limits both which users appear (those with a role
 * in one of them) and which of their roles are shown; 'all' (an operator) shows everyone and every role.
 */
export function listAdminUsers(db: Db, orgIds: number[] | 'all', opts: { ids?: number[] } = {}): AdminUser[] {
  const roleRows = db
    .select({
      userId: userRoles.userId,
      organisationId: userRoles.organisationId,
      organisation: organisations.code,
      organisationName: organisations.name,
      role: userRoles.role,
    })
    .from(userRoles)
    .innerJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .where(orgIds === 'all' ? undefined : inArray(userRoles.organisationId, orgIds.length ? orgIds : [-1]))
    .orderBy(asc(organisations.code))
    .all()
  const byUser = new Map<number, AdminUser['roles']>()
  for (const r of roleRows) {
    let list = byUser.get(r.userId)
    if (!list) byUser.set(r.userId, (list = []))
    list.push({ organisation: r.organisation, organisationName: r.organisationName, role: r.role })
  }
  const where =
    orgIds === 'all'
      ? opts.ids
        ? inArray(users.id, opts.ids)
        : undefined
      : inArray(users.id, [...byUser.keys()].filter((id) => !opts.ids || opts.ids.includes(id)).concat(-1))
  return db
    .select(COLUMNS)
    .from(users)
    .where(where)
    .orderBy(asc(users.email))
    .all()
    .map(({ passwordHash, ...u }) => ({
      ...u,
      hasPassword: passwordHash !== null,
      roles: byUser.get(u.id) ?? [],
    }))
}

/** Every role of a user, by organisation id (to decide who may disable them). */
export function rolesOfUser(db: Db, userId: number): Map<number, Role> {
  return new Map(
    db
      .select()
      .from(userRoles)
      .where(eq(userRoles.userId, userId))
      .all()
      .map((r) => [r.organisationId, r.role]),
  )
}

export function removeRole(db: Db, who: Actor, userId: number, organisationId: number): boolean {
  const before = db
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.organisationId, organisationId)))
    .get()
  if (!before) return false
  const org = db.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, organisationId)).get()!
  db.$client.transaction(() => {
    db.delete(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.organisationId, organisationId)))
      .run()
    // A feed token only opens an organisation its owner has a role in (principalForToken checks it): nothing to revoke.
    writeAudit(db, who, {
      entity: 'user_role',
      entityId: `${userId}:${org.code}`,
      action: 'delete',
      before: { role: before.role },
      after: null,
    })
  })()
  return true
}

/** The counterpart of disableUser: tokens that were not revoked work again, sessions had ended for good. */
export function enableUser(db: Db, who: Actor, userId: number): boolean {
  const u = db.select({ email: users.email, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId)).get()
  if (!u || !u.disabledAt) return false
  db.$client.transaction(() => {
    db.update(users).set({ disabledAt: null }).where(eq(users.id, userId)).run()
    writeAudit(db, who, {
      entity: 'user',
      entityId: u.email,
      action: 'enable',
      before: { disabledAt: u.disabledAt },
      after: { disabledAt: null },
    })
  })()
  return true
}

/** Ends a disabled user's browser sessions at once (the session lookup also refuses disabled users). */
export function endSessions(db: Db, userId: number): void {
  db.$client.prepare('DELETE FROM web_sessions WHERE user_id = ?').run(userId)
}

/** One token of a user, or undefined when it is not theirs. */
export function tokenOfUser(db: Db, userId: number, tokenId: number) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .get()
}
