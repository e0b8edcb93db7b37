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
