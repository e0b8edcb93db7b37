// The 'sisa' report: the SiSa-bijlage grid, the findings, the tabel fouten en onzekerheden and the definitions of the year.
import { formatDateNl } from '../db/dates.js'
import { JA, jaNee } from '../db/rules/words.js'
import { aardControleText } from '../db/sisa-definitions.js'
import type { ReportDef, TableSheet } from './types.js'
import { computeSisa } from './sisa.js'
import { thresholdText, toleranceText } from './sisa-checks.js'

export { thresholdText }
import { appendixSheet } from './sisa-appendix.js'
import type { SisaData } from './sisa-types.js'

export const FINDINGS_SHEET = 'Bevindingen'
export const FO_SHEET = 'Fouten en onzekerheden'
export const DEFINITIONS_SHEET = 'SiSa-definities'
const SEVERITY = { fout: 'Fout', waarschuwing: 'Waarschuwing', info: 'Info' } as const

export function findingsSheet(d: SisaData): TableSheet {
  return {
    kind: 'table',
    name: FINDINGS_SHEET,
    preamble: [`Controles SiSa ${d.year} — ${d.organisation.name} (${d.organisation.code})`],
    columns: [
      { key: 'severity', header: 'Ernst', type: 'text', width: 14 },
      { key: 'check', header: 'Controle', type: 'text', width: 24 },
      { key: 'sisaCode', header: 'Uitkeringscode', type: 'text', width: 14 },
      { key: 'indicator', header: 'Indicator', type: 'text', width: 12 },
      { key: 'rowNo', header: 'Regel', type: 'integer', width: 8 },
      { key: 'grantId', header: 'Subsidie', type: 'id' },
      { key: 'message', header: 'Toelichting', type: 'text', width: 100 },
    ],
    rows: d.findings.map((f) => ({ ...f, severity: SEVERITY[f.severity] })),
    highlight: (r) => r.severity === SEVERITY.fout,
  }
}

export function foSheet(d: SisaData): TableSheet {
  return {
    kind: 'table',
    name: FO_SHEET,
    preamble: [
      `Tabel fouten en onzekerheden SiSa ${d.year} — ${d.organisation.name} (${d.organisation.code})`,
      thresholdText(d),
      toleranceText(d),
    ],
    columns: [
      { key: 'sisaCode', header: 'Uitkeringscode', type: 'text', width: 14 },
      { key: 'indicator', header: 'Indicator', type: 'text', width: 12 },
      { key: 'foutCents', header: 'Fout', type: 'money', total: true },
      { key: 'onzekerheidCents', header: 'Onzekerheid', type: 'money', total: true },
      { key: 'toelichting', header: 'Toelichting', type: 'text', width: 60 },
      { key: 'lastenCents', header: 'Besteding (jaar T)', type: 'money' },
      { key: 'grensCents', header: 'Rapporteringsgrens', type: 'money' },
      { key: 'boven', header: 'Boven grens', type: 'text', width: 12 },
    ],
    rows: d.foutenOnzekerheden.map((f) => ({
      ...f,
      indicator: f.indicatorNumber ? `${f.sisaCode}/${f.indicatorNumber}` : null,
      boven: f.aboveGrens === null ? 'onbekend' : jaNee(f.aboveGrens),
    })),
    totals: d.foutenOnzekerheden.length > 0,
    highlight: (r) => r.boven === JA,
  }
}

export const DEFINITION_COLUMNS = [
  ['sisaYear', 'Jaar', 'integer'],
  ['formatDate', 'Formaatdatum', 'text'],
  ['verstrekker', 'Verstrekker', 'text'],
  ['sisaCode', 'Uitkeringscode', 'text'],
  ['name', 'Specifieke uitkering', 'text'],
  ['legalBasis', 'Juridische grondslag', 'text'],
  ['ontvanger', 'Ontvanger', 'text'],
  ['code', 'Indicator', 'text'],
  ['label', 'Omschrijving', 'text'],
  ['dataType', 'Gegevenstype', 'text'],
  ['aardControle', 'Aard controle', 'text'],
  ['rowDimension', 'Rijdimensie', 'text'],
  ['formula', 'Formule', 'text'],
  ['role', 'Vooringevuld uit', 'text'],
  ['mandatory', 'Verplicht', 'text'],
] as const

/** Every definition of the year, so that `woud import sisa` reads back exactly what was exported. */
export function definitionsSheet(d: SisaData): TableSheet {
  const y = d.definitions
  const rows = (y?.regelingen ?? []).flatMap((r) =>
    r.indicators.map((i) => ({
      sisaYear: y!.sisaYear,
      formatDate: formatDateNl(y!.formatDate),
      verstrekker: r.verstrekker,
      sisaCode: r.sisaCode,
      name: r.name,
      legalBasis: r.legalBasis,
      ontvanger: r.ontvanger,
      code: `${r.sisaCode}/${i.number}`,
      label: i.label,
      dataType: i.dataType,
      aardControle: aardControleText(i.aardControle),
      rowDimension: i.rowDimension,
      formula: i.formula,
      role: i.role,
      mandatory: jaNee(i.mandatory),
    })),
  )
  return {
    kind: 'table',
    name: DEFINITIONS_SHEET,
    columns: DEFINITION_COLUMNS.map(([key, header, type]) => ({ key, header, type, width: key === 'label' || key === 'name' ? 50 : 14 })),
    rows,
  }
}

export const sisaReport: ReportDef<SisaData> = {
  name: 'sisa',
  title: 'SiSa-bijlage',
  compute: (db, p) => computeSisa(db, p.organisationId, p.year),
  sheets: (d) => [appendixSheet(d), findingsSheet(d), foSheet(d), definitionsSheet(d)],
}
