// Reads indicator definitions from the SiSa-bijlage layout: blocks per uitkering with label, 'Aard controle X' and
// 'Indicator: D1/01' (or the pre-2020 'Indicatornummer: D1 / 01') per cell, stacked in rows or in one cell.
import { DateError, parseDate } from '../../db/dates.js'
import { centsFromNumber, centsToWholeEuros, parseMoney } from '../../db/money.js'
import { parseJaNee } from '../../db/rules/words.js'
import {
  parseAardControle,
  parseIndicatorCode,
  SISA_CODE,
  type IndicatorDef,
  type RegelingDef,
  type Role,
} from '../../db/sisa-definitions.js'
import { columnLetter, normaliseHeader, type Cell, type RowError } from '../cells.js'
import type { Sheet } from '../read.js'

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']
const AARD = /^\s*aard\s+controle\b/i
const CODE_LINE = /^\s*indicator(?:nummer)?\s*:/i

const str = (c: Cell | undefined): string | null =>
  c === null || c === undefined || typeof c === 'object'
    ? c instanceof Date
      ? c.toISOString().slice(0, 10)
      : null
    : String(c).trim() || null

/** One filled value cell of the bijlage, with its place: what `woud import sisa-waarden` stores. */
export interface BijlageCell {
  sisaCode: string
  number: string
  /** 0 for a single-row indicator; the row number (1..) of a project / gemeente / veiligheidsregio row. */
  rowNo: number
  value: Cell
  sheet: string | null
  /** 1-based row and the column letter, as the user sees them. */
  row: number
  column: string
  /** The indicator's label as the file prints it. */
  label: string
}

/** An indicator head of a SiSa grid (label, aard text) with its place in the file. */
export interface IndicatorHead {
  sisaCode: string
  number: string
  label: string | null
  aard: string | null
  sheet: string | null
  row: number
  column: string
}

/** Where a regeling's block starts: the place of its Uitkeringscode cell. */
export interface BlockPlace {
  sisaCode: string
  sheet: string | null
  row: number
  column: string
}

export interface BijlageResult {
  sisaYear: number | null
  formatDate: string | null
  regelingen: RegelingDef[]
  /** Every non-empty value cell under an indicator head. */
  cells: BijlageCell[]
  /** Every indicator head of the file (label, aard text), with its place. */
  heads: IndicatorHead[]
  /** Where each block starts: sisaCode -> place of its Uitkeringscode cell. */
  blocks: BlockPlace[]
  errors: RowError[]
  warnings: RowError[]
}

/** 'SiSa bijlage verantwoordingsinformatie 2017 ... - d.d. 10 januari 2018' -> year and format date. */
export function parseTitle(text: string): { year: number | null; formatDate: string | null } {
  const y = /verantwoordingsinformatie\s+(\d{4})/i.exec(text)
  const d = /d\.\s*d\.\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{1,2}\s+[a-z]+\s+\d{4})/i.exec(text)
  let formatDate: string | null = null
  if (d) {
    const named = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/i.exec(d[1])
    try {
      formatDate = named ? parseDate(`${named[1]}-${MONTHS.indexOf(named[2].toLowerCase()) + 1}-${named[3]}`) : parseDate(d[1])
    } catch (e) {
      if (!(e instanceof DateError)) throw e
    }
  }
  return { year: y ? Number(y[1]) : null, formatDate }
}

interface Head {
  col: number
  label: string
  aard: string
  code: string
}

