// A real SMTP server in-process (smtp-server on 127.0.0.1, random port) and a small portfolio for the reminder tests.
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server'
import { SYSTEM } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import { addDays } from '../../db/dates.js'
import { createCustomDeadline } from '../../db/repositories/deadlines.js'
import { createGrant } from '../../db/repositories/grants.js'
import { createUser } from '../../db/repositories/users.js'
import { seedOrganisation } from '../helpers.js'

export interface Received {
  from: string
  to: string[]
  /** The connection was upgraded with STARTTLS before the message was sent. */
  secure: boolean
  mail: ParsedMail
}

export interface TestSmtp {
  port: number
  url: string
  received: Received[]
  /** Reply to RCPT TO for an address: return an SMTP error (code + text) to refuse it, or null to accept. */
  refuse: (fn: ((to: string, attempt: number) => { code: number; text: string } | null) | null) => void
  /** Resolves once `n` messages have arrived in total. */
  waitFor: (n: number) => Promise<void>
  close: () => Promise<void>
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = []
  const attempts = new Map<string, number>()
  const waiters: { n: number; resolve: () => void }[] = []
  let refuse: ((to: string, attempt: number) => { code: number; text: string } | null) | null = null
  const server = new SMTPServer({
    // STARTTLS is offered (with smtp-server's built-in self-signed certificate): Woud must upgrade.
    authOptional: true,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _s: SMTPServerSession, cb: (err?: Error | null) => void) {
      const n = (attempts.get(address.address) ?? 0) + 1
      attempts.set(address.address, n)
      const r = refuse?.(address.address, n)
      if (r) return cb(Object.assign(new Error(r.text), { responseCode: r.code }))
      cb()
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            mail,
          })
          for (const w of waiters.filter((x) => received.length >= x.n)) w.resolve()
          cb()
        }, cb)
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as { port: number }).port
  return {
    port,
    url: `smtp://127.0.0.1:${port}?tls.rejectUnauthorized=false`,
    received,
    refuse: (fn) => {
      refuse = fn
    },
    waitFor: (n) => (received.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Monday 30 November 2026, 09:00 in Amsterdam: a digest day. */
export const MONDAY = new Date('2026-11-30T08:00:00Z')
export const TODAY = '2026-11-30'

/**
 * Amsterdam: a grant owned by a user (spend term in 30 days, plus a custom deadline in a wet that falls on a
 * Saturday and moves to Monday), a follower, a grant whose owner is a Rotterdam user; Rotterdam: its own grant.
 */
export function seedReminders(db: Db) {
  const ams = seedOrganisation(db, 'GM0363', 'Amsterdam')
  const rdam = seedOrganisation(db, 'GM0599', 'Rotterdam')
  const user = (email: string, name: string, orgCode: string, role: 'lezer' | 'medewerker') =>
    createUser(db, SYSTEM, { email, name, roles: [{ orgCode, role }] })
  const owner = user('eigenaar@amsterdam.nl', 'Eva Eigenaar', 'GM0363', 'medewerker')
  const follower = user('volger@amsterdam.nl', 'Victor Volger', 'GM0363', 'lezer')
  const outsider = user('piet@rotterdam.nl', 'Piet Rotterdam', 'GM0599', 'medewerker')
  const opts = { today: TODAY }
  const grant = (orgCode: string, title: string, owner: string, spendUntil: string) =>
    createGrant(
      db,
      SYSTEM,
      {
        orgCode,
        schemeCode: 'vws-bosa',
        title,
        status: 'toegekend',
        owner,
        awardedCents: 1_000_000,
        beschikkingsnummer: `B-${title}`,
        periodFrom: '2026-01-01',
        spendUntil,
      },
      opts,
    )
  const dak = grant('GM0363', 'Sporthal dak', 'eigenaar@amsterdam.nl', addDays(TODAY, 30))
  const geheim = grant('GM0363', 'Geheim Amsterdams zwembad', 'piet@rotterdam.nl', addDays(TODAY, 7))
  const kade = grant('GM0599', 'Rotterdamse kade', 'piet@rotterdam.nl', addDays(TODAY, 30))
  // Saturday 23 January 2027 in a wet: the Algemene termijnenwet moves it to Monday 25 January (56 days ahead).
  const rapport = createCustomDeadline(db, SYSTEM, dak.id, {
    title: 'Tussenrapportage sporthal',
    date: '2027-01-23',
    legalInstrument: 'wet',
  })
  return { ams, rdam, owner, follower, outsider, dak, geheim, kade, rapport }
}

/** Messages to one address. */
export const to = (list: Received[], address: string) => list.filter((r) => r.to.includes(address))
