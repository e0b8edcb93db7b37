// The worksheets of an xlsx as primitive cells, scanned from the parts zip.ts has already checked and inflated.
// No DOM and no SAX events: on a 20,000-row sheet exceljs's parser took ~6x the time and ~3x the memory of this
// scan. Values follow exceljs's reading (styles decide dates, formulas keep their cached result), so cells.ts
// sees the same shapes.
import { cellToPrimitive, columnLetter, type Cell } from './cells.js'
import { FileError } from './file-error.js'
import { MAX_CELL_CHARS, MAX_COLUMNS } from './limits.js'

export interface XlsxSheet {
  name: string
  rows: Cell[][]
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML text and attribute values: the five named entities and character references. */
export function xmlText(s: string): string {
  if (s.indexOf('&') < 0) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITIES[e],
  )
}

/** OOXML's own escape for characters XML cannot carry (`_x000D_` is a carriage return). */
const ooxmlText = (s: string) =>
  xmlText(s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))

/** A tag's attributes, namespace prefixes dropped (`r:id` is `id`), values decoded. */
export function attrs(head: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of head.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1].replace(/^\w+:/, '')] = xmlText(m[2] ?? m[3])
  return out
}

/** The text of every <t> of a string item (shared string or inline string), phonetic runs left out. */
function itemText(xml: string): string {
  if (xml.indexOf('<') < 0) return ''
  const body = xml.indexOf('rPh') >= 0 ? xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '') : xml
  let s = ''
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += m[1]
  return ooxmlText(s)
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return []
  const out: string[] = []
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(itemText(m[1] ?? ''))
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
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const a = attrs(m[1])
    if (a.numFmtId && a.formatCode !== undefined) custom.set(+a.numFmtId, a.formatCode)
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? ''
  const out: boolean[] = []
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
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
}

/** One attribute of a short tag head; double quotes as every writer uses them, single quotes through attrs(). */
function attr(head: string, name: string): string | undefined {
  if (head.indexOf("'") >= 0) return attrs(head)[name]
  let at = head.indexOf(`${name}="`)
  while (at > 0 && !/[\s:]/.test(head[at - 1])) at = head.indexOf(`${name}="`, at + 1)
  if (at < 0) return undefined
  const from = at + name.length + 2
  return xmlText(head.slice(from, head.indexOf('"', from)))
}

/** A <v> text as the cell type `t` says. */
function typed(t: string, s: string, isDate: boolean, cx: Context): unknown {
  if (t === 'str' || t === 'inlineStr') return xmlText(s)
  if (t === 's') return cx.strings[parseInt(s, 10)] ?? null
  if (t === 'b') return parseInt(s, 10) !== 0
  if (t === 'e') return { error: xmlText(s) }
  if (t === 'd') return new Date(s)
  const n = parseFloat(s)
  return isDate && Number.isFinite(n) ? excelDate(n, cx.date1904) : n
}

