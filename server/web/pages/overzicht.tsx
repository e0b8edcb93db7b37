// Overzicht (start page): deadlines of the next 30/60 days and overdue ones, the risks of the portfolio, and the
// grant money T..T+4 as a server-rendered SVG chart with the same figures in a table beside it.
import type { FastifyInstance } from 'fastify'
import { addDays } from '../../../db/dates.js'
import { computeBbv, type BbvData } from '../../../reports/bbv.js'
import { computeCofinancing, type CofinancingData } from '../../../reports/cofinancing.js'
import { KIND_NL, listDeadlines, type Deadline } from '../../../reports/deadlines.js'
import type { ForecastData } from '../../../reports/forecast.js'
import { forecastFor } from '../../../reports/forecast-report.js'
import { loadGrants } from '../../../reports/report-data.js'
import { buildReportParams } from '../../../reports/report-params.js'
import { computeSisa } from '../../../reports/sisa.js'
import { can, webRoute, type WebContext } from '../context.js'
import { reportUrl } from './report-download.js'
import { datum, euro } from '../format.js'
import { Layout, Notice } from '../layout.js'
import { FundingChart } from './chart.js'

export interface OverviewData {
  deadlines: { overdue: Deadline[]; within30: Deadline[]; within60: Deadline[] }
  forecast: ForecastData
  shortfalls: CofinancingData['rows']
  structural: BbvData['structuralFromIncidental']
  sisaYear: number
  sisaFindings: number
  sisaErrors: number
}

/** Everything the Overzicht shows, from the same report computations as the API and the workbooks. */
export function overviewData(c: WebContext): OverviewData {
  const org = c.org!
  const year = Number(c.today.slice(0, 4))
  const params = buildReportParams(c.db, org, { year, now: c.now })
  // The report computations of the API and the workbooks, over one load of the portfolio instead of one per report.
  const grants = loadGrants(c.db, org.id)
  const ds = listDeadlines(c.db, [org.id], c.today, { from: addDays(c.today, -365), to: addDays(c.today, 60) })
  const open = ds.filter((d) => d.state !== 'done')
  const in30 = addDays(c.today, 30)
  // SiSa is reported in year T over T-1: the findings that still need work now are those of last year.
  const sisa = computeSisa(c.db, org.id, year - 1)
  return {
    deadlines: {
      overdue: open.filter((d) => d.state === 'overdue'),
      within30: open.filter((d) => d.state === 'open' && d.date <= in30),
      within60: open.filter((d) => d.state === 'open' && d.date > in30),
    },
    forecast: forecastFor(c.db, grants, params),
    shortfalls: computeCofinancing(grants, year).rows.filter((r) => r.shortfallCents > 0),
    structural: computeBbv(grants, year).structuralFromIncidental,
    sisaYear: year - 1,
    sisaFindings: sisa.findings.filter((f) => f.severity !== 'info').length,
    sisaErrors: sisa.findings.filter((f) => f.severity === 'fout').length,
  }
}

function DeadlineList({ items, empty }: { items: Deadline[]; empty: string }) {
  if (!items.length) return <p class="utrecht-paragraph woud-muted">{empty}</p>
  return (
    <ul class="utrecht-unordered-list">
      {items.slice(0, 15).map((d) => (
        <li>
          <strong>{datum(d.date)}</strong> —{' '}
          {d.grantId ? (
            <a class="utrecht-link" href={`/subsidies/${d.grantId}`}>
              {d.title}
            </a>
          ) : (
            d.title
          )}{' '}
          <span class="woud-muted">({KIND_NL[d.kind] ?? d.kind})</span>
        </li>
      ))}
      {items.length > 15 && (
        <li>
          <a class="utrecht-link" href="/deadlines">
            Nog {items.length - 15} meer
          </a>
        </li>
      )}
    </ul>
  )
}

