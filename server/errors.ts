// RFC 9457 problem details: one error type for the whole API, one handler that never leaks internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError, isBusyError } from '../db/errors.js'

export interface ProblemItem {
  field?: string
  sheet?: string | null
  row?: number
  column?: string
  message: string
}

export class Problem extends Error {
  constructor(
    public status: number,
    public title: string,
    public detail?: string,
    public errors?: ProblemItem[],
    public extra?: Record<string, unknown>,
  ) {
    super(detail ?? title)
  }
}

export const notFound = (what: string) => new Problem(404, 'Niet gevonden', `${what} bestaat niet`)
export const badRequest = (detail: string, errors?: ProblemItem[]) => new Problem(400, 'Ongeldige invoer', detail, errors)
export const conflict = (detail: string, extra?: Record<string, unknown>) => new Problem(409, 'Conflict', detail, undefined, extra)

const TYPE_BASE = 'https://woud.invalid/problems/'

function send(reply: FastifyReply, req: FastifyRequest, p: Problem) {
  if (p.status === 503) void reply.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS))
  const body: Record<string, unknown> = {
    type: TYPE_BASE + slug(p.status),
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: req.url.split('?')[0].replace(/woudf?_[A-Za-z0-9_-]{8,}/g, '[verborgen]'),
    ...(p.errors ? { errors: p.errors } : {}),
    ...(p.extra ?? {}),
  }
  return reply.status(p.status).type('application/problem+json; charset=utf-8').send(body)
}

function slug(status: number): string {
  return (
    (
      {
        400: 'validation',
        401: 'unauthorized',
        403: 'forbidden',
        404: 'not-found',
        409: 'conflict',
        412: 'precondition-failed',
        413: 'too-large',
        415: 'unsupported-media-type',
        422: 'rejected',
        428: 'precondition-required',
        429: 'rate-limited',
        503: 'busy',
      } as Record<number, string>
    )[status] ?? 'error'
  )
}

const BUSY_RETRY_AFTER_SECONDS = 2

/**
 * Where a domain error's field lives in the request: repositories name a field ('to', 'title'); the API names
 * it as the schema errors do ('querystring.to', 'body.title'), so every 400 reads alike.
 */
function located(errors: DomainError['errors'], req?: FastifyRequest): DomainError['errors'] {
  if (!req) return errors
  const has = (o: unknown, k: string) => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, k)
  const readOnly = req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE'
  return errors.map((x) => {
    if (!x.field || x.field.includes('.')) return x
    const root = x.field.split(/[[.]/)[0]
    const where = has(req.query, root)
      ? 'querystring'
      : has(req.params, root)
        ? 'params'
        : has(req.body, root) || !readOnly
          ? 'body'
          : 'querystring'
    return { ...x, field: `${where}.${x.field}` }
  })
}

/** The one mapping from domain error kinds to problem responses. */
export function domainProblem(e: DomainError, req?: FastifyRequest): Problem {
  const errors = e.errors.length ? located(e.errors, req) : undefined
  switch (e.kind) {
    case 'invalid':
      return new Problem(400, 'Ongeldige invoer', e.message, errors, e.extra)
    case 'not-found':
      return new Problem(404, 'Niet gevonden', e.message, errors, e.extra)
    case 'conflict':
      return new Problem(409, 'Conflict', e.message, errors, e.extra)
    case 'stale':
      return new Problem(412, 'Verouderde versie', e.message, errors, e.extra)
    case 'busy':
      return new Problem(503, 'Even bezet', e.message, errors, { ...e.extra, retryAfter: BUSY_RETRY_AFTER_SECONDS })
  }
}

function busyError(): DomainError {
  return new DomainError('busy', 'De database is even bezet door een andere schrijfactie. Probeer het zo opnieuw.')
}

