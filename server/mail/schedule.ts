// REMINDERS=daily: the server sends what is due once a day at the configured Amsterdam hour, on an unref'd timer.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { DateTime } from 'luxon'
import { todayAmsterdam, ZONE } from '../../db/dates.js'
import { organisations } from '../../db/schema.js'
import { requireSmtp } from './config.js'
import { runReminders, type RunResult } from './run.js'
import { createMailer, type Mailer } from './transport.js'

/** The first hour:00 in Europe/Amsterdam strictly after `now` (luxon keeps the wall-clock hour across DST). */
export function nextRunAt(now: Date, hour: number): Date {
  const local = DateTime.fromJSDate(now, { zone: ZONE })
  let at = local.set({ hour, minute: 0, second: 0, millisecond: 0 })
  if (at <= local) at = at.plus({ days: 1 })
  return at.toJSDate()
}

/** True once today's hour has come: a server started later that day catches up (the run is idempotent). */
export function hourPassed(now: Date, hour: number): boolean {
  return DateTime.fromJSDate(now, { zone: ZONE }).hour >= hour
}

export interface ReminderScheduler {
  /** When the next run is planned, or null when the schedule is off or stopped. */
  nextRun: Date | null
  lastRun: { at: string; result: RunResult | null; error: string | null } | null
  /** Problems found at start (e.g. the SMTP server does not answer). */
  problems: string[]
  /** Resolves when no run is in progress. */
  idle(): Promise<void>
  /** Resolves when the run in progress, or else the next one, has finished. */
  afterRun(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    reminderScheduler: ReminderScheduler
  }
}

async function schedule(app: FastifyInstance): Promise<void> {
  const cfg = app.config.mail
  const abort = new AbortController()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let mailer: Mailer | null = null
  const waiting: (() => void)[] = []
  const state: ReminderScheduler = {
    nextRun: null,
    lastRun: null,
    problems: [],
    idle: async () => {
      await running
    },
    afterRun: () => (running ? running : new Promise<void>((resolve) => waiting.push(resolve))),
  }
  app.decorate('reminderScheduler', state)
  if (cfg.reminders !== 'daily') return

  const plan = (ms: number) => {
    if (abort.signal.aborted) return
    state.nextRun = new Date(app.config.now().getTime() + ms)
    timer = setTimeout(tick, ms)
    // The schedule never keeps the process alive: closing the server is enough to stop it.
    timer.unref()
  }
  const tick = () => {
    timer = null
    running = runOnce().finally(() => {
      running = null
      for (const w of waiting.splice(0)) w()
      plan(nextRunAt(app.config.now(), cfg.hour).getTime() - app.config.now().getTime())
    })
  }
  const runOnce = async () => {
    const at = app.config.now()
    try {
      const ids = app.db
        .select({ id: organisations.id })
        .from(organisations)
        .all()
        .map((r) => r.id)
      const today = todayAmsterdam(at)
      const result: RunResult = { today, dryRun: false, due: 0, sent: [], failed: [], wouldSend: [] }
      // One organisation at a time, yielding in between: planning is synchronous SQLite work, and requests go first.
      for (const id of ids) {
        await new Promise((resolve) => setImmediate(resolve))
        if (abort.signal.aborted) break
        const r = await runReminders(app.db, {
          today,
          organisationIds: [id],
          publicUrl: cfg.publicUrl,
          mailer: mailer!,
          now: app.config.now,
          log: app.log,
        })
        result.due += r.due
        result.sent.push(...r.sent)
        result.failed.push(...r.failed)
      }
      state.lastRun = { at: at.toISOString(), result, error: null }
    } catch (e) {
      // A failed run (database busy, a bug) is logged and the next day's run tries again: the server keeps serving.
      app.log.error({ err: e }, 'reminder run failed')
      state.lastRun = { at: at.toISOString(), result: null, error: e instanceof Error ? e.message : String(e) }
    }
  }

  app.addHook('onReady', async () => {
    mailer = createMailer({ ...requireSmtp(cfg), attempts: cfg.attempts, backoffMs: cfg.backoffMs }, abort.signal)
    // Checked in the background so a slow mail server never delays start-up; the outcome goes to the log and the status.
    void mailer.verify().then((err) => {
      if (err) {
        state.problems.push(err)
        app.log.error({ error: err }, 'SMTP server check failed; reminders will be retried at the next run')
      } else app.log.info({ hour: cfg.hour }, 'reminders scheduled daily')
    })
    const now = app.config.now()
    plan(hourPassed(now, cfg.hour) ? 0 : nextRunAt(now, cfg.hour).getTime() - now.getTime())
  })
  app.addHook('onClose', async () => {
    abort.abort()
    for (const w of waiting.splice(0)) w()
    if (timer) clearTimeout(timer)
    timer = null
    state.nextRun = null
    await running
    mailer?.close()
  })
}

export default fp(schedule, { name: 'woud-reminder-schedule' })
