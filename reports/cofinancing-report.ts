// The 'cofinancing' workbook: required vs committed vs reserved vs realised per grant and year, per source, per year.
import { computeCofinancing, type CofinancingData } from './cofinancing.js'
import { loadGrants } from './report-data.js'
import type { Column, ReportDef, ReportParams, SheetSpec } from './types.js'

const money = (key: string, header: string): Column => ({ key, header, type: 'money', total: true })
const AMOUNTS: Column[] = [
  money('requiredCents', 'Vereist'),
  money('committedCents', 'Toegezegd'),
  money('reservedCents', 'Gereserveerd in begroting'),
  money('plannedCents', 'Geraamd in subsidiejaar'),
  money('realisedCents', 'Gerealiseerd'),
  money('shortfallCents', 'Tekort'),
]

/** A year as a plain-number cell ('year' columns show 2026, never 2.026); a grant without years covers its whole term. */
const WHOLE_TERM = 'Hele looptijd'
export const yearText = (y: number | null): number | string => (y === null ? WHOLE_TERM : y)

export function cofinancingSheets(d: CofinancingData, p: ReportParams): SheetSpec[] {
  const title = `Cofinanciering — ${p.orgName} (${p.orgCode})`
  return [
    {
      kind: 'table',
      name: 'Cofinanciering',
      preamble: [title, `Subsidies die in of na ${p.year} lopen, per jaar. Rood: toegezegd minder dan vereist.`],
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        { key: 'reference', header: 'Kenmerk', type: 'text', width: 14 },
        { key: 'title', header: 'Omschrijving', type: 'text', width: 36 },
        { key: 'schemeCode', header: 'Regeling', type: 'text', width: 22 },
        { key: 'status', header: 'Status', type: 'text', width: 14 },
        { key: 'rule', header: 'Eis', type: 'text', width: 28 },
        { key: 'ministry', header: 'Verstrekker', type: 'text' },
        { key: 'taakveld', header: 'Taakveld', type: 'text' },
        { key: 'year', header: 'Jaar', type: 'year', ifEmpty: WHOLE_TERM },
        ...AMOUNTS,
      ],
      rows: d.rows,
      totals: true,
      groups: [
        { key: 'ministry', label: 'verstrekker' },
        { key: 'taakveld', label: 'taakveld' },
      ],
      alert: '{requiredCents}>{committedCents}',
    },
    {
      kind: 'table',
      name: 'Cofinanciering per bron',
      preamble: [title, 'Toezeggingen per bron van de subsidies hierboven.'],
      columns: [
        { key: 'label', header: 'Bron', type: 'text', width: 20 },
        { key: 'count', header: 'Aantal toezeggingen', type: 'integer', total: true },
        money('committedCents', 'Toegezegd'),
        money('reservedCents', 'Gereserveerd in begroting'),
      ],
      rows: d.bySource,
      totals: true,
    },
    {
      kind: 'table',
      name: 'Cofinanciering per jaar',
      preamble: [title, 'Totalen per begrotingsjaar.'],
      columns: [{ key: 'year', header: 'Jaar', type: 'year' }, ...AMOUNTS],
      rows: d.byYear.map((r) => ({ ...r, year: yearText(r.year) })),
      totals: true,
      highlight: (r) => (r.shortfallCents as number) > 0,
    },
  ]
}

export const cofinancingReport: ReportDef<CofinancingData> = {
  name: 'cofinancing',
  title: 'Cofinanciering',
  compute: (db, p) => computeCofinancing(loadGrants(db, p.organisationId), p.year),
  sheets: cofinancingSheets,
}
