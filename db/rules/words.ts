// The Ja/Nee words of exports and SiSa values: written one way, read strictly (a SiSa cell is Ja or Nee, never a guess).
export const JA = 'Ja'
export const NEE = 'Nee'

export const jaNee = (b: boolean): string => (b ? JA : NEE)

/** 'Ja' / 'Nee' in any case and with spaces -> boolean; undefined for any other text. */
export function parseJaNee(text: string): boolean | undefined {
  const t = text.trim().toLowerCase()
  return t === 'ja' ? true : t === 'nee' ? false : undefined
}
