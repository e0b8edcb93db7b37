// The 'controller' workbook: a cover sheet (organisation, year, generated at, data as of, summary of findings)
// followed by every other report's sheets, all computed from one load of the portfolio.
import { DateTime } from 'luxon'
import { ZONE } from '../db/dates.js'
import { bbvSheets } from './bbv-report.js'
import { computeBbv, type BbvData } from './bbv.js'
import { cofinancingSheets } from './cofinancing-report.js'
import { computeCofinancing, type CofinancingData } from './cofinancing.js'
import { deadlinesSheets, type DeadlinesData } from './deadlines-report.js'
import { forecastFor, forecastSheets } from './forecast-report.js'
import type { ForecastData } from './forecast.js'
import { portfolioSheets } from './portfolio-report.js'
import { computePortfolio, type PortfolioData } from './portfolio.js'
import { loadPortfolio } from './portfolio-load.js'
import { dataAsOf, loadGrants, sum } from './report-data.js'
import { deadlinesData, openFindingCount, overdueCount, sisaData } from './report-links.js'
import { FINDINGS_SHEET, FO_SHEET, sisaReport } from './sisa-report.js'
import type { SisaData } from './sisa-types.js'
import { safeSheetName } from './render/workbook.js'
import type { GridCell, GridSheet, ReportDef, ReportParams, SheetSpec } from './types.js'

export interface ControllerSummary {
  grants: number
  cofinancingShortfallGrants: number
  cofinancingShortfallCents: number
  structuralFromIncidentalLines: number
  structuralFromIncidentalCents: number
  overlopendePassivaCents: number
  fundingCliffCents: number
  expectedRepaymentCents: number
  lowerSettlementCents: number
  /** Fout and Waarschuwing rows of the Bevindingen sheet. */
  openFindings: number
  /** Rows of the Fouten en onzekerheden sheet. */
  foutenOnzekerhedenLines: number
  /** Rows of the Deadlines sheet in state 'verlopen'. */
  overdueDeadlines: number
}

export interface ControllerData {
  dataAsOf: string | null
  summary: ControllerSummary
  portfolio: PortfolioData
  cofinancing: CofinancingData
  bbv: BbvData
  forecast: ForecastData
  deadlines: DeadlinesData
  sisa: SisaData
}

/** One read of the organisation's tables, grouped by grant once, handed to every report; params were validated once. */
export function computeController(db: Parameters<ReportDef['compute']>[0], p: ReportParams): ControllerData {
  const load = loadPortfolio(db, p.organisationId)
  const gs = loadGrants(db, p.organisationId, load)
  const deadlines = deadlinesData(db, p, load)
  const sisa = sisaData(db, p, load)
  const portfolio = computePortfolio(db, gs, p, { deadlines, sisa })
  const cofinancing = computeCofinancing(gs, p.year)
  const bbv = computeBbv(gs, p.year)
  const forecast = forecastFor(db, gs, p, cofinancing)
  const summary: ControllerSummary = {
    grants: portfolio.rows.length,
    cofinancingShortfallGrants: cofinancing.shortfallGrants,
    cofinancingShortfallCents: cofinancing.totals.shortfallCents,
    structuralFromIncidentalLines: bbv.structuralFromIncidental.length,
    structuralFromIncidentalCents: sum(bbv.structuralFromIncidental.map((f) => f.structuralLastenCents)),
    overlopendePassivaCents: sum(bbv.passivaByHerkomst.map((h) => h.passivaCents)),
    fundingCliffCents: sum(forecast.perYear.map((y) => y.cliffCents)),
    expectedRepaymentCents: sum(forecast.repayments.map((r) => r.expectedRepaymentCents)),
    lowerSettlementCents: sum(forecast.repayments.map((r) => r.lowerSettlementCents)),
    openFindings: openFindingCount(sisa),
    foutenOnzekerhedenLines: sisa.foutenOnzekerheden.length,
    overdueDeadlines: overdueCount(deadlines),
  }
  return { dataAsOf: dataAsOf(gs), summary, portfolio, cofinancing, bbv, forecast, deadlines, sisa }
}

