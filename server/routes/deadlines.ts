// Deadlines (docs/api.md): the list with filters, custom deadlines on a grant, marking any deadline done; the feed is in deadlines-feed.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { nowInstant, todayAmsterdam } from '../../db/dates.js'
import { DEADLINE_STATE, parseEnum } from '../../db/enums.js'
import { createCustomDeadline, markDeadlineDone, reopenDeadline } from '../../db/repositories/deadlines.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { organisations } from '../../db/schema.js'
import { findDeadline, listDeadlines, organisationOfKey, type Deadline } from '../../reports/deadlines.js'
import { actorOf, organisationScope, requireOrganisation, requireOrgRole, visibleOrganisationIds } from '../access.js'
import { invalid, notFound } from '../../db/errors.js'
import { ListOf, problems } from '../schemas/common.js'
import { CustomDeadlineBody, DeadlineQuery, DeadlineSchema, DoneBody } from '../schemas/deadlines.js'
import { grantAccess } from './grant-http.js'
import feedRoutes from './deadlines-feed.js'

const KeyParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'stable key or custom deadline id' }) })

/** The API shape of a deadline: plain property writes, no rest/spread. */
export const dto = (d: Deadline) => ({
  id: d.id,
  kind: d.kind,
  title: d.title,
  description: d.description,
  organisation: d.organisation,
  date: d.date,
  nominalDate: d.nominalDate,
  shiftReason: d.shiftReason,
  legalInstrument: d.legalInstrument,
  atwApplies: d.atwApplies,
  basis: d.basis,
  action: d.action,
  custom: d.custom,
  grantId: d.grantId,
  grantTitle: d.grantTitle,
  schemeCode: d.schemeCode,
  schemeName: d.schemeName,
  state: d.state,
  urgency: d.urgency,
  daysLeft: d.daysLeft,
  doneAt: d.doneAt,
  doneBy: d.doneBy,
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => todayAmsterdam(app.config.now())

  app.get(
    '/api/v1/deadlines',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Deadlines (derived and custom) with effective date, state and urgency, sorted by date',
        querystring: DeadlineQuery,
        response: { 200: ListOf(DeadlineSchema), ...problems(400, 401, 404) },
      },
    },
    async (req) => {
      const { org, limit = 50, offset = 0, grant, scheme, state, from, to, kind, includeCatalogue } = req.query
      const scope = organisationScope(req, org)
      const ids =
        scope === 'all'
          ? app.db
              .select({ id: organisations.id })
              .from(organisations)
              .all()
              .map((r) => r.id)
          : scope
      const query = {
        from,
        to,
        kind,
        includeCatalogue,
        grantId: grant,
        schemeCode: scheme,
        state: state === undefined ? undefined : parseEnum(DEADLINE_STATE, state, 'state'),
      }
      // Deadlines are derived (Atw shifts, completions) rather than stored rows, so the page is cut after computing.
      const all = listDeadlines(app.db, ids, today(), query)
      const items = []
      for (let i = offset; i < Math.min(all.length, offset + limit); i++) items.push(dto(all[i]))
      return { items, total: all.length }
    },
  )

  app.post(
    '/api/v1/grants/:id/deadlines',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Add a custom deadline to a grant (e.g. an interim report)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: CustomDeadlineBody,
        response: { 201: DeadlineSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      grantAccess(app.db, req, req.params.id, 'medewerker')
      const row = createCustomDeadline(app.db, actorOf(req), req.params.id, req.body)
      return reply.status(201).send(dto(findDeadline(app.db, row.organisationId, `custom:${row.id}`, today())!))
    },
  )

  const doneResponse = { 200: DeadlineSchema, ...problems(400, 401, 403, 404) }
  // The body is optional: a bare POST without content type must not fail validation as 'not an object'.
  const emptyBody = async (req: FastifyRequest) => {
    req.body ??= {}
  }

  app.post(
    '/api/v1/deadlines/:id/done',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Mark any deadline done (who, when); marking it again keeps the first completion',
        params: KeyParam,
        body: Type.Optional(DoneBody),
        response: doneResponse,
      },
      preValidation: emptyBody,
    },
    async (req) => {
      const { orgId, key, d } = resolve(req, req.params.id, req.body?.org)
      const at = nowInstant(app.config.now())
      markDeadlineDone(app.db, actorOf(req), orgId, d.id, { at, note: req.body?.note ?? null })
      return dto(findDeadline(app.db, orgId, key, today())!)
    },
  )

  app.delete(
    '/api/v1/deadlines/:id/done',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Reopen a deadline that was marked done',
        params: KeyParam,
        body: Type.Optional(DoneBody),
        response: doneResponse,
      },
      preValidation: emptyBody,
    },
    async (req) => {
      const { orgId, key, d } = resolve(req, req.params.id, req.body?.org)
      reopenDeadline(app.db, actorOf(req), orgId, d.id)
      return dto(findDeadline(app.db, orgId, key, today())!)
    },
  )

  /** The organisation and deadline a key names; another organisation's deadline is a 404 like an unknown one. */
  function resolve(req: FastifyRequest, key: string, orgCode: string | undefined): { orgId: number; key: string; d: Deadline } {
    const what = `Deadline ${key}`
    // Not found is a domain outcome (db/errors.ts), mapped once to 404 by server/errors.ts like every other.
    const missing = () => notFound(`${what} bestaat niet`)
    const fromKey = organisationOfKey(app.db, key)
    if (fromKey === null) throw missing()
    let orgId: number
    if (fromKey !== undefined) {
      if (orgCode && findOrganisation(app.db, orgCode)?.id !== fromKey) throw missing()
      orgId = fromKey
    } else if (orgCode) orgId = requireOrganisation(req, orgCode, 'medewerker', what).id
    else {
      const visible = visibleOrganisationIds(req, 'medewerker')
      if (visible === 'all' || visible.length !== 1) {
        throw invalid('Deze deadline hoort bij een regeling: geef de organisatie op (org).', [
          { field: 'body.org', message: 'verplicht voor deze deadline' },
        ])
      }
      orgId = visible[0]
    }
    requireOrgRole(req, orgId, 'medewerker', what)
    const d = findDeadline(app.db, orgId, key, today())
    if (!d) throw missing()
    return { orgId, key, d }
  }

  await app.register(feedRoutes)
}

export default routes
