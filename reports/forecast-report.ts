// The 'forecast' workbook (T..T+4) for one scenario, with the scenario's assumptions on every sheet.
import type { Db } from '../db/client.js'
import { todayAmsterdam } from '../db/dates.js'
import { yearText } from './cofinancing-report.js'
import type { CofinancingData } from './cofinancing.js'
import { computeForecast, SCENARIOS, type ForecastData, type Scenario } from './forecast.js'
import {
  latestSourceDate,
  listReformAssumptions,
  originText,
  pipelineProbabilities,
  REFORM_SCENARIO,
  REFORM_STANDING_NL,
  sourcesText,
} from './reform.js'
import { loadGrants, type GrantData } from './report-data.js'
import type { Column, ReportDef, ReportParams, SheetSpec } from './types.js'

const money = (key: string, header: string, total = true): Column => ({ key, header, type: 'money', total })
const text = (key: string, header: string, width = 20): Column => ({ key, header, type: 'text', width })

/** The forecast of an organisation's grants under the scenario of the params (default base). */
/** `cofinancing`: the co-financing report's data when the caller already computed it (the controller workbook). */
export function forecastFor(db: Db, gs: GrantData[], p: ReportParams, cofinancing?: CofinancingData): ForecastData {
  const scenario = ((SCENARIOS as readonly string[]).includes(p.scenario ?? '') ? p.scenario : 'base') as Scenario
  let reform
  if (scenario === REFORM_SCENARIO) {
    const cut = p.options?.cutBp === undefined ? undefined : Number(p.options.cutBp)
    const list = listReformAssumptions(db, [...new Set(gs.map((g) => g.schemeId))])
    reform = new Map(
      list.map((a) => [a.schemeId, a.treatment === 'gemeentefonds' && cut !== undefined ? { ...a, cutBp: cut, cutOverridden: true } : a]),
    )
  }
  return computeForecast(gs, p.year, { scenario, probabilities: pipelineProbabilities(db), reform, cofinancing })
}

