// Which of the three scheme sources a file is, decided by its content (headers and layout), never its name.
import { matchHeaders, type RowError } from './cells.js'
import type { ReadFile, Sheet } from './read.js'
import { rbvLayout } from './formats/rbv-bijlage.js'
import { isVlMatch, VL_SYNONYMS } from './formats/verantwoordingslijst.js'
import { CATALOGUE_REQUIRED, CATALOGUE_SYNONYMS } from './formats/woud-catalogue.js'

export type SchemesFormat = 'woud-catalogue' | 'rbv-bijlage' | 'verantwoordingslijst'

export interface Detection {
  format: SchemesFormat
  /** The sheets in that format; other sheets are skipped with a warning. */
  sheets: Sheet[]
  skipped: RowError[]
}

/** Per sheet: the format its layout shows, or undefined. A departmental table wins, then beschikkingsnummers, then catalogue columns. */
export function sheetFormat(sheet: Sheet, map: Record<string, string> = {}): SchemesFormat | undefined {
  if (rbvLayout(sheet.rows)) return 'rbv-bijlage'
  if (isVlMatch(matchHeaders(sheet.rows, VL_SYNONYMS, ['beschikkingsnummer'], map))) return 'verantwoordingslijst'
  const m = matchHeaders(sheet.rows, CATALOGUE_SYNONYMS, CATALOGUE_REQUIRED, map)
  // Two of the three required columns is a catalogue with a column missing: say which, not "unknown format".
  if (m && CATALOGUE_REQUIRED.filter((f) => m.col[f] !== undefined).length >= 2) return 'woud-catalogue'
  return undefined
}

export function detectSchemesFormat(file: ReadFile, map: Record<string, string> = {}): Detection | { error: RowError } {
  if (file.kind === 'json' || file.kind === 'jsonl') return { format: 'woud-catalogue', sheets: [], skipped: [] }
  const found = file.sheets.map((s) => ({ sheet: s, format: sheetFormat(s, map) }))
  const order: SchemesFormat[] = ['rbv-bijlage', 'verantwoordingslijst', 'woud-catalogue']
  const format = order.find((f) => found.some((x) => x.format === f))
  if (!format) {
    const heads = file.sheets.map((s) => `${s.name ? `werkblad '${s.name}': ` : ''}${firstTexts(s).join(' | ') || '(leeg)'}`).join('; ')
    return {
      error: {
        sheet: file.sheets.length === 1 ? file.sheets[0].name : null,
        row: file.sheets.length === 1 ? firstRow(file.sheets[0]) : 0,
        column: '',
        message:
          `geen herkenbaar werkblad: dit lijkt geen Woud-catalogus (kolommen code, name, ministry), geen Bijlage specifieke uitkeringen ` +
          `(SiSa nr. | Onderdeel | Toelichting | jaren) en geen verantwoordingslijst (uitkeringscode of regeling, beschikkingsnummer). Gevonden: ${heads}. ` +
          'Gebruik --map VELD=KOLOMKOP als de kolommen anders heten.',
      },
    }
  }
  const skipped = found
    .filter((x) => x.format !== format)
    .map((x) => ({ sheet: x.sheet.name, row: 0, column: '', message: `werkblad '${x.sheet.name}' overgeslagen: geen ${format}` }))
  return { format, sheets: found.filter((x) => x.format === format).map((x) => x.sheet), skipped }
}

/** The first non-empty row's texts, to show the user what was found. */
function firstTexts(s: Sheet): string[] {
  const row = s.rows.find((r) => r && r.some((c) => c !== null))
  return (row ?? [])
    .filter((c) => c !== null && typeof c !== 'object')
    .map((c) => String(c))
    .slice(0, 12)
}

/** 1-based number of the first non-empty row (the one shown as "Gevonden"), 0 when none. */
function firstRow(s: Sheet): number {
  return s.rows.findIndex((r) => r && r.some((c) => c !== null)) + 1
}
