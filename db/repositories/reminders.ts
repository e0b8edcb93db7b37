// Reminder settings: per-user preferences, the finance mailbox, grant followers; the outbox is in reminder-outbox.ts.
import { and, asc, eq, exists, inArray, isNull, or } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { invalid, notFound } from '../errors.js'
import {
  grantFollowers,
  grants,
  organisations,
  REMINDER_MODES,
  reminderMailboxes,
  reminderPreferences,
  userRoles,
  users,
  type ReminderMode,
} from '../schema.js'

export { REMINDER_MODES, type ReminderMode }
/** Owners and followers get lead-time reminders unless they chose otherwise (issue 17). */
export const DEFAULT_USER_MODE: ReminderMode = 'lead'
/** The finance mailbox gets the weekly digest unless set otherwise. */
export const DEFAULT_MAILBOX_MODE: ReminderMode = 'digest'

/** The same test as for users (db/repositories/users.ts): something@domain.tld, no spaces. */
export const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/
export const isEmail = (s: string | null | undefined): s is string => typeof s === 'string' && EMAIL.test(s.trim())

function checkMode(mode: string, field = 'mode'): ReminderMode {
  if (!(REMINDER_MODES as readonly string[]).includes(mode)) {
    throw invalid(`'${mode}' is geen keuze (${REMINDER_MODES.join(', ')})`, [{ field, message: `kies ${REMINDER_MODES.join(', ')}` }])
  }
  return mode as ReminderMode
}

/** A user of the organisation: a role in it, or an operator of the installation (who sees every organisation). */
function hasRole(db: Db, userId: number, organisationId: number): boolean {
  if (db.select({ a: users.isAdmin }).from(users).where(eq(users.id, userId)).get()?.a) return true
  return !!db
    .select({ u: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.organisationId, organisationId)))
    .get()
}

export interface Preference {
  organisationId: number
  mode: ReminderMode
  isDefault: boolean
}

/** A user's reminder preference in one organisation (the default when never set). Web pages call this. */
export function getPreferences(db: Db, userId: number, organisationId: number): Preference {
  const row = db
    .select()
    .from(reminderPreferences)
    .where(and(eq(reminderPreferences.userId, userId), eq(reminderPreferences.organisationId, organisationId)))
    .get()
  return { organisationId, mode: row?.mode ?? DEFAULT_USER_MODE, isDefault: !row }
}

/** Set a user's preference in an organisation where the user has a role; audited. Web pages call this. */
export function setPreferences(db: Db, who: Actor, userId: number, organisationId: number, mode: string): Preference {
  const m = checkMode(mode)
  if (!hasRole(db, userId, organisationId)) throw notFound('De gebruiker heeft geen rol in deze organisatie')
  return db.$client.transaction(() => {
    const before = getPreferences(db, userId, organisationId)
    db.insert(reminderPreferences)
      .values({ userId, organisationId, mode: m, updatedAt: new Date().toISOString() })
      .onConflictDoUpdate({ target: [reminderPreferences.userId, reminderPreferences.organisationId], set: { mode: m } })
      .run()
    writeAudit(db, who, {
      entity: 'reminder_preference',
      entityId: `${userId}:${organisationId}`,
      action: 'update',
      before,
      after: { mode: m },
    })
    return getPreferences(db, userId, organisationId)
  })()
}

/** A user's preference in every organisation where the user has a role, by code: what a preferences page shows. */
export function listPreferences(db: Db, userId: number): (Preference & { organisation: string; name: string })[] {
  return db
    .select({ id: organisations.id, code: organisations.code, name: organisations.name })
    .from(userRoles)
    .innerJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .where(eq(userRoles.userId, userId))
    .orderBy(asc(organisations.code))
    .all()
    .map((o) => ({ ...getPreferences(db, userId, o.id), organisation: o.code, name: o.name }))
}

export interface Mailbox {
  email: string | null
  mode: ReminderMode
}

export function getMailbox(db: Db, organisationId: number): Mailbox {
  const row = db.select().from(reminderMailboxes).where(eq(reminderMailboxes.organisationId, organisationId)).get()
  return { email: row?.email ?? null, mode: row?.mode ?? DEFAULT_MAILBOX_MODE }
}

/** Set (or with email null, remove) the finance mailbox of an organisation. An address that is not one is refused. */
export function setMailbox(db: Db, who: Actor, organisationId: number, input: { email: string | null; mode?: string }): Mailbox {
  const email = input.email?.trim().toLowerCase() || null
  if (email !== null && !isEmail(email)) {
    throw invalid(`'${input.email}' is geen e-mailadres`, [{ field: 'financeMailbox', message: 'geen e-mailadres' }])
  }
  const mode = checkMode(input.mode ?? DEFAULT_MAILBOX_MODE, 'financeMode')
  return db.$client.transaction(() => {
    const before = getMailbox(db, organisationId)
    if (email === null) db.delete(reminderMailboxes).where(eq(reminderMailboxes.organisationId, organisationId)).run()
    else {
      db.insert(reminderMailboxes)
        .values({ organisationId, email, mode })
        .onConflictDoUpdate({ target: reminderMailboxes.organisationId, set: { email, mode, updatedAt: new Date().toISOString() } })
        .run()
    }
    writeAudit(db, who, { entity: 'reminder_mailbox', entityId: organisationId, action: 'update', before, after: { email, mode } })
    return getMailbox(db, organisationId)
  })()
}

