// Reminders in the API: finance mailbox (beheerder), the caller's own preference, grant followers, the status.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import fp from 'fastify-plugin'
import { eq } from 'drizzle-orm'
import { todayAmsterdam } from '../../db/dates.js'
import { getMailbox, getPreferences, listFollowers, setFollowers, setMailbox, setPreferences } from '../../db/repositories/reminders.js'
import { grants } from '../../db/schema.js'
import { actorOf, principalOf, requireOrganisation, requireOrgRole } from '../access.js'
import { notFound } from '../errors.js'
import schedule from '../mail/schedule.js'
import { reminderStatus } from '../mail/status.js'
import { problems } from '../schemas/common.js'
import {
  CodeParam,
  FollowersBody,
  FollowersSchema,
  GrantParam,
  MailboxBody,
  MailboxSchema,
  PreferenceBody,
  PreferenceSchema,
  StatusSchema,
} from '../schemas/reminders.js'

const tags = ['reminders']

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(schedule)

  app.get(
    '/api/v1/organisations/:code/reminders',
    {
      schema: {
        tags,
        summary: 'The finance mailbox of an organisation and what it receives',
        params: CodeParam,
        response: { 200: MailboxSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const org = requireOrganisation(req, req.params.code, 'lezer')
      const box = getMailbox(app.db, org.id)
      return { organisation: org.code, financeMailbox: box.email, financeMode: box.mode }
    },
  )

  app.put(
    '/api/v1/organisations/:code/reminders',
    {
      schema: {
        tags,
        summary: 'Set or remove the finance mailbox (beheerder)',
        params: CodeParam,
        body: MailboxBody,
        response: { 200: MailboxSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const org = requireOrganisation(req, req.params.code, 'beheerder')
      const box = setMailbox(app.db, actorOf(req), org.id, { email: req.body.financeMailbox, mode: req.body.financeMode })
      return { organisation: org.code, financeMailbox: box.email, financeMode: box.mode }
    },
  )

  app.get(
    '/api/v1/organisations/:code/reminders/preference',
    {
      schema: {
        tags,
        summary: "The caller's own reminder preference in this organisation",
        params: CodeParam,
        response: { 200: PreferenceSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const org = requireOrganisation(req, req.params.code, 'lezer')
      const p = getPreferences(app.db, principalOf(req).userId, org.id)
      return { organisation: org.code, mode: p.mode, isDefault: p.isDefault }
    },
  )

  app.put(
    '/api/v1/organisations/:code/reminders/preference',
    {
      schema: {
        tags,
        summary: "Set the caller's own reminder preference in this organisation",
        params: CodeParam,
        body: PreferenceBody,
        response: { 200: PreferenceSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const org = requireOrganisation(req, req.params.code, 'lezer')
      const p = setPreferences(app.db, actorOf(req), principalOf(req).userId, org.id, req.body.mode)
      return { organisation: org.code, mode: p.mode, isDefault: p.isDefault }
    },
  )

  app.get(
    '/api/v1/organisations/:code/reminders/status',
    {
      schema: {
        tags,
        summary: "Today's reminders, undelivered ones with their error, owners who receive nothing (controller)",
        params: CodeParam,
        response: { 200: StatusSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const org = requireOrganisation(req, req.params.code, 'controller')
      const sched = app.reminderScheduler
      const lastError = sched.lastRun?.error ? [`laatste run mislukt: ${sched.lastRun.error}`] : []
      const s = reminderStatus(app.db, [org.id], todayAmsterdam(app.config.now()), app.config.mail, [...sched.problems, ...lastError])
      const { organisations, ...rest } = s
      return { ...rest, ...organisations[0] }
    },
  )

  const grantOrg = (id: number) => {
    const g = app.db.select({ organisationId: grants.organisationId, owner: grants.owner }).from(grants).where(eq(grants.id, id)).get()
    if (!g) throw notFound(`Subsidie ${id}`)
    return g
  }

  app.get(
    '/api/v1/grants/:id/followers',
    {
      schema: {
        tags,
        summary: 'Owner and followers of a grant: who receives its reminders',
        params: GrantParam,
        response: { 200: FollowersSchema, ...problems(401, 403, 404) },
      },
    },
    async (req) => {
      const g = grantOrg(req.params.id)
      requireOrgRole(req, g.organisationId, 'lezer', `Subsidie ${req.params.id}`)
      return { grant: req.params.id, owner: g.owner, followers: listFollowers(app.db, req.params.id) }
    },
  )

  app.put(
    '/api/v1/grants/:id/followers',
    {
      schema: {
        tags,
        summary: 'Replace the followers of a grant (users of its organisation)',
        params: GrantParam,
        body: FollowersBody,
        response: { 200: FollowersSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const g = grantOrg(req.params.id)
      requireOrgRole(req, g.organisationId, 'medewerker', `Subsidie ${req.params.id}`)
      const followers = setFollowers(app.db, actorOf(req), req.params.id, req.body.followers)
      return { grant: req.params.id, owner: g.owner, followers }
    },
  )
}

// fastify-plugin: the scheduler's decoration and hooks belong to the whole app, so closing the app stops the timer.
export default fp(routes, { name: 'woud-reminders' })
