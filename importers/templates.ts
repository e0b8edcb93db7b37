// Empty workbooks to fill in, one per import kind: the headers are the first (canonical) name of each field in the
// readers' own synonym tables, so a filled template is read without --map. A second sheet explains each column,
// and columns with fixed values get list validation.
import ExcelJS from 'exceljs'
import { COFIN_BASES, INSTRUMENTS } from '../db/catalogue.js'
import { GRANT_STATUSES } from '../db/schema.js'
import { LEDGER_FIELDS, type LedgerField } from './formats/grootboek.js'
import { PORTFOLIO_FIELDS, type PortfolioField } from './formats/portfolio-sheet.js'
import { CATALOGUE_REQUIRED, CATALOGUE_SYNONYMS } from './formats/woud-catalogue.js'
import type { Synonyms } from './cells.js'
import { VALUES_REQUIRED, VALUES_SYNONYMS, type ValuesField } from './formats/sisa-waarden.js'
import { DEFINITION_REQUIRED, DEFINITION_SYNONYMS, type DefinitionField } from './kinds/sisa.js'
import { AARD_CONTROLE, DATA_TYPES, ROLES, ROW_DIMENSIONS } from '../db/sisa-definitions.js'

/** What a column holds: shown on the explanation sheet. `list` becomes list validation on the data sheet. */
interface ColumnDoc {
  format: string
  example: string
  required?: boolean
  list?: readonly string[]
}

export interface TemplateColumn extends ColumnDoc {
  header: string
  field: string
}

const MONEY = 'bedrag in euro (1.234,56 of 1234.56)'
const DATE = 'datum (dd-mm-jjjj)'
const JANEE = ['Ja', 'Nee'] as const
const NATURE = ['incidenteel', 'structureel'] as const

const GRANTS: Record<PortfolioField, ColumnDoc> = {
  schemeCode: { required: true, format: 'Woud-code van de regeling (zie de catalogus)', example: 'szw-g2' },
  title: { required: true, format: 'tekst', example: 'Re-integratie statushouders' },
  reference: {
    format: 'eigen kenmerk, uniek binnen de organisatie; een nieuwe import met hetzelfde kenmerk werkt de subsidie bij',
    example: 'P-2026-014',
  },
  status: { format: 'fase in de levenscyclus; leeg is verkenning', example: 'aangevraagd', list: GRANT_STATUSES },
  beschikkingsnummer: { format: 'tekst; verplicht vanaf status toegekend', example: 'SZW-2026-00123' },
  requestedCents: { format: MONEY, example: '125.000,00' },
  awardedCents: { format: MONEY, example: '100.000,00' },
  bcfCents: { format: `${MONEY}: het BCF-deel`, example: '0' },
  periodFrom: { format: DATE, example: '01-01-2026' },
  periodTo: { format: DATE, example: '31-12-2027' },
  spendUntil: { format: DATE, example: '31-12-2028' },
  probabilityPct: { format: 'geheel getal 0 tot en met 100', example: '75' },
  taakveld: { format: 'Iv3-taakveld, geldig in de jaren van de subsidie', example: '6.1' },
  kostenplaats: { format: 'tekst', example: 'KP-4410' },
  begrotingspost: { format: 'tekst', example: 'Participatie' },
  programma: { format: 'tekst', example: 'Sociaal domein' },
  paymentRoute: { format: 'tekst', example: 'RVO' },
  nature: { format: 'leeg is de BBV-standaard van de regeling', example: 'incidenteel', list: NATURE },
  natureReason: { format: 'tekst; verplicht als de aard afwijkt van de standaard', example: '' },
  owner: { format: 'naam of e-mailadres', example: 'j.jansen@gemeente.nl' },
  department: { format: 'tekst', example: 'Werk en Inkomen' },
  appliedOn: { format: DATE, example: '15-02-2026' },
  awardedOn: { format: DATE, example: '01-05-2026' },
  notes: { format: 'tekst', example: '' },
}

/** Per-year columns of a portfolio sheet (the reader recognises them by pattern): label prefix and explanation. */
const GRANT_YEAR_COLUMNS: [string, string][] = [
  ['Baten', 'geplande baten van dat jaar'],
  ['Lasten', 'geplande lasten van dat jaar'],
  ['Realisatie baten', 'gerealiseerde baten (mag negatief)'],
  ['Realisatie lasten', 'gerealiseerde lasten (mag negatief)'],
  ['Structureel', 'structureel deel van de lasten'],
  ['Cofinanciering', 'geplande cofinanciering'],
]

