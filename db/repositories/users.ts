// Users, their roles per organisation, and API / calendar-feed tokens (stored only as SHA-256 hashes).
import { createHash, randomBytes } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { apiTokens, organisations, userRoles, users } from '../schema.js'
import { ROLE, type Role } from '../enums.js'
import { DomainError } from '../errors.js'
import { perDatabase } from '../per-database.js'

export const ROLES = ROLE.keys
export type { Role }
export const roleRank = (r: Role): number => ROLES.indexOf(r)
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s)

export type UserRow = typeof users.$inferSelect

/** Input a caller can correct (unknown organisation, duplicate e-mail, bad role): CLI exit 1, HTTP 4xx. */
export class UserInputError extends DomainError {
  override name = 'UserInputError'
  constructor(message: string, field?: string) {
    super('invalid', message, field ? [{ field, message }] : [])
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function createUser(
  db: Db,
  who: Actor,
  input: { email: string; name: string; isAdmin?: boolean; roles?: { orgCode: string; role: Role }[] },
): UserRow {
  const email = input.email.trim().toLowerCase()
  if (!EMAIL.test(email)) throw new UserInputError(`'${input.email}' is geen e-mailadres`)
  if (!input.name.trim()) throw new UserInputError('een naam is verplicht')
  if (findUserByEmail(db, email)) throw new UserInputError(`gebruiker ${email} bestaat al`)
  return db.$client.transaction(() => {
    const row = db
      .insert(users)
      .values({ email, name: input.name.trim(), isAdmin: input.isAdmin ?? false })
      .returning()
      .get()
    for (const r of input.roles ?? []) setRole(db, who, row.id, r.orgCode, r.role)
    writeAudit(db, who, {
      entity: 'user',
      entityId: email,
      action: 'create',
      after: { email, name: row.name, isAdmin: row.isAdmin, roles: input.roles ?? [] },
    })
    return row
  })()
}

export function setRole(db: Db, who: Actor, userId: number, orgCode: string, role: Role): void {
  if (!isRole(role)) throw new UserInputError(`rol '${role}' is onbekend (${ROLES.join(', ')})`)
  const org = db.select().from(organisations).where(eq(organisations.code, orgCode.trim().toUpperCase())).get()
  if (!org) throw new UserInputError(`organisatie ${orgCode} bestaat niet`)
  const before = db
    .select()
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.organisationId, org.id)))
    .get()
  db.insert(userRoles)
    .values({ userId, organisationId: org.id, role })
    .onConflictDoUpdate({ target: [userRoles.userId, userRoles.organisationId], set: { role } })
    .run()
  writeAudit(db, who, {
    entity: 'user_role',
    entityId: `${userId}:${org.code}`,
    action: before ? 'update' : 'create',
    before: before ?? null,
    after: { role },
  })
}

export function findUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get()
}

export interface UserListItem {
  email: string
  name: string
  isAdmin: boolean
  disabledAt: string | null
  roles: { organisation: string; role: Role }[]
}

export function listUsers(db: Db): UserListItem[] {
  const roles = db
    .select({ userId: userRoles.userId, organisation: organisations.code, role: userRoles.role })
    .from(userRoles)
    .innerJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .orderBy(asc(organisations.code))
    .all()
  return db
    .select()
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map((u) => ({
      email: u.email,
      name: u.name,
      isAdmin: u.isAdmin,
      disabledAt: u.disabledAt,
      roles: roles.filter((r) => r.userId === u.id).map(({ organisation, role }) => ({ organisation, role })),
    }))
}

/** A disabled user's tokens stop working at once; the row stays for the audit trail. */
export function disableUser(db: Db, who: Actor, email: string, at: string): boolean {
  const u = findUserByEmail(db, email)
  if (!u || u.disabledAt) return false
  db.$client.transaction(() => {
    db.update(users).set({ disabledAt: at }).where(eq(users.id, u.id)).run()
    writeAudit(db, who, { entity: 'user', entityId: u.email, action: 'disable', before: { disabledAt: null }, after: { disabledAt: at } })
  })()
  return true
}

export interface CreatedToken {
  id: number
  token: string
  expiresOn: string | null
}

