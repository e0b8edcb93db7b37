// Holidays against the real dates 2024–2030, the Atw shift to the next working day, KB-gelijkgestelde days.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { dutchHolidays } from '../../db/holidays.js'
import { freshDb } from '../helpers.js'
import {
  addGelijkgesteldeDag,
  computedHolidayCalendar,
  effectiveDate,
  HolidayError,
  isWorkingDay,
  loadHolidayCalendar,
  nextWorkingDay,
  prinsjesdag,
} from '../../reports/calendar.js'

// Published dates (rijksoverheid.nl feestdagen overviews); Koningsdag 2025 is the 26th because 27 April 2025 is a Sunday.
const REAL: Record<number, Record<string, string>> = {
  2024: {
    'Goede Vrijdag': '2024-03-29',
    'Tweede Paasdag': '2024-04-01',
    Koningsdag: '2024-04-27',
    Hemelvaartsdag: '2024-05-09',
    'Tweede Pinksterdag': '2024-05-20',
  },
  2025: {
    'Goede Vrijdag': '2025-04-18',
    'Tweede Paasdag': '2025-04-21',
    Koningsdag: '2025-04-26',
    Hemelvaartsdag: '2025-05-29',
    'Tweede Pinksterdag': '2025-06-09',
  },
  2026: {
    'Goede Vrijdag': '2026-04-03',
    'Tweede Paasdag': '2026-04-06',
    Koningsdag: '2026-04-27',
    Hemelvaartsdag: '2026-05-14',
    'Tweede Pinksterdag': '2026-05-25',
  },
  2027: {
    'Goede Vrijdag': '2027-03-26',
    'Tweede Paasdag': '2027-03-29',
    Koningsdag: '2027-04-27',
    Hemelvaartsdag: '2027-05-06',
    'Tweede Pinksterdag': '2027-05-17',
  },
  2028: {
    'Goede Vrijdag': '2028-04-14',
    'Tweede Paasdag': '2028-04-17',
    Koningsdag: '2028-04-27',
    Hemelvaartsdag: '2028-05-25',
    'Tweede Pinksterdag': '2028-06-05',
  },
  2029: {
    'Goede Vrijdag': '2029-03-30',
    'Tweede Paasdag': '2029-04-02',
    Koningsdag: '2029-04-27',
    Hemelvaartsdag: '2029-05-10',
    'Tweede Pinksterdag': '2029-05-21',
  },
  2030: {
    'Goede Vrijdag': '2030-04-19',
    'Tweede Paasdag': '2030-04-22',
    Koningsdag: '2030-04-27',
    Hemelvaartsdag: '2030-05-30',
    'Tweede Pinksterdag': '2030-06-10',
  },
}

t.test('holidays match the real calendar 2024–2030', async (t) => {
  for (const [y, expected] of Object.entries(REAL)) {
    const got = Object.fromEntries(dutchHolidays(+y).map((h) => [h.name, h.date]))
    for (const [name, date] of Object.entries(expected)) t.equal(got[name], date, `${name} ${y}`)
    t.equal(got.Nieuwjaarsdag, `${y}-01-01`)
    t.equal(got.Bevrijdingsdag, `${y}-05-05`)
    t.equal(got['Eerste Kerstdag'], `${y}-12-25`)
    t.equal(got['Tweede Kerstdag'], `${y}-12-26`)
  }
})

t.test('the seeded holidays table knows the same days', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const cal = loadHolidayCalendar(db)
  t.equal(cal.holiday('2025-04-26'), 'Koningsdag')
  t.equal(cal.holiday('2025-04-27'), undefined, 'not the Sunday itself')
  t.equal(cal.holiday('2027-03-26'), 'Goede Vrijdag')
  // Outside the seeded window the computation takes over.
  t.equal(cal.holiday('2075-12-25'), 'Eerste Kerstdag')
})