const ACTUALS: Partial<Record<LedgerField, ColumnDoc>> = {
  year: { format: 'boekjaar jjjj; leeg is het jaar van --year', example: '2026' },
  beschikkingsnummer: { format: 'beschikkingsnummer van de subsidie (of vul Kenmerk)', example: 'SZW-2026-00123' },
  reference: { format: 'eigen kenmerk van de subsidie (als er geen beschikkingsnummer is)', example: 'P-2026-014' },
  soort: { required: true, format: 'Baten of Lasten', example: 'Lasten', list: ['Baten', 'Lasten'] },
  amount: { required: true, format: `${MONEY}; negatief is een correctie`, example: '12.500,00' },
  account: { format: 'grootboekrekening', example: '4410' },
  category: { format: 'economische categorie', example: '4.3.1' },
  taakveld: { format: 'Iv3-taakveld', example: '6.1' },
  kostenplaats: { format: 'tekst', example: 'KP-4410' },
  description: { format: 'tekst', example: 'Loonkosten maart' },
}

type CatalogueField = keyof typeof CATALOGUE_SYNONYMS
const SCHEMES: Record<CatalogueField, ColumnDoc> = {
  code: { format: 'unieke Woud-code, kleine letters en streepjes', example: 'szw-g2' },
  sisaCode: { format: 'SiSa-code', example: 'G2' },
  name: { format: 'tekst', example: 'Participatiewet (Pw)' },
  ministry: { format: 'afkorting van het ministerie', example: 'SZW' },
  instrument: { format: 'soort uitkering', example: 'spuk', list: INSTRUMENTS },
  legalBasis: { format: 'tekst', example: 'Participatiewet' },
  executor: { format: 'tekst', example: 'RVO' },
  recipients: { format: 'tekst', example: 'gemeenten' },
  begrotingsartikel: { format: 'tekst', example: '2' },
  nature: { format: 'leeg volgt uit het soort', example: 'structureel', list: NATURE },
  startYear: { format: 'jjjj', example: '2015' },
  endYear: { format: 'jjjj; leeg is doorlopend', example: '' },
  windowOpens: { format: DATE, example: '' },
  windowCloses: { format: DATE, example: '' },
  spendUntil: { format: DATE, example: '' },
  cofinancingPct: { format: 'percentage 0-100', example: '0' },
  cofinancingBasis: { format: 'grondslag van de cofinanciering', example: '', list: COFIN_BASES },
  cofinancingFixedEur: { format: MONEY, example: '' },
  rijksSharePct: { format: 'percentage 0-100', example: '100' },
  carryOverPct: { format: 'percentage 0-100', example: '' },
  sisaRequired: { format: 'Ja of Nee; leeg volgt uit het soort', example: 'Ja', list: JANEE },
  planned: { format: 'Ja of Nee: een voornemen, nog niet gepubliceerd', example: 'Nee', list: JANEE },
  defaultTaakveld: { format: 'Iv3-taakveld', example: '6.3' },
  url: { format: 'webadres', example: 'https://wetten.overheid.nl/' },
  notes: { format: 'tekst', example: '' },
}

const SISA_VALUES: Record<ValuesField, ColumnDoc> = {
  year: { format: 'SiSa-jaar jjjj; leeg is het jaar van --year (een ander jaar wordt geweigerd)', example: '2025' },
  indicator: { format: 'indicatorcode uit de SiSa-bijlage: uitkeringscode/nummer', example: 'A16/01' },
  rowNo: { format: 'regelnummer 1, 2, … bij een indicator per project, gemeente of veiligheidsregio; anders leeg', example: '' },
  value: { format: "bedrag in hele euro's (€ 1.234), Ja of Nee, een aantal of tekst, zoals de indicator vraagt", example: '€ 68.000' },
  beschikkingsnummer: {
    format: 'de beschikking (subsidie) van de waarde; nodig als de organisatie meer subsidies met deze uitkeringscode heeft',
    example: 'JenV-2025-0042',
  },
}