/** The indicator heads of a band starting at row r (0-based), and the first value row. */
function bandAt(rows: Cell[][], r: number): { heads: Head[]; firstValueRow: number } | undefined {
  const heads: Head[] = []
  const row = rows[r] ?? []
  // One cell holding all lines: label, 'Aard controle X', 'Indicator: X/nn'.
  row.forEach((c, col) => {
    const lines = (str(c) ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
    const a = lines.findIndex((l) => AARD.test(l))
    const k = lines.findIndex((l) => CODE_LINE.test(l))
    if (a > 0 && k > 0) heads.push({ col, label: lines.slice(0, Math.min(a, k)).join(' '), aard: lines[a], code: lines[k] })
  })
  if (heads.length) return { heads, firstValueRow: r + 1 }
  const aardRow = rows[r + 1] ?? []
  const codeRow = rows[r + 2] ?? []
  aardRow.forEach((c, col) => {
    const a = str(c)
    const k = str(codeRow[col])
    const label = str(row[col])
    if (a && AARD.test(a) && k && CODE_LINE.test(k) && label) heads.push({ col, label, aard: a, code: k })
  })
  return heads.length ? { heads, firstValueRow: r + 3 } : undefined
}

/** A SiSa answer by the one strict rule (db/rules/words.ts). */
const isJaNee = (s: string) => parseJaNee(s) !== undefined

function inferIndicator(
  h: Head,
  values: Cell[],
  perRow: boolean,
  firstInBand: boolean,
  err: (col: number, msg: string) => void,
  warn: (col: number, msg: string) => void,
): Omit<IndicatorDef, 'number' | 'aardControle' | 'rowDimension'> {
  const label = h.label.replace(/\s+/g, ' ').trim()
  const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === ''))
  const texts = present.filter((v): v is string => typeof v === 'string')
  const labelJaNee = /ja\s*\/\s*nee/i.test(label)
  let dataType: IndicatorDef['dataType']
  if (labelJaNee || (texts.length > 0 && texts.length === present.length && texts.every(isJaNee))) {
    dataType = 'janee'
    for (const v of present)
      if (typeof v !== 'boolean' && !(typeof v === 'string' && isJaNee(v)))
        err(h.col, `'${String(v)}' in een Ja/Nee-indicator (${label}) is geen Ja of Nee`)
  } else if (present.some((v) => typeof v === 'number' || (typeof v === 'string' && /^\s*(€|-?\d)/.test(v)))) {
    dataType = /^\s*(cumulatief\s+)?aantal/i.test(label) ? 'count' : 'euro'
    for (const v of present) {
      try {
        const cents = typeof v === 'number' ? centsFromNumber(v) : parseMoney(String(v))
        if (dataType === 'euro' && cents % 100 !== 0)
          warn(
            h.col,
            `${String(v)}: de SiSa-bijlage vraagt hele euro's; Woud rondt af op € ${centsToWholeEuros(cents).toLocaleString('nl-NL')} (half van nul af)`,
          )
      } catch {
        err(h.col, `'${String(v)}' is geen bedrag of aantal (${label})`)
      }
    }
  } else if (present.length) {
    dataType = (perRow && firstInBand) || /naam|selecteren/i.test(label) ? 'key' : 'text'
  } else {
    dataType = /^\s*(cumulatief\s+)?aantal/i.test(label)
      ? 'count'
      : /naam|selecteren/i.test(label)
        ? 'key'
        : /toelichting/i.test(label)
          ? 'text'
          : 'euro'
  }
  const som = /som\s+(?:van\s+(?:de\s+)?)?indicatoren\s+([0-9][0-9/,\s]*(?:en\s+[0-9]+)?)/i.exec(label)
  const formula = som
    ? `sum(${som[1]
        .split(/[/,\s]+|en/)
        .filter((x) => /^\d+$/.test(x))
        .map((x) => x.padStart(2, '0'))
        .join(',')})`
    : null
  const role: Role | null =
    dataType === 'janee'
      ? /^eindverantwoording/i.test(label)
        ? 'eindverantwoording'
        : null
      : dataType !== 'euro'
        ? null
        : /^cumulatie/i.test(label)
          ? 'cumulatief'
          : /^correctie\s+besteding/i.test(label)
            ? 'correctie'
            : /^totaal ontvangen/i.test(label)
              ? 'ontvangen'
              : /^opgebouwde reserve/i.test(label)
                ? 'reserve'
                : formula || (/^besteding (in )?\(jaar t[,)]/i.test(label) && !/afwijking/i.test(label))
                  ? 'besteding'
                  : null
  return { label, dataType, formula, role, mandatory: !/alleen invullen/i.test(label) }
}

