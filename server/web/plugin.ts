// The web application (issue 11): server-rendered pages in the same Fastify process as the API. This plugin is
// encapsulated (no fastify-plugin): its hooks, CSP and HTML error pages apply to the web routes only, never to /api.
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyError, FastifyInstance } from 'fastify'
import { DomainError } from '../../db/errors.js'
import { domainProblem, Problem } from '../errors.js'
import { sendHtml } from './context.js'
import { assetRoutes } from './assets.js'
import { ErrorPage } from './pages/error.js'
import { registerPages } from './pages/index.js'
import { checkCsrf, loadSession } from './session.js'

/** No inline script or style, nothing from another origin: every asset is served by Woud itself. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

export default async function webPlugin(app: FastifyInstance): Promise<void> {
  await app.register(cookie)
  await app.register(formbody, { bodyLimit: 256 * 1024 })
  await app.register(assetRoutes)

  app.addHook('onRequest', async (req, reply) => {
    void reply.header('content-security-policy', CSP)
    if (req.url.startsWith('/assets/') || isApiPath(req.url)) return
    await loadSession(app, req, reply)
  })
  app.addHook('preHandler', async (req) => {
    // The sign-in form has its own (double-submit) check: there is no session yet.
    if (req.url.split('?')[0] === '/aanmelden') return
    checkCsrf(req, req.web?.csrf)
  })

  app.setErrorHandler((err: FastifyError, req, reply) => {
    // An API path that reached the catch-all below (e.g. refused by the bearer check): the root's JSON problem handler.
    if (isApiPath(req.url)) throw err
    const p =
      err instanceof Problem
        ? err
        : err instanceof DomainError
          ? domainProblem(err)
          : err.statusCode && err.statusCode < 500
            ? new Problem(err.statusCode, 'Ongeldig verzoek', 'Het verzoek kon niet worden verwerkt.')
            : undefined
    if (!p) req.log.error({ err }, 'web page failed')
    const problem = p ?? new Problem(500, 'Er ging iets mis', 'Er ging iets mis aan onze kant. Probeer het later opnieuw.')
    if (problem.status === 503) void reply.header('retry-after', '2')
    return sendHtml(reply, ErrorPage({ c: req.web ?? null, problem }), problem.status)
  })

  await registerPages(app)

  // Any other GET is a page that does not exist: the 404 page in the layout (with the menu when signed in). Paths of the
  // API keep the JSON problem of the root not-found handler; the router prefers every registered route over this one.
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    if (isApiPath(req.url)) return reply.callNotFound()
    throw new Problem(404, 'Niet gevonden')
  })
}

/** The JSON side of the server: /api/…, and the machine-readable documents next to it. */
export const isApiPath = (url: string): boolean => /^\/(api|openapi\.json|healthz)(\/|\?|$)/.test(url)
