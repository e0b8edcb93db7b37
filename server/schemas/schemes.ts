// API shapes of the scheme catalogue (docs/api.md): hand-written, not table rows.
import { Type } from 'typebox'
import { INSTRUMENT, SCHEME_NATURE } from '../../db/enums.js'
import { EnumQuery, IsoDate, Nullable, output, Paging } from './common.js'

export const WindowSchema = output(
  Type.Object({
    tranche: Type.String(),
    opensOn: Nullable(IsoDate()),
    closesOn: Nullable(IsoDate()),
    closesAtTime: Nullable(Type.String()),
    allocation: Nullable(Type.String()),
    budgetCents: Nullable(Type.Integer()),
  }),
)

export const SchemeSchema = output(
  Type.Object({
    code: Type.String(),
    sisaCode: Nullable(Type.String()),
    name: Type.String(),
    ministry: Type.String(),
    instrument: Type.String(),
    nature: Type.String({ description: 'incidenteel, structureel or terugkerend' }),
    planned: Type.Boolean({ description: 'true for a planned spuk (V, voornemen)' }),
    legalBasis: Nullable(Type.String()),
    executor: Nullable(Type.String()),
    recipients: Nullable(Type.String()),
    begrotingsartikel: Nullable(Type.String()),
    startYear: Nullable(Type.Integer()),
    endYear: Nullable(Type.Integer()),
    spendUntil: Nullable(IsoDate()),
    cofinancingPct: Nullable(Type.Number({ description: 'co-financing demanded, percent (from basis points)' })),
    cofinancingBasis: Nullable(Type.String()),
    rijksSharePct: Nullable(Type.Number()),
    carryOverPct: Nullable(Type.Number()),
    sisaRequired: Type.Boolean(),
    defaultTaakveld: Nullable(Type.String()),
    url: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    provenance: Type.String(),
    windows: Type.Array(WindowSchema),
  }),
)

export const SchemeDetailSchema = output(
  Type.Object({
    ...SchemeSchema.properties,
    spendDeadlines: Type.Array(Type.Object({ spendUntil: IsoDate(), note: Nullable(Type.String()) })),
    nationalAmounts: Type.Array(Type.Object({ year: Type.Integer(), amountCents: Type.Integer() })),
    extra: Nullable(Type.Record(Type.String(), Type.Unknown())),
  }),
)

export const SchemeQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    ministry: Type.Optional(Type.String({ maxLength: 20 })),
    instrument: Type.Optional(EnumQuery(INSTRUMENT)),
    nature: Type.Optional(EnumQuery(SCHEME_NATURE)),
    year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100 })),
    sisaCode: Type.Optional(Type.String({ maxLength: 10 })),
    ...Paging,
  },
  { additionalProperties: false },
)
