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
    map[v.slice(i + 1).trim().toUpperCase().replace(/[\s()]/g, '')] = v.slice(0, i).trim()
  }
  return { map }
}

/** --ministry NAME: a ministry's abbreviation or name (SZW, 'Sociale Zaken'), to its canonical abbreviation. */
export function parseMinistry(value: string | undefined): { ministry?: string } | { error: string } {
  if (value === undefined || value.trim() === '') return {}
  const ministry = ministryIn(value.trim())
  return ministry ? { ministry } : { error: `'${value}' is geen bekend ministerie (bijvoorbeeld SZW, OCW, BZK, VWS, IenW)` }
}
