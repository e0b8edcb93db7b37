// Deadline derivation: what is derived from the portfolio, Atw effective dates, states and urgency from lead times.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { SYSTEM } from '../../db/audit.js'
import { createCustomDeadline, DeadlineInputError, markDeadlineDone } from '../../db/repositories/deadlines.js'
import { settings } from '../../db/schema.js'
import { findDeadline, listDeadlines, DeadlineQueryError, urgencyOf } from '../../reports/deadlines.js'
import { seedPortfolio, TODAY } from '../fixtures/deadlines.js'
import { freshDb } from '../helpers.js'

function setup(t: { teardown: (fn: () => void) => void }) {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  return { db, ...seedPortfolio(db) }
}

t.test('derived deadlines of one organisation', async (t) => {
  const { db, org, pipeline, awarded, subsidie } = setup(t)
  const list = listDeadlines(db, [org.id], TODAY, { from: '2026-01-01', to: '2027-12-31' })
  const byId = new Map(list.map((d) => [d.id, d]))
  t.strictSame(
    list.map((d) => d.date),
    [...list.map((d) => d.date)].sort(),
    'sorted by effective date',
  )

  const close = byId.get('window-close:test-lai-t3:3')!
  t.match(close, {
    nominalDate: '2027-03-14',
    date: '2027-03-14',
    legalInstrument: 'regeling',
    atwApplies: false,
    grantId: pipeline.id,
    schemeCode: 'test-lai-t3',
    state: 'open',
  })
  t.match(close.title, /Lokale Aanpak Isolatie T3.*tranche 3.*Isolatie Noord/, 'title names scheme, tranche and grant')
  t.match(close.description, /23:00 CET/)
  t.ok(byId.has('window-open:test-lai-t3:3'))
  t.notOk(
    [...byId.keys()].some((k) => k.includes('test-sport-2027')),
    'windows of schemes outside the pipeline only on request',
  )
  t.notOk(
    [...byId.keys()].some((k) => k.includes('test-no-windows')),
    'a scheme without windows has no window deadlines',
  )

  t.match(byId.get(`spend:${awarded.id}`), { date: '2027-06-30', grantId: awarded.id, schemeCode: 'vro-lai-isolatie-t1' })
  t.match(byId.get(`spend:${subsidie.id}`), { date: '2026-12-31', state: 'open' })

  // SiSa for 2025 and 2026 (grant years and period), none for the BOSA subsidie, none after the final year.
  t.match(byId.get('sisa:GM0363:2025'), {
    nominalDate: '2026-07-15',
    date: '2026-07-15',
    legalInstrument: 'ministeriele_regeling',
    atwApplies: false,
    state: 'overdue',
    grantId: awarded.id,
  })
  t.match(byId.get('sisa:GM0363:2026'), { nominalDate: '2027-07-15', state: 'open' })
  t.notOk(byId.has('sisa:GM0363:2027'))
  t.match(byId.get(`eindverantwoording:${awarded.id}`), {
    nominalDate: '2027-07-15',
    title: /Eindverantwoording in SiSa 2026: Isolatie Zuid/,
  })

  // Begroting 'vóór 15 november' = 14 November 2026, a Saturday: the Atw moves it to Monday 16 November.
  t.match(byId.get('cycle:begroting:GM0363:2026'), {
    nominalDate: '2026-11-14',
    date: '2026-11-16',
    shiftReason: 'zaterdag, zondag',
    legalInstrument: 'wet',
    atwApplies: true,
    state: 'overdue',
  })
  t.match(byId.get('cycle:jaarrekening:GM0363:2027'), { nominalDate: '2027-07-14', date: '2027-07-14' })
  t.match(byId.get('cycle:septembercirculaire:GM0363:2027'), { date: '2027-09-21', legalInstrument: 'praktijk' })
  t.match(byId.get('cycle:meicirculaire:GM0363:2026'), { state: 'done', doneBy: null }, 'a passed circulaire is simply past, not overdue')
  for (const k of ['sisa-bijlage', 'meicirculaire', 'jaarrekening', 'septembercirculaire', 'begroting', 'decembercirculaire']) {
    t.ok(byId.has(`cycle:${k}:GM0363:2027`), `finance cycle ${k} 2027`)
  }
})

t.test('SiSa years stop where the grant became final', async (t) => {
  const { db, org, awarded } = setup(t)
  db.$client.prepare('UPDATE grants SET final_account_year = 2025 WHERE id = ?').run(awarded.id)
  const ids = listDeadlines(db, [org.id], TODAY, { from: '2026-01-01', to: '2027-12-31' }).map((d) => d.id)
  t.ok(ids.includes('sisa:GM0363:2025'))
  t.notOk(ids.includes('sisa:GM0363:2026'), 'no SiSa after the Eindverantwoording year')
})

