// The Ja/Nee words, once: written one way; read strictly where the value is a SiSa answer (a SiSa cell is Ja or Nee,
// never a guess), and as a flag in an import column, where spreadsheets mark yes with x, 1 or true.
export const JA = 'Ja'
export const NEE = 'Nee'

export const jaNee = (b: boolean): string => (b ? JA : NEE)

/** 'Ja' / 'Nee' in any case and with spaces -> boolean; undefined for any other text. */
export function parseJaNee(text: string): boolean | undefined {
  const t = text.trim().toLowerCase()
  return t === 'ja' ? true : t === 'nee' ? false : undefined
}

const FLAG_YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x'])
const FLAG_NO = new Set(['nee', 'n', 'no', 'false', 'onwaar', '0'])

/** A yes/no column of an imported file: Ja/Nee and what spreadsheets use for it (x, 1/0, true/false, waar/onwaar, j/n). */
export function parseFlag(text: string): boolean | undefined {
  const t = text.trim().toLowerCase()
  return FLAG_YES.has(t) ? true : FLAG_NO.has(t) ? false : undefined
}
