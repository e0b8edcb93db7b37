// What is due when: lead times from the settings, the overdue day, the Monday digest, done deadlines left out.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { SYSTEM } from '../../db/audit.js'
import { addDays } from '../../db/dates.js'
import { markDeadlineDone } from '../../db/repositories/deadlines.js'
import { setMailbox } from '../../db/repositories/reminders.js'
import { settings } from '../../db/schema.js'
import { LEAD_TIMES_KEY } from '../../db/reference/settings-deadlines.js'
import { leadTimeReached, planReminders } from '../../reports/reminders.js'
import { freshDb } from '../helpers.js'
import { seedReminders, TODAY } from '../server/reminders-fixture.js'

t.test('the tightest lead time reached', async (t) => {
  const lt = [60, 30, 7]
  t.strictSame(
    [61, 60, 45, 30, 8, 7, 0, -1].map((d) => leadTimeReached(d, lt)),
    [null, 60, 60, 30, 30, 7, 7, null],
  )
})

t.test('planning over the days', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const s = seedReminders(db)
  setMailbox(db, SYSTEM, s.ams.id, { email: 'financien@amsterdam.nl' })
  const plan = (day: string) =>
    planReminders(db, [s.ams.id], day)
      .map((p) => `${p.recipient.email} ${p.kind} ${p.item}`)
      .sort()
  const spend = `spend:${s.dak.id}`

  t.strictSame(plan(TODAY), [
    'eigenaar@amsterdam.nl lead:30 ' + spend,
    'eigenaar@amsterdam.nl lead:60 custom:' + s.rapport.id,
    'financien@amsterdam.nl digest digest',
  ])
  t.strictSame(
    plan(addDays(TODAY, 1)).filter((p) => p.startsWith('financien')),
    [],
    'the digest is for Mondays only',
  )
  t.ok(plan(addDays(TODAY, 31)).includes('eigenaar@amsterdam.nl overdue ' + spend), 'the day after the date: overdue')
  t.notOk(
    plan(addDays(TODAY, 31 + 7)).some((p) => p.includes(spend)),
    'a week on, no more overdue notices',
  )

  // Lead times are the deadline settings: at 90 days the first reminder comes earlier.
  db.update(settings)
    .set({ value: { low: 90, medium: 30, high: 7 } })
    .where(eq(settings.key, LEAD_TIMES_KEY))
    .run()
  t.ok(planReminders(db, [s.ams.id], addDays('2027-01-25', -80)).some((p) => p.kind === 'lead:90' && p.item === `custom:${s.rapport.id}`))

  markDeadlineDone(db, SYSTEM, s.ams.id, spend, { at: '2026-11-30T09:00:00Z' })
  t.notOk(
    plan(TODAY).some((p) => p.includes(spend)),
    'a deadline marked done gets no reminder',
  )
})
