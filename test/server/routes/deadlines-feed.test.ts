// The iCalendar feed, read back with the real parser ical.js: all-day events, stable UIDs, alarms, feed-token scoping.
import t, { type Test } from 'tap'
import ICAL from 'ical.js'
import { seedPortfolio } from '../../fixtures/deadlines.js'
import { testApp, userWithToken } from '../../helpers.js'

function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text))
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v)
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      start: e.startDate,
      end: e.endDate,
      alarms: v.getAllSubcomponents('valarm'),
    }
  })
}

async function setup(t: Test) {
  const ta = await testApp(t)
  const seeded = seedPortfolio(ta.db)
  const lezer = userWithToken(ta.db, 'lezer@amsterdam.nl', [
    { orgCode: 'GM0363', role: 'lezer' },
    { orgCode: 'GM0599', role: 'lezer' },
  ])
  const feed = await ta.api({
    method: 'POST',
    url: '/api/v1/organisations/GM0363/feed-tokens',
    payload: { label: 'Outlook' },
    token: lezer,
  })
  t.equal(feed.statusCode, 201)
  return { ...ta, ...seeded, lezer, feed: feed.json() as { id: number; url: string } }
}

t.test('a feed token opens the calendar of its organisation', async (t) => {
  const { app, feed } = await setup(t)
  t.match(feed.url, /^http:\/\/.+\/api\/v1\/organisations\/GM0363\/deadlines\.ics\?token=woudf_/)
  const path = feed.url.replace(/^http:\/\/[^/]+/, '')
  const res = await app.inject({ method: 'GET', url: path })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/calendar/)
  const events = parse(res.body)
  t.ok(events.length >= 15, `${events.length} events`)
  for (const e of events) {
    t.ok(e.start.isDate, `${e.uid} is all-day`)
    t.equal(e.end.toString(), e.start.clone().adjust(1, 0, 0, 0).toString(), 'one day long')
  }
  const begroting = events.find((e) => e.uid === 'cycle:begroting:GM0363:2026/GM0363@woud')!
  t.equal(begroting.start.toString(), '2026-11-16', 'effective date, after the Atw shift')
  t.match(begroting.description, /nominaal 14-11-2026, verschoven wegens zaterdag/)
  const close = events.find((e) => e.uid === 'window-close:test-lai-t3:3/GM0363@woud')!
  t.match(close.summary, /Aanvraag indienen vóór sluiting venster: C94 Lokale Aanpak Isolatie T3 \(tranche 3\) — voor Isolatie Noord/)
  t.equal(close.alarms.length, 1)
  t.equal(close.alarms[0].getFirstPropertyValue('action'), 'DISPLAY')
  t.equal(String(close.alarms[0].getFirstPropertyValue('trigger')), '-P7D')
  t.notOk(
    events.some((e) => e.uid.includes('GM0599')),
    'nothing of another organisation',
  )
})

t.test('UIDs are stable: a refetch updates instead of duplicating', async (t) => {
  const { api, awarded, lezer } = await setup(t)
  const first = parse((await api({ method: 'GET', url: '/api/v1/organisations/GM0363/deadlines.ics', token: lezer })).body)
  t.equal(new Set(first.map((e) => e.uid)).size, first.length, 'UIDs are unique within the feed')
  await api({ method: 'POST', url: `/api/v1/grants/${awarded.id}/deadlines`, payload: { title: 'Tussenrapportage', date: '2027-03-01' } })
  await api({ method: 'POST', url: `/api/v1/deadlines/spend:${awarded.id}/done` })
  const second = parse((await api({ method: 'GET', url: '/api/v1/organisations/GM0363/deadlines.ics', token: lezer })).body)
  t.equal(second.length, first.length + 1)
  t.ok(
    first.every((e) => second.some((s) => s.uid === e.uid)),
    'every earlier UID is still there',
  )
  const spend = second.find((e) => e.uid === `spend:${awarded.id}/GM0363@woud`)!
  t.match(spend.summary, /^✓ Bestedingstermijn verloopt: Isolatie Zuid/)
  t.equal(spend.alarms.length, 0, 'no reminder for what is done')
  const custom = second.find((e) => e.summary.startsWith('Tussenrapportage'))!
  t.match(custom.summary, /Tussenrapportage — Isolatie Zuid/, 'a custom deadline names its grant')
})

t.test('feed tokens open one organisation and nothing else', async (t) => {
  const { app, api, feed, lezer } = await setup(t)
  const token = new URL(feed.url).searchParams.get('token')!
  t.equal(
    (await app.inject({ method: 'GET', url: `/api/v1/organisations/GM0599/deadlines.ics?token=${token}` })).statusCode,
    404,
    'the other organisation of the same user',
  )
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/deadlines', headers: { authorization: `Bearer ${token}` } })).statusCode,
    401,
    'not an API token',
  )
  t.equal((await app.inject({ method: 'GET', url: '/api/v1/organisations/GM0363/deadlines.ics?token=woudf_nonsense123' })).statusCode, 401)
  const outsider = userWithToken(app.db, 'x@rotterdam.nl', [{ orgCode: 'GM0599', role: 'lezer' }])
  t.equal((await api({ method: 'POST', url: '/api/v1/organisations/GM0363/feed-tokens', token: outsider })).statusCode, 404)
  t.equal((await api({ method: 'DELETE', url: `/api/v1/organisations/GM0363/feed-tokens/${feed.id}`, token: outsider })).statusCode, 404)
  t.equal((await api({ method: 'DELETE', url: `/api/v1/organisations/GM0363/feed-tokens/${feed.id}`, token: lezer })).statusCode, 204)
  t.equal(
    (await app.inject({ method: 'GET', url: `/api/v1/organisations/GM0363/deadlines.ics?token=${token}` })).statusCode,
    401,
    'revoked',
  )
  t.equal(
    (await api({ method: 'GET', url: '/api/v1/organisations/GM0363/deadlines.ics?from=2027-01-01&to=2026-01-01', token: lezer }))
      .statusCode,
    400,
  )
})

t.test('a bad range names the field the caller gave: to before from, or to before the feed default', async (t) => {
  const { app, feed } = await setup(t)
  const path = feed.url.replace(/^http:\/\/[^/]+/, '')
  const both = await app.inject({ method: 'GET', url: `${path}&from=2027-01-01&to=2026-01-01` })
  t.equal(both.statusCode, 400)
  t.match(both.json().errors, [{ field: 'querystring.to', message: /ligt na/ }])
  const onlyTo = await app.inject({ method: 'GET', url: `${path}&to=2020-01-01` })
  t.equal(onlyTo.statusCode, 400)
  t.match(onlyTo.json().errors, [{ field: 'querystring.to' }], 'only to was given, so to is named')
  // A from past the default end moves the end along instead of failing on a 'to' the caller never gave.
  const onlyFrom = await app.inject({ method: 'GET', url: `${path}&from=2040-01-01` })
  t.equal(onlyFrom.statusCode, 200)
  const badDate = await app.inject({ method: 'GET', url: `${path}&from=2026-02-30` })
  t.equal(badDate.statusCode, 400)
  t.match(JSON.stringify(badDate.json().errors ?? badDate.json()), /from/, 'an impossible from date names from')
})
