// The state of reminders for `woud reminders status` and the API: configuration, today's messages, failures, gaps.
import type { Db } from '../../db/client.js'
import { messagesForStatus, organisationCodes } from '../../db/repositories/reminder-outbox.js'
import { getMailbox, unreachableOwners } from '../../db/repositories/reminders.js'
import type { MailConfig } from './config.js'
import { maskSmtpUrl } from './config.js'

export interface StatusMessage {
  id: number
  recipient: string
  kind: string
  item: string
  subject: string
  dueOn: string
  status: 'pending' | 'sending' | 'sent' | 'failed'
  attempts: number
  lastError: string | null
  sentAt: string | null
}
export interface OrganisationStatus {
  organisation: string
  financeMailbox: string | null
  financeMode: string
  sentToday: number
  undelivered: number
  messages: StatusMessage[]
  /** Grants whose owner gets nothing: not an e-mail address or not a user of the organisation. */
  unreachableOwners: { grantId: number; title: string; owner: string; reason: string }[]
}
export interface ReminderStatus {
  today: string
  smtp: string | null
  from: string | null
  schedule: string
  /** Configuration or connection problems (invalid SMTP_URL, unreachable server). */
  problems: string[]
  organisations: OrganisationStatus[]
}

export function reminderStatus(
  db: Db,
  organisationIds: number[],
  today: string,
  cfg: MailConfig | null,
  problems: string[] = [],
): ReminderStatus {
  const codes = organisationCodes(db, organisationIds)
  const all = messagesForStatus(db, organisationIds, today)
  const organisations = organisationIds.map((id): OrganisationStatus => {
    const mine = all.filter((m) => m.organisationId === id)
    const box = getMailbox(db, id)
    return {
      organisation: codes.get(id) ?? String(id),
      financeMailbox: box.email,
      financeMode: box.mode,
      sentToday: mine.filter((m) => m.status === 'sent' && m.dueOn === today).length,
      undelivered: mine.filter((m) => m.status !== 'sent').length,
      messages: mine.map((m) => ({
        id: m.id,
        recipient: m.recipient,
        kind: m.kind,
        item: m.item,
        subject: m.subject,
        dueOn: m.dueOn,
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError,
        sentAt: m.sentAt,
      })),
      unreachableOwners: unreachableOwners(db, id),
    }
  })
  return {
    today,
    smtp: cfg?.smtpUrl ? maskSmtpUrl(cfg.smtpUrl) : null,
    from: cfg?.from ?? null,
    schedule: cfg?.reminders === 'daily' ? `dagelijks om ${String(cfg.hour).padStart(2, '0')}:00 (Europe/Amsterdam)` : 'uit',
    problems,
    organisations,
  }
}

/** The status as lines for a terminal. */
export function statusText(s: ReminderStatus): string {
  const out = [
    `Herinneringen op ${s.today}`,
    `SMTP: ${s.smtp ?? 'niet ingesteld'} · afzender: ${s.from ?? 'niet ingesteld'} · schema: ${s.schedule}`,
  ]
  for (const p of s.problems) out.push(`PROBLEEM: ${p}`)
  for (const o of s.organisations) {
    out.push(
      '',
      `${o.organisation}: financiële mailbox ${o.financeMailbox ?? '(geen)'} (${o.financeMode}); ` +
        `vandaag verzonden ${o.sentToday}, ` +
        `niet afgeleverd ${o.undelivered}`,
    )
    for (const m of o.messages.filter((x) => x.status !== 'sent')) {
      out.push(
        `  NIET AFGELEVERD (${m.status}, ${m.attempts} poging(en), sinds ${m.dueOn}) aan ${m.recipient}: ${m.subject}` +
          (m.lastError ? `\n    ${m.lastError}` : ''),
      )
    }
    for (const g of o.unreachableOwners) {
      out.push(`  eigenaar '${g.owner}' van subsidie ${g.grantId} (${g.title}) ontvangt niets: ${g.reason}`)
    }
  }
  return out.join('\n')
}
