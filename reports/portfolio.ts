// The portfolio overview: every grant with scheme, state, amounts, nature, co-financing, taakveld, its next
// deadline and open findings, with the figures of year T; totals.
import type { Db } from '../db/client.js'
import { cofinancingOf, STATUS_NL, sum, yearRow, type GrantData } from './report-data.js'
import type { DeadlinesData } from './deadlines-report.js'
import { deadlinesData, nextDeadlines, openFindingsPerGrant, sisaData } from './report-links.js'
import type { SisaData } from './sisa-types.js'
import type { ReportParams } from './types.js'

export type PortfolioRow = {
  grantId: number
  reference: string | null
  schemeCode: string
  schemeName: string
  ministry: string
  sisaCode: string | null
  title: string
  status: string
  beschikkingsnummer: string | null
  requestedCents: number | null
  awardedCents: number | null
  bcfCents: number
  plannedBatenCents: number
  plannedLastenCents: number
  realisedBatenCents: number
  realisedLastenCents: number
  periodFrom: string | null
  periodTo: string | null
  spendUntil: string | null
  nature: string
  /** Basis points (probability 75 % = 7500), null when unknown. */
  probabilityBp: number | null
  cofinancingRequiredCents: number
  cofinancingCommittedCents: number
  cofinancingShortfallCents: number
  taakveld: string | null
  programma: string | null
  nextDeadlineDate: string | null
  nextDeadlineTitle: string | null
  openFindings: number
}

export interface PortfolioTotals {
  grants: number
  requestedCents: number
  awardedCents: number
  bcfCents: number
  plannedBatenCents: number
  plannedLastenCents: number
  realisedBatenCents: number
  realisedLastenCents: number
  cofinancingRequiredCents: number
  cofinancingCommittedCents: number
  cofinancingShortfallCents: number
  openFindings: number
}

export interface PortfolioData {
  year: number
  rows: PortfolioRow[]
  totals: PortfolioTotals
}

/** `links`: the deadlines and SiSa reports' data when the caller already has them (the controller workbook). */
export function computePortfolio(
  db: Db,
  gs: GrantData[],
  params: ReportParams,
  links?: { deadlines: DeadlinesData; sisa: SisaData },
): PortfolioData {
  const deadlines = nextDeadlines(links ? links.deadlines : deadlinesData(db, params))
  const findings = openFindingsPerGrant(links ? links.sisa : sisaData(db, params), gs)
  const rows = gs.map((g): PortfolioRow => {
    const y = yearRow(g, params.year)
    const cof = cofinancingOf(g)
    const d = deadlines.get(g.id)
    return {
      grantId: g.id,
      reference: g.reference,
      schemeCode: g.schemeCode,
      schemeName: g.schemeName,
      ministry: g.ministry,
      sisaCode: g.sisaCode,
      title: g.title,
      status: STATUS_NL[g.status],
      beschikkingsnummer: g.beschikkingsnummer,
      requestedCents: g.requestedCents,
      awardedCents: g.awardedCents,
      bcfCents: g.bcfCents,
      plannedBatenCents: y?.plannedBatenCents ?? 0,
      plannedLastenCents: y?.plannedLastenCents ?? 0,
      realisedBatenCents: y?.realisedBatenCents ?? 0,
      realisedLastenCents: y?.realisedLastenCents ?? 0,
      periodFrom: g.periodFrom,
      periodTo: g.periodTo,
      spendUntil: g.spendUntil,
      nature: g.nature,
      probabilityBp: g.probabilityPct === null ? null : g.probabilityPct * 100,
      cofinancingRequiredCents: cof.requiredCents ?? 0,
      cofinancingCommittedCents: cof.committedCents,
      cofinancingShortfallCents: cof.shortfallCents,
      taakveld: g.taakveld,
      programma: g.programma,
      nextDeadlineDate: d?.date ?? null,
      nextDeadlineTitle: d?.title ?? null,
      openFindings: findings.get(g.id) ?? 0,
    }
  })
  const total = (k: keyof PortfolioRow) => sum(rows.map((r) => (r[k] as number | null) ?? 0))
  return {
    year: params.year,
    rows,
    totals: {
      grants: rows.length,
      requestedCents: total('requestedCents'),
      awardedCents: total('awardedCents'),
      bcfCents: total('bcfCents'),
      plannedBatenCents: total('plannedBatenCents'),
      plannedLastenCents: total('plannedLastenCents'),
      realisedBatenCents: total('realisedBatenCents'),
      realisedLastenCents: total('realisedLastenCents'),
      cofinancingRequiredCents: total('cofinancingRequiredCents'),
      cofinancingCommittedCents: total('cofinancingCommittedCents'),
      cofinancingShortfallCents: total('cofinancingShortfallCents'),
      openFindings: total('openFindings'),
    },
  }
}
