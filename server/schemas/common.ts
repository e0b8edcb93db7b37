// Schemas shared by all routes: paging, problems, money and date fields.
import { Type, type TSchema } from 'typebox'

export const IsoDate = (opts: { description?: string } = {}) => Type.String({ format: 'date', ...opts })
export const Cents = (description?: string) => Type.Integer({ minimum: -1e15, maximum: 1e15, ...(description ? { description } : {}) })
export const NonNegCents = (description?: string) => Type.Integer({ minimum: 0, maximum: 1e15, ...(description ? { description } : {}) })
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

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

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.Optional(Type.String()),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(ProblemItemSchema)),
}, { additionalProperties: true, $id: 'Problem' })

/** Standard error responses for the OpenAPI document. */
export const problems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Type.Ref('Problem')]))