/** SQLite constraint failures that a request can cause: a 409, without the driver's text. */
function constraintProblem(err: { code?: string; message?: string }): Problem | undefined {
  if (!err.code?.startsWith('SQLITE_CONSTRAINT')) return undefined
  const kind =
    err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
      ? 'bestaat al'
      : err.code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
        ? 'verwijst naar iets dat niet bestaat, of wordt nog gebruikt'
        : err.code === 'SQLITE_CONSTRAINT_CHECK'
          ? 'voldoet niet aan een regel (bedrag, datum of percentage buiten bereik)'
          : 'is in strijd met de gegevensregels'
  return new Problem(409, 'Conflict met bestaande gegevens', `De wijziging ${kind}.`)
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { code?: string }, req, reply) => {
    if (err instanceof Problem) return send(reply, req, err)
    if (err instanceof DomainError) return send(reply, req, domainProblem(err, req))
    if (isBusyError(err)) return send(reply, req, domainProblem(busyError()))
    if (err.validation) {
      return send(
        reply,
        req,
        badRequest('De invoer voldoet niet aan het schema.', schemaItems(err.validation, err.validationContext ?? 'body')),
      )
    }
    const c = constraintProblem(err)
    if (c) return send(reply, req, c)
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (err instanceof SyntaxError && err.statusCode === 400)
    ) {
      return send(reply, req, badRequest('De body is geen geldige JSON.'))
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) {
      return send(reply, req, new Problem(413, 'Te groot', 'Het verzoek of bestand is groter dan toegestaan.'))
    }
    if (err.statusCode === 429) return send(reply, req, new Problem(429, 'Te veel verzoeken', 'Probeer het later opnieuw.'))
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, req, new Problem(err.statusCode, 'Ongeldig verzoek', 'Het verzoek kon niet worden verwerkt.'))
    }
    req.log.error({ err }, 'unhandled error')
    return send(reply, req, new Problem(500, 'Interne fout', 'Er ging iets mis aan onze kant. De fout is gelogd.'))
  })
  // The path is echoed without anything that looks like a token (someone may paste one into a URL).
  app.setNotFoundHandler((req, reply) =>
    send(reply, req, notFound(`${req.method} ${req.url.split('?')[0].replace(/woudf?_[A-Za-z0-9_-]{8,}/g, '[verborgen]')}`)),
  )
}

/** A schema validator's errors (ajv's, or TypeBox's Value.Errors for a file the CLI reads) as Dutch items naming the field. */
export function schemaItems(
  validation: Iterable<{ keyword: string; instancePath?: string; params: Record<string, unknown>; message?: string }>,
  where: string,
): ProblemItem[] {
  const all = [...validation]
  // A union (Nullable, enums of literals) fails once per branch; the 'anyOf' entry says it for all of them.
  const unions = new Set(all.filter((v) => v.keyword === 'anyOf').map((v) => v.instancePath))
  const seen = new Set<string>()
  return all
    .filter((v) => v.keyword === 'anyOf' || !unions.has(v.instancePath))
    .map((v) => {
      const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.')
      const prop = v.params as { additionalProperty?: string; missingProperty?: string }
      const field = [where, path, prop.additionalProperty ?? prop.missingProperty].filter(Boolean).join('.')
      return { field, message: dutchMessage(v) }
    })
    .filter((e) => !seen.has(e.field + e.message) && seen.add(e.field + e.message))
}

/** ajv's messages in Dutch, for the keywords our schemas use. */
function dutchMessage(v: { keyword: string; params: Record<string, unknown>; message?: string }): string {
  const p = v.params
  switch (v.keyword) {
    case 'additionalProperties':
    case 'boolean': // TypeBox: a property that additionalProperties: false forbids
      return 'onbekend veld'
    case 'required':
      return 'verplicht veld ontbreekt'
    case 'type':
      return `moet ${({ integer: 'een geheel getal', number: 'een getal', string: 'tekst', boolean: 'true of false', object: 'een object', array: 'een lijst', null: 'leeg (null)' } as Record<string, string>)[String(p.type).split(',')[0]] ?? String(p.type)} zijn`
    case 'format':
      return p.format === 'date' ? 'moet een bestaande datum zijn (jjjj-mm-dd)' : `moet het formaat ${String(p.format)} hebben`
    case 'minimum':
      return `moet minstens ${String(p.limit)} zijn`
    case 'maximum':
      return `mag hoogstens ${String(p.limit)} zijn`
    case 'exclusiveMinimum':
      return `moet groter zijn dan ${String(p.limit)}`
    case 'minLength':
      return Number(p.limit) === 1 ? 'mag niet leeg zijn' : `moet minstens ${String(p.limit)} tekens hebben`
    case 'maxLength':
      return `mag hoogstens ${String(p.limit)} tekens hebben`
    case 'pattern':
      return 'heeft niet de verwachte vorm'
    case 'minItems':
      return `moet minstens ${String(p.limit)} elementen hebben`
    case 'maxItems':
      return `mag hoogstens ${String(p.limit)} elementen hebben`
    case 'enum':
      return Array.isArray(p.allowedValues)
        ? `is geen toegestane waarde; toegestaan: ${p.allowedValues.filter((a) => a !== null).join(', ')}`
        : 'is geen toegestane waarde'
    case 'anyOf':
    case 'const':
      return 'is geen toegestane waarde'
    default:
      return v.message ?? 'ongeldig'
  }
}
