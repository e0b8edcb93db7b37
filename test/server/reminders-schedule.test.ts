// REMINDERS=daily: the server sends on its own at the configured hour, reports problems, and stops on close.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { setMailbox } from '../../db/repositories/reminders.js'
import { loadMailConfig, MailConfigError } from '../../server/mail/config.js'
import { hourPassed, nextRunAt } from '../../server/mail/schedule.js'
import { Writable } from 'node:stream'
import { createToken, createUser } from '../../db/repositories/users.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { childEnv, freshDb, testApp } from '../helpers.js'
import { MONDAY, seedReminders, startSmtp, to } from './reminders-fixture.js'

t.test('next run: the configured hour in Amsterdam, across daylight saving time', async (t) => {
  // 07:00 in Amsterdam is 06:00 UTC in winter and 05:00 UTC in summer.
  t.equal(nextRunAt(new Date('2026-11-30T05:59:00Z'), 7).toISOString(), '2026-11-30T06:00:00.000Z')
  t.equal(nextRunAt(new Date('2026-11-30T06:00:00Z'), 7).toISOString(), '2026-12-01T06:00:00.000Z', 'not the same instant twice')
  t.equal(nextRunAt(new Date('2027-03-27T12:00:00Z'), 7).toISOString(), '2027-03-28T05:00:00.000Z', 'the night the clocks go forward')
  t.equal(hourPassed(new Date('2026-11-30T06:30:00Z'), 7), true)
  t.equal(hourPassed(new Date('2026-11-30T05:30:00Z'), 7), false)
})

t.test('configuration is checked at start, with clear messages', async (t) => {
  const base = { SMTP_URL: 'smtp://mail.example.nl:587', MAIL_FROM: 'woud@example.nl' }
  t.match(loadMailConfig({ ...base, REMINDERS: 'daily', REMINDERS_HOUR: '6', PUBLIC_URL: 'https://woud.example.nl/' }), {
    reminders: 'daily',
    hour: 6,
    publicUrl: 'https://woud.example.nl',
    smtpUrl: base.SMTP_URL,
  })
  t.throws(() => loadMailConfig({ REMINDERS: 'daily' }), new MailConfigError('REMINDERS=daily heeft SMTP_URL en MAIL_FROM nodig'))
  t.throws(() => loadMailConfig({ ...base, REMINDERS: 'hourly' }), /REMINDERS 'hourly' is onbekend/)
  t.throws(() => loadMailConfig({ ...base, REMINDERS_HOUR: '24' }), /REMINDERS_HOUR '24' is geen uur/)
  t.throws(
    () => loadMailConfig({ ...base, SMTP_URL: 'smtp://jan:geheim@ host' }),
    /SMTP_URL 'smtp:\/\/jan:\*\*\*@ host' is geen geldige URL/,
  )
  t.throws(() => loadMailConfig({ ...base, PUBLIC_URL: 'woud.example.nl' }), /PUBLIC_URL 'woud.example.nl' is geen geldige URL/)
  t.match(loadMailConfig({}), { reminders: 'off', smtpUrl: null, from: null, publicUrl: null, hour: 7 })
})

t.test('npm start with an invalid SMTP_URL stops at once and says why (one real process)', async (t) => {
  const root = join(import.meta.dirname, '..', '..')
  const dir = t.testdir({})
  const env = childEnv({
    WOUD_DB: join(dir, 'woud.db'),
    PORT: '0',
    SMTP_URL: 'smtp://woud:geheim@mail.example.nl:poort',
    MAIL_FROM: 'woud@example.nl',
    REMINDERS: 'daily',
  })
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['server/main.ts'],
      { cwd: root, env, timeout: 60_000 },
      (_e, _out, stderr) => resolve({ code: child.exitCode, stderr }),
    )
  })
  t.equal(r.code, 3)
  t.match(r.stderr, /Woud kon niet starten: SMTP_URL 'smtp:\/\/woud:\*\*\*@mail\.example\.nl:poort' is geen geldige URL/)
  t.notMatch(r.stderr, /geheim/)
})

