// Rapporten: every workbook of the current organisation with its year and (for the forecast) scenario choice.
// The downloads themselves are GET /rapporten/<naam>.xlsx (report-download.ts): the same computation as the API.
import type { FastifyInstance } from 'fastify'
import { SCENARIO_NL, SCENARIOS } from '../../../reports/forecast.js'
import { REPORT_NAMES, REPORTS } from '../../../reports/index.js'
import { reportYearSpan } from '../../../reports/report-params.js'
import { can, webRoute } from '../context.js'
import { FormState, SelectField } from '../forms.js'
import { Alert, Layout } from '../layout.js'
import { reportUrl } from './report-download.js'
import { DataTable } from '../table.js'

/** Workbooks that take a scenario (the forecast and the controller workbook that contains it). */
const WITH_SCENARIO = new Set(['forecast', 'controller'])

const EXPLAIN: Record<string, string> = {
  portfolio: 'Alle subsidies met bedragen per jaar.',
  deadlines: 'Deadlines met wettelijke grondslag en status.',
  cofinancing: 'Benodigde en gereserveerde cofinanciering.',
  bbv: 'Overlopende activa en passiva volgens het BBV.',
  sisa: 'De SiSa-bijlage van het jaar.',
  forecast: 'Meerjarenraming T tot en met T+4.',
  controller: 'Eén werkmap met alle rapporten als tabbladen.',
}

export async function rapportenPages(app: FastifyInstance): Promise<void> {
  webRoute<Record<string, string>, { jaar?: string; scenario?: string }>(app, 'GET', '/rapporten', { role: 'lezer' }, (c, req) => {
    const span = reportYearSpan(c.db, c.org!.id, c.today)
    const years: number[] = []
    for (let y = span.to; y >= span.from; y--) years.push(y)
    const form = new FormState({ jaar: req.query.jaar ?? c.today.slice(0, 4), scenario: req.query.scenario ?? 'base' })
    // A choice from a tampered URL falls back to this year / the base scenario, with a message next to the field.
    const year = form.int('jaar', { min: span.from, max: span.to }) ?? Number(c.today.slice(0, 4))
    const scenario = form.oneOf('scenario', SCENARIOS) ?? 'base'
    const names = REPORT_NAMES.filter((n) => REPORTS[n])
    return (
      <Layout c={c} title="Rapporten" active="rapporten">
        <p class="utrecht-paragraph">Werkmappen (xlsx) van {c.org!.name}: bedragen als getallen in euro, datums als datum.</p>
        <form method="get" action="/rapporten" class="utrecht-form woud-form woud-filters">
          <SelectField form={form} name="jaar" label="Jaar" required options={years.map((y) => ({ value: String(y), label: String(y) }))} />
          <SelectField
            form={form}
            name="scenario"
            label="Scenario (meerjarenraming)"
            required
            options={SCENARIOS.map((s) => ({ value: s, label: SCENARIO_NL[s] }))}
          />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            Toon
          </button>
        </form>
        {!can(c, 'controller') && (
          <Alert kind="info">
            <p class="utrecht-paragraph">Werkmappen downloaden kan met de rol controller.</p>
          </Alert>
        )}
        <DataTable
          caption={`Werkmappen voor ${year}`}
          rows={names}
          columns={[
            { label: 'Rapport', cell: (n) => REPORTS[n].title, rowHeader: true },
            {
              label: 'Inhoud',
              cell: (n) => `${EXPLAIN[n] ?? ''}${WITH_SCENARIO.has(n) ? ` Scenario: ${SCENARIO_NL[scenario]}.` : ''}`,
            },
            {
              label: 'Download',
              cell: (n) =>
                can(c, 'controller') ? (
                  <a class="utrecht-link" href={reportUrl(n, year, WITH_SCENARIO.has(n) ? scenario : undefined)} download>
                    {`${REPORTS[n].title} ${year} (xlsx)`}
                  </a>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Layout>
    )
  })
}
