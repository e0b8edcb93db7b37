// Deadlines (contract §4): the list with filters, custom deadlines on a grant, marking any deadline done; the feed lives in deadlines-feed.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { nowInstant, todayAmsterdam } from '../../db/dates.js'
import { createCustomDeadline, DeadlineInputError, markDeadlineDone, reopenDeadline } from '../../db/repositories/deadlines.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { grants, organisations } from '../../db/schema.js'
import { DeadlineQueryError, findDeadline, listDeadlines, organisationOfKey, type Deadline } from '../../reports/deadlines.js'
import { eq } from 'drizzle-orm'
import { actorOf, organisationScope, requireOrganisation, requireOrgRole, visibleOrganisationIds } from '../access.js'
import { badRequest, notFound } from '../errors.js'
import { ListOf, problems } from '../schemas/common.js'
import { CustomDeadlineBody, DeadlineQuery, DeadlineSchema, DoneBody } from '../schemas/deadlines.js'
import feedRoutes from './deadlines-feed.js'

const KeyParam = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'stable key or custom deadline id' }) })

export const dto = ({ organisationId: _o, ...d }: Deadline) => d

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => todayAmsterdam(app.config.now())

  app.get('/api/v1/deadlines', {
    schema: { tags: ['deadlines'], summary: 'Deadlines (derived and custom) with effective date, state and urgency, sorted by date', querystring: DeadlineQuery, response: { 200: ListOf(DeadlineSchema), ...problems(400, 401, 404) } },
  }, async (req) => {
    const { org, limit = 50, offset = 0, grant, scheme, ...q } = req.query
    const scope = organisationScope(req, org)
    const ids = scope === 'all' ? app.db.select({ id: organisations.id }).from(organisations).all().map((r) => r.id) : scope
    try {
      const all = listDeadlines(app.db, ids, today(), { ...q, grantId: grant, schemeCode: scheme })
      return { items: all.slice(offset, offset + limit).map(dto), total: all.length }
    } catch (e) {
      if (e instanceof DeadlineQueryError) throw badRequest(e.message, [{ field: 'querystring.from', message: e.message }])
      throw e
    }
  })

  app.post('/api/v1/grants/:id/deadlines', {
    schema: { tags: ['deadlines'], summary: 'Add a custom deadline to a grant (e.g. an interim report)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: CustomDeadlineBody, response: { 201: DeadlineSchema, ...problems(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const g = app.db.select({ organisationId: grants.organisationId }).from(grants).where(eq(grants.id, req.params.id)).get()
    if (!g) throw notFound(`Subsidie ${req.params.id}`)
    requireOrgRole(req, g.organisationId, 'medewerker', `Subsidie ${req.params.id}`)
    try {
      const row = createCustomDeadline(app.db, actorOf(req), req.params.id, req.body)
      return reply.status(201).send(dto(findDeadline(app.db, row.organisationId, `custom:${row.id}`, today())!))
    } catch (e) {
      if (e instanceof DeadlineInputError) throw badRequest('De deadline is ongeldig.', e.errors.map((x) => ({ field: `body.${x.field}`, message: x.message })))
      throw e
    }
  })

  const doneResponse = { 200: DeadlineSchema, ...problems(400, 401, 403, 404) }
  // The body is optional: a bare POST without content type must not fail validation as 'not an object'.
  const emptyBody = async (req: FastifyRequest) => { req.body ??= {} }

  app.post('/api/v1/deadlines/:id/done', {
    schema: { tags: ['deadlines'], summary: 'Mark any deadline done (who, when); marking it again keeps the first completion', params: KeyParam, body: Type.Optional(DoneBody), response: doneResponse },
    preValidation: emptyBody,
  }, async (req) => {
    const { orgId, key, d } = resolve(req, req.params.id, req.body?.org)
    const at = nowInstant(app.config.now())
    markDeadlineDone(app.db, actorOf(req), orgId, d.id, { at, note: req.body?.note ?? null })
    return dto(findDeadline(app.db, orgId, key, today())!)
  })

  app.delete('/api/v1/deadlines/:id/done', {
    schema: { tags: ['deadlines'], summary: 'Reopen a deadline that was marked done', params: KeyParam, body: Type.Optional(DoneBody), response: doneResponse },
    preValidation: emptyBody,
  }, async (req) => {
    const { orgId, key, d } = resolve(req, req.params.id, req.body?.org)
    reopenDeadline(app.db, actorOf(req), orgId, d.id)
    return dto(findDeadline(app.db, orgId, key, today())!)
  })

  /** The organisation and deadline a key names; another organisation's deadline is a 404 like an unknown one. */
  function resolve(req: FastifyRequest, key: string, orgCode: string | undefined): { orgId: number; key: string; d: Deadline } {
    const what = `Deadline ${key}`
    const fromKey = organisationOfKey(app.db, key)
    if (fromKey === null) throw notFound(what)
    let orgId: number
    if (fromKey !== undefined) {
      if (orgCode && findOrganisation(app.db, orgCode)?.id !== fromKey) throw notFound(what)
      orgId = fromKey
    } else if (orgCode) orgId = requireOrganisation(req, orgCode, 'medewerker', what).id
    else {
      const visible = visibleOrganisationIds(req, 'medewerker')
      if (visible === 'all' || visible.length !== 1) throw badRequest('Deze deadline hoort bij een regeling: geef de organisatie op (org).', [{ field: 'body.org', message: 'verplicht voor deze deadline' }])
      orgId = visible[0]
    }
    requireOrgRole(req, orgId, 'medewerker', what)
    const d = findDeadline(app.db, orgId, key, today())
    if (!d) throw notFound(what)
    return { orgId, key, d }
  }

  await app.register(feedRoutes)
}

export default routes