t.test('the server sends on its schedule without blocking, and the timer stops on close', async (t) => {
  const smtp = await startSmtp()
  t.teardown(() => smtp.close())
  const mail = loadMailConfig({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Woud <woud@amsterdam.nl>',
    REMINDERS: 'daily',
    REMINDERS_HOUR: '7',
    SMTP_RETRY_DELAY_MS: '10',
  })
  // 09:00 on a Monday: today's 07:00 run was missed, so the server catches up right after start.
  const { app, api, db } = await testApp(t, { now: () => MONDAY, mail })
  seedReminders(db)
  setMailbox(db, SYSTEM, 1, { email: 'financien@amsterdam.nl' })
  // Requests are served while the run is due: the schedule runs beside the server, not in front of it.
  t.equal((await api({ method: 'GET', url: '/healthz' })).statusCode, 200)
  await smtp.waitFor(3)
  await app.reminderScheduler.afterRun()
  t.ok(to(smtp.received, 'financien@amsterdam.nl').length === 1, 'the Monday digest went out')
  t.ok(to(smtp.received, 'eigenaar@amsterdam.nl').length === 2)
  t.match(app.reminderScheduler.lastRun, { error: null, result: { failed: [] } })
  t.equal(app.reminderScheduler.nextRun?.toISOString(), '2026-12-01T06:00:00.000Z', 'the next run is tomorrow at 07:00 Amsterdam')
  const st = (await api({ method: 'GET', url: '/api/v1/organisations/GM0363/reminders/status' })).json()
  t.match(st, { schedule: 'dagelijks om 07:00 (Europe/Amsterdam)', problems: [], undelivered: 0, sentToday: 3 })
  await app.close()
  t.equal(app.reminderScheduler.nextRun, null, 'closing the server stops the schedule')
})

t.test('an unreachable SMTP server at start: the server starts; log and status say why mail does not go out', async (t) => {
  const closed = await startSmtp()
  await closed.close()
  const mail = loadMailConfig({
    SMTP_URL: `smtp://woud:geheim@127.0.0.1:${closed.port}`,
    MAIL_FROM: 'woud@amsterdam.nl',
    REMINDERS: 'daily',
    REMINDERS_HOUR: '7',
    SMTP_RETRY_DELAY_MS: '10',
  })
  const db = freshDb()
  let log = ''
  const stream = new Writable({
    write(c, _e, cb) {
      log += String(c)
      cb()
    },
  })
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => MONDAY, mail }), { db, logger: { level: 'info', stream } })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  seedReminders(db)
  const admin = createUser(db, SYSTEM, { email: 'beheer@woud.test', name: 'Beheer', isAdmin: true })
  const authorization = `Bearer ${createToken(db, SYSTEM, admin.id).token}`
  t.equal((await app.inject({ url: '/healthz' })).statusCode, 200)
  await app.reminderScheduler.afterRun()
  // The start-up check runs in the background; wait until it has spoken, without a timing assumption.
  while (!app.reminderScheduler.problems.length) await new Promise((r) => setImmediate(r))
  const st = (await app.inject({ url: '/api/v1/organisations/GM0363/reminders/status', headers: { authorization } })).json()
  t.match(st.problems, [/SMTP-server niet bereikbaar/])
  t.ok(st.undelivered >= 2, 'what was due is recorded as undelivered, for the next run')
  t.match(st.messages, [
    { status: 'failed', attempts: 3, lastError: /niet bereikbaar/ },
    { status: 'failed', attempts: 0 },
  ])
  const lines = log
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
  t.ok(
    lines.some(
      (l) => l.msg === 'reminder not delivered' && l.recipient === 'eigenaar@amsterdam.nl' && /niet bereikbaar/.test(String(l.error)),
    ),
    'each undelivered reminder is in the log with its recipient and reason',
  )
  t.ok(lines.some((l) => l.msg === 'SMTP server check failed; reminders will be retried at the next run'))
  t.ok(lines.some((l) => l.msg === 'reminders run' && (l.failed as number) >= 2))
  t.notMatch(log, /geheim/, 'the SMTP password is never logged')
})