export function OverviewPage({ c, d, notice }: { c: WebContext; d: OverviewData; notice?: string }) {
  const cliffs = d.forecast.cliff.filter((l) => l.totalCents > 0)
  return (
    <Layout c={c} title="Overzicht" active="overzicht">
      <Notice code={notice} />
      {can(c, 'controller') && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={reportUrl('controller', d.forecast.years[0])}>
            Download het Controllersoverzicht {d.forecast.years[0]} (Excel)
          </a>
        </p>
      )}
      <div class="woud-grid">
        <section class="woud-card" aria-labelledby="kop-deadlines">
          <h2 class="utrecht-heading-2" id="kop-deadlines">
            Deadlines
          </h2>
          <h3 class="utrecht-heading-3">Verlopen ({d.deadlines.overdue.length})</h3>
          <DeadlineList items={d.deadlines.overdue} empty="Geen verlopen deadlines." />
          <h3 class="utrecht-heading-3">Binnen 30 dagen ({d.deadlines.within30.length})</h3>
          <DeadlineList items={d.deadlines.within30} empty="Geen deadlines in de komende 30 dagen." />
          <h3 class="utrecht-heading-3">Over 30 tot 60 dagen ({d.deadlines.within60.length})</h3>
          <DeadlineList items={d.deadlines.within60} empty="Geen deadlines tussen 30 en 60 dagen." />
        </section>
        <section class="woud-card" aria-labelledby="kop-risicos">
          <h2 class="utrecht-heading-2" id="kop-risicos">
            Risico's
          </h2>
          <h3 class="utrecht-heading-3">Tekort aan cofinanciering ({d.shortfalls.length})</h3>
          {d.shortfalls.length ? (
            <ul class="utrecht-unordered-list">
              {d.shortfalls.slice(0, 10).map((r) => (
                <li>
                  <a class="utrecht-link" href={`/subsidies/${r.grantId}`}>
                    {r.title}
                  </a>
                  {r.year ? ` (${r.year})` : ''}: tekort {euro(r.shortfallCents)}
                </li>
              ))}
            </ul>
          ) : (
            <p class="utrecht-paragraph woud-muted">Geen tekorten.</p>
          )}
          <h3 class="utrecht-heading-3">Structurele lasten op incidenteel geld ({d.structural.length})</h3>
          {d.structural.length ? (
            <ul class="utrecht-unordered-list">
              {d.structural.slice(0, 10).map((s) => (
                <li>
                  <a class="utrecht-link" href={`/subsidies/${s.grantId}`}>
                    {s.title}
                  </a>{' '}
                  ({s.year}): {euro(s.structuralLastenCents)}
                </li>
              ))}
            </ul>
          ) : (
            <p class="utrecht-paragraph woud-muted">Geen structurele lasten op incidentele middelen.</p>
          )}
          <h3 class="utrecht-heading-3">Open SiSa-bevindingen {d.sisaYear}</h3>
          <p class="utrecht-paragraph">
            {d.sisaFindings ? (
              <a class="utrecht-link" href={`/sisa/${d.sisaYear}`}>{`${d.sisaFindings} bevindingen, waarvan ${d.sisaErrors} fouten`}</a>
            ) : (
              'Geen open bevindingen.'
            )}
          </p>
          <h3 class="utrecht-heading-3">Financieringsklif ({cliffs.length})</h3>
          {cliffs.length ? (
            <ul class="utrecht-unordered-list">
              {cliffs.slice(0, 10).map((l) => (
                <li>
                  <a class="utrecht-link" href={`/subsidies/${l.grantId}`}>
                    {l.title}
                  </a>
                  : geld tot en met {l.lastFundedYear ?? 'onbekend'}, daarna {euro(l.totalCents)} structurele lasten zonder dekking
                </li>
              ))}
            </ul>
          ) : (
            <p class="utrecht-paragraph woud-muted">Geen subsidies die binnen een jaar eindigen met structurele lasten daarna.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="kop-prognose">
        <h2 class="utrecht-heading-2" id="kop-prognose">
          Subsidiegeld {d.forecast.years[0]}–{d.forecast.years[d.forecast.years.length - 1]}
        </h2>
        <FundingChart years={d.forecast.perYear} />
      </section>
    </Layout>
  )
}

export async function overzichtPages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, { melding?: string }>(app, 'GET', '/', {}, (c, req) => (
    <OverviewPage c={c} d={overviewData(c)} notice={req.query.melding} />
  ))
}