/** A new secret: shown once to the caller, only its hash is stored. */
export function createToken(
  db: Db,
  who: Actor,
  userId: number,
  opts: { expiresOn?: string | null; kind?: 'api' | 'feed'; organisationId?: number | null; label?: string | null } = {},
): CreatedToken {
  const kind = opts.kind ?? 'api'
  if (kind === 'feed' && !opts.organisationId) throw new UserInputError('een feedtoken hoort bij één organisatie')
  const token = (kind === 'feed' ? 'woudf_' : 'woud_') + randomBytes(32).toString('base64url')
  return db.$client.transaction(() => {
    const row = db
      .insert(apiTokens)
      .values({
        userId,
        kind,
        hash: hashToken(token),
        expiresOn: opts.expiresOn ?? null,
        organisationId: opts.organisationId ?? null,
        label: opts.label ?? null,
      })
      .returning({ id: apiTokens.id })
      .get()
    // The audit row names the token by id only: neither the secret nor its hash is ever written elsewhere.
    writeAudit(db, who, {
      entity: 'api_token',
      entityId: row.id,
      action: 'create',
      after: { userId, kind, expiresOn: opts.expiresOn ?? null, organisationId: opts.organisationId ?? null, label: opts.label ?? null },
    })
    return { id: row.id, token, expiresOn: opts.expiresOn ?? null }
  })()
}

export function revokeToken(db: Db, who: Actor, id: number): boolean {
  const cur = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()
  if (!cur || cur.revokedAt) return false
  const at = new Date().toISOString()
  db.$client.transaction(() => {
    db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id)).run()
    writeAudit(db, who, { entity: 'api_token', entityId: id, action: 'revoke', before: { revokedAt: null }, after: { revokedAt: at } })
  })()
  return true
}

export interface TokenListItem {
  id: number
  kind: 'api' | 'feed'
  label: string | null
  organisation: string | null
  expiresOn: string | null
  revokedAt: string | null
  lastUsedAt: string | null
  createdAt: string
}

/** A user's tokens, without secrets or hashes. */
export function listTokens(db: Db, userId: number): TokenListItem[] {
  return db
    .select({
      id: apiTokens.id,
      kind: apiTokens.kind,
      label: apiTokens.label,
      organisation: organisations.code,
      expiresOn: apiTokens.expiresOn,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .leftJoin(organisations, eq(organisations.id, apiTokens.organisationId))
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.id))
    .all()
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

// Every API request resolves its token: the three reads (and the daily last-used write) are prepared once per database.
const authStatements = perDatabase((db) => ({
  token: db.$client
    .prepare('SELECT id, user_id, kind, organisation_id, expires_on, revoked_at, last_used_at FROM api_tokens WHERE hash = ?')
    .raw(),
  user: db.$client.prepare('SELECT id, email, is_admin, disabled_at FROM users WHERE id = ?').raw(),
  roles: db.$client.prepare('SELECT organisation_id, role FROM user_roles WHERE user_id = ?').raw(),
  touch: db.$client.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?'),
}))

/** Resolve a presented secret; undefined for unknown, revoked, expired tokens and disabled users alike. */
export function principalForToken(db: Db, token: string, today: string, nowIso: string = new Date().toISOString()): Principal | undefined {
  const st = authStatements(db)
  const tok = st.token.get(hashToken(token)) as
    [number, number, 'api' | 'feed', number | null, string | null, string | null, string | null] | undefined
  if (!tok) return undefined
  const [tokenId, userId, tokenKind, tokenOrg, expiresOn, revokedAt, lastUsedAt] = tok
  // expiresOn is the last day the token works (inclusive), in Europe/Amsterdam.
  if (revokedAt || (expiresOn && expiresOn < today)) return undefined
  const user = st.user.get(userId) as [number, string, number, string | null] | undefined
  if (!user || user[3]) return undefined
  // Once a day is enough to tell stale tokens from used ones, and keeps reads free of writes.
  if (!lastUsedAt || lastUsedAt.slice(0, 10) < today) st.touch.run(nowIso, tokenId)
  const roles = new Map<number, Role>()
  for (const [org, role] of st.roles.all(userId) as [number, Role][]) roles.set(org, role)
  const isAdmin = user[2] === 1
  if (tokenKind === 'feed') {
    // A feed URL leaks easily (shared calendars): it reads one organisation's calendar, whatever its owner may do.
    const own = tokenOrg !== null && (isAdmin || roles.has(tokenOrg))
    return {
      userId,
      email: user[1],
      isAdmin: false,
      roles: own ? new Map([[tokenOrg, 'lezer' as Role]]) : new Map(),
      tokenId,
      tokenKind,
      feedOrganisationId: tokenOrg,
    }
  }
  return { userId, email: user[1], isAdmin, roles, tokenId, tokenKind, feedOrganisationId: tokenOrg }
}