/** Parse every sheet that holds bijlage blocks. Other sheets are ignored. */
export function parseBijlage(sheets: Sheet[]): BijlageResult {
  const out: BijlageResult = {
    sisaYear: null,
    formatDate: null,
    regelingen: [],
    cells: [],
    heads: [],
    blocks: [],
    errors: [],
    warnings: [],
  }
  for (const sheet of sheets) {
    const rows = sheet.rows
    let idCols = [0, 1, 2, 3, 4]
    let current: RegelingDef | undefined
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] ?? []
      const first = row.map(str).find(Boolean) ?? ''
      if (/sisa\s+bijlage/i.test(first) || /verantwoordingsinformatie\s+\d{4}/i.test(first)) {
        const t = parseTitle(first)
        out.sisaYear ??= t.year
        out.formatDate ??= t.formatDate
        continue
      }
      const norm = row.map((c) => normaliseHeader(str(c)))
      if (norm.includes('verstrekker') && norm.includes('uitkeringscode')) {
        idCols = ['verstrekker', 'uitkeringscode', 'specifiekeuitkering', 'juridischegrondslag', 'ontvanger'].map((h, i) =>
          norm.indexOf(h) >= 0 ? norm.indexOf(h) : i,
        )
        continue
      }
      const band = bandAt(rows, r)
      if (!band) continue
      const err = (col: number, message: string, at = r) =>
        out.errors.push({ sheet: sheet.name, row: at + 1, column: columnLetter(col), message })
      const codeCell = str(row[idCols[1]])
      if (codeCell) {
        const code = codeCell.toUpperCase()
        if (!SISA_CODE.test(code)) {
          err(idCols[1], `'${codeCell}' is geen uitkeringscode (zoals A7, A12B, D1A)`)
          r = band.firstValueRow - 1
          continue
        }
        current = {
          sisaCode: code,
          verstrekker: str(row[idCols[0]]) ?? '',
          name: str(row[idCols[2]]) ?? '',
          legalBasis: str(row[idCols[3]]),
          ontvanger: str(row[idCols[4]]) ?? 'Gemeenten',
          indicators: [],
        }
        out.blocks.push({ sisaCode: code, sheet: sheet.name, row: r + 1, column: columnLetter(idCols[1]) })
        if (!current.verstrekker) err(idCols[0], `uitkering ${code}: verstrekker ontbreekt`)
        if (!current.name) err(idCols[2], `uitkering ${code}: naam van de specifieke uitkering ontbreekt`)
        out.regelingen.push(current)
      }
      if (!current) {
        err(band.heads[0].col, 'indicatoren zonder uitkering: de kolom Uitkeringscode is leeg')
        continue
      }
      // Value rows run until an empty row or the next band.
      let end = band.firstValueRow
      while (end < rows.length && (rows[end] ?? []).some((c) => str(c)) && !bandAt(rows, end)) end++
      const valueRows = rows.slice(band.firstValueRow, end)
      const perRow =
        valueRows.some((vr) => typeof vr[idCols[4]] === 'number' || /^\d+$/.test(str(vr[idCols[4]]) ?? '')) || valueRows.length > 1
      const keyLabels = band.heads.map((h) => h.label).join(' ') + ' ' + current.ontvanger
      const dim = !perRow
        ? 'none'
        : /veiligheidsregio/i.test(keyLabels)
          ? 'veiligheidsregio'
          : /gemeente\(code\)|per gemeente|gemeenten\)/i.test(keyLabels)
            ? 'gemeente'
            : /beschikking/i.test(keyLabels)
              ? 'beschikking'
              : 'project'
      band.heads.forEach((h, i) => {
        const code = parseIndicatorCode(h.code)
        if (!code) {
          err(h.col, `'${h.code}' is geen indicatorcode (vorm 'Indicator: D1/01' of 'Indicatornummer: D1 / 01')`, band.firstValueRow - 1)
          return
        }
        if (code.sisaCode !== current!.sisaCode) {
          err(h.col, `indicator ${code.sisaCode}/${code.number} staat in het blok van ${current!.sisaCode}`)
          return
        }
        out.heads.push({
          ...code,
          label: h.label.replace(/\s+/g, ' ').trim(),
          aard: h.aard,
          sheet: sheet.name,
          row: band.firstValueRow,
          column: columnLetter(h.col),
        })
        const aard = parseAardControle(h.aard)
        if (!aard) {
          err(h.col, `'${h.aard}' is geen aard controle (R, D1, D2, N, n.v.t.)`)
          return
        }
        const values = valueRows.map((vr) => vr[h.col] ?? null)
        const def = inferIndicator(
          h,
          values,
          perRow,
          i === 0,
          (col, m) => err(col, m, band.firstValueRow),
          (col, m) => out.warnings.push({ sheet: sheet.name, row: band.firstValueRow + 1, column: columnLetter(col), message: m }),
        )
        if (current!.indicators.some((x) => x.number === code.number)) {
          err(h.col, `indicator ${code.sisaCode}/${code.number} staat twee keer in het blok`)
          return
        }
        valueRows.forEach((vr, j) => {
          const v = vr[h.col]
          if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return
          // A repeated row carries its number in the Ontvanger column (Woud's export, CBS '1 061942 …'); else its position.
          const n = vr[idCols[4]]
          const rowNo = !perRow ? 0 : typeof n === 'number' && Number.isInteger(n) ? n : /^\d+$/.test(str(n) ?? '') ? Number(str(n)) : j + 1
          out.cells.push({
            sisaCode: code.sisaCode,
            number: code.number,
            rowNo,
            value: v,
            sheet: sheet.name,
            row: band.firstValueRow + j + 1,
            column: columnLetter(h.col),
            label: h.label.replace(/\s+/g, ' ').trim(),
          })
        })
        current!.indicators.push({
          ...def,
          number: code.number,
          aardControle: aard,
          rowDimension: dim,
          mandatory: dim === 'gemeente' ? false : def.mandatory,
        })
      })
      r = end - 1
    }
  }
  return out
}
