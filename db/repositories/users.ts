// Users, their roles per organisation, and API / calendar-feed tokens (stored only as SHA-256 hashes).
import { createHash, randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { apiTokens, organisations, userRoles, users } from '../schema.js'

export const ROLES = ['lezer', 'medewerker', 'controller', 'beheerder'] as const
export type Role = (typeof ROLES)[number]
export const roleRank = (r: Role): number => ROLES.indexOf(r)

export type UserRow = typeof users.$inferSelect

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function createUser(db: Db, who: Actor, input: { email: string; name: string; isAdmin?: boolean; roles?: { orgCode: string; role: Role }[] }): UserRow {
  return db.$client.transaction(() => {
    const email = input.email.trim().toLowerCase()
    const row = db.insert(users).values({ email, name: input.name.trim(), isAdmin: input.isAdmin ?? false }).returning().get()
    for (const r of input.roles ?? []) setRole(db, who, row.id, r.orgCode, r.role)
    writeAudit(db, who, { entity: 'user', entityId: email, action: 'create', after: { email, name: row.name, isAdmin: row.isAdmin, roles: input.roles ?? [] } })
    return row
  })()
}

export function setRole(db: Db, who: Actor, userId: number, orgCode: string, role: Role): void {
  const org = db.select().from(organisations).where(eq(organisations.code, orgCode.toUpperCase())).get()
  if (!org) throw new Error(`organisatie ${orgCode} bestaat niet`)
  const before = db.select().from(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.organisationId, org.id))).get()
  db.insert(userRoles).values({ userId, organisationId: org.id, role })
    .onConflictDoUpdate({ target: [userRoles.userId, userRoles.organisationId], set: { role } }).run()
  writeAudit(db, who, { entity: 'user_role', entityId: `${userId}:${org.code}`, action: before ? 'update' : 'create', before: before ?? null, after: { role } })
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get()
}

export interface CreatedToken { id: number; token: string; expiresOn: string | null }

/** A new secret: shown once to the caller, only its hash is stored. */
export function createToken(db: Db, who: Actor, userId: number, opts: { expiresOn?: string | null; kind?: 'api' | 'feed'; organisationId?: number | null; label?: string | null } = {}): CreatedToken {
  const kind = opts.kind ?? 'api'
  const token = (kind === 'feed' ? 'woudf_' : 'woud_') + randomBytes(32).toString('base64url')
  const row = db.insert(apiTokens).values({
    userId, kind, hash: hashToken(token), expiresOn: opts.expiresOn ?? null, organisationId: opts.organisationId ?? null, label: opts.label ?? null,
  }).returning({ id: apiTokens.id }).get()
  writeAudit(db, who, { entity: 'api_token', entityId: row.id, action: 'create', after: { userId, kind, expiresOn: opts.expiresOn ?? null, organisationId: opts.organisationId ?? null } })
  return { id: row.id, token, expiresOn: opts.expiresOn ?? null }
}

export function revokeToken(db: Db, who: Actor, id: number): boolean {
  const cur = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()
  if (!cur || cur.revokedAt) return false
  const at = new Date().toISOString()
  db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id)).run()
  writeAudit(db, who, { entity: 'api_token', entityId: id, action: 'revoke', before: { revokedAt: null }, after: { revokedAt: at } })
  return true
}

export interface Principal {
  userId: number
  email: string
  isAdmin: boolean
  /** organisation id -> role */
  roles: Map<number, Role>
  tokenId: number
  tokenKind: 'api' | 'feed'
  /** For feed tokens: the only organisation they open. */
  feedOrganisationId: number | null
}

/** Resolve a presented secret; undefined for unknown, revoked, expired tokens and disabled users alike. */
export function principalForToken(db: Db, token: string, today: string): Principal | undefined {
  const tok = db.select().from(apiTokens).where(eq(apiTokens.hash, hashToken(token))).get()
  if (!tok || tok.revokedAt || (tok.expiresOn && tok.expiresOn < today)) return undefined
  const user = db.select().from(users).where(eq(users.id, tok.userId)).get()
  if (!user || user.disabledAt) return undefined
  const roles = new Map<number, Role>()
  for (const r of db.select().from(userRoles).where(eq(userRoles.userId, user.id)).all()) roles.set(r.organisationId, r.role)
  return { userId: user.id, email: user.email, isAdmin: user.isAdmin, roles, tokenId: tok.id, tokenKind: tok.kind, feedOrganisationId: tok.organisationId }
}
