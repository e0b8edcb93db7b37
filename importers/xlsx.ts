// The worksheets of an xlsx as primitive cells, scanned from the parts zip.ts has already checked and inflated.
// No DOM and no SAX events: on a 20,000-row sheet exceljs's parser took ~6x the time and ~3x the memory of this
// scan. Values follow exceljs's reading (styles decide dates, formulas keep their cached result), so cells.ts
// sees the same shapes. The XML is scanned by xml.ts, in linear time.
import { cellToPrimitive, columnLetter, type Cell } from './cells.js'
import { FileError } from './file-error.js'
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from './limits.js'
import { attr, attrs, closed, itemText, next, prefixOf, xmlText } from './xml.js'

export interface XlsxSheet {
  name: string
  rows: Cell[][]
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return []
  const p = prefixOf(xml)
  const out: string[] = []
  for (let e = next(xml, `${p}si`, 0); e; e = next(xml, `${p}si`, e.end)) out.push(e.text === undefined ? '' : itemText(e.text, p))
  return out
}

// exceljs's date test (utils.isDateFmt): date characters outside quotes and brackets. Of the built-in formats
// only these carry a format code in exceljs (the locale-specific 27-36 and 50-58 read as numbers there too).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47])
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))

/** Per cell style index: does it format a number as a date or time. */
function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return []
  const custom = new Map<number, string>()
  for (const m of closed(xml).matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const a = attrs(m[1])
    if (a.numFmtId && a.formatCode !== undefined) custom.set(+a.numFmtId, a.formatCode)
  }
  const xfs = next(xml, `${prefixOf(xml)}cellXfs`, 0)?.text ?? ''
  const out: boolean[] = []
  for (const m of closed(xfs).matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
    const id = +(attrs(m[1]).numFmtId ?? 0)
    const code = custom.get(id)
    out.push(id > 0 && (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)))
  }
  return out
}

function columnNumber(letters: string): number {
  let n = 0
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64)
  return n
}

/** Excel's serial day number to an instant, as exceljs reads it (UTC, 1900 or 1904 system). */
const excelDate = (v: number, date1904: boolean) => new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000))

interface Context {
  strings: string[]
  dates: boolean[]
  date1904: boolean
  /** Shared formulas: index -> the master's formula text. */
  formulas: Map<string, string>
  /** The worksheet's namespace prefix ('' or e.g. 'x:'). */
  prefix: string
}

/** A <v> text as the cell type `t` says. */
function typed(t: string, s: string, isDate: boolean, cx: Context): unknown {
  if (t === 'str' || t === 'inlineStr') return xmlText(s)
  if (t === 's') return cx.strings[parseInt(s, 10)] ?? null
  if (t === 'b') return parseInt(s, 10) !== 0
  if (t === 'e') return { error: xmlText(s) }
  if (t === 'd') return new Date(s)
  // A number cell is an xsd:double by the OOXML spec: this is its value, as exceljs gives it, not money arithmetic.
  // An amount column turns it into cents through centsFromNumber (db/money.ts): the shortest decimal text of the double
  // in BigInt, a fraction of a cent refused; Excel's 17-digit text '1234.5599999999999' is the double of 1234.56.
  const n = parseFloat(s)
  return isDate && Number.isFinite(n) ? excelDate(n, cx.date1904) : n
}

/** One <c> element's value as exceljs would give it, then through cellToPrimitive. */
function cellValue(head: string, body: string, cx: Context): Cell {
  const t = attr(head, 't') ?? 'n'
  const isDate = cx.dates.length > 0 && cx.dates[+(attr(head, 's') ?? 0)] === true
  // The common cell is <v>text</v> alone: read it without a regular expression.
  if (body.startsWith('<v>') && body.endsWith('</v>') && body.indexOf('<', 3) === body.length - 4)
    return cellToPrimitive(typed(t, body.slice(3, -4), isDate, cx))
  const p = cx.prefix
  const v = next(body, `${p}v`, 0)
  const raw = v ? (v.text ?? '') : undefined
  const f = next(body, `${p}f`, 0)
  if (f) {
    let formula = f.text === undefined ? '' : xmlText(f.text)
    if (attr(f.head, 't') === 'shared') {
      const si = attr(f.head, 'si') ?? ''
      if (formula) cx.formulas.set(si, formula)
      else formula = cx.formulas.get(si) ?? ''
    }
    return cellToPrimitive({ formula, result: raw === undefined || raw === '' ? undefined : typed(t, raw, isDate, cx) })
  }
  if (t === 'inlineStr') {
    const is = next(body, `${p}is`, 0)
    return cellToPrimitive(is?.text ? itemText(is.text, p) : null)
  }
  return raw === undefined ? null : cellToPrimitive(typed(t, raw, isDate, cx))
}

