// The iCalendar feed of an organisation's deadlines and the revocable feed tokens that open it from a calendar app.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, eq } from 'drizzle-orm'
import { Type } from 'typebox'
import { todayAmsterdam } from '../../db/dates.js'
import { createToken, revokeToken } from '../../db/repositories/users.js'
import { apiTokens } from '../../db/schema.js'
import { feedRange, listDeadlines, readDeadlineSettings } from '../../reports/deadlines.js'
import { renderIcs } from '../../reports/render/ics.js'
import { actorOf, principalOf, requireOrganisation } from '../access.js'
import { notFound } from '../errors.js'
import { problems } from '../schemas/common.js'
import { FeedQuery, FeedTokenBody, FeedTokenSchema } from '../schemas/deadlines.js'

const CodeParam = Type.Object({ code: Type.String({ maxLength: 8 }) })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/organisations/:code/deadlines.ics',
    {
      schema: {
        tags: ['deadlines'],
        summary:
          'iCalendar feed of the deadlines of one organisation (all-day events, stable UIDs, a reminder); ' +
          'a feed token may be given as ?token=',
        params: CodeParam,
        querystring: FeedQuery,
        produces: ['text/calendar'],
        response: { 200: Type.String({ description: 'text/calendar (RFC 5545)' }), ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req)
      const what = `Organisatie ${req.params.code}`
      const org = requireOrganisation(req, req.params.code, 'lezer', what)
      // A feed token opens exactly one organisation's calendar.
      if (p.tokenKind === 'feed' && p.feedOrganisationId !== org.id) throw notFound(what)
      const today = todayAmsterdam(app.config.now())
      const dflt = feedRange(today)
      // A 'from' past the default end moves the end along: only a 'to' the caller gave can lie before 'from'.
      const from = req.query.from ?? dflt.from
      const to = req.query.to ?? (from > dflt.to ? undefined : dflt.to)
      const list = listDeadlines(app.db, [org.id], today, { from, to, includeCatalogue: req.query.includeCatalogue })
      const body = renderIcs(list, {
        calendarName: `Woud deadlines ${org.name} (${org.code})`,
        alarmDaysBefore: readDeadlineSettings(app.db).alarmDaysBefore,
        now: app.config.now(),
      })
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="deadlines-${org.code}.ics"`)
        .send(body)
    },
  )

  app.post(
    '/api/v1/organisations/:code/feed-tokens',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Create a revocable feed token for the caller; returns the feed URL with its secret once',
        params: CodeParam,
        body: Type.Optional(FeedTokenBody),
        response: { 201: FeedTokenSchema, ...problems(400, 401, 403, 404) },
      },
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req, reply) => {
      const p = principalOf(req)
      if (p.tokenKind !== 'api') throw notFound(`Organisatie ${req.params.code}`)
      const org = requireOrganisation(req, req.params.code, 'lezer')
      const tok = createToken(app.db, actorOf(req), p.userId, {
        kind: 'feed',
        organisationId: org.id,
        label: req.body?.label ?? `agenda ${org.code}`,
        expiresOn: req.body?.expiresOn ?? null,
      })
      const path = `/api/v1/organisations/${encodeURIComponent(org.code)}/deadlines.ics?token=${encodeURIComponent(tok.token)}`
      return reply.status(201).send({ id: tok.id, url: `${req.protocol}://${req.host}${path}`, expiresOn: tok.expiresOn })
    },
  )

  app.delete(
    '/api/v1/organisations/:code/feed-tokens/:id',
    {
      schema: {
        tags: ['deadlines'],
        summary: "Revoke one of the caller's feed tokens",
        params: Type.Object({ code: Type.String({ maxLength: 8 }), id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      const p = principalOf(req)
      const org = requireOrganisation(req, req.params.code, 'lezer')
      const tok = app.db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.id, req.params.id), eq(apiTokens.kind, 'feed'), eq(apiTokens.organisationId, org.id)))
        .get()
      if (!tok || (tok.userId !== p.userId && !p.isAdmin) || tok.revokedAt) throw notFound(`Feedtoken ${req.params.id}`)
      revokeToken(app.db, actorOf(req), tok.id)
      return reply.status(204).send(null)
    },
  )
}

export default routes
