// Organisations: listed as far as the caller may see them; created by an operator (shared-service beheer).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ORGANISATION_KIND } from '../../db/enums.js'
import { createOrganisation, listOrganisations } from '../../db/repositories/organisations.js'
import { actorOf, principalOf, visibleOrganisationIds } from '../access.js'
import { Problem } from '../errors.js'
import { EnumOf, ListOf, Paging, problems } from '../schemas/common.js'

const OrganisationSchema = Type.Object({
  code: Type.String({ description: 'CBS code, e.g. GM0363' }),
  name: Type.String(),
  kind: Type.String(),
  members: Type.Array(Type.String(), { description: 'member organisations of a gemeenschappelijke regeling' }),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations visible to the caller',
        querystring: Type.Object({ ...Paging }, { additionalProperties: false }),
        response: { 200: ListOf(OrganisationSchema), ...problems(400, 401) },
      },
    },
    async (req) => {
      const { limit = 50, offset = 0 } = req.query
      const ids = visibleOrganisationIds(req)
      return listOrganisations(app.db, limit, offset, ids === 'all' ? undefined : ids)
    },
  )

  app.post(
    '/api/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation (operators only)',
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[A-Za-z]{2}[0-9]{2,6}$', maxLength: 8, description: 'CBS code such as GM0363' }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            kind: Type.Optional(EnumOf(ORGANISATION_KIND)),
            members: Type.Optional(Type.Array(Type.String({ maxLength: 8 }), { maxItems: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: OrganisationSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      if (!principalOf(req).isAdmin)
        throw new Problem(403, 'Geen toestemming', 'Alleen een beheerder van de installatie maakt organisaties aan.')
      const row = createOrganisation(app.db, actorOf(req), req.body)
      return reply.status(201).send({ code: row.code, name: row.name, kind: row.kind, members: req.body.members ?? [] })
    },
  )
}

export default routes