const SISA_DEFINITIONS: Record<DefinitionField, ColumnDoc> = {
  sisaYear: { format: 'SiSa-jaar jjjj; leeg is het jaar van --year', example: '2025' },
  formatDate: { format: "datum van het formaat ('d.d.' in de titel van de bijlage), dd-mm-jjjj", example: '15-01-2026' },
  verstrekker: { format: 'ministerie', example: 'JenV' },
  sisaCode: { format: 'uitkeringscode', example: 'A16' },
  name: { format: 'naam van de specifieke uitkering', example: 'Bekostigingsregeling opvang ontheemden Oekraïne' },
  legalBasis: { format: 'tekst', example: '' },
  ontvanger: { format: 'tekst; leeg is Gemeenten', example: 'Gemeenten' },
  code: { format: 'indicatorcode', example: 'A16/01' },
  label: { format: 'omschrijving zoals in de bijlage', example: 'Besteding (jaar T)' },
  dataType: { format: 'soort waarde', example: 'euro', list: DATA_TYPES },
  aardControle: { format: 'aard controle', example: 'R', list: AARD_CONTROLE.map((a) => (a === 'NVT' ? 'n.v.t.' : a)) },
  rowDimension: { format: 'per regel; leeg is none', example: 'none', list: ROW_DIMENSIONS },
  formula: { format: 'berekende indicator: sum(01,02,...)', example: '' },
  role: { format: 'wat Woud vooraf kan invullen', example: 'besteding', list: ROLES },
  mandatory: { format: 'Ja of Nee; leeg is Ja', example: 'Ja', list: JANEE },
}

const header = (synonyms: string[]) => synonyms[0].charAt(0).toUpperCase() + synonyms[0].slice(1)

function columns<F extends string>(synonyms: Synonyms<F>, docs: Partial<Record<F, ColumnDoc>>, required: F[] = []): TemplateColumn[] {
  return (Object.keys(docs) as F[]).map((f) => ({
    field: f,
    header: header(synonyms[f]),
    ...docs[f]!,
    required: docs[f]!.required || required.includes(f),
  }))
}

export const TEMPLATE_KINDS = ['schemes', 'grants', 'actuals', 'sisa', 'sisa-waarden'] as const
export type TemplateKind = (typeof TEMPLATE_KINDS)[number]
export const isTemplateKind = (k: string): k is TemplateKind => (TEMPLATE_KINDS as readonly string[]).includes(k)

/** The columns of a kind's template; `year` names the per-year columns of a portfolio sheet. */
export function templateColumns(kind: TemplateKind, year: number): TemplateColumn[] {
  if (kind === 'grants') {
    return [
      ...columns(PORTFOLIO_FIELDS, GRANTS),
      ...GRANT_YEAR_COLUMNS.map(([label, what]) => ({
        field: `${label} ${year}`,
        header: `${label} ${year}`,
        example: '',
        format: `bedrag in euro: ${what}; kolommen voor andere jaren mogen erbij`,
      })),
    ]
  }
  if (kind === 'actuals') return columns(LEDGER_FIELDS, ACTUALS)
  if (kind === 'sisa') return columns(DEFINITION_SYNONYMS, SISA_DEFINITIONS, DEFINITION_REQUIRED)
  if (kind === 'sisa-waarden') return columns(VALUES_SYNONYMS, SISA_VALUES, VALUES_REQUIRED)
  return columns(CATALOGUE_SYNONYMS, SCHEMES, CATALOGUE_REQUIRED)
}

const SHEET_NAMES: Record<TemplateKind, string> = {
  schemes: 'Regelingen',
  grants: 'Portefeuille',
  actuals: 'Grootboek',
  sisa: 'SiSa-definities',
  'sisa-waarden': 'SiSa-waarden',
}
/** Rows that get list validation: enough for a portfolio or a year's ledger extract typed by hand. */
const VALIDATED_ROWS = 1000

/** The template workbook: the data sheet with headers only, and the sheet 'Toelichting'. */
export async function templateWorkbook(kind: TemplateKind, year: number): Promise<Buffer> {
  const cols = templateColumns(kind, year)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'Woud'
  const ws = wb.addWorksheet(SHEET_NAMES[kind])
  ws.addRow(cols.map((c) => c.header)).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  cols.forEach((c, i) => {
    ws.getColumn(i + 1).width = Math.max(12, c.header.length + 2)
    if (!c.list) return
    for (let r = 2; r <= VALIDATED_ROWS + 1; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.list.join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `Kies uit: ${c.list.join(', ')}`,
      }
    }
  })
  const doc = wb.addWorksheet('Toelichting')
  doc.addRow(['Kolom', 'Verplicht', 'Formaat', 'Voorbeeld', 'Toegestane waarden']).font = { bold: true }
  for (const c of cols) doc.addRow([c.header, c.required ? 'Ja' : 'Nee', c.format, c.example, c.list?.join(', ') ?? ''])
  doc.columns.forEach((c, i) => {
    c.width = [28, 10, 70, 24, 40][i]
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}
