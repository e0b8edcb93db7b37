// Reports (docs/api.md, docs/formats.md#outputs): GET /api/v1/reports/:name as JSON or a streamed workbook, and the spuk-reform
// assumptions of the forecast (read by everyone, set by a beheerder).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { enumKey, parseEnum, REPORT_FORMAT, REPORT_NAME, SCENARIO } from '../../db/enums.js'
import { parsePercentBp } from '../../db/money.js'
import { findSchemeByCode } from '../../db/repositories/schemes.js'
import {
  deleteReformAssumption,
  listReformAssumptions,
  reformDefaultsFromPercent,
  reformDefaultsInPercent,
  reformDefaultsWithSource,
  ReformInputError,
  setReformAssumption,
  setReformDefaults,
  type ReformAssumption,
} from '../../db/repositories/reform-assumptions.js'
import { buildReportParams, findReport, findReportOrganisation, ReportInputError, reportFileName } from '../../reports/report-params.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { actorOf, principalOf, requireAnyRole, requireOrgRole } from '../access.js'
import { badRequest, notFound, Problem } from '../errors.js'
import { ListOf, problems } from '../schemas/common.js'
import {
  ReformAssumptionBody,
  ReformAssumptionSchema,
  ReformDefaultsBody,
  ReformDefaultsResponse,
  ReformQuery,
  ReportEnvelope,
  ReportParamsSchema,
  ReportQuery,
} from '../schemas/reports.js'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function asProblem(e: unknown): unknown {
  if (e instanceof ReportInputError) {
    return e.status === 404
      ? new Problem(404, 'Niet gevonden', e.message)
      : badRequest(e.message, e.field ? [{ field: `querystring.${e.field}`, message: e.message }] : undefined)
  }
  if (e instanceof ReformInputError)
    return e.field === 'scheme'
      ? new Problem(404, 'Niet gevonden', e.message)
      : badRequest(e.message, [{ field: `body.${e.field}`, message: e.message }])
  return e
}

