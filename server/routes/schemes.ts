// The national scheme catalogue: shared by all organisations, readable by every authenticated user.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { INSTRUMENT, parseEnum, SCHEME_NATURE } from '../../db/enums.js'
import { notFound } from '../../db/errors.js'
import { getScheme, listSchemes } from '../../db/repositories/schemes.js'
import { ListOf, problems } from '../schemas/common.js'
import { SchemeDetailSchema, SchemeQuery, SchemeSchema } from '../schemas/schemes.js'

const pct = (bp: number | null) => (bp === null ? null : bp / 100)

/** The API shape of one scheme with its detail parts; plain property writes, no rest/spread. */
export function schemeDto(s: NonNullable<ReturnType<typeof getScheme>>) {
  return {
    code: s.code,
    sisaCode: s.sisaCode,
    name: s.name,
    ministry: s.ministry,
    instrument: s.instrument,
    nature: s.nature,
    planned: s.planned,
    legalBasis: s.legalBasis,
    executor: s.executor,
    recipients: s.recipients,
    begrotingsartikel: s.begrotingsartikel,
    startYear: s.startYear,
    endYear: s.endYear,
    spendUntil: s.spendUntil,
    cofinancingPct: pct(s.cofinancingBp),
    cofinancingBasis: s.cofinancingBasis,
    rijksSharePct: pct(s.rijksShareBp),
    carryOverPct: pct(s.carryOverBp),
    sisaRequired: s.sisaRequired,
    defaultTaakveld: s.defaultTaakveld,
    url: s.url,
    notes: s.notes,
    provenance: s.provenance,
    windows: s.windows,
    spendDeadlines: s.spendDeadlines,
    nationalAmounts: s.nationalAmounts,
    extra: s.extra,
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/schemes',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'List the scheme catalogue',
        querystring: SchemeQuery,
        response: { 200: ListOf(SchemeSchema), ...problems(400, 401) },
      },
    },
    async (req) => {
      const { limit = 50, offset = 0, q, ministry, instrument, nature, year, sisaCode } = req.query
      return listSchemes(
        app.db,
        {
          q,
          ministry,
          year,
          sisaCode,
          instrument: instrument === undefined ? undefined : parseEnum(INSTRUMENT, instrument, 'instrument'),
          nature: nature === undefined ? undefined : parseEnum(SCHEME_NATURE, nature, 'nature'),
        },
        limit,
        offset,
      )
    },
  )

  app.get(
    '/api/v1/schemes/:code',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'One scheme with windows, spend-deadline history and planned national amounts',
        params: Type.Object({ code: Type.String({ maxLength: 80 }) }),
        response: { 200: SchemeDetailSchema, ...problems(401, 404) },
      },
    },
    async (req) => {
      const s = getScheme(app.db, req.params.code)
      if (!s) throw notFound(`Regeling ${req.params.code} bestaat niet`)
      return schemeDto(s)
    },
  )
}

export default routes
