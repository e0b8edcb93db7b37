// User administration (beheerders for their organisations, operators for all) and a user's own tokens.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { todayAmsterdam } from '../../db/dates.js'
import { listTokens } from '../../db/repositories/users.js'
import { organisations } from '../../db/schema.js'
import { actorOf, principalOf } from '../access.js'
import { createOwnToken, feedUrl, revokeOwnToken } from '../own-tokens.js'
import { createManagedUser, listManagedUsers, managedUser, setManagedDisabled, setManagedRole } from '../user-admin.js'
import { ListOf, problems } from '../schemas/common.js'
import {
  AdminUserSchema,
  CreatedOwnTokenSchema,
  MeSchema,
  NewOwnTokenBody,
  NewUserBody,
  OwnTokenSchema,
  RoleBody,
  UserIdParam,
  UserListQuery,
  UserOrgParam,
} from '../schemas/users.js'

const tags = ['users']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Users with roles in organisations the caller manages (beheerder), or all (operator)',
        querystring: UserListQuery,
        response: { 200: ListOf(AdminUserSchema), ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const all = listManagedUsers(app.db, principalOf(req), req.query.org)
      const { limit = 50, offset = 0 } = req.query
      return { items: all.slice(offset, offset + limit), total: all.length }
    },
  )

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user with roles in organisations the caller manages; isAdmin by operators only',
        body: NewUserBody,
        response: { 201: AdminUserSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(createManagedUser(app.db, principalOf(req), actorOf(req), req.body)),
  )

  app.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'One user the caller manages',
        params: UserIdParam,
        response: { 200: AdminUserSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => managedUser(app.db, principalOf(req), req.params.id),
  )

  app.put(
    '/api/v1/users/:id/roles/:org',
    {
      schema: {
        tags,
        summary: "Give or change a user's role in one organisation the caller manages (not the caller's own)",
        params: UserOrgParam,
        body: RoleBody,
        response: { 200: AdminUserSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => setManagedRole(app.db, principalOf(req), actorOf(req), req.params.id, req.params.org, req.body.role)!,
  )

  app.delete(
    '/api/v1/users/:id/roles/:org',
    {
      schema: {
        tags,
        summary: "Remove a user's role in one organisation the caller manages",
        params: UserOrgParam,
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      setManagedRole(app.db, principalOf(req), actorOf(req), req.params.id, req.params.org, null)
      return reply.status(204).send(null)
    },
  )

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${action}`,
      {
        schema: {
          tags,
          summary: disabled
            ? 'Disable a user: sign-in, sessions and tokens stop at once (a beheerder only for users of their own organisations only)'
            : 'Enable a disabled user again (tokens that were not revoked work again)',
          params: UserIdParam,
          response: { 200: AdminUserSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => setManagedDisabled(app.db, principalOf(req), actorOf(req), req.params.id, disabled, app.config.now()),
    )
  }

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'The caller: e-mail, operator flag and roles per organisation',
        response: { 200: MeSchema, ...problems(401) },
      },
    },
    async (req) => {
      const p = principalOf(req)
      const codes = new Map(
        app.db
          .select({ id: organisations.id, code: organisations.code })
          .from(organisations)
          .all()
          .map((o) => [o.id, o.code]),
      )
      const roles = [...p.roles]
        .map(([id, role]) => ({ organisation: codes.get(id)!, role }))
        .sort((a, b) => a.organisation.localeCompare(b.organisation))
      return { id: p.userId, email: p.email, isAdmin: p.isAdmin, roles }
    },
  )

  app.get(
    '/api/v1/me/tokens',
    {
      schema: {
        tags,
        summary: "The caller's API and feed tokens, without secrets",
        response: { 200: ListOf(OwnTokenSchema), ...problems(401) },
      },
    },
    async (req) => {
      const items = listTokens(app.db, principalOf(req).userId)
      return { items, total: items.length }
    },
  )

  app.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (or a feed token for one organisation) for the caller; the secret is returned once',
        body: NewOwnTokenBody,
        response: { 201: CreatedOwnTokenSchema, ...problems(400, 401, 404) },
      },
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req, reply) => {
      const b = req.body
      const tok = createOwnToken(
        app.db,
        principalOf(req),
        actorOf(req),
        { kind: b.kind ?? 'api', label: b.label, expiresOn: b.expiresOn, organisation: b.organisation },
        todayAmsterdam(app.config.now()),
      )
      const url = tok.organisation ? feedUrl(`${req.protocol}://${req.host}`, tok.organisation, tok.token) : null
      return reply.status(201).send({
        id: tok.id,
        kind: b.kind ?? 'api',
        token: tok.token,
        expiresOn: tok.expiresOn,
        organisation: tok.organisation,
        feedUrl: url,
      })
    },
  )

  app.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags,
        summary: "Revoke one of the caller's tokens (a token may revoke itself)",
        params: UserIdParam,
        response: { 204: Type.Null(), ...problems(401, 404) },
      },
    },
    async (req, reply) => {
      revokeOwnToken(app.db, principalOf(req), actorOf(req), req.params.id)
      return reply.status(204).send(null)
    },
  )
}

export default routes
