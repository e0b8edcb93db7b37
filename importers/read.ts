// Bytes in -> sheets of primitive cells. The file type is recognised from the content, never the file name.
// Workbooks are read by xlsx.ts, only after zip.ts has checked their limits.
import iconv from 'iconv-lite'
import type { Cell } from './cells.js'
import { parseCsv } from './csv.js'
import { FileError } from './file-error.js'
import { MAX_LINE_CHARS, MAX_ROWS } from './limits.js'
import { readWorkbook } from './xlsx.js'
import { checkXlsx } from './zip.js'

export { FileError } from './file-error.js'

export type FileKind = 'xlsx' | 'csv' | 'json' | 'jsonl'

export interface Sheet {
  /** Sheet name for workbooks, null for text files (docs/cli.md). */
  name: string | null
  /** rows[i] is the row the user sees as number i + 1; blank rows may be holes or empty arrays. */
  rows: Cell[][]
}

export interface ReadFile {
  kind: FileKind
  sheets: Sheet[]
  /** For JSON / JSON Lines: the parsed records (rows stays empty). */
  records?: unknown[]
  /** For JSON Lines: the 1-based line of each record (blank lines are skipped), for error places. */
  recordLines?: number[]
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

/**
 * Text as the user's program saved it: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
 * "Unicode-tekst"), else Windows-1252 (Excel's Windows "CSV"), decoded by iconv-lite: Node's own
 * TextDecoder on this build turns byte 0x80 into U+0080 instead of the euro sign.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be')
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    if (body.subarray(0, 4096).includes(0)) throw new FileError('dit is geen spreadsheet of tekstbestand (binaire inhoud)')
    return iconv.decode(body, 'win1252')
  }
}

export async function readFile(bytes: Buffer, onRow?: (n: number) => void): Promise<ReadFile> {
  if (bytes.length === 0) throw new FileError('het bestand is leeg')
  if (bytes.subarray(0, 4).equals(ZIP)) {
    return { kind: 'xlsx', sheets: readXlsx(bytes, onRow) }
  }
  if (bytes.subarray(0, 4).equals(OLE)) throw new FileError('dit is een oud Excel-bestand (.xls); sla het op als .xlsx of .csv')
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw new FileError('dit is een PDF-bestand, geen spreadsheet of tekstbestand')
  if (bytes.subarray(0, 2).toString('latin1') === 'PK')
    throw new FileError('dit is een zip-bestand maar geen geldig Excel-bestand (beschadigd of afgebroken?)')
  const text = decodeText(bytes)
  // Searched, not trimmed: a trim would copy a 19 MB file of blanks.
  const first = /\S/.exec(text)?.[0]
  if (first === undefined) throw new FileError('het bestand is leeg')
  if (first === '[' || first === '{') return readJson(text)
  const rows = parseCsv(text)
  if (rows.length === 0) throw new FileError('het bestand bevat alleen lege regels')
  return { kind: 'csv', sheets: [{ name: null, rows }] }
}

/** A JSON parse error in Dutch with its line and character where the engine says (never the word 'undefined'). */
function jsonError(text: string, e: unknown, lineNo?: number): FileError {
  const pos = /position (\d+)/.exec(e instanceof Error ? e.message : '')
  const before = pos ? text.slice(0, +pos[1]) : ''
  const line = (lineNo ?? 1) + (pos ? before.split('\n').length - 1 : 0)
  const col = pos ? +pos[1] - before.lastIndexOf('\n') : undefined
  const why =
    e instanceof RangeError ? 'te diep genest' : pos ? `onverwacht teken bij positie ${col}` : 'onverwacht einde of onbekende waarde'
  return new FileError(`regel ${line}: geen geldige JSON (${why})`, { row: line })
}

function readJson(text: string): ReadFile {
  let whole: unknown
  let wholeError: unknown
  try {
    whole = JSON.parse(text)
  } catch (e) {
    wholeError = e
  }
  if (wholeError === undefined) {
    if (Array.isArray(whole)) {
      if (whole.length > MAX_ROWS) throw new FileError(`meer dan ${MAX_ROWS} records (limiet MAX_ROWS)`)
      return { kind: 'json', sheets: [], records: whole }
    }
    if (whole && typeof whole === 'object') return { kind: 'json', sheets: [], records: [whole] }
  }
  // Not one JSON document: JSON Lines, one record per non-blank line.
  const records: unknown[] = []
  const recordLines: number[] = []
  let start = 0
  let line = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    line++
    if (end - start > MAX_LINE_CHARS)
      throw new FileError(`regel ${line} is langer dan ${MAX_LINE_CHARS} tekens (limiet MAX_LINE_CHARS)`, { row: line })
    const s = text.slice(start, end).trim()
    start = end + 1
    if (s === '') continue
    // A document that opened like JSON but is not JSON Lines either: report the first problem of the whole.
    if (line === 1 && !(s.startsWith('{') && s.endsWith('}')) && wholeError) throw jsonError(text, wholeError)
    try {
      records.push(JSON.parse(s))
    } catch (e) {
      throw jsonError(s, e, line)
    }
    recordLines.push(line)
    if (records.length > MAX_ROWS) throw new FileError(`meer dan ${MAX_ROWS} records (limiet MAX_ROWS)`, { row: line })
  }
  return { kind: 'jsonl', sheets: [], records, recordLines }
}

/** An xlsx: the zip's limits first (zip.ts), then its worksheets scanned from the parts already inflated. */
function readXlsx(bytes: Buffer, onRow?: (n: number) => void): Sheet[] {
  const { parts, sheets: names } = checkXlsx(bytes)
  let sheets: Sheet[]
  try {
    sheets = readWorkbook(parts, names, onRow)
  } catch (e) {
    if (e instanceof FileError) throw e
    const why = e instanceof Error && e.message ? `: ${e.message.split('\n')[0].slice(0, 120)}` : ''
    throw new FileError(`het Excel-bestand kan niet worden gelezen (is het een echt .xlsx-bestand?)${why}`)
  }
  if (sheets.length === 0) throw new FileError('het Excel-bestand bevat geen werkbladen')
  return sheets
}