export function forecastSheets(d: ForecastData, p: ReportParams): SheetSpec[] {
  const head = (what: string) => [`${what} ${d.years[0]}–${d.years[4]} — ${p.orgName} (${p.orgCode})`, ...d.assumptions]
  const reform = d.scenario === REFORM_SCENARIO
  const yearCols = d.years.map((y, i) => ({ key: `y${i}`, header: String(y), type: 'money' as const, total: true }))
  // Rows as object literals of one shape, the five years under y0..y4 (computeForecast's T..T+4): a copy with
  // keys added one by one cost more than computing the forecast.
  const sheets: SheetSpec[] = [
    {
      kind: 'table',
      name: 'Prognose',
      preamble: head('Meerjarenprognose subsidies'),
      columns: [
        { key: 'year', header: 'Jaar', type: 'year' },
        money('awardedCents', 'Toegekende baten'),
        money('pipelineCents', 'Pijplijn (gewogen)'),
        money('grantBatenCents', 'Subsidiebaten totaal'),
        ...(reform
          ? [
              money('gemeentefondsCents', 'Naar gemeentefonds'),
              money('bfuCents', 'Bijzondere fondsuitkering'),
              money('cutCents', 'Korting'),
              money('endedCents', 'Vervallen'),
            ]
          : []),
        money('cofinancingCents', 'Cofinanciering verschuldigd'),
        money('cliffCents', 'Financieringsklif'),
        money('repaymentCents', 'Verwachte terugbetaling'),
        money('lowerSettlementCents', 'Lagere vaststelling'),
      ],
      rows: d.perYear.map((r) => ({ ...r, year: yearText(r.year) })),
      totals: true,
    },
    {
      kind: 'table',
      name: 'Prognose per subsidie',
      preamble: head('Subsidiebaten per subsidie'),
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('title', 'Subsidie', 32),
        text('schemeCode', 'Regeling', 22),
        text('status', 'Status', 14),
        { key: 'weightBp', header: 'Weging', type: 'percent' },
        ...(reform ? [text('treatment', 'Hervorming', 34)] : []),
        ...yearCols,
        money('totalCents', 'Totaal'),
      ],
      rows: d.grants.map((g) => ({
        grantId: g.grantId,
        title: g.title,
        schemeCode: g.schemeCode,
        status: g.status,
        weightBp: g.weightBp,
        treatment: g.treatment,
        totalCents: g.totalCents,
        y0: g.perYear[0],
        y1: g.perYear[1],
        y2: g.perYear[2],
        y3: g.perYear[3],
        y4: g.perYear[4],
      })),
      totals: true,
    },
    {
      kind: 'table',
      name: 'Financieringsklif',
      preamble: head('Structurele lasten na het einde van de incidentele dekking'),
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('title', 'Subsidie', 32),
        text('schemeCode', 'Regeling', 22),
        { key: 'lastFundedYear', header: 'Laatste jaar met baten', type: 'year' },
        ...yearCols,
        money('totalCents', 'Totaal'),
      ],
      rows: d.cliff.map((c) => ({
        grantId: c.grantId,
        title: c.title,
        schemeCode: c.schemeCode,
        lastFundedYear: c.lastFundedYear ?? 'geen',
        totalCents: c.totalCents,
        y0: c.perYear[0],
        y1: c.perYear[1],
        y2: c.perYear[2],
        y3: c.perYear[3],
        y4: c.perYear[4],
      })),
      totals: true,
      highlight: () => true,
    },
    {
      kind: 'table',
      name: 'Verwachte terugbetaling',
      preamble: head('Verwachte terugbetaling na de bestedingstermijn'),
      columns: [
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('title', 'Subsidie', 32),
        text('schemeCode', 'Regeling', 22),
        text('status', 'Status', 14),
        { key: 'spendUntil', header: 'Besteden tot', type: 'date' },
        money('awardedCents', 'Toegekend'),
        money('bcfCents', 'BCF-deel'),
        money('spentCents', 'Besteed'),
        money('plannedSpendCents', 'Nog gepland'),
        money('receivedCents', 'Ontvangen'),
        money('keptCents', 'Mag blijven'),
        money('expectedRepaymentCents', 'Verwachte terugbetaling'),
        money('lowerSettlementCents', 'Lagere vaststelling (geen terugbetaling)'),
        { key: 'repaymentYear', header: 'Jaar vaststelling', type: 'year' },
      ],
      rows: d.repayments,
      totals: true,
      highlight: (r) => (r.expectedRepaymentCents as number) > 0,
    },
  ]
  if (reform) {
    sheets.push({
      kind: 'table',
      name: 'Aannames hervorming',
      preamble: head('Aannames per regeling (scenario hervorming specifieke uitkeringen)'),
      columns: [
        text('schemeCode', 'Regeling', 22),
        text('schemeName', 'Naam', 40),
        text('treatment', 'Behandeling', 16),
        { key: 'fromYear', header: 'Vanaf', type: 'year' },
        { key: 'cutBp', header: 'Korting', type: 'percent' },
        text('origin', 'Herkomst', 30),
        text('setBy', 'Vastgelegd door', 18),
        { key: 'setAt', header: 'Vastgelegd op', type: 'date' },
        text('standing', 'Grondslag', 24),
        { key: 'uncertain', header: 'Onzeker', type: 'boolean' },
        text('sources', 'Bron', 60),
        { key: 'sourceDate', header: 'Datum laatste bron', type: 'date' },
        text('note', 'Toelichting', 60),
      ],
      rows: d.reform.map((a) => ({
        ...a,
        treatment: TREATMENT_NL[a.treatment],
        origin: originText(a) + (a.cutOverridden ? '; korting opgegeven bij dit rapport' : ''),
        setBy: a.setBy,
        setAt: a.setAt ? todayAmsterdam(new Date(a.setAt)) : null,
        standing: a.standing ? REFORM_STANDING_NL[a.standing] : null,
        sources: sourcesText(a),
        sourceDate: latestSourceDate(a),
      })),
    })
  }
  return sheets
}

const TREATMENT_NL = { continues: 'Blijft spuk', gemeentefonds: 'Gemeentefonds', bfu: 'BFU (geen SiSa)', ends: 'Vervalt' } as const

export const forecastReport: ReportDef<ForecastData> = {
  name: 'forecast',
  title: 'Meerjarenprognose',
  compute: (db, p) => forecastFor(db, loadGrants(db, p.organisationId), p),
  sheets: forecastSheets,
}
