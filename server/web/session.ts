// The browser session on each request: cookie -> web_sessions row -> principal (the same roles and organisation
// scoping as a bearer token) -> WebContext. Also the CSRF check of every state-changing request.
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { findSession, setSessionOrganisation, SESSION_ABSOLUTE_MS, type WebSession } from '../../db/repositories/sessions.js'
import { roleRank, type Principal, type Role } from '../../db/repositories/users.js'
import { Problem } from '../errors.js'
import { todayOf, type OrgChoice, type WebContext } from './context.js'

export const SESSION_COOKIE = 'woud_sessie'
/** Double-submit token of the sign-in form, before a session (and its CSRF token) exists. */
export const PRE_SESSION_COOKIE = 'woud_aanmelden'

export function cookieOptions(req: FastifyRequest, maxAgeMs: number = SESSION_ABSOLUTE_MS) {
  // Secure whenever the browser reached us over HTTPS (directly or, with TRUST_PROXY, through a proxy).
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https', maxAge: Math.floor(maxAgeMs / 1000) }
}

function organisationsOf(app: FastifyInstance, s: WebSession): { roles: Map<number, Role>; orgs: OrgChoice[] } {
  const db = app.db.$client
  const rows = (
    s.isAdmin
      ? db.prepare(`SELECT o.id, o.code, o.name, 'beheerder' AS role FROM organisations o ORDER BY o.name, o.code`).all()
      : db
          .prepare(
            `SELECT o.id, o.code, o.name, r.role FROM user_roles r JOIN organisations o ON o.id = r.organisation_id
        WHERE r.user_id = ? ORDER BY o.name, o.code`,
          )
          .all(s.userId)
  ) as OrgChoice[]
  const roles = new Map<number, Role>()
  if (!s.isAdmin) for (const o of rows) roles.set(o.id, o.role)
  return { roles, orgs: rows }
}

/** Builds req.web and req.principal from the session cookie; leaves both unset for a visitor. */
export async function loadSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const secret = req.cookies[SESSION_COOKIE]
  if (!secret) return
  const now = app.config.now()
  const s = findSession(app.db, secret, now)
  if (!s) {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return
  }
  const { roles, orgs } = organisationsOf(app, s)
  // Without a choice yet, start in the organisation where the user may do the most.
  const current =
    orgs.find((o) => o.id === s.organisationId) ??
    orgs.reduce<OrgChoice | undefined>((best, o) => (!best || roleRank(o.role) > roleRank(best.role) ? o : best), undefined)
  if (current && current.id !== s.organisationId) setSessionOrganisation(app.db, s.id, current.id)
  const principal: Principal = {
    userId: s.userId,
    email: s.email,
    isAdmin: s.isAdmin,
    roles,
    tokenId: 0,
    tokenKind: 'api',
    feedOrganisationId: null,
  }
  req.principal = principal
  const org = current ? (findOrganisation(app.db, current.code) ?? null) : null
  req.web = {
    req,
    reply,
    db: app.db,
    session: { ...s, organisationId: current?.id ?? null },
    org,
    role: current?.role ?? null,
    orgs,
    actor: { actor: s.email, source: 'web' },
    csrf: s.csrfToken,
    today: todayOf(now),
    now,
    htmx: req.headers['hx-request'] === 'true',
  } satisfies WebContext
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Every state-changing request carries the session's CSRF token: the hidden `_csrf` field of a form, the
 * X-CSRF-Token header htmx sends (hx-headers on <body>), or `?_csrf=` for a multipart upload (whose body is read
 * later by the handler). A cross-origin Origin header is refused as well (defence in depth next to SameSite=Lax).
 */
export function checkCsrf(req: FastifyRequest, expected: string | undefined): void {
  if (SAFE.has(req.method)) return
  const origin = req.headers.origin
  if (origin && origin !== 'null' && origin !== `${req.protocol}://${req.host}`) throw csrfProblem()
  if (!expected) throw csrfProblem()
  const body = req.body as Record<string, unknown> | undefined
  const q = req.query as Record<string, unknown> | undefined
  const given = req.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined) ?? q?._csrf
  if (!sameToken(given, expected)) throw csrfProblem()
}

const csrfProblem = () =>
  new Problem(403, 'Formulier verlopen', 'Het formulier is verlopen of kwam niet van Woud. Laad de pagina opnieuw en probeer het nog eens.')
