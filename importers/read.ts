// Bytes in -> sheets of primitive cells. The file type is recognised from the content, never the file name.
// exceljs is used only here (and in reports/render), read through its streaming reader.
import ExcelJS from 'exceljs'
import { parse as parseCsv } from 'csv-parse/sync'
import { cellToPrimitive, type Cell } from './cells.js'

export type FileKind = 'xlsx' | 'csv' | 'json' | 'jsonl'

export interface Sheet {
  /** Sheet name for workbooks, null for text files (docs/cli.md). */
  name: string | null
  /** rows[i] is the row the user sees as number i + 1; missing rows are empty arrays. */
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

export class FileError extends Error {
  override name = 'FileError'
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

export async function readFile(bytes: Buffer, onRow?: (n: number) => void): Promise<ReadFile> {
  if (bytes.length === 0) throw new FileError('het bestand is leeg')
  if (bytes.subarray(0, 4).equals(ZIP)) return { kind: 'xlsx', sheets: await readXlsx(bytes, onRow) }
  if (bytes.subarray(0, 4).equals(OLE)) throw new FileError('dit is een oud Excel-bestand (.xls); sla het op als .xlsx of .csv')
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw new FileError('dit is een PDF-bestand, geen spreadsheet of tekstbestand')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Windows exports are often cp1252: accept when it looks like text, else refuse the binary.
    if (bytes.subarray(0, 4096).some((b) => b === 0)) throw new FileError('dit is geen spreadsheet of tekstbestand (binaire inhoud)')
    text = new TextDecoder('windows-1252').decode(bytes)
  }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') throw new FileError('het bestand is leeg')
  const first = text.trimStart()[0]
  if (first === '[' || first === '{') return readJson(text)
  return { kind: 'csv', sheets: [{ name: null, rows: readCsv(text) }] }
}

function readJson(text: string): ReadFile {
  try {
    const doc = JSON.parse(text) as unknown
    if (Array.isArray(doc)) return { kind: 'json', sheets: [], records: doc }
    if (doc && typeof doc === 'object') return { kind: 'json', sheets: [], records: [doc] }
  } catch {
    // Not one JSON document: try JSON Lines.
  }
  const records: unknown[] = []
  const recordLines: number[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    try {
      records.push(JSON.parse(line))
      recordLines.push(i + 1)
    } catch {
      throw new FileError(`regel ${i + 1} is geen geldige JSON`)
    }
  })
  return { kind: 'jsonl', sheets: [], records, recordLines }
}

/** CSV with ';' or ',' (or tab) detected from the first lines, quotes per RFC 4180. */
function readCsv(text: string): Cell[][] {
  const sample = text.split(/\r?\n/).slice(0, 20).join('\n')
  const counts = [';', ',', '\t'].map((d) => ({ d, n: countOutsideQuotes(sample, d) }))
  counts.sort((a, b) => b.n - a.n)
  const delimiter = counts[0].n > 0 ? counts[0].d : ';'
  let rows: string[][]
  try {
    rows = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, relax_quotes: true }) as string[][]
  } catch (e) {
    throw new FileError(`het CSV-bestand kan niet worden gelezen: ${(e as Error).message.split('\n')[0]}`)
  }
  return rows.map((r) => r.map((v) => (v.trim() === '' ? null : v)))
}

function countOutsideQuotes(s: string, ch: string): number {
  let n = 0
  let q = false
  for (const c of s) {
    if (c === '"') q = !q
    else if (c === ch && !q) n++
  }
  return n
}

/**
 * Uploads are capped at 20 MB and already in memory, so the workbook is parsed whole. exceljs's streaming
 * reader was measured unreliable on workbooks whose workbook.xml comes after the sheets (as its own
 * streaming writer produces them): in 40 reads of one exported SiSa appendix, 18 lost the sheet names and
 * 2 crashed. The whole-workbook parser reads such files every time, and knows merged ranges: only the
 * top-left cell of a merge carries the value, as the block parsers expect.
 */
async function readXlsx(bytes: Buffer, onRow?: (n: number) => void): Promise<Sheet[]> {
  const sheets: Sheet[] = []
  try {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    let total = 0
    for (const ws of wb.worksheets) {
      const rows: Cell[][] = []
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: Cell[] = []
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          cells[col - 1] = cell.isMerged && cell.master !== cell ? null : cellToPrimitive(cell.value)
        })
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
        rows[rowNumber - 1] = cells
        if (++total % 500 === 0) onRow?.(total)
      })
      for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = []
      sheets.push({ name: ws.name || `Blad${sheets.length + 1}`, rows })
    }
    onRow?.(total)
  } catch (e) {
    if (e instanceof FileError) throw e
    throw new FileError(`het Excel-bestand kan niet worden gelezen (is het een echt .xlsx-bestand?)`)
  }
  if (sheets.length === 0) throw new FileError('het Excel-bestand bevat geen werkbladen')
  return sheets
}