const V = /<(?:\w+:)?v(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/
const F = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/
const IS = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/

/** One <c> element's value as exceljs would give it, then through cellToPrimitive. */
function cellValue(head: string, body: string, cx: Context): Cell {
  const t = attr(head, 't') ?? 'n'
  const isDate = cx.dates.length > 0 && cx.dates[+(attr(head, 's') ?? 0)] === true
  // The common cell is <v>text</v> alone: read it without a regular expression.
  if (body.startsWith('<v>') && body.endsWith('</v>') && body.indexOf('<', 3) === body.length - 4)
    return cellToPrimitive(typed(t, body.slice(3, -4), isDate, cx))
  const v = V.exec(body)
  const raw = v ? (v[1] ?? '') : undefined
  const f = body.indexOf('f') >= 0 ? F.exec(body) : null
  if (f) {
    let formula = f[2] === undefined ? '' : xmlText(f[2])
    if (attr(f[1], 't') === 'shared') {
      const si = attr(f[1], 'si') ?? ''
      if (formula) cx.formulas.set(si, formula)
      else formula = cx.formulas.get(si) ?? ''
    }
    return cellToPrimitive({ formula, result: raw === undefined || raw === '' ? undefined : typed(t, raw, isDate, cx) })
  }
  if (t === 'inlineStr') {
    const is = IS.exec(body)
    return cellToPrimitive(is ? itemText(is[1]) : null)
  }
  return raw === undefined ? null : cellToPrimitive(typed(t, raw, isDate, cx))
}

/** The rows of one worksheet part. `rows[i]` is row i + 1; rows without a value are holes. */
function readSheet(xml: string, name: string, cx: Context, onRow: () => void): Cell[][] {
  const rows: Cell[][] = []
  const start = xml.search(/<(?:\w+:)?sheetData\b/)
  if (start < 0) return rows
  const end = xml.search(/<\/(?:\w+:)?sheetData>/)
  const data = xml.slice(start, end < 0 ? xml.length : end)
  const rowClose = `</${/^<(\w+:)?/.exec(xml.slice(start))?.[1] ?? ''}row>`
  const rowRe = /<(?:\w+:)?row\b([^>]*?)(\/?)>/g
  const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g
  let rowNumber = 0
  for (let m = rowRe.exec(data); m; m = rowRe.exec(data)) {
    const r = /\br\s*=\s*["'](\d+)/.exec(m[1])
    rowNumber = r ? +r[1] : rowNumber + 1
    if (m[2]) continue
    const close = data.indexOf(rowClose, rowRe.lastIndex)
    const rowEnd = close < 0 ? data.length : close
    const cells: Cell[] = []
    let col = 0
    cellRe.lastIndex = rowRe.lastIndex
    for (let c = cellRe.exec(data); c && c.index < rowEnd; c = cellRe.exec(data)) {
      const ref = attr(c[1], 'r')
      let letters = 0
      while (ref && letters < ref.length && ref.charCodeAt(letters) >= 65 && ref.charCodeAt(letters) <= 90) letters++
      col = letters ? columnNumber(ref!.slice(0, letters)) : col + 1
      if (col > MAX_COLUMNS)
        throw new FileError(`meer dan ${MAX_COLUMNS} kolommen (limiet MAX_COLUMNS)`, {
          sheet: name,
          row: rowNumber,
          column: `${columnLetter(col - 1)}${rowNumber}`,
        })
      const v = c[2] === undefined ? null : cellValue(c[1], c[2], cx)
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS)
        throw new FileError(`een cel is langer dan ${MAX_CELL_CHARS} tekens (limiet MAX_CELL_CHARS)`, {
          sheet: name,
          row: rowNumber,
          column: `${columnLetter(col - 1)}${rowNumber}`,
        })
      if (v !== null) cells[col - 1] = v
    }
    rowRe.lastIndex = Math.max(rowRe.lastIndex, Math.min(cellRe.lastIndex, rowEnd))
    if (cells.length) {
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
      rows[rowNumber - 1] = cells
      onRow()
    }
  }
  // Only the top-left cell of a merged range carries its value (the block parsers expect that, as Excel shows it).
  for (const m of xml
    .slice(end < 0 ? xml.length : end)
    .matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Z]+)(\d+):([A-Z]+)(\d+)/g)) {
    const [c1, r1, c2, r2] = [columnNumber(m[1]), +m[2], columnNumber(m[3]), +m[4]]
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
  const workbook = text('xl/workbook.xml')
  if (workbook === undefined) throw new FileError('het Excel-bestand bevat geen werkboek (onderdeel xl/workbook.xml ontbreekt)')
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)>/.exec(workbook)
  const date1904 = pr ? ['1', 'true'].includes(attrs(pr[1]).date1904 ?? '') : false
  const cx: Context = {
    strings: sharedStrings(text('xl/sharedStrings.xml')),
    dates: dateStyles(text('xl/styles.xml')),
    date1904,
    formulas: new Map(),
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
    sheets.push({ name: name || `Blad${sheets.length + 1}`, rows: readSheet(xml, name, cx, tick) })
  }
  onRow?.(total)
  return sheets
}