t.test('the catalogue on request: open or upcoming windows only', async (t) => {
  const { db, org } = setup(t)
  const ids = listDeadlines(db, [org.id], TODAY, { from: '2026-01-01', to: '2027-12-31', includeCatalogue: true }).map((d) => d.id)
  t.ok(ids.includes('window-close:test-sport-2027:2027'))
  t.notOk(ids.includes('window-close:test-sport-2027:2026'), 'a closed window of a scheme outside the pipeline stays out')
})

t.test('states, urgency and filters', async (t) => {
  const { db, org, awarded } = setup(t)
  const mk = (title: string, date: string) => createCustomDeadline(db, SYSTEM, awarded.id, { title, date })
  const soon = mk('Tussenrapportage', '2026-12-01')
  mk('Voortgangsgesprek', '2026-12-20')
  mk('Monitor', '2027-01-20')
  mk('Evaluatie', '2027-06-01')
  const list = listDeadlines(db, [org.id], TODAY, { kind: 'custom' })
  t.strictSame(
    list.map((d) => [d.title, d.urgency]),
    [
      ['Tussenrapportage', 'high'],
      ['Voortgangsgesprek', 'medium'],
      ['Monitor', 'low'],
      ['Evaluatie', 'none'],
    ],
  )
  t.equal(list[0].daysLeft, 3)

  db.update(settings)
    .set({ value: { low: 200, medium: 100, high: 5 } })
    .where(eq(settings.key, 'deadlines.leadTimes'))
    .run()
  t.strictSame(
    listDeadlines(db, [org.id], TODAY, { kind: 'custom' }).map((d) => d.urgency),
    ['high', 'medium', 'medium', 'low'],
    'lead times are settings',
  )

  markDeadlineDone(db, { actor: 'jan@gemeente.nl', source: 'api' }, org.id, `custom:${soon.id}`, { at: '2026-11-28T09:00:00Z' })
  const done = findDeadline(db, org.id, String(soon.id), TODAY)!
  t.match(done, { state: 'done', urgency: 'none', doneBy: 'jan@gemeente.nl', doneAt: '2026-11-28T09:00:00Z' })
  t.strictSame(
    listDeadlines(db, [org.id], TODAY, { state: 'overdue', from: '2026-01-01' }).map((d) => d.id),
    ['cycle:jaarrekening:GM0363:2026', 'sisa:GM0363:2025', 'cycle:begroting:GM0363:2026'],
  )
  t.strictSame(
    listDeadlines(db, [org.id], TODAY, { grantId: awarded.id, kind: 'spend' }).map((d) => d.id),
    [`spend:${awarded.id}`],
  )
  t.throws(() => listDeadlines(db, [org.id], TODAY, { from: '2027-01-01', to: '2026-01-01' }), DeadlineQueryError)
  t.equal(urgencyOf('overdue', true, -3, { low: 60, medium: 30, high: 7 }), 'high')
})

t.test('custom deadlines: Atw by instrument, bad input refused', async (t) => {
  const { db, org, awarded } = setup(t)
  const wet = createCustomDeadline(db, SYSTEM, awarded.id, { title: 'Zienswijze', date: '2027-01-02', legalInstrument: 'wet' })
  t.match(findDeadline(db, org.id, `custom:${wet.id}`, TODAY), {
    nominalDate: '2027-01-02',
    date: '2027-01-04',
    atwApplies: true,
    legalInstrument: 'wet',
  })
  const praktijk = createCustomDeadline(db, SYSTEM, awarded.id, { title: 'Overleg', date: '2027-01-02' })
  t.match(findDeadline(db, org.id, `custom:${praktijk.id}`, TODAY), { date: '2027-01-02', atwApplies: false })
  t.throws(() => createCustomDeadline(db, SYSTEM, awarded.id, { title: 'x', date: '2027-02-30' }), DeadlineInputError)
  t.throws(() => createCustomDeadline(db, SYSTEM, awarded.id, { title: 'x' }), {
    errors: [{ field: 'date', message: 'datum is verplicht' }],
  })
  t.throws(() => createCustomDeadline(db, SYSTEM, awarded.id, { title: ' ', date: '2027-01-01', legalInstrument: 'verordening' }), {
    errors: [{ field: 'title' }, { field: 'legalInstrument' }],
  })
  t.equal(
    (db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'deadline'").get() as { n: number }).n,
    2,
    'each creation audited',
  )
})
