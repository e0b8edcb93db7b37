// One reminder run: plan what is due today, record it, deliver everything undelivered, record each outcome.
import type { Db } from '../../db/client.js'
import {
  claimForSending,
  isRecorded,
  markFailed,
  markSent,
  organisationCodes,
  recordedKeys,
  recordPending,
  undelivered,
  type NewMessage,
} from '../../db/repositories/reminder-outbox.js'
import { composeReminder } from '../../reports/reminder-messages.js'
import { planReminders } from '../../reports/reminders.js'
import type { Mailer } from './transport.js'

export interface RunItem {
  id: number | null
  organisation: string
  recipient: string
  kind: string
  item: string
  subject: string
}
export interface RunResult {
  today: string
  dryRun: boolean
  /** Newly due today (planned and recorded; in a dry run only planned). */
  due: number
  sent: RunItem[]
  failed: (RunItem & { error: string; attempts: number })[]
  /** In a dry run: what would be sent, including earlier failures that would be tried again. */
  wouldSend: RunItem[]
}

export interface RunOptions {
  today: string
  organisationIds: number[]
  publicUrl: string | null
  dryRun?: boolean
  /** Needed unless dryRun. */
  mailer?: Mailer
  now?: () => Date
  log?: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void }
}

export async function runReminders(db: Db, o: RunOptions): Promise<RunResult> {
  const codes = organisationCodes(db, o.organisationIds)
  const now = () => (o.now ?? (() => new Date()))().toISOString()
  const known = recordedKeys(db, o.organisationIds)
  const fresh: NewMessage[] = planReminders(db, o.organisationIds, o.today)
    .map((p) => {
      const m = composeReminder(p, o.publicUrl)
      return {
        organisationId: p.organisationId,
        recipient: p.recipient.email,
        kind: p.kind,
        item: p.item,
        itemDate: p.itemDate,
        dueOn: p.dueOn,
        subject: m.subject,
        bodyText: m.text,
        bodyHtml: m.html,
      }
    })
    .filter((m) => !isRecorded(known, m))
  const item = (m: Pick<NewMessage, 'organisationId' | 'recipient' | 'kind' | 'item' | 'subject'> & { id?: number }): RunItem => ({
    id: m.id ?? null,
    organisation: codes.get(m.organisationId) ?? '',
    recipient: m.recipient,
    kind: m.kind,
    item: m.item,
    subject: m.subject,
  })
  const result: RunResult = { today: o.today, dryRun: !!o.dryRun, due: fresh.length, sent: [], failed: [], wouldSend: [] }
  if (o.dryRun) {
    result.wouldSend = [...undelivered(db, o.organisationIds).map(item), ...fresh.map(item)]
    return result
  }
  if (!o.mailer) throw new Error('runReminders needs a mailer unless dryRun')
  // Recorded before sending: whatever happens to the connection, what was due is not lost.
  recordPending(db, fresh)
  let down: string | null = null
  for (const m of undelivered(db, o.organisationIds)) {
    if (!claimForSending(db, m.id, now())) continue
    if (down) {
      // The server did not answer for an earlier message: record the rest as not attempted instead of waiting for each.
      markFailed(db, m.id, 0, now(), `niet geprobeerd: ${down}`)
      result.failed.push({ ...item(m), error: `niet geprobeerd: ${down}`, attempts: 0 })
      continue
    }
    const d = await o.mailer.send({ to: m.recipient, subject: m.subject, text: m.bodyText, html: m.bodyHtml })
    if (!d.ok && d.unreachable) down = d.error
    if (d.ok) {
      markSent(db, m.id, d.attempts, now(), d.messageId)
      result.sent.push(item(m))
    } else {
      markFailed(db, m.id, d.attempts, now(), d.error ?? 'onbekende fout')
      result.failed.push({ ...item(m), error: d.error ?? 'onbekende fout', attempts: d.attempts })
      o.log?.warn(
        { recipient: m.recipient, organisation: codes.get(m.organisationId), kind: m.kind, error: d.error },
        'reminder not delivered',
      )
    }
  }
  o.log?.info({ today: o.today, due: result.due, sent: result.sent.length, failed: result.failed.length }, 'reminders run')
  return result
}
