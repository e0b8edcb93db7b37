// Reading a portfolio sheet: one row per application/beschikking with scheme code, title, status, amounts and
// per-year columns ("Baten 2026", "Realisatie lasten 2025", "Structureel 2026", "Cofinanciering 2026").
import { GRANT_STATUSES, type GrantStatus } from '../../db/schema.js'
import type { GrantFields } from '../../db/repositories/grants.js'
import type { YearFigures } from '../../db/repositories/grant-years.js'
import {
  columnLetter,
  headerErrors,
  headerOnly,
  isEmptyRow,
  matchHeaders,
  normaliseHeader,
  RowReader,
  type RowError,
  type Synonyms,
} from '../cells.js'
import type { Sheet } from '../read.js'

export const PORTFOLIO_FIELDS: Synonyms<PortfolioField> = {
  schemeCode: ['regeling', 'regelingcode', 'scheme', 'code regeling', 'woud code', 'uitkering'],
  title: ['titel', 'omschrijving', 'project', 'naam', 'projectnaam'],
  reference: ['kenmerk', 'referentie', 'zaaknummer', 'projectnummer', 'eigen kenmerk'],
  status: ['status', 'fase'],
  beschikkingsnummer: ['beschikking', 'beschikkingsnummer', 'beschikkingnr', 'beschikkingsnr', 'kenmerk beschikking'],
  requestedCents: ['aangevraagd', 'aangevraagd bedrag', 'aanvraagbedrag', 'requested'],
  awardedCents: ['toegekend', 'toegekend bedrag', 'beschikt bedrag', 'awarded'],
  bcfCents: ['bcf', 'btw compensatiefonds', 'bcf deel', 'waarvan bcf'],
  periodFrom: ['van', 'begindatum', 'periode van', 'startdatum', 'looptijd van'],
  periodTo: ['tot', 'einddatum', 'periode tot', 'looptijd tot', 'tot en met'],
  spendUntil: ['bestedingstermijn', 'besteden tot', 'bestedingsdeadline', 'spend until'],
  probabilityPct: ['kans', 'kans %', 'slagingskans', 'probability'],
  taakveld: ['taakveld', 'iv3 taakveld'],
  kostenplaats: ['kostenplaats', 'kostenplaats code'],
  begrotingspost: ['begrotingspost', 'budget', 'begrotingsregel'],
  programma: ['programma'],
  paymentRoute: ['betaalroute', 'uitvoerder', 'loket', 'payment route'],
  nature: ['aard', 'incidenteel structureel', 'nature'],
  natureReason: ['reden aard', 'toelichting aard', 'motivering aard'],
  owner: ['eigenaar', 'budgethouder', 'contactpersoon', 'owner'],
  department: ['afdeling', 'team', 'department'],
  appliedOn: ['aanvraagdatum', 'datum aanvraag', 'aangevraagd op'],
  awardedOn: ['beschikkingsdatum', 'datum beschikking', 'toegekend op'],
  notes: ['opmerking', 'opmerkingen', 'toelichting', 'notities'],
}
export type PortfolioField =
  | 'schemeCode'
  | 'title'
  | 'reference'
  | 'status'
  | 'beschikkingsnummer'
  | 'requestedCents'
  | 'awardedCents'
  | 'bcfCents'
  | 'periodFrom'
  | 'periodTo'
  | 'spendUntil'
  | 'probabilityPct'
  | 'taakveld'
  | 'kostenplaats'
  | 'begrotingspost'
  | 'programma'
  | 'paymentRoute'
  | 'nature'
  | 'natureReason'
  | 'owner'
  | 'department'
  | 'appliedOn'
  | 'awardedOn'
  | 'notes'

/** Per-year column headers, normalised: "Gepland baten 2026" -> planned baten of 2026. */
const YEAR_COLUMNS: [RegExp, keyof YearFigures][] = [
  [/^(?:realisatie|gerealiseerd|gerealiseerde|werkelijk|werkelijke|realised)(baten)(\d{4})$/, 'realisedBatenCents'],
  [/^(?:realisatie|gerealiseerd|gerealiseerde|werkelijk|werkelijke|realised)(lasten)(\d{4})$/, 'realisedLastenCents'],
  [/^(?:gepland|geplande|begroot|begrote|raming|planned)?(baten)(\d{4})$/, 'plannedBatenCents'],
  [/^(?:gepland|geplande|begroot|begrote|raming|planned)?(lasten)(\d{4})$/, 'plannedLastenCents'],
  [/^(structureel|structurelelasten|structureeldeel)(\d{4})$/, 'structuralLastenCents'],
  [/^(?:gerealiseerde|realisatie)(cofinanciering)(\d{4})$/, 'cofinancingRealisedCents'],
  [/^(?:geplande|gepland)?(cofinanciering)(\d{4})$/, 'cofinancingPlannedCents'],
]

export interface PortfolioRow {
  sheet: string | null
  row: number
  orgCode?: string
  schemeCode: string
  fields: GrantFields & { title: string; status: GrantStatus }
  years: Map<number, YearFigures>
  /** Field name -> the column as the user sees it, for messages from the repository. */
  columns: Record<string, string>
}

const STATUS_SYNONYMS: Record<string, GrantStatus> = {
  verkenning: 'verkenning',
  idee: 'verkenning',
  invoorbereiding: 'in_voorbereiding',
  voorbereiding: 'in_voorbereiding',
  aangevraagd: 'aangevraagd',
  aanvraag: 'aangevraagd',
  ingediend: 'aangevraagd',
  toegekend: 'toegekend',
  beschikt: 'toegekend',
  vastgesteld: 'vastgesteld',
  afgesloten: 'afgesloten',
  afgewezen: 'afgewezen',
  ingetrokken: 'ingetrokken',
}

