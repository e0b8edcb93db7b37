import t from 'tap'
import { DateTime } from 'luxon'
import {
  addDays,
  daysBetween,
  dateCellToIso,
  excelSerialToIso,
  formatDateNl,
  isIsoDate,
  isoToExcelSerial,
  isoToUtcDate,
  parseDate,
  todayAmsterdam,
  weekday,
} from '../../db/dates.js'
import { dutchHolidays, easterSunday } from '../../db/holidays.js'

t.test('today is the Amsterdam calendar date, not the host zone', async (t) => {
  t.equal(todayAmsterdam(new Date('2026-12-31T23:30:00Z')), '2027-01-01', 'after midnight in Amsterdam (CET)')
  t.equal(todayAmsterdam(new Date('2026-07-14T22:30:00Z')), '2026-07-15', 'summer time (CEST)')
  t.equal(todayAmsterdam(new Date('2026-07-14T21:59:59Z')), '2026-07-14')
  // Against luxon, what it was before: every half hour of 2025-2027, across six daylight-saving changes.
  let differ = 0
  for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 1_800_000)
    if (todayAmsterdam(new Date(ms)) !== DateTime.fromMillis(ms, { zone: 'Europe/Amsterdam' }).toISODate()) differ++
  t.equal(differ, 0, 'the same day as luxon at 52,560 instants')
  t.throws(() => todayAmsterdam(new Date(NaN)), RangeError, 'an invalid instant is refused')
})

t.test('user dates: dd-mm-yyyy, d-m-yyyy, yyyy-mm-dd; impossible dates rejected', async (t) => {
  t.equal(parseDate('15-07-2027'), '2027-07-15')
  t.equal(parseDate('1-3-2023'), '2023-03-01')
  t.equal(parseDate('2024-02-29'), '2024-02-29')
  t.equal(parseDate('07/02/2024'), '2024-02-07')
  t.equal(parseDate('2023-10-30T00:00:00Z'), '2023-10-30')
  for (const bad of ['31-02-2025', '29-02-2023', '2025-13-01', '00-01-2025', '2025-02-30', 'morgen', '2025/02/01x', '15-7-27'])
    t.throws(() => parseDate(bad), /datum/, bad)
  t.ok(isIsoDate('2024-02-29'))
  t.notOk(isIsoDate('2023-02-29'))
  t.notOk(isIsoDate('2023-2-9'))
})

t.test('luxon throws on invalid input', async (t) => {
  t.throws(() => DateTime.fromISO('2025-02-30'))
})

t.test('Excel serial dates and cells', async (t) => {
  t.equal(excelSerialToIso(45658), '2025-01-01')
  t.equal(excelSerialToIso(61), '1900-03-01')
  t.equal(isoToExcelSerial('2025-01-01'), 45658)
  t.equal(excelSerialToIso(45658.75), '2025-01-01', 'time part ignored')
  t.throws(() => excelSerialToIso(-1))
  t.equal(dateCellToIso(new Date(Date.UTC(2025, 2, 17))), '2025-03-17')
  t.equal(dateCellToIso(new Date('2025-03-16T23:00:00Z')), '2025-03-17', 'a local-midnight writer (CET) still gives the intended day')
  t.equal(isoToUtcDate('2026-12-31').toISOString(), '2026-12-31T00:00:00.000Z')
})

t.test('day arithmetic', async (t) => {
  t.equal(addDays('2024-02-28', 1), '2024-02-29')
  t.equal(addDays('2026-03-28', 2), '2026-03-30', 'across the DST change')
  t.equal(daysBetween('2026-11-28', '2027-07-15'), 229)
  t.equal(weekday('2026-11-15'), 7, '15 Nov 2026 is a Sunday (docs/domain.md#atw)')
  t.equal(weekday('2028-07-15'), 6)
  t.equal(formatDateNl('2027-07-15'), '15-07-2027')
  t.equal(addDays('2026-12-31', 1), '2027-01-01', 'across a year end')
  t.equal(addDays('2025-01-10', -14), '2024-12-27', 'backwards across a year end')
  t.equal(addDays('2100-02-28', 1), '2100-03-01', '2100 is no leap year')
  t.throws(() => addDays('2026-13-01', 1), /geen geldige datum/)
  t.throws(() => addDays('2026-01-01', 0.5), /geen geheel aantal dagen/)
  // Against luxon (what these were before they became plain UTC arithmetic): every day of 2023-2029, several steps.
  let mismatches = 0
  for (let d = '2023-01-01'; d < '2030-01-01'; d = addDays(d, 1)) {
    const lx = DateTime.fromISO(d, { zone: 'UTC' })
    if (weekday(d) !== lx.weekday) mismatches++
    for (const n of [-400, -30, -1, 1, 14, 366]) if (addDays(d, n) !== lx.plus({ days: n }).toISODate()) mismatches++
  }
  t.equal(mismatches, 0, 'addDays and weekday agree with luxon on 2,557 days')
})

t.test('holidays computed for any year', async (t) => {
  t.equal(easterSunday(2024), '2024-03-31')
  t.equal(easterSunday(2025), '2025-04-20')
  t.equal(easterSunday(2026), '2026-04-05')
  t.equal(easterSunday(2030), '2030-04-21')
  const h2025 = dutchHolidays(2025)
  t.ok(
    h2025.some((h) => h.name === 'Koningsdag' && h.date === '2025-04-26'),
    'Koningsdag moves to 26 April when the 27th is a Sunday',
  )
  t.ok(dutchHolidays(2026).some((h) => h.name === 'Koningsdag' && h.date === '2026-04-27'))
  t.ok(h2025.some((h) => h.name === 'Goede Vrijdag' && h.date === '2025-04-18'))
  t.ok(h2025.some((h) => h.name === 'Hemelvaartsdag' && h.date === '2025-05-29'))
  t.ok(h2025.some((h) => h.name === 'Tweede Pinksterdag' && h.date === '2025-06-09'))
})
