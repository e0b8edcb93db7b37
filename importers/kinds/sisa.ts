// The 'sisa' import kind: indicator definitions of a SiSa year from Woud JSON, from Woud's definitions table
// (sheet 'SiSa-definities' of an exported appendix, or CSV) or from the SiSa-bijlage layout.
import type { Db } from '../../db/client.js'
import { DateError, parseDate } from '../../db/dates.js'
import { upsertYearDefinitions } from '../../db/repositories/sisa.js'
import { validateDefinitions, type YearDef } from '../../db/sisa-definitions.js'
import { isEmptyRow, matchHeaders, missingColumns, normaliseHeader, RowReader, type RowError } from '../cells.js'
import type { ReadFile, Sheet } from '../read.js'
import type { ImportKind, ImportRequest, Prepared } from '../types.js'
import { parseBijlage } from '../formats/sisa-bijlage.js'

export type DefinitionField =
  | 'sisaYear'
  | 'formatDate'
  | 'verstrekker'
  | 'sisaCode'
  | 'name'
  | 'legalBasis'
  | 'ontvanger'
  | 'code'
  | 'label'
  | 'dataType'
  | 'aardControle'
  | 'rowDimension'
  | 'formula'
  | 'role'
  | 'mandatory'

/** The definitions table's headers (Woud's 'SiSa-definities' sheet); the first name of each is the template's header. */
export const DEFINITION_SYNONYMS: Record<DefinitionField, string[]> = {
  sisaYear: ['Jaar', 'SiSa-jaar', 'year'],
  formatDate: ['Formaatdatum', 'd.d.', 'format date'],
  verstrekker: ['Verstrekker', 'ministerie'],
  sisaCode: ['Uitkeringscode', 'SiSa nr.', 'sisa code'],
  name: ['Specifieke uitkering', 'Regeling', 'naam'],
  legalBasis: ['Juridische grondslag', 'grondslag'],
  ontvanger: ['Ontvanger'],
  code: ['Indicator', 'Indicatornummer', 'indicatorcode'],
  label: ['Omschrijving', 'Label', 'Indicatoromschrijving'],
  dataType: ['Gegevenstype', 'type', 'data type'],
  aardControle: ['Aard controle'],
  rowDimension: ['Rijdimensie', 'row dimension'],
  formula: ['Formule'],
  role: ['Vooringevuld uit', 'rol', 'prefill'],
  mandatory: ['Verplicht'],
}
export const DEFINITION_REQUIRED: DefinitionField[] = ['sisaCode', 'code', 'label', 'dataType', 'aardControle']
const DEFINITIONS_SHEET = normaliseHeader('SiSa-definities')

const issueToError = (path: string, message: string, sheet: string | null = null, row = 0): RowError => ({
  sheet,
  row,
  column: path,
  message,
})

