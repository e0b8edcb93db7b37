// The national scheme catalogue: shared by all organisations, readable by every authenticated user.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { getScheme, listSchemes, type SchemeRow, type WindowRow } from '../../db/repositories/schemes.js'
import { notFound } from '../errors.js'
import { ListOf, problems } from '../schemas/common.js'
import { SchemeDetailSchema, SchemeQuery, SchemeSchema } from '../schemas/schemes.js'

const pct = (bp: number | null) => (bp === null ? null : bp / 100)

export function schemeDto<T extends SchemeRow & { windows: WindowRow[] }>(s: T) {
  return {
    ...s,
    cofinancingPct: pct(s.cofinancingBp),
    rijksSharePct: pct(s.rijksShareBp),
    carryOverPct: pct(s.carryOverBp),
    windows: s.windows.map((w) => ({ tranche: w.tranche, opensOn: w.opensOn, closesOn: w.closesOn, closesAtTime: w.closesAtTime, allocation: w.allocation, budgetCents: w.budgetCents })),
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/schemes', {
    schema: { tags: ['catalogue'], summary: 'List the scheme catalogue', querystring: SchemeQuery, response: { 200: ListOf(SchemeSchema), ...problems(400, 401) } },
  }, async (req) => {
    const { limit = 50, offset = 0, ...filter } = req.query
    const { items, total } = listSchemes(app.db, filter, limit, offset)
    return { items: items.map(schemeDto), total }
  })

  app.get('/api/v1/schemes/:code', {
    schema: { tags: ['catalogue'], summary: 'One scheme with windows, spend-deadline history and planned national amounts', params: Type.Object({ code: Type.String({ maxLength: 80 }) }), response: { 200: SchemeDetailSchema, ...problems(401, 404) } },
  }, async (req) => {
    const s = getScheme(app.db, req.params.code)
    if (!s) throw notFound(`Regeling ${req.params.code}`)
    return schemeDto(s)
  })
}

export default routes