const reformDto = (a: ReformAssumption) => ({
  scheme: a.schemeCode,
  schemeName: a.schemeName,
  treatment: a.treatment,
  fromYear: a.fromYear,
  cutPct: a.cutBp / 100,
  note: a.note,
  origin: a.origin,
  sources: a.sources.map((x) => ({ title: x.title, reference: x.reference ?? null, published: x.published, url: x.url ?? null })),
  standing: a.standing,
  uncertain: a.uncertain,
  setBy: a.setBy,
  setAt: a.setAt,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/reports/:name',
    {
      schema: {
        tags: ['reports'],
        summary: 'A report computed once: JSON (role lezer) or the workbook (format=xlsx, role controller)',
        description:
          'Reports: portfolio, deadlines, cofinancing, bbv, sisa, forecast, controller. The xlsx and the JSON come from the same computation.',
        params: ReportParamsSchema,
        querystring: ReportQuery,
        response: {
          200: {
            description: 'format=json: the report; format=xlsx: the workbook',
            content: { 'application/json': { schema: ReportEnvelope }, [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
          },
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const { org: code, year, cut } = req.query
      // Keys and the Dutch words users see are both accepted: 'portefeuille', 'basis', 'alleen-toegekend'.
      const format = parseEnum(REPORT_FORMAT, req.query.format ?? 'json', 'querystring.format')
      const scenario = req.query.scenario === undefined ? undefined : parseEnum(SCENARIO, req.query.scenario, 'querystring.scenario')
      try {
        const def = findReport(enumKey(REPORT_NAME, req.params.name) ?? req.params.name)
        const org = findReportOrganisation(app.db, code)
        requireOrgRole(req, org.id, format === 'xlsx' ? 'controller' : 'lezer', `Organisatie ${code}`)
        const params = buildReportParams(app.db, org, { year, scenario, cut, now: app.config.now() })
        const data = def.compute(app.db, params)
        if (format === 'json') {
          return {
            report: def.name,
            title: def.title,
            organisation: org.code,
            year: params.year,
            scenario: params.scenario ?? 'base',
            generatedAt: params.generatedAt,
            data,
          }
        }
        // Built whole before the first byte: a failing render becomes a problem response, never a truncated 200.
        const body = await renderWorkbook(def.sheets(data, params), { title: `${def.title} ${org.name} ${params.year}` })
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${reportFileName(def.name, params)}"`)
          .header('content-length', body.length)
          .send(body as never) // a Buffer bypasses the JSON serializer
      } catch (e) {
        throw asProblem(e)
      }
    },
  )

  app.get(
    '/api/v1/reform-assumptions',
    {
      schema: {
        tags: ['reports'],
        summary: 'Assumptions of the spuk-reform scenario per scheme (stored or default)',
        querystring: ReformQuery,
        response: { 200: ListOf(ReformAssumptionSchema), ...problems(400, 401, 404) },
      },
    },
    async (req) => {
      principalOf(req)
      const { scheme, limit = 100, offset = 0 } = req.query
      let ids: number[] | undefined
      if (scheme !== undefined) {
        const s = findSchemeByCode(app.db, scheme)
        if (!s) throw notFound(`Regeling ${scheme}`)
        ids = [s.id]
      }
      const all = listReformAssumptions(app.db, ids)
      return { items: all.slice(offset, offset + limit).map(reformDto), total: all.length }
    },
  )

  app.put(
    '/api/v1/reform-assumptions/:scheme',
    {
      schema: {
        tags: ['reports'],
        summary: 'Set the spuk-reform assumption of one scheme (beheerder)',
        params: Type.Object({ scheme: Type.String({ maxLength: 80 }) }),
        body: ReformAssumptionBody,
        response: { 200: ReformAssumptionSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      requireAnyRole(req, 'beheerder')
      const { cutPct, ...rest } = req.body
      try {
        const cutBp = cutPct === undefined ? undefined : parsePercentBp(cutPct)
        return reformDto(setReformAssumption(app.db, actorOf(req), req.params.scheme, { ...rest, cutBp }))
      } catch (e) {
        if (e instanceof Error && e.name === 'MoneyError') throw badRequest(e.message, [{ field: 'body.cutPct', message: e.message }])
        throw asProblem(e)
      }
    },
  )

  app.get(
    '/api/v1/reform-defaults',
    {
      schema: {
        tags: ['reports'],
        summary: 'The defaults of the spuk-reform scenario: per instrument, per scheme code, the rest; with their sources',
        response: { 200: ReformDefaultsResponse, ...problems(401) },
      },
    },
    async (req) => {
      principalOf(req)
      const { defaults, source } = reformDefaultsWithSource(app.db)
      return { defaults: reformDefaultsInPercent(defaults), source }
    },
  )

  app.put(
    '/api/v1/reform-defaults',
    {
      schema: {
        tags: ['reports'],
        summary: 'Replace the defaults of the spuk-reform scenario, e.g. after a new Kamerstuk (beheerder; audited)',
        body: ReformDefaultsBody,
        response: { 200: ReformDefaultsResponse, ...problems(400, 401, 403) },
      },
    },
    async (req) => {
      requireAnyRole(req, 'beheerder')
      try {
        const saved = setReformDefaults(app.db, actorOf(req), reformDefaultsFromPercent(req.body.defaults), req.body.source)
        return { defaults: reformDefaultsInPercent(saved), source: req.body.source }
      } catch (e) {
        if (e instanceof ReformInputError) throw badRequest(e.message, [{ field: `body.defaults.${e.field}`, message: e.message }])
        throw e
      }
    },
  )

  app.delete(
    '/api/v1/reform-assumptions/:scheme',
    {
      schema: {
        tags: ['reports'],
        summary: 'Remove the stored assumption of one scheme: the default applies again (beheerder)',
        params: Type.Object({ scheme: Type.String({ maxLength: 80 }) }),
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      requireAnyRole(req, 'beheerder')
      let removed: boolean
      try {
        removed = deleteReformAssumption(app.db, actorOf(req), req.params.scheme)
      } catch (e) {
        throw asProblem(e)
      }
      if (!removed) throw notFound(`Een vastgelegde aanname voor ${req.params.scheme}`)
      return reply.status(204).send(null)
    },
  )
}

export default routes
