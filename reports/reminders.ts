// Which reminders are due today: per organisation, who gets which deadlines, from the deadline list and the lead times.
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { addDays, weekday } from '../db/dates.js'
import { getMailbox, membersForReminders, type ReminderMode } from '../db/repositories/reminders.js'
import { organisations } from '../db/schema.js'
import { listDeadlines, readDeadlineSettings, type Deadline } from './deadlines.js'

/** A missed run (server down, no cron) still sends an overdue notice within this many days. */
export const OVERDUE_CATCH_UP_DAYS = 7
/** A digest lists what became overdue in the last year too: older items are history, not a task. */
const DIGEST_LOOKBACK_DAYS = 365

export interface Recipient {
  email: string
  name: string | null
  /** 'owner' covers owners and followers of grants; 'mailbox' is the organisation's finance mailbox. */
  role: 'owner' | 'mailbox'
  mode: ReminderMode
}

export interface PlannedReminder {
  organisationId: number
  organisation: { code: string; name: string }
  recipient: Recipient
  kind: string
  /** The deadline key, or 'digest'. */
  item: string
  /** The deadline's effective date, or the digest's Monday. */
  itemDate: string
  dueOn: string
  /** Lead days for 'lead:<n>' reminders. */
  leadDays: number | null
  deadlines: Deadline[]
}

/** The tightest lead time a deadline has reached: 45 days left with lead times 60/30/7 is the 60-day reminder. */
export function leadTimeReached(daysLeft: number, leadTimes: number[]): number | null {
  if (daysLeft < 0) return null
  const reached = leadTimes.filter((l) => daysLeft <= l)
  return reached.length ? Math.min(...reached) : null
}

/** Deadlines worth a reminder: something to do, not done. */
const actionable = (d: Deadline) => d.action && d.state !== 'done'

/**
 * Everything due on `today` for the organisations: lead-time and overdue reminders for recipients who chose
 * them (one message per deadline), and on Mondays a digest for those who chose the digest. A user gets only
 * deadlines of grants they own or follow in that organisation; the finance mailbox gets all of them.
 */
export function planReminders(db: Db, organisationIds: number[], today: string): PlannedReminder[] {
  const lt = readDeadlineSettings(db).leadTimes
  const leadTimes = [...new Set([lt.low, lt.medium, lt.high])].sort((a, b) => b - a)
  const horizon = Math.max(...leadTimes)
  const out: PlannedReminder[] = []
  for (const orgId of organisationIds) {
    const org = db.select().from(organisations).where(eq(organisations.id, orgId)).get()
    if (!org || org.archivedAt) continue
    const all = listDeadlines(db, [orgId], today, { from: addDays(today, -DIGEST_LOOKBACK_DAYS), to: addDays(today, horizon) }).filter(
      actionable,
    )
    const recipients: { r: Recipient; scope: (d: Deadline) => boolean }[] = []
    const mailbox = getMailbox(db, orgId)
    if (mailbox.email) recipients.push({ r: { email: mailbox.email, name: null, role: 'mailbox', mode: mailbox.mode }, scope: () => true })
    for (const m of membersForReminders(db, orgId)) {
      // One address, one set of messages: a user whose address is the mailbox is served by the mailbox.
      if (m.grantIds.size === 0 || m.email === mailbox.email) continue
      recipients.push({
        r: { email: m.email, name: m.name, role: 'owner', mode: m.mode },
        scope: (d) => d.grantId !== null && m.grantIds.has(d.grantId),
      })
    }
    const base = { organisationId: orgId, organisation: { code: org.code, name: org.name }, dueOn: today }
    for (const { r, scope } of recipients) {
      const mine = all.filter(scope)
      if (r.mode === 'lead') {
        for (const d of mine) {
          const lead = leadTimeReached(d.daysLeft, leadTimes)
          const one = { ...base, recipient: r, item: d.id, itemDate: d.date, deadlines: [d] }
          if (d.state === 'overdue' && d.daysLeft >= -OVERDUE_CATCH_UP_DAYS) out.push({ ...one, kind: 'overdue', leadDays: null })
          else if (lead !== null) out.push({ ...one, kind: `lead:${lead}`, leadDays: lead })
        }
      } else if (r.mode === 'digest' && weekday(today) === 1 && mine.length) {
        out.push({ ...base, recipient: r, kind: 'digest', item: 'digest', itemDate: today, leadDays: null, deadlines: mine })
      }
    }
  }
  return out
}