/** Parse every sheet that carries a scheme column and a title column; other sheets are skipped. */
export function readPortfolio(sheets: Sheet[], map: Record<string, string>, errors: RowError[], warnings: RowError[]): PortfolioRow[] {
  const out: PortfolioRow[] = []
  let found = false
  for (const sheet of sheets) {
    const m = matchHeaders<PortfolioField>(sheet.rows, PORTFOLIO_FIELDS, ['schemeCode', 'title'], map)
    if (!m || m.missing.length) {
      if (sheets.length === 1)
        errors.push({
          sheet: sheet.name,
          row: m?.headerRow ?? 1,
          column: '',
          message: `kolommen ${(m?.missing ?? ['schemeCode', 'title']).join(', ')} niet gevonden (gevonden: ${(m?.headers ?? []).filter(Boolean).join(', ') || 'geen'}); gebruik --map VELD=KOLOMKOP`,
        })
      continue
    }
    found = true
    if (headerErrors(sheet, m, errors)) continue
    const yearCols: { i: number; year: number; field: keyof YearFigures }[] = []
    m.headers.forEach((h, i) => {
      const n = normaliseHeader(h)
      for (const [re, field] of YEAR_COLUMNS) {
        const hit = re.exec(n)
        if (hit) {
          yearCols.push({ i, year: Number(hit[2]), field })
          return
        }
      }
    })
    const yearHeaders = new Set(yearCols.map((c) => m.headers[c.i]))
    for (const u of m.unknown.filter((u) => !yearHeaders.has(u)))
      warnings.push({ sheet: sheet.name, row: m.headerRow, column: u, message: `kolom '${u}' wordt niet gebruikt` })
    for (let r = m.headerRow; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r]
      if (isEmptyRow(cells)) continue
      const rd = new RowReader(sheet.name, r + 1, cells, m, errors)
      const statusText = rd.text('status')
      const status = statusText === null ? 'verkenning' : STATUS_SYNONYMS[normaliseHeader(statusText)]
      if (!status) rd.error('status', `status: '${statusText}' is onbekend (${GRANT_STATUSES.join(', ')})`)
      const natureText = rd.text('nature')?.toLowerCase() ?? null
      if (natureText && natureText !== 'incidenteel' && natureText !== 'structureel')
        rd.error('nature', `aard: '${natureText}' is geen incidenteel of structureel`)
      const money = (f: PortfolioField) => rd.money(f, { allowNegative: false })
      const fields = {
        title: rd.text('title', true) ?? '',
        status: status ?? 'verkenning',
        reference: rd.text('reference'),
        beschikkingsnummer: rd.text('beschikkingsnummer'),
        requestedCents: money('requestedCents'),
        awardedCents: money('awardedCents'),
        bcfCents: money('bcfCents') ?? undefined,
        periodFrom: rd.date('periodFrom'),
        periodTo: rd.date('periodTo'),
        spendUntil: rd.date('spendUntil'),
        probabilityPct: rd.integer('probabilityPct', { min: 0, max: 100 }),
        taakveld: rd.text('taakveld'),
        kostenplaats: rd.text('kostenplaats'),
        begrotingspost: rd.text('begrotingspost'),
        programma: rd.text('programma'),
        paymentRoute: rd.text('paymentRoute'),
        nature: natureText === 'incidenteel' || natureText === 'structureel' ? natureText : undefined,
        natureReason: rd.text('natureReason'),
        owner: rd.text('owner'),
        department: rd.text('department'),
        appliedOn: rd.date('appliedOn'),
        awardedOn: rd.date('awardedOn'),
        notes: rd.text('notes'),
      } as PortfolioRow['fields']
      const years = new Map<number, YearFigures>()
      for (const c of yearCols) {
        const v = cells[c.i]
        if (v === null || v === undefined) continue
        const cm = { headerRow: m.headerRow, col: { v: c.i }, unknown: [], missing: [], headers: m.headers }
        const cents = new RowReader<'v'>(sheet.name, r + 1, cells, cm, errors).money('v', {
          allowNegative: c.field.startsWith('realised') || c.field === 'cofinancingRealisedCents',
        })
        if (cents === null) continue
        years.set(c.year, { ...years.get(c.year), [c.field]: cents })
      }
      const columns: Record<string, string> = {}
      for (const f of Object.keys(PORTFOLIO_FIELDS))
        if (m.col[f as PortfolioField] !== undefined) columns[f] = rd.columnOf(f as PortfolioField)
      for (const c of yearCols) columns[c.field] ??= `${columnLetter(c.i)} (${m.headers[c.i]})`
      out.push({ sheet: sheet.name, row: r + 1, schemeCode: rd.text('schemeCode', true) ?? '', fields, years, columns })
    }
  }
  if (found && out.length === 0 && !errors.length)
    errors.push(
      headerOnly(
        sheets.find((s) => s.rows.length)!,
        'subsidies',
      ),
    )
  if (!found && sheets.length > 1)
    errors.push({
      sheet: null,
      row: 0,
      column: '',
      message: 'geen werkblad met de kolommen regeling en titel gevonden; gebruik --map VELD=KOLOMKOP',
    })
  return out
}
