// Bearer-token authentication for every /api/v1 route; /healthz, /openapi.json and /docs stay open.
// Calendar feeds also accept a feed token in the URL (?token=), because calendar clients cannot send headers.
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { todayAmsterdam } from '../../db/dates.js'
import { principalForToken } from '../../db/repositories/users.js'
import { Problem } from '../errors.js'

const FEED_ROUTE = /^\/api\/v1\/organisations\/[^/]+\/deadlines\.ics$/

async function auth(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]
    if (!path.startsWith('/api/')) return
    const header = req.headers.authorization
    const isFeed = FEED_ROUTE.test(path)
    let token: string | undefined
    if (header !== undefined) token = /^Bearer ([A-Za-z0-9_\-.~+/=]{10,200})$/.exec(header)?.[1]
    else if (isFeed) {
      const q = req.query as Record<string, unknown>
      token = typeof q.token === 'string' ? q.token : undefined
    }
    const principal = token ? principalForToken(app.db, token, todayAmsterdam(app.config.now())) : undefined
    // API tokens travel in the header; feed tokens only in a feed URL, and they open nothing else.
    const expectedKind = header !== undefined ? 'api' : 'feed'
    if (!principal || principal.tokenKind !== expectedKind) {
      req.log.warn({ path, reason: token ? 'invalid token' : 'no token' }, 'authentication failed')
      throw new Problem(401, 'Niet aangemeld', 'Een geldig token is nodig.')
    }
    req.principal = principal
  })
}

export default fp(auth, { name: 'woud-auth' })
