import { ministryIn } from './names.js'

// Options every import shares, parsed once for the CLI and the upload route: --map FIELD=HEADER (repeatable).

/** FIELD=HEADER pairs to a map; the first malformed one is returned as an error text. */
export function parseMap(values: string[] = []): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {}
  for (const v of values) {
    const i = v.indexOf('=')
    if (i <= 0 || v.slice(i + 1).trim() === '') return { error: `'${v}' moet de vorm VELD=KOLOMKOP hebben` }
    map[v.slice(0, i).trim()] = v.slice(i + 1).trim()
  }
  return { map }
}

/** --scheme CODE=SISA pairs to a map from SiSa code to scheme code. */
export function parseSchemeFor(values: string[] = []): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {}
  for (const v of values) {
    const i = v.indexOf('=')
    if (i <= 0 || v.slice(i + 1).trim() === '') return { error: `'${v}' moet de vorm CODE=SISA hebben (bijvoorbeeld szw-g3=G3)` }
    map[
      v
        .slice(i + 1)
        .trim()
        .toUpperCase()
        .replace(/[\s()]/g, '')
    ] = v.slice(0, i).trim()
  }
  return { map }
}

/** --ministry NAME: a ministry's abbreviation or name (SZW, 'Sociale Zaken'), to its canonical abbreviation. */
export function parseMinistry(value: string | undefined): { ministry?: string } | { error: string } {
  if (value === undefined || value.trim() === '') return {}
  const ministry = ministryIn(value.trim())
  return ministry ? { ministry } : { error: `'${value}' is geen bekend ministerie (bijvoorbeeld SZW, OCW, BZK, VWS, IenW)` }
}

/**
 * --from/--to of a ledger: months as MM or YYYY-MM (the year must be the import's). Absent both: the whole year.
 */
export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
  year: number | undefined,
): { period?: { from: number; to: number } } | { error: string } {
  if (from === undefined && to === undefined) return {}
  const month = (v: string | undefined, flag: string, dflt: number): number | string => {
    if (v === undefined || v.trim() === '') return dflt
    const m = /^(?:(\d{4})-)?(\d{1,2})$/.exec(v.trim())
    if (!m || +m[2] < 1 || +m[2] > 12) return `${flag} '${v}' is geen maand (MM of JJJJ-MM)`
    if (m[1] && year !== undefined && +m[1] !== year) return `${flag} '${v}' valt niet in ${year}`
    return +m[2]
  }
  const f = month(from, '--from', 1)
  const t = month(to, '--to', 12)
  if (typeof f === 'string') return { error: f }
  if (typeof t === 'string') return { error: t }
  if (f > t) return { error: `--from ${f} ligt na --to ${t}` }
  return { period: { from: f, to: t } }
}
