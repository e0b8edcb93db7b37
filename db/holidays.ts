// Dutch general holidays as the Algemene termijnenwet counts them (art. 3), computed for any year.
import { addDays, dateOf, weekday } from './dates.js'

export interface Holiday {
  date: string
  name: string
}

/** Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return dateOf(year, month, day)
}

/**
 * Atw art. 3(1) holidays plus Goede Vrijdag (gelijkgesteld by art. 3(2)). Eerste Paasdag and Eerste Pinksterdag
 * are not in art. 3: they are Sundays, which the Atw already skips as such. Koningsdag is 27 April,
 * or 26 April when the 27th is a Sunday (Wet viering Koningsdag). Bevrijdingsdag counts every year for the Atw.
 */
export function dutchHolidays(year: number): Holiday[] {
  const easter = easterSunday(year)
  const kings = dateOf(year, 4, 27)
  const list: Holiday[] = [
    { date: dateOf(year, 1, 1), name: 'Nieuwjaarsdag' },
    { date: addDays(easter, -2), name: 'Goede Vrijdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    { date: weekday(kings) === 7 ? dateOf(year, 4, 26) : kings, name: 'Koningsdag' },
    { date: dateOf(year, 5, 5), name: 'Bevrijdingsdag' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: dateOf(year, 12, 25), name: 'Eerste Kerstdag' },
    { date: dateOf(year, 12, 26), name: 'Tweede Kerstdag' },
  ]
  // ISO dates order as plain strings; localeCompare would build an ICU collator on its first call (5 ms of every start).
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}