const t = (value: string, extra: Partial<GridCell> = {}): GridCell => ({ value, ...extra })
const m = (cents: number): GridCell => ({ value: cents, format: 'money' })
const n = (v: number): GridCell => ({ value: v, format: 'integer' })

export function coverSheet(d: ControllerData, p: ReportParams, sheetNames: string[]): GridSheet {
  const at = DateTime.fromISO(p.generatedAt, { zone: ZONE })
  const s = d.summary
  const [y0, , , y3] = d.bbv.years
  return {
    kind: 'grid',
    name: 'Voorblad',
    widths: [64, 22, 22],
    rows: [
      [t('Controllersoverzicht specifieke uitkeringen', { bold: true })],
      [],
      [t('Organisatie'), t(`${p.orgName} (${p.orgCode})`)],
      [t('Jaar'), { value: p.year, format: 'year' }],
      [t('Gegenereerd op'), { value: at.toISODate(), format: 'date' }, t(`${at.toFormat('HH:mm')} uur`)],
      [t('Gegevens bijgewerkt tot en met'), d.dataAsOf ? { value: d.dataAsOf, format: 'date' } : t('geen gegevens')],
      [t('Scenario prognose'), t(d.forecast.scenarioLabel)],
      [],
      [t('Samenvatting bevindingen', { bold: true }), t('Aantal', { bold: true }), t('Bedrag', { bold: true })],
      [t('Subsidies in de portefeuille'), n(s.grants)],
      [t('Subsidies met een cofinancieringstekort'), n(s.cofinancingShortfallGrants), m(s.cofinancingShortfallCents)],
      [
        t(`Structurele lasten uit incidentele middelen ${y0}–${y3}`),
        n(s.structuralFromIncidentalLines),
        m(s.structuralFromIncidentalCents),
      ],
      [t(`Overlopende passiva per 31-12-${p.year}`), null, m(s.overlopendePassivaCents)],
      [t(`Financieringsklif ${d.forecast.years[0]}–${d.forecast.years[4]}`), null, m(s.fundingCliffCents)],
      [t('Verwachte terugbetaling'), null, m(s.expectedRepaymentCents)],
      [t('Lagere vaststelling (nooit ontvangen, geen terugbetaling)'), null, m(s.lowerSettlementCents)],
      [t(`Open SiSa-bevindingen (${FINDINGS_SHEET}: fouten en waarschuwingen)`), n(s.openFindings)],
      [t(`Regels in de tabel ${FO_SHEET.toLowerCase()}`), n(s.foutenOnzekerhedenLines)],
      [t('Verlopen deadlines (blad Deadlines)'), n(s.overdueDeadlines)],
      [],
      [t('Bladen in deze werkmap', { bold: true })],
      ...sheetNames.map((name) => [t(name, { linkToSheet: name })]),
    ],
  }
}

export function controllerSheets(d: ControllerData, p: ReportParams): SheetSpec[] {
  const rest: SheetSpec[] = [
    ...portfolioSheets(d.portfolio, p),
    ...cofinancingSheets(d.cofinancing, p),
    ...bbvSheets(d.bbv, p),
    ...forecastSheets(d.forecast, p),
    ...deadlinesSheets(d.deadlines, p),
    ...sisaReport.sheets(d.sisa, p),
  ]
  // The names as the workbook will carry them: the renderer shortens and de-duplicates sheet names.
  const taken = new Set(['voorblad'])
  return [
    coverSheet(
      d,
      p,
      rest.map((s) => safeSheetName(s.name, taken)),
    ),
    ...rest,
  ]
}

export const controllerReport: ReportDef<ControllerData> = {
  name: 'controller',
  title: 'Controllersoverzicht',
  compute: computeController,
  sheets: controllerSheets,
}
