// Working days and the Algemene termijnenwet: holidays (computed and KB-gelijkgesteld) and the effective date of a deadline.
import type { Db } from '../db/client.js'
import { addDays, assertIsoDate, dateOf, weekday, yearOf } from '../db/dates.js'
import { dutchHolidays } from '../db/holidays.js'
import { listHolidays } from '../db/repositories/holidays.js'

// Adding a KB day is a write: it lives in db/repositories/holidays.ts (re-exported for existing callers).
export { addGelijkgesteldeDag, HolidayError } from '../db/repositories/holidays.js'

export interface HolidayCalendar {
  /** The holiday's name, or undefined for an ordinary day. */
  holiday(date: string): string | undefined
}

/**
 * Holidays from the holidays table (computed Atw days and days gelijkgesteld by KB), completed by the
 * computation for years outside the seeded window, so any year works.
 */
export function loadHolidayCalendar(db: Db): HolidayCalendar {
  const stored = new Map<string, string>()
  for (const h of listHolidays(db)) stored.set(h.date, h.name)
  return calendarOf(stored)
}

/** A calendar from computed holidays only, plus extra days (tests, callers without a database). */
export function computedHolidayCalendar(extra: Record<string, string> = {}): HolidayCalendar {
  return calendarOf(new Map(Object.entries(extra)))
}

function calendarOf(stored: Map<string, string>): HolidayCalendar {
  const computedYears = new Set<number>()
  const computed = new Map<string, string>()
  return {
    holiday(date: string) {
      const hit = stored.get(date)
      if (hit) return hit
      const y = yearOf(date)
      if (!computedYears.has(y)) {
        computedYears.add(y)
        for (const h of dutchHolidays(y)) computed.set(h.date, h.name)
      }
      return computed.get(date)
    },
  }
}

export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  return weekday(date) < 6 && cal.holiday(date) === undefined
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(date: string, cal: HolidayCalendar): string {
  let d = assertIsoDate(date)
  // Christmas plus a weekend is the longest run of non-working days (four); 14 is a safe bound.
  for (let i = 0; i < 14 && !isWorkingDay(d, cal); i++) d = addDays(d, 1)
  return d
}

export interface EffectiveDate {
  nominalDate: string
  date: string
  /** Every day it skipped, in Dutch ('zaterdag, zondag, Tweede Paasdag'), or null when it did not move. */
  shiftReason: string | null
}

/**
 * Atw art. 1(1): a term set in a wet or AMvB that ends on a Saturday, Sunday or general holiday runs until
 * the next day that is none of these. Art. 2 (a term of three days or more keeps two working days) does
 * not concern deadlines on a fixed calendar date.
 */
export function effectiveDate(nominalDate: string, atwApplies: boolean, cal: HolidayCalendar): EffectiveDate {
  if (!atwApplies) return { nominalDate, date: nominalDate, shiftReason: null }
  const date = nextWorkingDay(nominalDate, cal)
  if (date === nominalDate) return { nominalDate, date, shiftReason: null }
  const skipped: string[] = []
  for (let d = nominalDate; d < date; d = addDays(d, 1)) {
    const wd = weekday(d)
    skipped.push(cal.holiday(d) ?? (wd === 6 ? 'zaterdag' : 'zondag'))
  }
  return { nominalDate, date, shiftReason: skipped.join(', ') }
}

/** Prinsjesdag: the third Tuesday of September (Grondwet art. 65). */
export function prinsjesdag(year: number): string {
  const first = dateOf(year, 9, 1)
  const offset = (2 - weekday(first) + 7) % 7
  return addDays(first, offset + 14)
}
