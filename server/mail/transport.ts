// SMTP delivery through nodemailer: one transport per run, retries with back-off, errors in plain Dutch.
import nodemailer from 'nodemailer'
import type { MailConfig } from './config.js'
import { maskSmtpUrl } from './config.js'

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
}
export interface Delivery {
  ok: boolean
  attempts: number
  messageId: string | null
  error: string | null
  /** The server could not be reached at all: later messages of this run would fail the same way. */
  unreachable: boolean
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<Delivery>
  /** Connect and greet (and authenticate) without sending: the start-up check. */
  verify(): Promise<string | null>
  close(): void
}

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; command?: string }

const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNECTION', 'EDNS', 'ESOCKET', 'EHOSTUNREACH']
const unreachable = (e: unknown) => UNREACHABLE.includes((e as SmtpError).code ?? '')

/** The reason a delivery failed, without credentials. */
export function describeSmtpError(e: unknown, smtpUrl: string): string {
  const err = e as SmtpError
  const where = maskSmtpUrl(smtpUrl)
  if (unreachable(e)) {
    return `SMTP-server niet bereikbaar (${where}): ${err.message}`
  }
  if (err.code === 'EAUTH') return `aanmelden bij de SMTP-server mislukt (${where}): ${err.response ?? err.message}`
  if (err.responseCode) return `SMTP-server weigert (${err.command ?? 'bericht'}): ${err.response ?? err.message}`
  return `verzenden mislukt: ${err.message}`
}

/** 4xx replies and connection trouble may pass; a 5xx reply (unknown mailbox, refused sender) will not within one run. */
const transient = (e: unknown) => {
  const code = (e as SmtpError).responseCode
  return code === undefined || code < 500
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve()
    // Not unref'd: a CLI run must not exit in the middle of a back-off (the server's close aborts it instead).
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        resolve()
      },
      { once: true },
    )
  })

/** A mailer for SMTP_URL/MAIL_FROM; `signal` cuts a back-off short when the server shuts down. */
export type MailerConfig = Pick<MailConfig, 'attempts' | 'backoffMs'> & { smtpUrl: string; from: string }

export function createMailer(cfg: MailerConfig, signal?: AbortSignal): Mailer {
  // Plain smtp:// upgrades with STARTTLS whenever the server offers it (nodemailer's default; ignoreTLS stays off).
  const transport = nodemailer.createTransport({
    url: cfg.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  } as Parameters<typeof nodemailer.createTransport>[0])
  return {
    async send(mail) {
      let attempts = 0
      let last: unknown
      while (attempts < cfg.attempts && !signal?.aborted) {
        if (attempts > 0) await sleep(cfg.backoffMs * 2 ** (attempts - 1), signal)
        attempts++
        try {
          const info = await transport.sendMail({ from: cfg.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html })
          return { ok: true, attempts, messageId: info.messageId ?? null, error: null, unreachable: false }
        } catch (e) {
          last = e
          if (!transient(e)) break
        }
      }
      const error = last ? describeSmtpError(last, cfg.smtpUrl) : 'afgebroken: de server stopt'
      return { ok: false, attempts, messageId: null, error, unreachable: !last || unreachable(last) }
    },
    async verify() {
      try {
        await transport.verify()
        return null
      } catch (e) {
        return describeSmtpError(e, cfg.smtpUrl)
      }
    },
    close() {
      transport.close()
    },
  }
}
