// Bearer-token authentication for every /api/ route; /healthz, /openapi.json and /docs stay open.
// Calendar feeds also accept a feed token in the URL (?token=), because calendar clients cannot send headers.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { todayAmsterdam } from '../../db/dates.js'
import { principalForToken } from '../../db/repositories/users.js'
import { requireOrganisation } from '../access.js'
import { Problem } from '../errors.js'
import authThrottle from './rate-limit.js'

const FEED_ROUTE = /^\/api\/v1\/organisations\/[^/]+\/deadlines\.ics$/
// RFC 9110 §11.1: the scheme name is case-insensitive. Our secrets are base64url with a prefix.
const BEARER = /^Bearer +([A-Za-z0-9_\-.~+/=]{10,200}) *$/i

async function auth(app: FastifyInstance): Promise<void> {
  await app.register(authThrottle)
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0]
    if (!path.startsWith('/api/')) return
    const header = req.headers.authorization
    const isFeed = FEED_ROUTE.test(path)
    let token: string | undefined
    if (header !== undefined) token = BEARER.exec(header)?.[1]
    else if (isFeed) {
      const q = req.query as Record<string, unknown>
      token = typeof q.token === 'string' ? q.token : undefined
    }
    const now = app.config.now()
    const principal = token ? principalForToken(app.db, token, todayAmsterdam(now), now.toISOString()) : undefined
    // API tokens travel in the header; feed tokens only in a feed URL, and they open nothing else.
    const expectedKind = header !== undefined ? 'api' : 'feed'
    if (!principal || principal.tokenKind !== expectedKind) {
      // Only a presented credential is a guess; a request without one (a browser, a misconfigured probe) is not counted.
      if (header !== undefined || token !== undefined) app.authThrottle.fail(req.ip, now.getTime())
      // The same answer for a missing, malformed, unknown, expired or revoked token: nothing to learn from it.
      // The log says only whether a token was sent, never the token, its hash or why it was refused.
      req.log.warn({ path, ip: req.ip, reason: token ? 'invalid token' : 'no token' }, 'authentication failed')
      reply.header('www-authenticate', 'Bearer realm="woud"')
      throw new Problem(401, 'Niet aangemeld', 'Een geldig token is nodig.')
    }
    req.principal = principal
  })

  // Organisation codes a caller names in a filter (?org=) or a body (organisation, org) are checked here for
  // every route at once, after validation: a code of an organisation without any role of the caller, or one
  // that does not exist, is a 404 before a handler sees it. Handlers still require the role they need.
  // Operators see every organisation: nothing to hide, so an unknown code is left to the handler's own 400.
  app.addHook('preHandler', async (req) => {
    if (!req.principal || req.principal.isAdmin) return
    for (const code of namedOrganisations(req.query, req.body)) requireOrganisation(req, code, 'lezer')
  })
}

function namedOrganisations(query: unknown, body: unknown): string[] {
  const codes: unknown[] = []
  if (query && typeof query === 'object') codes.push((query as Record<string, unknown>).org)
  if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) {
    const b = body as Record<string, unknown>
    codes.push(b.organisation, b.org)
  }
  return codes.flat().filter((c): c is string => typeof c === 'string' && c !== '')
}

export default fp(auth, { name: 'woud-auth' })
