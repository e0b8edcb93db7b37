// buildApp(config): the whole HTTP face of Woud, built explicitly (no autoload), ready for listen() or inject().
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { openDatabase, type Db } from '../db/client.js'
import type { Config } from './config.js'
import { registerErrorHandling } from './errors.js'
import authPlugin from './plugins/auth.js'
import dbPlugin from './plugins/db.js'
import { ProblemSchema } from './schemas/common.js'
import auditRoutes from './routes/audit.js'
import deadlineRoutes from './routes/deadlines.js'
import grantRoutes from './routes/grants.js'
import importRoutes from './routes/imports.js'
import organisationRoutes from './routes/organisations.js'
import reminderRoutes from './routes/reminders.js'
import reportRoutes from './routes/reports.js'
import schemeRoutes from './routes/schemes.js'
import sisaRoutes from './routes/sisa.js'
import userRoutes from './routes/users.js'
import webPlugin from './web/plugin.js'

export interface BuildOptions {
  /** Use this database instead of opening config.dbPath (tests, CLI). The caller then closes it. */
  db?: Db
  /** Pino logger options, or false. Defaults to the config's level. */
  logger?: boolean | object
}

export const VERSION = '0.1.0'

/** Secrets of Woud tokens wherever they appear in a URL (query string or pasted into a path). */
export const maskTokens = (url: string): string =>
  url.replace(/([?&]token=)[^&]*/g, '$1[verborgen]').replace(/woudf?_[A-Za-z0-9_-]{8,}/g, '[verborgen]')

/**
 * Redaction is applied to every logger, also one a caller passes in: tokens never reach a log line,
 * neither in the Authorization header nor in a feed URL.
 */
function loggerOptions(config: Config, given: BuildOptions['logger']): boolean | object {
  if (given === false) return false
  const base = typeof given === 'object' ? given : { level: config.logLevel }
  return {
    ...base,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[verborgen]' },
    serializers: {
      ...((base as { serializers?: object }).serializers ?? {}),
      req: (req: { method: string; url: string }) => ({ method: req.method, url: maskTokens(req.url) }),
    },
  }
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const db = opts.db ?? openDatabase(config.dbPath)
  const app = Fastify({
    logger: loggerOptions(config, opts.logger) as FastifyServerOptions['logger'],
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: config.bodyMaxBytes,
    // Unknown query parameters and body fields are errors, not silently dropped.
    // strictTypes off: the multipart import body is described for OpenAPI without a `type` (the parts are read
    // from the stream, so there is no parsed body to validate), which ajv would otherwise log at every start.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, strictTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerErrorHandling(app)
  await app.register(dbPlugin, { db, config, ownsDb: !opts.db })
  await app.register(helmet, { contentSecurityPolicy: false })
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 20, fieldSize: 10_000 } })
  app.addSchema(ProblemSchema)
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Woud API',
        version: VERSION,
        description:
          'Specific grants (specifieke uitkeringen) of Dutch municipalities: catalogue, portfolio, deadlines, SiSa, reports. ' +
          'Amounts are integer euro cents in fields ending in Cents; dates are YYYY-MM-DD; errors are RFC 9457 problems.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(authPlugin)

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), schemes: Type.Integer() }) },
      },
    },
    async () => {
      const n = (app.db.$client.prepare('SELECT count(*) AS n FROM schemes').get() as { n: number }).n
      return { status: 'ok' as const, version: VERSION, schemes: n }
    },
  )
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(schemeRoutes)
  await app.register(organisationRoutes)
  await app.register(grantRoutes)
  await app.register(importRoutes)
  await app.register(deadlineRoutes)
  await app.register(sisaRoutes)
  await app.register(reportRoutes)
  await app.register(auditRoutes)
  await app.register(reminderRoutes)
  await app.register(userRoutes)
  await app.register(webPlugin)
  return app
}
