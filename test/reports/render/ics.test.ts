// The iCalendar renderer on its own: line folding by octets, Dutch text intact after a round trip through ical.js.
import t from 'tap'
import ICAL from 'ical.js'
import { foldIcs, renderIcs, uidOf } from '../../../reports/render/ics.js'
import type { Deadline } from '../../../reports/deadlines.js'

const deadline = (over: Partial<Deadline> = {}): Deadline => ({
  id: 'window-close:test:1',
  kind: 'window-close',
  title: 'Aanvraag indienen vóór sluiting venster: ' + 'Regeling coöperaties € '.repeat(8),
  description: 'Één regel met ë, ü en €.',
  nominalDate: '2027-03-14',
  date: '2027-03-14',
  shiftReason: null,
  legalInstrument: 'regeling',
  atwApplies: false,
  basis: 'aanvraagtijdvak in de regeling',
  action: true,
  grantId: 1,
  grantTitle: 'Isolatie',
  schemeCode: 'test',
  schemeName: 'Test',
  custom: false,
  organisation: 'GM0363',
  organisationId: 1,
  state: 'open',
  urgency: 'none',
  daysLeft: 106,
  doneAt: null,
  doneBy: null,
  ...over,
})

t.test('long lines fold at 75 octets without splitting a character', async (t) => {
  const line = 'SUMMARY:' + 'ë€😀a'.repeat(40)
  const folded = foldIcs(line + '\r\nEND:VEVENT\r\n')
  for (const l of folded.split('\r\n')) t.ok(Buffer.byteLength(l, 'utf8') <= 75, `${Buffer.byteLength(l, 'utf8')} octets`)
  t.equal(folded.replace(/\r\n /g, ''), line + '\r\nEND:VEVENT\r\n', 'unfolding gives the original back')
  t.equal(foldIcs('UID:kort\r\n'), 'UID:kort\r\n')
  const ascii = 'DESCRIPTION:' + 'abcdefghij'.repeat(30)
  const f = foldIcs(ascii)
  t.ok(f.split('\r\n').every((l) => Buffer.byteLength(l) <= 75) && f.split('\r\n').length === 5, 'ASCII lines cut in slices')
  t.equal(f.replace(/\r\n /g, ''), ascii)
})

t.test('a rendered calendar parses with ical.js and keeps its text', async (t) => {
  const d = deadline()
  const text = renderIcs([d, deadline({ id: 'spend:1', kind: 'spend', state: 'done', title: 'Bestedingstermijn verloopt: Isolatie' })], {
    calendarName: 'Woud deadlines Amsterdam',
    alarmDaysBefore: 7,
    now: new Date('2026-11-28T10:00:00Z'),
  })
  t.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.endsWith('END:VCALENDAR'))
  const cal = new ICAL.Component(ICAL.parse(text))
  t.equal(cal.getFirstPropertyValue('x-wr-calname'), 'Woud deadlines Amsterdam')
  const [open, done] = cal.getAllSubcomponents('vevent').map((v) => ({ e: new ICAL.Event(v), v }))
  t.equal(open.e.uid, uidOf(d))
  t.equal(open.e.summary, d.title)
  t.match(open.e.description, /Één regel met ë, ü en €\./)
  t.equal(open.e.startDate.toString(), '2027-03-14')
  t.ok(open.e.startDate.isDate)
  t.equal(open.v.getAllSubcomponents('valarm').length, 1)
  t.equal(done.e.summary, '✓ Bestedingstermijn verloopt: Isolatie')
  t.equal(done.v.getAllSubcomponents('valarm').length, 0)
  t.equal(String(open.v.getFirstPropertyValue('dtstamp')), '2026-11-28T10:00:00Z')
})
