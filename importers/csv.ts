// CSV (RFC 4180 quotes; ';', ',' or tab detected) read in one linear pass with every limit checked as it goes:
// line length, columns, cell length, rows. Blank lines cost nothing: they leave a hole in the row array, so a
// file of 19 MB of newlines or separators allocates no rows at all.
import type { Cell } from './cells.js'
import { FileError } from './file-error.js'
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_LINE_CHARS, MAX_ROWS } from './limits.js'

const QUOTE = 34
const CR = 13
const LF = 10

/** The separator that occurs most outside quotes in the first 64 kB (';' when none). */
export function detectDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024)
  let best = ';'
  let bestN = 0
  for (const d of [';', ',', '\t']) {
    let n = 0
    let q = false
    for (let i = 0; i < sample.length; i++) {
      const c = sample[i]
      if (c === '"') q = !q
      else if (c === d && !q) n++
    }
    if (n > bestN) {
      best = d
      bestN = n
    }
  }
  return best
}

/** Line number (1-based) of a character offset. */
function lineOf(text: string, at: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * rows[i] holds the record that starts on line i + 1; blank records (only separators and spaces) are holes.
 * Fields are sliced, never built a character at a time. Throws FileError with the line of the first limit broken.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): Cell[][] {
  const nul = text.indexOf('\u0000')
  if (nul >= 0) throw new FileError(`regel ${lineOf(text, nul)} bevat een NUL-teken (binaire inhoud?)`, { row: lineOf(text, nul) })
  const rows: Cell[][] = []
  const delim = delimiter.charCodeAt(0)
  const n = text.length
  let fields: string[] = []
  let line = 1
  let lineStart = 0
  let recordLine = 1
  let count = 0
  let i = 0
  const tooLong = () => new FileError(`regel ${line} is langer dan ${MAX_LINE_CHARS} tekens (limiet MAX_LINE_CHARS)`, { row: line })
  const push = (v: string) => {
    if (v.length > MAX_CELL_CHARS)
      throw new FileError(`een cel is langer dan ${MAX_CELL_CHARS} tekens (limiet MAX_CELL_CHARS)`, {
        row: recordLine,
        column: String(fields.length + 1),
      })
    if (fields.length >= MAX_COLUMNS) throw new FileError(`meer dan ${MAX_COLUMNS} kolommen (limiet MAX_COLUMNS)`, { row: recordLine })
    fields.push(v)
  }
  const endRecord = () => {
    let blank = true
    for (const f of fields)
      if (f.trim() !== '') {
        blank = false
        break
      }
    if (!blank) {
      if (++count > MAX_ROWS) throw new FileError(`meer dan ${MAX_ROWS} rijen (limiet MAX_ROWS)`, { row: recordLine })
      rows[recordLine - 1] = fields.map((v) => (v.trim() === '' ? null : v))
    }
    fields = []
  }
  while (i <= n) {
    if (fields.length === 0) {
      // A blank line (only separators, spaces, tabs) is skipped where it stands: no fields, no row.
      let j = i
      let c = text.charCodeAt(j)
      while (j < n && (c === delim || c === 32 || c === 9)) c = text.charCodeAt(++j)
      if (j < n && (c === LF || c === CR)) {
        if (j - lineStart > MAX_LINE_CHARS) throw tooLong()
        i = c === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1
        line++
        lineStart = i
        recordLine = line
        continue
      }
      if (j >= n) break
    }
    let value = ''
    if (text.charCodeAt(i) === QUOTE) {
      let seg = i + 1
      for (;;) {
        const q = text.indexOf('"', seg)
        if (q < 0) throw new FileError('een aanhalingsteken (") wordt niet gesloten', { row: recordLine })
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(seg, q + 1)
          seg = q + 2
          continue
        }
        value += text.slice(seg, q)
        for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) {
          line++
          lineStart = k + 1
        }
        i = q + 1
        break
      }
    }
    // Unquoted text (or what follows a closing quote) up to the separator or the end of the line.
    const start = i
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === delim || c === LF || c === CR) break
      i++
    }
    if (i - lineStart > MAX_LINE_CHARS) throw tooLong()
    value += text.slice(start, i)
    push(value)
    const c = i < n ? text.charCodeAt(i) : -1
    if (c === delim) {
      i++
      continue
    }
    endRecord()
    if (c === CR && text.charCodeAt(i + 1) === LF) i++
    i++
    line++
    lineStart = i
    recordLine = line
  }
  return rows
}
