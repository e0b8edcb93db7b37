// How the web pages show values: amounts `€ 1.234,56`, dates `dd-mm-jjjj`, percentages from basis points.
import { formatDateNl } from '../../db/dates.js'
import { bpToPercentText, formatCents } from '../../db/money.js'

export const euro = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '' : formatCents(cents))
/** An amount as the user would type it back into a field (no euro sign). */
export const euroInput = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '' : formatCents(cents, { symbol: false })
export const datum = (iso: string | null | undefined): string => (iso ? formatDateNl(iso.slice(0, 10)) : '')
/** An instant (UTC ISO) as dd-mm-jjjj hh:mm in Amsterdam time. */
export function moment(instant: string | null | undefined): string {
  if (!instant) return ''
  const d = new Date(instant)
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(d)
    .reduce<Record<string, string>>((a, p) => ({ ...a, [p.type]: p.value }), {})
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}`
}
export const percent = (bp: number | null | undefined): string => (bp === null || bp === undefined ? '' : `${bpToPercentText(bp)} %`)