t.test('the Atw moves a deadline on a weekend or holiday to the next working day', async (t) => {
  const cal = computedHolidayCalendar()
  t.strictSame(effectiveDate('2026-11-14', true, cal), { nominalDate: '2026-11-14', date: '2026-11-16', shiftReason: 'zaterdag, zondag' })
  t.strictSame(effectiveDate('2029-07-15', true, cal), { nominalDate: '2029-07-15', date: '2029-07-16', shiftReason: 'zondag' })
  t.equal(effectiveDate('2028-01-15', true, cal).date, '2028-01-17', '15 Jan 2028 is a Saturday')
  // Goede Vrijdag 14 April 2028, the weekend and Tweede Paasdag: Tuesday 18 April is the next working day.
  t.strictSame(effectiveDate('2028-04-14', true, cal), {
    nominalDate: '2028-04-14',
    date: '2028-04-18',
    shiftReason: 'Goede Vrijdag, zaterdag, zondag, Tweede Paasdag',
  })
  t.equal(
    effectiveDate('2028-04-15', true, cal).shiftReason,
    'zaterdag, zondag, Tweede Paasdag',
    'a multi-day shift names every skipped day',
  )
  t.equal(cal.holiday('2028-04-16'), undefined, 'Eerste Paasdag is a Sunday, not an Atw day')
  t.equal(cal.holiday('2028-06-04'), undefined, 'Eerste Pinksterdag is a Sunday, not an Atw day')
  t.equal(effectiveDate('2025-04-26', true, cal).date, '2025-04-28', 'Koningsdag 2025 on Saturday, then Sunday')
  t.equal(effectiveDate('2027-04-27', true, cal).date, '2027-04-28', 'Koningsdag on a Tuesday moves one day')
  t.equal(effectiveDate('2026-12-25', true, cal).date, '2026-12-28', 'Christmas Friday, Boxing Day Saturday, Sunday')
  t.equal(effectiveDate('2026-07-15', true, cal).shiftReason, null, 'a Wednesday stays')
  t.strictSame(
    effectiveDate('2026-11-15', false, cal),
    { nominalDate: '2026-11-15', date: '2026-11-15', shiftReason: null },
    'no Atw, no shift',
  )
  t.equal(nextWorkingDay('2030-05-30', cal), '2030-05-31', 'Hemelvaart Thursday -> Friday')
  t.notOk(isWorkingDay('2025-05-05', cal), 'Bevrijdingsdag counts for the Atw')
})

t.test('a KB-gelijkgestelde day from the holidays table also shifts deadlines', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  // Shipped with its decree: a term ending on 14-05-2026 (Hemelvaartsdag) ends on 18-05-2026.
  t.strictSame(effectiveDate('2026-05-14', true, loadHolidayCalendar(db)), {
    nominalDate: '2026-05-14',
    date: '2026-05-18',
    shiftReason: 'Hemelvaartsdag, Vrijdag na Hemelvaartsdag, zaterdag, zondag',
  })
  const kb = db.$client.prepare("SELECT date, source FROM holidays WHERE kind = 'gelijkgesteld' ORDER BY date").all() as {
    date: string
    source: string
  }[]
  t.strictSame(
    kb.map((k) => k.date),
    [
      '2023-04-28',
      '2023-05-19',
      '2024-05-10',
      '2024-12-27',
      '2025-05-30',
      '2026-01-02',
      '2026-05-15',
      '2027-05-07',
      '2028-04-28',
      '2028-05-26',
    ],
  )
  t.ok(
    kb.every((k) => /Besluit gelijkstelling .* \(Atw art\. 3 lid 3\)/.test(k.source)),
    'each with its decree as source',
  )
  t.equal(
    effectiveDate('2029-05-11', true, loadHolidayCalendar(db)).date,
    '2029-05-11',
    'an ordinary Friday after Hemelvaart 2029 (no decree yet)',
  )
  addGelijkgesteldeDag(db, SYSTEM, '2029-05-11', 'Vrijdag na Hemelvaartsdag (KB)', 'Besluit 2029–2031')
  const eff = effectiveDate('2029-05-11', true, loadHolidayCalendar(db))
  t.strictSame(eff, { nominalDate: '2029-05-11', date: '2029-05-14', shiftReason: 'Vrijdag na Hemelvaartsdag (KB), zaterdag, zondag' })
  t.throws(() => addGelijkgesteldeDag(db, SYSTEM, '2026-05-14', 'dubbel'), HolidayError, 'Hemelvaartsdag is already there')
  t.throws(() => addGelijkgesteldeDag(db, SYSTEM, '2026-05-15', 'dubbel'), HolidayError, 'a KB day is already there')
  const audit = db.$client.prepare("SELECT action FROM audit_log WHERE entity = 'holiday' AND entity_id = '2029-05-11'").all()
  t.equal(audit.length, 1, 'the addition is audited')
})

t.test('Prinsjesdag is the third Tuesday of September', async (t) => {
  t.equal(prinsjesdag(2025), '2025-09-16')
  t.equal(prinsjesdag(2026), '2026-09-15')
  t.equal(prinsjesdag(2027), '2027-09-21')
})
