// E-mail and reminder settings from the environment: SMTP_URL, MAIL_FROM, PUBLIC_URL, REMINDERS, REMINDERS_HOUR.
import { isEmail } from '../../db/repositories/reminders.js'

export interface MailConfig {
  /** smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465; null: no mail. */
  smtpUrl: string | null
  /** Sender, 'Woud <woud@gemeente.nl>' or a bare address. */
  from: string | null
  /** Base URL of the web application for links in messages, without trailing slash; null: no links. */
  publicUrl: string | null
  /** 'daily': the server sends what is due once a day at `hour` (Europe/Amsterdam). */
  reminders: 'off' | 'daily'
  hour: number
  /** Delivery attempts per message in one run, and the first back-off delay (doubled after each attempt). */
  attempts: number
  backoffMs: number
}

export class MailConfigError extends Error {
  override name = 'MailConfigError'
}

/** An SMTP URL with its password hidden, for messages and logs. */
export function maskSmtpUrl(url: string): string {
  return url.replace(/^(smtps?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@')
}

export function checkSmtpUrl(raw: string): string {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw new MailConfigError(
      `SMTP_URL '${maskSmtpUrl(raw)}' is geen geldige URL; ` + 'verwacht smtp://gebruiker:wachtwoord@host:587 of smtps://host:465',
    )
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') {
    throw new MailConfigError(`SMTP_URL moet beginnen met smtp:// of smtps://, niet ${u.protocol}//`)
  }
  if (!u.hostname) throw new MailConfigError(`SMTP_URL '${maskSmtpUrl(raw)}' noemt geen server`)
  return raw
}

/** The address inside 'Name <address>', or the bare address. */
export function checkFrom(raw: string): string {
  const addr = /<([^>]+)>\s*$/.exec(raw)?.[1] ?? raw
  if (!isEmail(addr)) throw new MailConfigError(`MAIL_FROM '${raw}' bevat geen geldig e-mailadres (bijv. "Woud <woud@gemeente.nl>")`)
  return raw.trim()
}

/** Read and check the mail settings; a wrong value is a clear error at start, not a surprise at 07:00. */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const reminders = (env.REMINDERS || 'off').toLowerCase()
  if (reminders !== 'off' && reminders !== 'daily') {
    throw new MailConfigError(`REMINDERS '${env.REMINDERS}' is onbekend: gebruik 'daily' of 'off'`)
  }
  const hour = env.REMINDERS_HOUR ? Number(env.REMINDERS_HOUR) : 7
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
    throw new MailConfigError(`REMINDERS_HOUR '${env.REMINDERS_HOUR}' is geen uur (0-23)`)
  }
  const smtpUrl = env.SMTP_URL ? checkSmtpUrl(env.SMTP_URL) : null
  const from = env.MAIL_FROM ? checkFrom(env.MAIL_FROM) : null
  let publicUrl: string | null = null
  if (env.PUBLIC_URL) {
    try {
      publicUrl = new URL(env.PUBLIC_URL).toString().replace(/\/+$/, '')
    } catch {
      throw new MailConfigError(`PUBLIC_URL '${env.PUBLIC_URL}' is geen geldige URL (bijv. https://woud.gemeente.nl)`)
    }
  }
  if (reminders === 'daily' && (!smtpUrl || !from)) {
    throw new MailConfigError('REMINDERS=daily heeft SMTP_URL en MAIL_FROM nodig')
  }
  const backoffMs = env.SMTP_RETRY_DELAY_MS ? Number(env.SMTP_RETRY_DELAY_MS) : 2000
  if (!Number.isInteger(backoffMs) || backoffMs < 0 || backoffMs > 600_000) {
    throw new MailConfigError(`SMTP_RETRY_DELAY_MS '${env.SMTP_RETRY_DELAY_MS}' is geen wachttijd in milliseconden (0-600000)`)
  }
  return { smtpUrl, from, publicUrl, reminders, hour, attempts: 3, backoffMs }
}

/** Settings for sending now: refuses to start when SMTP_URL or MAIL_FROM is missing. */
export function requireSmtp(cfg: MailConfig): MailConfig & { smtpUrl: string; from: string } {
  if (!cfg.smtpUrl) throw new MailConfigError('SMTP_URL is niet ingesteld (bijv. smtp://gebruiker:wachtwoord@mail.gemeente.nl:587)')
  if (!cfg.from) throw new MailConfigError('MAIL_FROM is niet ingesteld (bijv. "Woud <woud@gemeente.nl>")')
  return cfg as MailConfig & { smtpUrl: string; from: string }
}
