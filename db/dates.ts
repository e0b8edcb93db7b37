// Calendar dates as 'YYYY-MM-DD' text; "today" always in Europe/Amsterdam; Excel serials and cells; strict parsing.
import { Settings } from 'luxon'

// Invalid dates throw instead of becoming silent "Invalid DateTime" values.
Settings.throwOnInvalid = true
declare module 'luxon' {
  interface TSSettings {
    throwOnInvalid: true
  }
}

export const ZONE = 'Europe/Amsterdam'

export class DateError extends Error {
  override name = 'DateError'
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

// One formatter for the process: building one loads the zone's rules (a few ms, every report asked for today).
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today's calendar date in Europe/Amsterdam, whatever the host zone. */
export function todayAmsterdam(now: Date = new Date()): string {
  let y = 0,
    m = 0,
    d = 0
  for (const p of AMSTERDAM_DAY.formatToParts(now)) {
    if (p.type === 'year') y = Number(p.value)
    else if (p.type === 'month') m = Number(p.value)
    else if (p.type === 'day') d = Number(p.value)
  }
  return dateOf(y, m, d)
}

export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false
  const m = ISO.exec(s)
  if (!m) return false
  return isRealDate(+m[1], +m[2], +m[3])
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false
  return d <= daysInMonth(y, m)
}

function daysInMonth(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/**
 * Parse a date as users write it: dd-mm-yyyy, d-m-yyyy (also with / or .), or yyyy-mm-dd.
 * Impossible dates such as 31-02-2025 throw a DateError with a Dutch message.
 */
export function parseDate(input: string): string {
  const s = input.trim()
  let y: number, m: number, d: number
  let mm: RegExpExecArray | null
  if ((mm = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z)?)?$/.exec(s))) {
    y = +mm[1]
    m = +mm[2]
    d = +mm[3]
  } else if ((mm = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    d = +mm[1]
    m = +mm[2]
    y = +mm[3]
  } else throw new DateError(`'${input}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)`)
  if (!isRealDate(y, m, d)) throw new DateError(`'${input}' is geen bestaande datum`)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

/** Require an ISO date (API input). */
export function assertIsoDate(s: string, field = 'datum'): string {
  if (!isIsoDate(s)) throw new DateError(`${field}: '${s}' is geen geldige datum (jjjj-mm-dd)`)
  return s
}

// Excel's day 0 is 1899-12-30 in the 1900 system (the phantom 29 Feb 1900 is absorbed by that epoch for serials > 60).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000

export function excelSerialToIso(serial: number): string {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) throw new DateError(`'${serial}' is geen Excel-datum`)
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS)
  return d.toISOString().slice(0, 10)
}

export function isoToExcelSerial(iso: string): number {
  return Math.round((isoToUtcDate(iso).getTime() - EXCEL_EPOCH_MS) / DAY_MS)
}

/**
 * A Date from an Excel cell. exceljs returns dates as UTC instants of the wall-clock value; a stray
 * time part from a local-time writer is rounded to the nearest day so that 23:00 the day before is not lost.
 */
export function dateCellToIso(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new DateError('ongeldige datum')
  const rounded = new Date(Math.round(d.getTime() / DAY_MS) * DAY_MS)
  return rounded.toISOString().slice(0, 10)
}

/** UTC midnight of a calendar date: what exceljs must be given so the cell shows that date (style.md). */
export function isoToUtcDate(iso: string): Date {
  const m = ISO.exec(assertIsoDate(iso))!
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
}

// Calendar arithmetic on UTC midnights: UTC has no daylight saving, so a day is always DAY_MS (and this is several
// times faster than luxon, which the deadline and holiday code called thousands of times per report).
export function addDays(iso: string, days: number): string {
  if (!Number.isInteger(days)) throw new DateError(`'${days}' is geen geheel aantal dagen`)
  const d = new Date(isoToUtcDate(iso).getTime() + days * DAY_MS)
  return dateOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

export function daysBetween(from: string, to: string): number {
  return Math.round((isoToUtcDate(to).getTime() - isoToUtcDate(from).getTime()) / DAY_MS)
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function weekday(iso: string): number {
  return ((isoToUtcDate(iso).getUTCDay() + 6) % 7) + 1
}

export function yearOf(iso: string): number {
  return +assertIsoDate(iso).slice(0, 4)
}

export function dateOf(y: number, m: number, d: number): string {
  if (!isRealDate(y, m, d)) throw new DateError(`${d}-${m}-${y} is geen bestaande datum`)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

/** A UTC instant as ISO text (audit, import records). */
export function nowInstant(now: Date = new Date()): string {
  return now.toISOString()
}

/** dd-mm-yyyy for Dutch messages and tables. */
export function formatDateNl(iso: string): string {
  const [y, m, d] = assertIsoDate(iso).split('-')
  return `${d}-${m}-${y}`
}
