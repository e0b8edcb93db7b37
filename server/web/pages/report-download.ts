// Workbook downloads for the web pages: GET /rapporten/<naam>.xlsx?jaar=&scenario= — the same computation, renderer
// and access rule (controller for workbooks) as GET /api/v1/reports/:name?format=xlsx, for the current organisation.
import type { FastifyInstance } from 'fastify'
import { buildReportParams, findReport, ReportInputError, reportFileName } from '../../../reports/report-params.js'
import { renderWorkbook } from '../../../reports/render/workbook.js'
import { Problem } from '../../errors.js'
import { webRoute } from '../context.js'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The URL of a workbook of the current organisation (for links on Overzicht, SiSa and Rapporten). */
export const reportUrl = (name: string, year: number, scenario?: string) =>
  `/rapporten/${name}.xlsx?jaar=${year}${scenario && scenario !== 'base' ? `&scenario=${encodeURIComponent(scenario)}` : ''}`

export async function reportDownloads(app: FastifyInstance): Promise<void> {
  webRoute<{ bestand: string }, { jaar?: string; scenario?: string }>(
    app,
    'GET',
    '/rapporten/:bestand',
    { role: 'controller' },
    async (c, req) => {
      const name = /^([a-z-]+)\.xlsx$/.exec(req.params.bestand)?.[1]
      if (!name) throw new Problem(404, 'Niet gevonden', 'Dit rapport bestaat niet')
      try {
        const def = findReport(name)
        const params = buildReportParams(c.db, c.org!, {
          year: req.query.jaar ?? c.today.slice(0, 4),
          scenario: req.query.scenario || undefined,
          now: c.now,
        })
        const buf = await renderWorkbook(def.sheets(def.compute(c.db, params), params), {
          title: `${def.title} ${c.org!.name} ${params.year}`,
        })
        return c.reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${reportFileName(def.name, params)}"`)
          .send(buf)
      } catch (e) {
        if (e instanceof ReportInputError)
          throw new Problem(e.status === 404 ? 404 : 400, e.status === 404 ? 'Niet gevonden' : 'Ongeldige keuze', e.message)
        throw e
      }
    },
  )
}
