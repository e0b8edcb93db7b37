// Schemas shared by all routes: paging, problems, money and date fields.
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'
import { acceptedValues, type EnumDef } from '../../db/enums.js'

/** A calendar date in input: ajv checks it exists. Output schemas go through `output()`, which drops the check. */
export const IsoDate = (opts: { description?: string } = {}) => Type.String({ format: 'date', ...opts })
export const Cents = (description?: string) => Type.Integer({ minimum: -1e15, maximum: 1e15, ...(description ? { description } : {}) })
export const NonNegCents = (description?: string) => Type.Integer({ minimum: 0, maximum: 1e15, ...(description ? { description } : {}) })
/**
 * T or null, written as `type: [T, 'null']`: fast-json-stringify serialises that without the per-value
 * validation an `anyOf [T, null]` costs (9x JSON.stringify at 5,000 rows, measured); ajv reads it the same way.
 */
export function Nullable<T extends TSchema>(t: T): TUnsafe<Static<T> | null> {
  const { type, enum: values } = t as { type?: unknown; enum?: unknown[] }
  if (typeof type === 'string') {
    return Type.Unsafe<Static<T> | null>({ ...t, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) })
  }
  return Type.Unsafe<Static<T> | null>(Type.Union([t, Type.Null()]))
}

/**
 * A response schema without `format` checks: fast-json-stringify would test every date string. Input schemas
 * keep their formats; the OpenAPI document still says what a field holds in its description.
 */
export function output<T extends TSchema>(t: T): T {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip)
    if (v === null || typeof v !== 'object') return v
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (k !== 'format') out[k] = strip(x)
    return out
  }
  return strip(t) as T
}

/** A body field of an enum: its keys, so ajv's error lists the allowed values. */
export const EnumOf = <K extends string>(e: EnumDef<K>, opts: { description?: string } = {}) =>
  Type.Unsafe<K>({ type: 'string', enum: [...e.keys], ...opts })

/**
 * A query value of an enum: a key or the Dutch word users see ('verlopen'); routes turn it into a key with
 * parseEnum(). A list (comma-separated) is checked by parseEnumList, which also lists the allowed values.
 */
export function EnumQuery<K extends string>(e: EnumDef<K>, list = false, opts: { description?: string; default?: K } = {}) {
  if (list) return Type.String({ maxLength: 400, description: `one value or a comma-separated list of: ${acceptedValues(e).join(', ')}` })
  return Type.Unsafe<string>({ type: 'string', enum: acceptedValues(e), ...opts })
}

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer() })

export const ProblemItemSchema = Type.Object({
  field: Type.Optional(Type.String()),
  sheet: Type.Optional(Nullable(Type.String())),
  row: Type.Optional(Type.Integer()),
  column: Type.Optional(Type.String()),
  message: Type.String(),
})

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(ProblemItemSchema)),
  },
  { additionalProperties: true, $id: 'Problem' },
)

const PROBLEM_TEXT: Record<number, string> = {
  400: 'Invalid input; errors[] names each field',
  401: 'No valid token',
  403: 'The role does not allow this',
  404: 'Not found (or not visible)',
  409: 'Conflicts with the current state',
  412: 'If-Match names an older version',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'The file was rejected; errors[] names sheet, row and column',
  428: 'A version (If-Match) is required',
  429: 'Too many requests',
  503: 'The database is busy; retry after Retry-After seconds',
}

/** Error responses as Woud sends them: RFC 9457 problems with the media type application/problem+json. */
export const problems = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      c,
      {
        description: PROBLEM_TEXT[c] ?? 'Problem',
        content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
      },
    ]),
  )