/** The definitions table: one row per indicator with the columns of Woud's 'SiSa-definities' sheet. */
function readTable(sheet: Sheet, req: ImportRequest, errors: RowError[]): YearDef[] | undefined {
  const m = matchHeaders(sheet.rows, DEFINITION_SYNONYMS, DEFINITION_REQUIRED, req.map ?? {})
  if (!m || m.missing.length) {
    errors.push(missingColumns(sheet, m, DEFINITION_REQUIRED))
    return undefined
  }
  const years = new Map<
    string,
    { sisaYear: number; formatDate: string; regelingen: Map<string, Record<string, unknown> & { indicators: unknown[] }>; rows: number[] }
  >()
  for (let i = m.headerRow; i < sheet.rows.length; i++) {
    if (isEmptyRow(sheet.rows[i])) continue
    const r = new RowReader<DefinitionField>(sheet.name, i + 1, sheet.rows[i], m, errors)
    const sisaYear = r.integer('sisaYear', { min: 2005, max: 2100 }) ?? req.year ?? null
    const fdText = r.text('formatDate')
    let formatDate: string | null = null
    try {
      formatDate = fdText ? parseDate(fdText) : null
    } catch (e) {
      if (e instanceof DateError) r.error('formatDate', e.message)
      else throw e
    }
    if (sisaYear === null) {
      r.error('sisaYear', 'jaar ontbreekt (kolom Jaar of --year)')
      continue
    }
    if (req.year !== undefined && sisaYear !== req.year) {
      r.error('sisaYear', `regel hoort bij ${sisaYear}, niet bij --year ${req.year}`)
      continue
    }
    const fd = formatDate ?? `${sisaYear + 1}-01-15`
    const key = `${sisaYear}:${fd}`
    if (!years.has(key)) years.set(key, { sisaYear, formatDate: fd, regelingen: new Map(), rows: [] })
    const y = years.get(key)!
    const sisaCode = (r.text('sisaCode', true) ?? '').toUpperCase()
    if (!y.regelingen.has(sisaCode)) {
      y.regelingen.set(sisaCode, {
        sisaCode,
        verstrekker: r.text('verstrekker'),
        name: r.text('name'),
        legalBasis: r.text('legalBasis'),
        ontvanger: r.text('ontvanger'),
        indicators: [],
      })
    }
    const mandatory = r.has('mandatory') ? r.bool('mandatory') : true
    y.regelingen.get(sisaCode)!.indicators.push({
      code: r.text('code', true),
      label: r.text('label', true),
      dataType: r.text('dataType', true),
      aardControle: r.text('aardControle', true),
      rowDimension: r.text('rowDimension') ?? 'none',
      formula: r.text('formula'),
      role: r.text('role'),
      mandatory,
      _row: i + 1,
    })
  }
  const out: YearDef[] = []
  for (const y of years.values()) {
    const doc = { sisaYear: y.sisaYear, formatDate: y.formatDate, regelingen: [...y.regelingen.values()] }
    const { years: valid, issues } = validateDefinitions(doc)
    for (const iss of issues) errors.push(issueToError(iss.path, iss.message, sheet.name, rowOfPath(doc, iss.path)))
    out.push(...valid)
  }
  return out
}

/** 'years[0].regelingen[1].indicators[2].label' -> the sheet row that indicator came from. */
function rowOfPath(doc: { regelingen: { indicators: unknown[] }[] }, path: string): number {
  const m = /regelingen\[(\d+)\](?:\.indicators\[(\d+)\])?/.exec(path)
  if (!m) return 0
  const reg = doc.regelingen[+m[1]]
  const ind = (reg?.indicators[m[2] === undefined ? 0 : +m[2]] ?? {}) as { _row?: number }
  return ind._row ?? 0
}

