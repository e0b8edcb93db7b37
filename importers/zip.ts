// Checking an xlsx (a zip) before exceljs touches it: sizes and ratios from the central directory, then every
// part inflated under a hard output cap (a lying directory cannot slip a bomb through), XML entities refused,
// and the rows and columns of each sheet counted from its XML.
import { inflateRawSync } from 'node:zlib'
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, MAX_ZIP_RATIO } from './limits.js'
import { FileError } from './file-error.js'
import { attrs, closed } from './xml.js'

interface Entry {
  name: string
  method: number
  compressed: number
  size: number
  localOffset: number
}

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`

/** The central directory's entries; a zip without one (truncated, or not a zip) is refused. */
export function zipEntries(buf: Buffer): Entry[] {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0)
    throw new FileError(
      'het Excel-bestand is onvolledig of beschadigd: de inhoudsopgave van het zip-bestand ontbreekt (afgebroken download?)',
    )
  const count = buf.readUInt16LE(eocd + 10)
  const cdSize = buf.readUInt32LE(eocd + 12)
  const cdOffset = buf.readUInt32LE(eocd + 16)
  if (count > MAX_ZIP_ENTRIES)
    throw new FileError(`het Excel-bestand heeft meer dan ${MAX_ZIP_ENTRIES} onderdelen (limiet MAX_ZIP_ENTRIES)`)
  if (cdOffset + cdSize > buf.length)
    throw new FileError('het Excel-bestand is onvolledig of beschadigd: de inhoudsopgave wijst buiten het bestand')
  const out: Entry[] = []
  let p = cdOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50)
      throw new FileError(`het Excel-bestand is beschadigd: onderdeel ${i + 1} van de inhoudsopgave is onleesbaar`)
    const nameLen = buf.readUInt16LE(p + 28)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    out.push({
      name,
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    })
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
  }
  return out
}

/** Sizes and ratios as the directory states them; nothing is inflated yet. */
function checkDirectory(entries: Entry[]): void {
  let total = 0
  for (const e of entries) {
    // 0xFFFFFFFF means a zip64 size: larger than 4 GB, so over the limit anyway.
    if (e.size > MAX_UNZIPPED_BYTES)
      throw new FileError(
        `onderdeel ${e.name}: uitgepakt ${MB(e.size)}, meer dan de limiet van ${MB(MAX_UNZIPPED_BYTES)} (MAX_UNZIPPED_BYTES)`,
        { sheet: null },
      )
    // Tiny parts compress well without being bombs: the ratio counts from 1 MB uncompressed.
    if (e.size > 1024 * 1024 && e.size > MAX_ZIP_RATIO * Math.max(1, e.compressed)) {
      throw new FileError(
        `onderdeel ${e.name}: compressieverhouding ${Math.round(e.size / Math.max(1, e.compressed))}:1, meer dan ${MAX_ZIP_RATIO}:1 (MAX_ZIP_RATIO; zip-bom?)`,
      )
    }
    total += e.size
  }
  if (total > MAX_UNZIPPED_BYTES)
    throw new FileError(
      `het Excel-bestand is uitgepakt ${MB(total)}, meer dan de limiet van ${MB(MAX_UNZIPPED_BYTES)} (MAX_UNZIPPED_BYTES)`,
    )
}

function inflate(buf: Buffer, e: Entry, cap: number): Buffer {
  const lh = e.localOffset
  if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== 0x04034b50)
    throw new FileError(`onderdeel ${e.name}: beschadigd (lokale kop ontbreekt)`)
  const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28)
  if (start + e.compressed > buf.length) throw new FileError(`onderdeel ${e.name}: het bestand is afgebroken (onderdeel onvolledig)`)
  const data = buf.subarray(start, start + e.compressed)
  if (e.method === 0) return data
  if (e.method !== 8) throw new FileError(`onderdeel ${e.name}: onbekende compressiemethode ${e.method}`)
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, cap) })
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new FileError(`onderdeel ${e.name}: pakt uit tot meer dan de inhoudsopgave zegt (zip-bom?)`)
    throw new FileError(`onderdeel ${e.name}: beschadigd (${(err as Error).message})`)
  }
}

/** Sheet part name -> sheet name as the user sees it, from workbook.xml and its relationships. */
function sheetNames(parts: Map<string, Buffer>): Map<string, string> {
  const wb = closed(parts.get('xl/workbook.xml')?.toString('utf8') ?? '')
  const rels = closed(parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '')
  const target = new Map<string, string>()
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const { Id: id, Target: t } = attrs(m[1])
    if (id && t) target.set(id, t.replace(/^\/?(xl\/)?/, 'xl/'))
  }
  const out = new Map<string, string>()
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const { name, id } = attrs(m[1])
    if (name && id && target.has(id)) out.set(target.get(id)!, name)
  }
  return out
}

function colNumber(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

const ENTITY = /<!(DOCTYPE|ENTITY)/i

/** Rows, columns and cell lengths of one sheet part, scanned in its bytes (no DOM). */
function checkSheet(xml: Buffer, sheet: string): void {
  let rows = 0
  let at = xml.indexOf('<row')
  while (at >= 0) {
    const rowEnd = xml.indexOf('>', at)
    const head = xml.toString('latin1', at, Math.min(rowEnd + 1, at + 200))
    const r = /\br="(\d+)"/.exec(head)?.[1]
    if (++rows > MAX_ROWS) throw new FileError(`meer dan ${MAX_ROWS} rijen (limiet MAX_ROWS)`, { sheet, row: r ? +r : 0 })
    at = xml.indexOf('<row', rowEnd)
  }
  let c = xml.indexOf('<c r="')
  while (c >= 0) {
    let i = c + 6
    let letters = ''
    while (i < xml.length && xml[i] >= 65 && xml[i] <= 90 && letters.length < 4) letters += String.fromCharCode(xml[i++])
    if (colNumber(letters) > MAX_COLUMNS) {
      let digits = ''
      while (i < xml.length && xml[i] >= 48 && xml[i] <= 57) digits += String.fromCharCode(xml[i++])
      throw new FileError(`meer dan ${MAX_COLUMNS} kolommen (kolom ${letters}; limiet MAX_COLUMNS)`, {
        sheet,
        row: +digits || 0,
        column: letters,
      })
    }
    c = xml.indexOf('<c r="', i)
  }
}

/** Shared strings longer than a cell may be (Excel's own limit). */
function checkStrings(xml: Buffer): void {
  let at = xml.indexOf('<t')
  while (at >= 0) {
    const end = xml.indexOf('</t>', at)
    if (end < 0) break
    if (end - at > MAX_CELL_CHARS * 4 + 64)
      throw new FileError(`een tekst in xl/sharedStrings.xml is langer dan ${MAX_CELL_CHARS} tekens (limiet MAX_CELL_CHARS)`)
    at = xml.indexOf('<t', end)
  }
}

/** The parts read after the checks: workbook, its relationships, styles, shared strings and the worksheets. */
const KEEP = /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|styles\.xml|sharedStrings\.xml|worksheets\/[^/]+\.xml)$/

export interface CheckedXlsx {
  /** Inflated parts to read, by name (see KEEP). */
  parts: Map<string, Buffer>
  /** Worksheet part -> sheet name, in workbook order. */
  sheets: Map<string, string>
}

/**
 * Every check before parsing; throws FileError naming the part, sheet and row where known. Returns the parts
 * the reader needs, inflated once.
 */
export function checkXlsx(buf: Buffer): CheckedXlsx {
  const entries = zipEntries(buf)
  checkDirectory(entries)
  const parts = new Map<string, Buffer>()
  for (const e of entries) {
    if (e.name === 'xl/workbook.xml' || e.name === 'xl/_rels/workbook.xml.rels') parts.set(e.name, inflate(buf, e, e.size + 1))
  }
  const sheets = sheetNames(parts)
  let budget = MAX_UNZIPPED_BYTES
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue
    // Capped at the declared size: a part that inflates to more than its directory entry says is refused.
    const xml = parts.get(e.name) ?? inflate(buf, e, Math.min(budget, e.size) + 1)
    budget -= xml.length
    const sheet = e.name.startsWith('xl/worksheets/') ? (sheets.get(e.name) ?? e.name) : null
    if (ENTITY.test(xml.toString('utf8', 0, Math.min(xml.length, 4096))) || xml.indexOf('<!ENTITY') >= 0) {
      throw new FileError(
        `${sheet ? `blad ${sheet}, rij 0` : `onderdeel ${e.name}`}: XML-entiteiten (DOCTYPE/ENTITY) zijn niet toegestaan`,
        { sheet },
      )
    }
    if (e.name === 'xl/sharedStrings.xml') checkStrings(xml)
    if (sheet) checkSheet(xml, sheet)
    if (KEEP.test(e.name)) parts.set(e.name, xml)
  }
  return { parts, sheets }
}
