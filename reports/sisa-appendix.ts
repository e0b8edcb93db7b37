// The SiSa-bijlage as a grid (docs/formats.md#outputs, docs/domain.md#sisa): one block per uitkering, bands of up to six indicators,
// each indicator as label / 'Aard controle X' / 'Indicator: X/nn' / value, per-project or per-gemeente rows repeated.
// The indicator line follows the year's format (db/reference/sisa-formats.ts): older years 'Indicatornummer: X / nn'.
import { centsToWholeEuros } from '../db/money.js'
import { formatDateNl } from '../db/dates.js'
import { jaNee } from '../db/rules/words.js'
import { aardControleText } from '../db/sisa-definitions.js'
import { indicatorLine } from '../db/reference/sisa-formats.js'
import type { GridCell, GridSheet } from './types.js'
import type { CellView, IndicatorView, SisaBlock, SisaData } from './sisa-types.js'

export const APPENDIX_SHEET = 'SiSa-bijlage'
export const BAND_WIDTH = 6
export const IDENTITY_HEADERS = ['Verstrekker', 'Uitkeringscode', 'Specifieke uitkering', 'Juridische grondslag', 'Ontvanger'] as const

export const appendixTitle = (year: number, formatDate: string | null) =>
  `SiSa bijlage verantwoordingsinformatie ${year} op grond van artikel 3 van de Regeling informatieverstrekking sisa${formatDate ? ` - d.d. ${formatDateNl(formatDate)}` : ''}`

const text = (value: string | null, extra: Partial<GridCell> = {}): GridCell => ({ value, format: 'text', ...extra })

/** A value as the appendix shows it: euros whole (rounded half away from zero), Ja/Nee, counts, text. */
export function appendixValue(ind: IndicatorView, cell: CellView | undefined): GridCell | null {
  const v = cell?.value
  if (!v) return null
  switch (ind.dataType) {
    case 'euro':
      return v.cents === undefined ? null : { value: centsToWholeEuros(v.cents) * 100, format: 'wholeEuro' }
    case 'count':
      return v.number === undefined ? null : { value: v.number, format: 'integer' }
    case 'janee':
      return v.bool === undefined ? null : text(jaNee(v.bool))
    default:
      return v.text === undefined ? null : text(v.text, { wrap: true })
  }
}

/** Consecutive indicators of one kind (single row vs repeated rows), at most six per band. */
export function bandsOf(indicators: IndicatorView[]): IndicatorView[][] {
  const bands: IndicatorView[][] = []
  for (const ind of indicators) {
    const cur = bands[bands.length - 1]
    const sameKind = cur && (cur[0].rowDimension === 'none') === (ind.rowDimension === 'none')
    if (cur && sameKind && cur.length < BAND_WIDTH) cur.push(ind)
    else bands.push([ind])
  }
  return bands
}

function blockRows(b: SisaBlock, year: number): (GridCell | null)[][] {
  const rows: (GridCell | null)[][] = []
  bandsOf(b.indicators).forEach((band, k) => {
    const identity =
      k === 0
        ? [
            text(b.verstrekker),
            text(b.sisaCode, { bold: true }),
            text(b.name, { wrap: true }),
            b.legalBasis ? text(b.legalBasis, { wrap: true }) : null,
            text(b.ontvanger),
          ]
        : [null, null, null, null, null]
    rows.push([...identity, ...band.map((i) => text(i.label, { wrap: true }))])
    rows.push([
      null,
      null,
      null,
      null,
      null,
      ...band.map((i) => text(`Aard controle ${aardControleText(i.aardControle)}`, { italic: true })),
    ])
    rows.push([null, null, null, null, null, ...band.map((i) => text(indicatorLine(year, b.sisaCode, i.number), { italic: true }))])
    if (band[0].rowDimension === 'none') {
      rows.push([null, null, null, null, null, ...band.map((i) => appendixValue(i, i.cells[0]))])
    } else {
      // An empty numbered row invites the user to fill in the first project / gemeente.
      for (const rowNo of b.rowNos.length ? b.rowNos : [1]) {
        rows.push([
          null,
          null,
          null,
          null,
          { value: rowNo, format: 'integer' },
          ...band.map((i) =>
            appendixValue(
              i,
              i.cells.find((c) => c.rowNo === rowNo),
            ),
          ),
        ])
      }
    }
  })
  return rows
}

/**
 * The appendix has one block per uitkering (docs/formats.md#outputs), while values are kept per grant (beschikking).
 * Several beschikkingen under one code (the C9 or C94 tranches) become one block: amounts and counts are
 * added, Ja/Nee is Ja only when every beschikking says Ja, texts are joined, and repeated project /
 * gemeente rows follow each other, renumbered.
 */
export function perUitkering(blocks: SisaBlock[]): SisaBlock[] {
  const groups = new Map<string, SisaBlock[]>()
  for (const b of blocks) groups.set(b.sisaCode, [...(groups.get(b.sisaCode) ?? []), b])
  return [...groups.values()].map((g) => (g.length === 1 ? g[0] : mergeBlocks(g)))
}

function mergeBlocks(group: SisaBlock[]): SisaBlock {
  const first = group[0]
  const offsets: number[] = []
  let next = 0
  for (const b of group) {
    offsets.push(next)
    next += b.rowNos.length
  }
  const indicators = first.indicators.map((ind, i) => {
    const all = group.map((b) => b.indicators[i])
    if (ind.rowDimension !== 'none') {
      const cells = all.flatMap((x, k) => x.cells.filter((c) => c.rowNo > 0).map((c) => ({ ...c, rowNo: c.rowNo + offsets[k] })))
      return { ...ind, cells }
    }
    const values = all.map((x) => x.cells[0]?.value).filter((v): v is NonNullable<typeof v> => !!v)
    let value: CellView['value'] = null
    if (values.length) {
      if (ind.dataType === 'euro') value = { cents: values.reduce((a, v) => a + (v.cents ?? 0), 0) }
      else if (ind.dataType === 'count') value = { number: values.reduce((a, v) => a + (v.number ?? 0), 0) }
      else if (ind.dataType === 'janee') value = { bool: values.every((v) => v.bool === true) }
      else value = { text: [...new Set(values.map((v) => v.text).filter(Boolean))].join('; ') }
    }
    return {
      ...ind,
      cells: [{ rowNo: 0, value, source: 'merged', explanation: `samengevoegd over ${group.length} beschikkingen`, prefill: null }],
    }
  })
  return {
    ...first,
    indicators,
    rowNos: Array.from({ length: next }, (_, k) => k + 1),
    beschikkingsnummer:
      group
        .map((b) => b.beschikkingsnummer)
        .filter(Boolean)
        .join(', ') || null,
  }
}

export function appendixSheet(data: SisaData): GridSheet {
  const rows: (GridCell | null)[][] = [
    [text(appendixTitle(data.year, data.formatDate), { bold: true })],
    [text(`${data.organisation.name} (${data.organisation.code})`)],
    [],
    [
      ...IDENTITY_HEADERS.map((h) => text(h, { bold: true })),
      ...Array.from({ length: BAND_WIDTH }, () => text('Indicator', { bold: true })),
    ],
  ]
  for (const b of perUitkering(data.blocks)) {
    rows.push(...blockRows(b, data.year))
    rows.push([])
  }
  if (data.blocks.length === 0) rows.push([text(`Geen specifieke uitkeringen met SiSa-verantwoording in ${data.year}.`, { italic: true })])
  return { kind: 'grid', name: APPENDIX_SHEET, rows, freezeRows: 4, widths: [14, 18, 40, 40, 18, ...Array(BAND_WIDTH).fill(30)] }
}
