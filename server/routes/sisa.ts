// Routes of the SiSa area (docs/api.md): the SiSa view of a year, manual values per grant, the tabel fouten en onzekerheden.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { grants } from '../../db/schema.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import {
  checkFoInput,
  createFoutOnzekerheid,
  deleteFoutOnzekerheid,
  getFoutOnzekerheid,
  updateFoutOnzekerheid,
} from '../../db/repositories/sisa-values.js'
import type { SisaValue } from '../../db/repositories/sisa-values.js'
import { aardControleText } from '../../db/sisa-definitions.js'
import { computeSisa } from '../../reports/sisa.js'
import { foView } from '../../reports/sisa-checks.js'
import { setSisaValues, SisaInputError } from '../../reports/sisa-input.js'
import { thresholdText } from '../../reports/sisa-report.js'
import type { SisaBlock, SisaData } from '../../reports/sisa-types.js'
import { actorOf, requireOrgRole } from '../access.js'
import { badRequest, notFound } from '../errors.js'
import { problems } from '../schemas/common.js'
import { BlockSchema, FindingSchema, FoBody, FoSchema, OrgQuery, PutValuesBody, SisaViewSchema, YearParams } from '../schemas/sisa.js'

const tags = ['sisa']

const valueDto = (v: SisaValue | null) => ({
  valueCents: v?.cents ?? null,
  valueNumber: v?.number ?? null,
  valueBool: v?.bool ?? null,
  valueText: v?.text ?? null,
})

export function blockDto(b: SisaBlock) {
  const { facts: _f, indicators, ...rest } = b
  return {
    ...rest,
    indicators: indicators.map(({ id: _i, sisaCode: _s, position: _p, cells, ...ind }) => ({
      ...ind,
      aardControleText: aardControleText(ind.aardControle),
      cells: cells.map((c) => ({
        rowNo: c.rowNo,
        ...valueDto(c.value),
        source: c.source,
        explanation: c.explanation,
        prefill: c.prefill ? valueDto(c.prefill) : null,
      })),
    })),
  }
}

function orgFor(db: Db, req: FastifyRequest, code: string, role: 'lezer' | 'controller') {
  const org = findOrganisation(db, code)
  if (!org) throw notFound(`Organisatie ${code}`)
  requireOrgRole(req, org.id, role, `Organisatie ${code}`)
  return org
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/sisa/:year',
    {
      schema: {
        tags,
        summary: 'SiSa of one organisation and year: indicator rows per uitkering with values (manual, prefilled, computed) and findings',
        params: YearParams,
        querystring: OrgQuery,
        response: { 200: SisaViewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const org = orgFor(app.db, req, req.query.org, 'lezer')
      const { limit = 50, offset = 0 } = req.query
      const d: SisaData = computeSisa(app.db, org.id, req.params.year)
      return {
        year: d.year,
        organisation: org.code,
        formatDate: d.formatDate,
        items: d.blocks.slice(offset, offset + limit).map(blockDto),
        total: d.blocks.length,
        findings: d.findings,
        foutenOnzekerheden: d.foutenOnzekerheden,
        threshold: { ...d.threshold, note: thresholdText(d) },
      }
    },
  )

  app.put(
    '/api/v1/grants/:id/sisa/:year',
    {
      schema: {
        tags,
        summary: 'Set SiSa values of one grant for one year (controller); all or nothing, every change audited',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), year: YearParams.properties.year }),
        body: PutValuesBody,
        response: {
          200: Type.Object({
            created: Type.Integer(),
            updated: Type.Integer(),
            deleted: Type.Integer(),
            unchanged: Type.Integer(),
            block: Type.Union([BlockSchema, Type.Null()]),
            findings: Type.Array(FindingSchema),
          }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const g = app.db
        .select({ id: grants.id, organisationId: grants.organisationId })
        .from(grants)
        .where(eq(grants.id, req.params.id))
        .get()
      if (!g) throw notFound(`Subsidie ${req.params.id}`)
      requireOrgRole(req, g.organisationId, 'controller', `Subsidie ${req.params.id}`)
      let counts
      try {
        counts = setSisaValues(app.db, actorOf(req), g.id, req.params.year, req.body.values)
      } catch (e) {
        if (e instanceof SisaInputError)
          throw badRequest(
            'De SiSa-waarden zijn niet opgeslagen.',
            e.errors.map((x) => ({ field: `body.${x.field}`, message: x.message })),
          )
        throw e
      }
      const d = computeSisa(app.db, g.organisationId, req.params.year)
      const block = d.blocks.find((b) => b.grantId === g.id)
      return { ...counts, block: block ? blockDto(block) : null, findings: d.findings.filter((f) => f.grantId === g.id) }
    },
  )

  app.get(
    '/api/v1/sisa/:year/fouten-onzekerheden',
    {
      schema: {
        tags,
        summary: 'Tabel fouten en onzekerheden of one organisation and year, with the rapporteringsgrens per uitkering',
        params: YearParams,
        querystring: OrgQuery,
        response: {
          200: Type.Object({ items: Type.Array(FoSchema), total: Type.Integer(), thresholdSource: Type.String(), note: Type.String() }),
          ...problems(400, 401, 404),
        },
      },
    },
    async (req) => {
      const org = orgFor(app.db, req, req.query.org, 'lezer')
      const d = computeSisa(app.db, org.id, req.params.year)
      const { limit = 50, offset = 0 } = req.query
      return {
        items: d.foutenOnzekerheden.slice(offset, offset + limit),
        total: d.foutenOnzekerheden.length,
        thresholdSource: d.threshold.source,
        note: thresholdText(d),
      }
    },
  )

  app.post(
    '/api/v1/sisa/:year/fouten-onzekerheden',
    {
      schema: {
        tags,
        summary: 'Add a row to the tabel fouten en onzekerheden (controller)',
        params: YearParams,
        querystring: Type.Object({ org: Type.String({ maxLength: 8 }) }, { additionalProperties: false }),
        body: FoBody,
        response: { 201: FoSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const org = orgFor(app.db, req, req.query.org, 'controller')
      const row = createFoutOnzekerheid(app.db, actorOf(req), org.id, req.params.year, checkFoInput(app.db, req.params.year, req.body))
      return reply.status(201).send(foView(row, computeSisa(app.db, org.id, req.params.year)))
    },
  )

  const FoParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
  const foRow = (req: FastifyRequest, id: number) => {
    const cur = getFoutOnzekerheid(app.db, id)
    if (!cur) throw notFound(`Regel fouten en onzekerheden ${id}`)
    requireOrgRole(req, cur.organisationId, 'controller', `Regel fouten en onzekerheden ${id}`)
    return cur
  }

  app.put(
    '/api/v1/sisa/fouten-onzekerheden/:id',
    {
      schema: {
        tags,
        summary: 'Replace a row of the tabel fouten en onzekerheden (controller)',
        params: FoParams,
        body: FoBody,
        response: { 200: FoSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const cur = foRow(req, req.params.id)
      const row = updateFoutOnzekerheid(app.db, actorOf(req), cur, checkFoInput(app.db, cur.sisaYear, req.body))
      return foView(row, computeSisa(app.db, cur.organisationId, cur.sisaYear))
    },
  )

  app.delete(
    '/api/v1/sisa/fouten-onzekerheden/:id',
    {
      schema: {
        tags,
        summary: 'Delete a row of the tabel fouten en onzekerheden (controller)',
        params: FoParams,
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (req, reply) => {
      deleteFoutOnzekerheid(app.db, actorOf(req), foRow(req, req.params.id))
      return reply.status(204).send(null)
    },
  )
}

export default routes
