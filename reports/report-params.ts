// Turning a request for a report (API or CLI) into ReportParams, with the bad-input rules of docs/api.md: unknown
// report or organisation, a year outside the organisation's data, an unknown scenario, a cut outside 0–100 %.
import type { Db } from '../db/client.js'
import { todayAmsterdam } from '../db/dates.js'
import { MoneyError, parsePercentBp } from '../db/money.js'
import { findOrganisation, type OrganisationRow } from '../db/repositories/organisations.js'
import { SCENARIOS } from './forecast.js'
import { REPORTS } from './index.js'
import { REFORM_SCENARIO } from './reform.js'
import type { ReportDef, ReportParams } from './types.js'

export class ReportInputError extends Error {
  override name = 'ReportInputError'
  constructor(
    message: string,
    public status: 400 | 404,
    public field?: string,
  ) {
    super(message)
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers narrow by the report's name
export function findReport(name: string): ReportDef<any> {
  const def = Object.hasOwn(REPORTS, name) ? REPORTS[name] : undefined
  if (!def) throw new ReportInputError(`Rapport '${name}' bestaat niet (beschikbaar: ${Object.keys(REPORTS).join(', ')})`, 404, 'name')
  return def
}

export function findReportOrganisation(db: Db, code: string): OrganisationRow {
  const org = findOrganisation(db, code)
  if (!org) throw new ReportInputError(`Organisatie ${code} bestaat niet`, 404, 'org')
  return org
}

/**
 * Years a report may be asked for: the span of the organisation's grant years and grant periods, widened to
 * the current year so that an organisation without grants still gets its (empty) workbooks for this year.
 */
export function reportYearSpan(db: Db, organisationId: number, today: string): { from: number; to: number } {
  const row = db.$client
    .prepare(
      `
    SELECT min(y) AS lo, max(y) AS hi FROM (
      SELECT gy.year AS y FROM grant_years gy JOIN grants g ON g.id = gy.grant_id WHERE g.organisation_id = ? AND g.archived_at IS NULL
      UNION ALL SELECT CAST(substr(d, 1, 4) AS INTEGER) FROM (
        SELECT period_from AS d FROM grants WHERE organisation_id = ? AND archived_at IS NULL
        UNION ALL SELECT period_to FROM grants WHERE organisation_id = ? AND archived_at IS NULL
        UNION ALL SELECT spend_until FROM grants WHERE organisation_id = ? AND archived_at IS NULL) WHERE d IS NOT NULL)`,
    )
    .get(organisationId, organisationId, organisationId, organisationId) as { lo: number | null; hi: number | null }
  const current = Number(today.slice(0, 4))
  return { from: Math.min(row.lo ?? current, current), to: Math.max(row.hi ?? current, current) }
}

export interface ReportRequest {
  year: number | string
  scenario?: string
  /** Percentage of the gemeentefonds cut in the spuk-reform scenario, overriding the per-scheme cuts. */
  cut?: string | number
  now: Date
}

export function buildReportParams(db: Db, org: OrganisationRow, r: ReportRequest): ReportParams {
  const today = todayAmsterdam(r.now)
  const year = typeof r.year === 'number' ? r.year : /^\d{4}$/.test(r.year.trim()) ? Number(r.year) : NaN
  if (!Number.isInteger(year)) throw new ReportInputError(`'${r.year}' is geen jaartal`, 400, 'year')
  const span = reportYearSpan(db, org.id, today)
  if (year < span.from || year > span.to) {
    throw new ReportInputError(`Het jaar ${year} valt buiten de gegevens van ${org.code} (${span.from}–${span.to})`, 400, 'year')
  }
  const scenario = r.scenario ?? 'base'
  if (!(SCENARIOS as readonly string[]).includes(scenario))
    throw new ReportInputError(`Scenario '${scenario}' bestaat niet (${SCENARIOS.join(', ')})`, 400, 'scenario')
  const options: Record<string, string> = {}
  if (r.cut !== undefined && r.cut !== '') {
    if (scenario !== REFORM_SCENARIO) throw new ReportInputError(`Een korting hoort bij scenario ${REFORM_SCENARIO}`, 400, 'cut')
    let bp: number
    try {
      bp = parsePercentBp(r.cut)
    } catch (e) {
      throw new ReportInputError(`Korting: ${(e as MoneyError).message}`, 400, 'cut')
    }
    if (bp < 0 || bp > 10000) throw new ReportInputError(`De korting ${r.cut} % ligt buiten 0–100 %`, 400, 'cut')
    options.cutBp = String(bp)
  }
  return { organisationId: org.id, orgCode: org.code, orgName: org.name, year, today, generatedAt: r.now.toISOString(), scenario, options }
}

const FILE_BASE: Record<string, string> = {
  portfolio: 'subsidieportefeuille',
  deadlines: 'deadlines',
  cofinancing: 'cofinanciering',
  bbv: 'bbv-incidentele-baten-en-lasten',
  sisa: 'sisa-bijlage',
  forecast: 'meerjarenprognose',
  controller: 'controllersoverzicht',
}

/** A Dutch file name such as 'cofinanciering-GM0363-2026.xlsx' (the forecast also names a non-base scenario). */
export function reportFileName(name: string, p: ReportParams): string {
  const scenario = (name === 'forecast' || name === 'controller') && p.scenario && p.scenario !== 'base' ? `-${p.scenario}` : ''
  return `${FILE_BASE[name] ?? name}${scenario}-${p.orgCode}-${p.year}.xlsx`
}
