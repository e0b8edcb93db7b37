// The outbox of reminders: every message that was due, recorded before sending, claimed by one run, with its outcome.
import { and, asc, eq, inArray, lt, or } from 'drizzle-orm'
import type { Db } from '../client.js'
import { organisations, reminderMessages } from '../schema.js'

export type MessageRow = typeof reminderMessages.$inferSelect
export type NewMessage = Pick<
  MessageRow,
  'organisationId' | 'recipient' | 'kind' | 'item' | 'itemDate' | 'dueOn' | 'subject' | 'bodyText' | 'bodyHtml'
>

const onceKey = (m: Pick<MessageRow, 'organisationId' | 'recipient' | 'kind' | 'item' | 'itemDate'>) =>
  `${m.organisationId}|${m.recipient}|${m.kind}|${m.item}|${m.itemDate}`

/** Keys of every message ever recorded for these organisations: what is recorded is never planned again. */
export function recordedKeys(db: Db, organisationIds: number[]): Set<string> {
  if (!organisationIds.length) return new Set()
  return new Set(db.select().from(reminderMessages).where(inArray(reminderMessages.organisationId, organisationIds)).all().map(onceKey))
}
export const isRecorded = (keys: Set<string>, m: NewMessage): boolean => keys.has(onceKey(m))

/** Record due messages as pending in one transaction, before anything is sent; a duplicate is skipped. */
export function recordPending(db: Db, list: NewMessage[]): void {
  if (!list.length) return
  db.$client.transaction(() => {
    for (const m of list) db.insert(reminderMessages).values(m).onConflictDoNothing().run()
  })()
}

/** Messages still to deliver (new, failed before, or claimed by a run that died) of these organisations, oldest first. */
export function undelivered(db: Db, organisationIds: number[]): MessageRow[] {
  if (!organisationIds.length) return []
  return db
    .select()
    .from(reminderMessages)
    .where(
      and(inArray(reminderMessages.organisationId, organisationIds), inArray(reminderMessages.status, ['pending', 'failed', 'sending'])),
    )
    .orderBy(asc(reminderMessages.id))
    .all()
}

/** A run that stopped mid-delivery (killed, crashed) leaves a claim; after this long another run may take it over. */
export const SENDING_LEASE_MS = 15 * 60_000

/**
 * Claim a message for delivery, so that two runs at once (the server's schedule and a cron job) never send
 * it twice: only one UPDATE can move it to 'sending'.
 */
export function claimForSending(db: Db, id: number, at: string): boolean {
  const staleBefore = new Date(Date.parse(at) - SENDING_LEASE_MS).toISOString()
  return (
    db
      .update(reminderMessages)
      .set({ status: 'sending', lastAttemptAt: at })
      .where(
        and(
          eq(reminderMessages.id, id),
          or(
            inArray(reminderMessages.status, ['pending', 'failed']),
            and(eq(reminderMessages.status, 'sending'), lt(reminderMessages.lastAttemptAt, staleBefore)),
          ),
        ),
      )
      .run().changes === 1
  )
}

export function markSent(db: Db, id: number, attempts: number, at: string, messageId: string | null): void {
  const cur = db.select({ a: reminderMessages.attempts }).from(reminderMessages).where(eq(reminderMessages.id, id)).get()
  db.update(reminderMessages)
    .set({ status: 'sent', attempts: (cur?.a ?? 0) + attempts, lastAttemptAt: at, sentAt: at, messageId, lastError: null })
    .where(eq(reminderMessages.id, id))
    .run()
}

export function markFailed(db: Db, id: number, attempts: number, at: string, error: string): void {
  const cur = db.select({ a: reminderMessages.attempts }).from(reminderMessages).where(eq(reminderMessages.id, id)).get()
  db.update(reminderMessages)
    .set({ status: 'failed', attempts: (cur?.a ?? 0) + attempts, lastAttemptAt: at, lastError: error })
    .where(eq(reminderMessages.id, id))
    .run()
}

/** Messages of these organisations: all of a day, plus every one not yet delivered whatever its day. */
export function messagesForStatus(db: Db, organisationIds: number[], day: string): MessageRow[] {
  if (!organisationIds.length) return []
  return db
    .select()
    .from(reminderMessages)
    .where(inArray(reminderMessages.organisationId, organisationIds))
    .orderBy(asc(reminderMessages.id))
    .all()
    .filter((m) => m.dueOn === day || m.status !== 'sent')
}

export function organisationCodes(db: Db, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map()
  return new Map(
    db
      .select({ id: organisations.id, code: organisations.code })
      .from(organisations)
      .where(inArray(organisations.id, ids))
      .all()
      .map((r) => [r.id, r.code]),
  )
}