/** E-mail addresses of a grant's followers. */
export function listFollowers(db: Db, grantId: number): string[] {
  return db
    .select({ email: users.email })
    .from(grantFollowers)
    .innerJoin(users, eq(users.id, grantFollowers.userId))
    .where(eq(grantFollowers.grantId, grantId))
    .orderBy(asc(users.email))
    .all()
    .map((r) => r.email)
}

/** Replace a grant's followers; each must be a user with a role in the grant's organisation. */
export function setFollowers(db: Db, who: Actor, grantId: number, emails: string[]): string[] {
  const grant = db.select({ organisationId: grants.organisationId }).from(grants).where(eq(grants.id, grantId)).get()
  if (!grant) throw notFound(`Subsidie ${grantId} bestaat niet`)
  const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))]
  const found = wanted.length ? db.select().from(users).where(inArray(users.email, wanted)).all() : []
  const errors = wanted
    .filter((e) => {
      const u = found.find((f) => f.email === e)
      return !u || !hasRole(db, u.id, grant.organisationId)
    })
    .map((e) => ({
      field: 'followers',
      message: isEmail(e) ? `${e} is geen gebruiker van deze organisatie` : `'${e}' is geen e-mailadres`,
    }))
  if (errors.length) throw invalid('Niet elke volger kan worden toegevoegd.', errors)
  return db.$client.transaction(() => {
    const before = listFollowers(db, grantId)
    db.delete(grantFollowers).where(eq(grantFollowers.grantId, grantId)).run()
    for (const u of found) db.insert(grantFollowers).values({ grantId, userId: u.id }).run()
    const after = listFollowers(db, grantId)
    writeAudit(db, who, {
      entity: 'grant',
      entityId: grantId,
      action: 'followers',
      before: { followers: before },
      after: { followers: after },
    })
    return after
  })()
}

/** Someone in an organisation who may receive its reminders, with the grants they own or follow. */
export interface OrgMember {
  userId: number
  email: string
  name: string
  mode: ReminderMode
  grantIds: Set<number>
}

/** Active users with a role in the organisation (and operators), their preference, and the grants they own (by e-mail) or follow. */
export function membersForReminders(db: Db, organisationId: number): OrgMember[] {
  const roleHere = db
    .select({ u: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.organisationId, organisationId), eq(userRoles.userId, users.id)))
  const rows = db
    .select({ id: users.id, email: users.email, name: users.name, mode: reminderPreferences.mode })
    .from(users)
    .leftJoin(reminderPreferences, and(eq(reminderPreferences.userId, users.id), eq(reminderPreferences.organisationId, organisationId)))
    .where(and(isNull(users.disabledAt), or(eq(users.isAdmin, true), exists(roleHere))))
    .orderBy(asc(users.email))
    .all()
  const byEmail = new Map<string, OrgMember>()
  const byId = new Map<number, OrgMember>()
  for (const r of rows) {
    const m: OrgMember = { userId: r.id, email: r.email, name: r.name, mode: r.mode ?? DEFAULT_USER_MODE, grantIds: new Set() }
    byEmail.set(r.email, m)
    byId.set(r.id, m)
  }
  const gs = db
    .select({ id: grants.id, owner: grants.owner })
    .from(grants)
    .where(and(eq(grants.organisationId, organisationId), isNull(grants.archivedAt)))
    .all()
  for (const g of gs) if (g.owner) byEmail.get(g.owner.trim().toLowerCase())?.grantIds.add(g.id)
  const follows = db
    .select({ grantId: grantFollowers.grantId, userId: grantFollowers.userId })
    .from(grantFollowers)
    .innerJoin(grants, eq(grants.id, grantFollowers.grantId))
    .where(eq(grants.organisationId, organisationId))
    .all()
  for (const f of follows) byId.get(f.userId)?.grantIds.add(f.grantId)
  return [...byEmail.values()]
}

/** Grants whose owner cannot receive reminders: not an e-mail address, or not a user of the grant's organisation. */
export function unreachableOwners(db: Db, organisationId: number): { grantId: number; title: string; owner: string; reason: string }[] {
  const members = new Set(membersForReminders(db, organisationId).map((m) => m.email))
  return db
    .select({ id: grants.id, title: grants.title, owner: grants.owner })
    .from(grants)
    .where(and(eq(grants.organisationId, organisationId), isNull(grants.archivedAt)))
    .orderBy(asc(grants.id))
    .all()
    .filter((g) => g.owner && !members.has(g.owner.trim().toLowerCase()))
    .map((g) => ({
      grantId: g.id,
      title: g.title,
      owner: g.owner!,
      reason: isEmail(g.owner) ? 'geen actieve gebruiker van deze organisatie' : 'geen e-mailadres',
    }))
}