function prepareSisa(_db: Db, file: ReadFile, req: ImportRequest): Prepared<YearDef[]> {
  const errors: RowError[] = []
  const warnings: RowError[] = []
  let format: string
  let years: YearDef[] = []
  if (file.kind === 'json' || file.kind === 'jsonl') {
    format = 'woud-json'
    const recs = file.records ?? []
    const { years: ys, issues } = validateDefinitions(recs.length === 1 ? recs[0] : recs)
    for (const i of issues) errors.push(issueToError(i.path, i.message))
    years = ys
  } else {
    // Recognised by its columns, not only its name: exceljs's streaming reader does not always know sheet names. A CSV
    // (no sheet name) is the definitions table only when it has its columns: the CBS bijlage saved as CSV is the grid.
    const fullTable = (s: Sheet) => matchHeaders(s.rows, DEFINITION_SYNONYMS, DEFINITION_REQUIRED, req.map ?? {})?.missing.length === 0
    const isTable = (s: Sheet) => (s.name !== null && normaliseHeader(s.name) === DEFINITIONS_SHEET) || fullTable(s)
    // A table with a required column missing (two or more found) is still a table: say which column, not "no blocks".
    // Not when the file has bijlage blocks: the bijlage op maat's tab 'tabel fouten en onzekerheden' is no table of ours.
    const nearTable = (s: Sheet) => {
      const m = matchHeaders(s.rows, DEFINITION_SYNONYMS, DEFINITION_REQUIRED, req.map ?? {})
      return !!m && DEFINITION_REQUIRED.filter((f) => m.col[f] !== undefined).length >= 2
    }
    const table = file.sheets.find(isTable) ?? (parseBijlage(file.sheets).regelingen.length ? undefined : file.sheets.find(nearTable))
    if (table) {
      format = file.kind === 'csv' ? 'woud-definities-csv' : 'woud-bijlage'
      years = readTable(table, req, errors) ?? []
      // The grid next to the table must say the same: an edit made only in the grid is refused, not ignored.
      const grid = parseBijlage(file.sheets.filter((s) => s !== table))
      errors.push(...grid.errors)
      for (const r of grid.regelingen) {
        const def = years
          .find((y) => grid.formatDate === null || y.formatDate === grid.formatDate)
          ?.regelingen.find((d) => d.sisaCode === r.sisaCode)
        for (const ind of r.indicators) {
          const d = def?.indicators.find((x) => x.number === ind.number)
          if (!d || d.label !== ind.label || d.aardControle !== ind.aardControle) {
            errors.push({
              sheet: table.name,
              row: 0,
              column: '',
              message: `${r.sisaCode}/${ind.number} staat in de bijlage als '${ind.label}' (aard ${ind.aardControle}) maar ${d ? `in het blad SiSa-definities als '${d.label}' (aard ${d.aardControle})` : 'niet in het blad SiSa-definities'}`,
            })
          }
        }
      }
    } else {
      format = 'sisa-bijlage'
      const b = parseBijlage(file.sheets)
      errors.push(...b.errors)
      warnings.push(...b.warnings)
      const sisaYear = req.year ?? b.sisaYear
      if (sisaYear === null)
        errors.push({ sheet: null, row: 0, column: '', message: 'het SiSa-jaar staat niet in de titel van de bijlage; geef --year' })
      else if (b.sisaYear !== null && req.year !== undefined && b.sisaYear !== req.year)
        errors.push({
          sheet: file.sheets[0]?.name ?? null,
          row: 1,
          column: 'A',
          message: `de bijlage is van ${b.sisaYear}, niet van --year ${req.year}`,
        })
      if (b.regelingen.length === 0 && !b.errors.length)
        errors.push({
          sheet: file.sheets[0]?.name ?? null,
          row: 0,
          column: '',
          message: "geen SiSa-blokken gevonden (verwacht per uitkering: omschrijving, 'Aard controle X' en 'Indicator: X/nn')",
        })
      const formatDate = b.formatDate ?? (sisaYear !== null ? `${sisaYear + 1}-01-15` : '')
      if (!b.formatDate && sisaYear !== null)
        warnings.push({
          sheet: null,
          row: 0,
          column: '',
          message: `geen formaatdatum ('d.d. …') in de titel gevonden; opgeslagen als ${formatDate}`,
        })
      if (sisaYear !== null) {
        const { years: ys, issues } = validateDefinitions({ sisaYear, formatDate, regelingen: b.regelingen })
        if (!errors.length) for (const i of issues) errors.push(issueToError(i.path, i.message))
        years = ys
      }
    }
  }
  if (req.year !== undefined && format === 'woud-json') {
    const other = years.filter((y) => y.sisaYear !== req.year)
    years = years.filter((y) => y.sisaYear === req.year)
    if (years.length === 0 && !errors.length)
      errors.push({
        sheet: null,
        row: 0,
        column: '',
        message: `het bestand bevat geen definities voor ${req.year} (wel voor ${[...new Set(other.map((y) => y.sisaYear))].join(', ') || 'geen enkel jaar'})`,
      })
    else if (other.length)
      warnings.push({
        sheet: null,
        row: 0,
        column: '',
        message: `definities voor ${[...new Set(other.map((y) => y.sisaYear))].join(', ')} overgeslagen: alleen --year ${req.year} is ingelezen`,
      })
  }
  return { format, errors, warnings, data: years }
}

export const sisaImport = {
  prepare: prepareSisa,
  write: (db, prepared, who) => {
    const total = { created: 0, updated: 0, unchanged: 0 }
    for (const y of prepared.data) {
      const c = upsertYearDefinitions(db, y, who)
      total.created += c.created
      total.updated += c.updated
      total.unchanged += c.unchanged
    }
    return {
      ...total,
      details: {
        years: prepared.data.map((y) => ({
          sisaYear: y.sisaYear,
          formatDate: y.formatDate,
          regelingen: y.regelingen.map((r) => r.sisaCode),
        })),
      },
    }
  },
} satisfies ImportKind<YearDef[]>
