// The grant portfolio over HTTP (docs/api.md): list, create, read with ETag, PATCH with If-Match, archive,
// delete (only without history). Lifecycle, years, payments and commitments are in grant-money.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { todayAmsterdam } from '../../db/dates.js'
import { archiveGrant, createGrant, deleteGrant, listGrants, updateGrant } from '../../db/repositories/grants.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { GRANT_STATUS, parseEnumList } from '../../db/enums.js'
import { invalid } from '../../db/errors.js'
import { actorOf, requireOrgRole, visibleOrganisationIds } from '../access.js'
import { problems } from '../schemas/common.js'
import { CreateGrantBody, GrantDetailSchema, GrantList, GrantQuery, PatchGrantBody } from '../schemas/grants.js'
import grantMoneyRoutes from './grant-money.js'
import { grantAccess, grantFor, ifMatchVersion, sendDetail, sendGrant } from './grant-http.js'

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })
/** GrantQuery plus the scheme's ministry (an addition to the contract's org/status/scheme/year filters). */
const GrantListQuery = Type.Object(
  {
    ...GrantQuery.properties,
    ministry: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, description: "the scheme's ministry, as in the catalogue (e.g. OCW); case-insensitive" }),
    ),
  },
  { additionalProperties: false },
)
const tags = ['grants']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const today = () => todayAmsterdam(app.config.now())

  app.get(
    '/api/v1/grants',
    {
      schema: {
        tags,
        summary: 'List grants visible to the caller, with the figures of one budget year',
        querystring: GrantListQuery,
        response: { 200: GrantList, ...problems(400, 401) },
      },
    },
    async (req) => {
      const { limit = 50, offset = 0, sort, org, status, scheme, ministry, year, q, archived } = req.query
      const statuses = status === undefined ? undefined : parseEnumList(GRANT_STATUS, status, 'querystring.status')
      return listGrants(
        app.db,
        {
          organisationIds: visibleOrganisationIds(req),
          orgCode: org,
          status: statuses,
          schemeCode: scheme,
          ministry,
          year,
          q,
          includeArchived: archived,
        },
        { limit, offset, sort, figuresYear: year ?? +today().slice(0, 4) },
      )
    },
  )

  app.post(
    '/api/v1/grants',
    {
      schema: {
        tags,
        summary: 'Create a grant (medewerker)',
        body: CreateGrantBody,
        response: { 201: GrantDetailSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const { organisation, scheme, ...fields } = req.body
      const org = findOrganisation(app.db, organisation)
      if (!org)
        throw invalid(`onbekende organisatie '${organisation}'`, [
          { field: 'body.organisation', message: `organisatie '${organisation}' bestaat niet` },
        ])
      requireOrgRole(req, org.id, 'medewerker', `Organisatie ${organisation}`)
      const row = createGrant(app.db, actorOf(req), { ...fields, organisationId: org.id, schemeCode: scheme }, { today: today() })
      return sendDetail(reply.header('location', `/api/v1/grants/${row.id}`), app.db, row.id, 201)
    },
  )

  app.get(
    '/api/v1/grants/:id',
    {
      schema: {
        tags,
        summary: 'One grant with years, payments, co-financing, beschikkingen and history; sends an ETag',
        params: IdParams,
        response: { 200: GrantDetailSchema, ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      return sendGrant(reply, grantFor(app.db, req, req.params.id, 'lezer'))
    },
  )

  app.patch(
    '/api/v1/grants/:id',
    {
      schema: {
        tags,
        summary: 'Change grant fields; send If-Match with the ETag to make the write conditional (412 when stale)',
        params: IdParams,
        body: PatchGrantBody,
        headers: Type.Object({ 'if-match': Type.Optional(Type.String({ description: 'ETag from GET /api/v1/grants/:id' })) }),
        response: { 200: GrantDetailSchema, ...problems(400, 401, 403, 404, 409, 412) },
      },
    },
    async (req, reply) => {
      grantAccess(app.db, req, req.params.id, 'medewerker')
      // PATCH honours If-Match (412 when stale); without one the write is not conditional (docs/api.md).
      updateGrant(app.db, actorOf(req), req.params.id, req.body, ifMatchVersion(req), { today: today() })
      return sendDetail(reply, app.db, req.params.id)
    },
  )

  for (const [path, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/v1/grants/:id/${path}`,
      {
        schema: {
          tags,
          params: IdParams,
          summary: archived
            ? 'Archive a grant: it leaves default lists and keeps its money and history (If-Match optional)'
            : 'Bring an archived grant back',
          response: { 200: GrantDetailSchema, ...problems(401, 403, 404, 412) },
        },
      },
      async (req, reply) => {
        grantAccess(app.db, req, req.params.id, 'medewerker')
        archiveGrant(app.db, actorOf(req), req.params.id, archived, ifMatchVersion(req))
        return sendDetail(reply, app.db, req.params.id)
      },
    )
  }

  app.delete(
    '/api/v1/grants/:id',
    {
      schema: {
        tags,
        summary: 'Delete a grant created by mistake; refused (409) when it has money or history: archive it instead',
        params: IdParams,
        response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      grantAccess(app.db, req, req.params.id, 'medewerker')
      deleteGrant(app.db, actorOf(req), req.params.id)
      return reply.status(204).send(null)
    },
  )

  await app.register(grantMoneyRoutes)
}

export default routes