/** The rows of one worksheet part. `rows[i]` is row i + 1; rows without a value are holes. */
function readSheet(xml: string, name: string, cx: Context, onRow: () => void): Cell[][] {
  const rows: Cell[][] = []
  const p = (cx.prefix = prefixOf(xml))
  const sheetData = next(xml, `${p}sheetData`, 0)
  const data = sheetData?.text ?? ''
  let rowNumber = 0
  let count = 0
  for (let row = next(data, `${p}row`, 0); row; row = next(data, `${p}row`, row.end)) {
    const r = parseInt(attr(row.head, 'r') ?? '', 10)
    rowNumber = r > 0 ? r : rowNumber + 1
    if (row.text === undefined) continue
    const body = row.text
    const cells: Cell[] = []
    let col = 0
    for (let c = next(body, `${p}c`, 0); c; c = next(body, `${p}c`, c.end)) {
      const ref = attr(c.head, 'r')
      let letters = 0
      while (ref && letters < ref.length && ref.charCodeAt(letters) >= 65 && ref.charCodeAt(letters) <= 90) letters++
      col = letters ? columnNumber(ref!.slice(0, letters)) : col + 1
      if (col > MAX_COLUMNS)
        throw new FileError(`meer dan ${MAX_COLUMNS} kolommen (limiet MAX_COLUMNS)`, {
          sheet: name,
          row: rowNumber,
          column: `${columnLetter(col - 1)}${rowNumber}`,
        })
      const v = c.text === undefined ? null : cellValue(c.head, c.text, cx)
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS)
        throw new FileError(`een cel is langer dan ${MAX_CELL_CHARS} tekens (limiet MAX_CELL_CHARS)`, {
          sheet: name,
          row: rowNumber,
          column: `${columnLetter(col - 1)}${rowNumber}`,
        })
      if (v !== null) cells[col - 1] = v
    }
    if (cells.length) {
      // zip.ts counted the rows already, but only unprefixed ones (<row>, not <x:row>).
      if (++count > MAX_ROWS) throw new FileError(`meer dan ${MAX_ROWS} rijen (limiet MAX_ROWS)`, { sheet: name, row: rowNumber })
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
      rows[rowNumber - 1] = cells
      onRow()
    }
  }
  // Only the top-left cell of a merged range carries its value (the block parsers expect that, as Excel shows it).
  for (const m of closed(xml.slice(sheetData?.end ?? 0)).matchAll(/<(?:\w+:)?mergeCell\b([^>]*)>/g)) {
    const ref = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(attr(m[1], 'ref') ?? '')
    if (!ref) continue
    const [c1, r1, c2, r2] = [columnNumber(ref[1]), +ref[2], columnNumber(ref[3]), +ref[4]]
    for (let r = r1; r <= Math.min(r2, rows.length); r++) {
      const row = rows[r - 1]
      if (!row) continue
      for (let c = c1; c <= Math.min(c2, row.length); c++) if (r !== r1 || c !== c1) row[c - 1] = null
    }
  }
  return rows
}

/**
 * Sheets in workbook order. `parts` holds the inflated xml parts; `sheetParts` maps a worksheet part to the
 * name the user sees (zip.ts reads both). Parts are released as they are read.
 */
export function readWorkbook(parts: Map<string, Buffer>, sheetParts: Map<string, string>, onRow?: (n: number) => void): XlsxSheet[] {
  const text = (name: string) => {
    const b = parts.get(name)
    parts.delete(name)
    return b?.toString('utf8')
  }
  const inPart = <T>(name: string, read: (xml: string | undefined) => T): T => {
    try {
      return read(text(name))
    } catch (e) {
      if (e instanceof FileError) throw new FileError(`onderdeel ${name}: ${e.message}`)
      throw e
    }
  }
  const workbook = text('xl/workbook.xml')
  if (workbook === undefined) throw new FileError('het Excel-bestand bevat geen werkboek (onderdeel xl/workbook.xml ontbreekt)')
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(closed(workbook))
  const date1904 = pr ? ['1', 'true'].includes(attrs(pr[1]).date1904 ?? '') : false
  const cx: Context = {
    strings: inPart('xl/sharedStrings.xml', sharedStrings),
    dates: inPart('xl/styles.xml', dateStyles),
    date1904,
    formulas: new Map(),
    prefix: '',
  }
  let total = 0
  const tick = () => {
    if (++total % 500 === 0) onRow?.(total)
  }
  const sheets: XlsxSheet[] = []
  for (const [part, name] of sheetParts) {
    if (!part.startsWith('xl/worksheets/')) continue
    const xml = text(part)
    if (xml === undefined)
      throw new FileError(`onderdeel ${part} ontbreekt (het werkblad '${name}' staat wel in de inhoud)`, { sheet: name })
    cx.formulas = new Map()
    try {
      sheets.push({ name: name || `Blad${sheets.length + 1}`, rows: readSheet(xml, name, cx, tick) })
    } catch (e) {
      if (e instanceof FileError && !e.place.sheet) throw new FileError(`blad ${name}: ${e.message}`, { ...e.place, sheet: name })
      throw e
    }
  }
  onRow?.(total)
  return sheets
}
