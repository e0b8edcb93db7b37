// The request context of a web page (who, which organisation, which role, CSRF token) and webRoute(), the one way
// to declare a page: it signs the user in or sends them to /aanmelden, checks the role, renders the JSX it returns.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import { isValidElement, type VNode } from 'preact'
import { render } from 'preact-render-to-string'
import type { Actor } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import { todayAmsterdam } from '../../db/dates.js'
import type { OrganisationRow } from '../../db/repositories/organisations.js'
import type { WebSession } from '../../db/repositories/sessions.js'
import { roleRank, type Role } from '../../db/repositories/users.js'
import { roleIn } from '../access.js'
import { Problem } from '../errors.js'

export interface OrgChoice {
  id: number
  code: string
  name: string
  role: Role
}

/** Everything a page needs to know about the request; built once per request by the web plugin. */
export interface WebContext {
  req: FastifyRequest
  reply: FastifyReply
  db: Db
  session: WebSession
  /** The organisation the user works in now; null when the user has no organisation at all. */
  org: OrganisationRow | null
  /** The user's role in `org` (an operator counts as beheerder). */
  role: Role | null
  /** Organisations the user may switch to, for the switcher. */
  orgs: OrgChoice[]
  actor: Actor
  csrf: string
  today: string
  now: Date
  /** True for an htmx request (HX-Request header): answer with a fragment instead of a whole page. */
  htmx: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    web?: WebContext
  }
}

export type Form = Record<string, string | string[] | undefined>

export interface WebRouteOptions {
  /** Minimum role in the current organisation; default 'lezer'. */
  role?: Role
  /** A page that needs a current organisation (most do); default true. */
  needsOrg?: boolean
}

/** What a handler returns: JSX (a whole page when its root is <Layout>, else a fragment), or the reply it already used. */
export type WebResult = VNode | FastifyReply | string

/** Marks a page component: its output gets the <!DOCTYPE html>. */
export const PAGE_ROOTS = new Set<unknown>()

export function sendHtml(reply: FastifyReply, out: VNode | string, status?: number): FastifyReply {
  const html = typeof out === 'string' ? out : render(out)
  // A whole document (rendered through <Layout>, possibly inside a page component) gets its doctype; a fragment does not.
  const full = typeof out !== 'string' && (PAGE_ROOTS.has(out.type) || html.startsWith('<html'))
  const body = (full ? '<!DOCTYPE html>' : '') + html
  if (status) void reply.status(status)
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body)
}

/**
 * Declare a page route. The handler gets the context of a signed-in user whose role in the current
 * organisation is at least `opts.role`; a visitor without a session is sent to /aanmelden (and back after).
 * POST/PUT/PATCH/DELETE requests are checked for the CSRF token before the handler runs (see plugin.ts).
 */
export function webRoute<P = Record<string, string>, Q = Record<string, string | undefined>>(
  app: FastifyInstance,
  method: HTTPMethods,
  url: string,
  opts: WebRouteOptions,
  handler: (c: WebContext, req: FastifyRequest<{ Params: P; Querystring: Q; Body: Form }>) => WebResult | Promise<WebResult>,
): void {
  app.route({
    method,
    url,
    schema: { hide: true },
    handler: async (req, reply) => {
      const c = req.web
      if (!c) return toSignIn(req, reply)
      if (opts.needsOrg !== false) requireCurrentRole(c, opts.role ?? 'lezer')
      const out = await handler(c, req as FastifyRequest<{ Params: P; Querystring: Q; Body: Form }>)
      if ((out as unknown) === reply || reply.sent) return reply
      return sendHtml(reply, out as VNode | string)
    },
  })
}

/** 403 page when the role in the current organisation is too low; a page explaining it when there is no organisation. */
export function requireCurrentRole(c: WebContext, min: Role): void {
  if (!c.org || !c.role)
    throw new Problem(403, 'Geen organisatie', 'U heeft nog geen rol in een organisatie. Vraag een beheerder om u toe te voegen.')
  if (roleRank(c.role) < roleRank(min)) throw new Problem(403, 'Geen toestemming', `Hiervoor is de rol ${min} nodig.`)
}

/** May the user do what needs `min` in the current organisation? (To show or hide buttons; the POST checks again.) */
export const can = (c: WebContext, min: Role): boolean => !!c.role && roleRank(c.role) >= roleRank(min)

/** The role of the user in another organisation (for a grant of another organisation the user also works for). */
export function roleInOrg(c: WebContext, organisationId: number): Role | undefined {
  return c.req.principal ? roleIn(c.req.principal, organisationId) : undefined
}

function toSignIn(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const back = req.method === 'GET' ? req.url : '/'
  const target = `/aanmelden${back && back !== '/' ? `?terug=${encodeURIComponent(back)}` : ''}`
  // htmx follows HX-Redirect with a full page load instead of swapping the sign-in page into a fragment.
  if (req.headers['hx-request']) return reply.header('hx-redirect', target).status(401).send('')
  return reply.redirect(target, 303)
}

/** A local path to return to after signing in; anything else (another origin, //host) becomes '/'. */
export function safeReturnPath(v: unknown): string {
  return typeof v === 'string' && /^\/(?![/\\])[^\s]*$/.test(v) && !v.startsWith('/aanmelden') ? v : '/'
}

export const todayOf = (now: Date) => todayAmsterdam(now)
export const isElement = isValidElement
