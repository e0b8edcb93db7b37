// API shapes of the grant portfolio and the audit trail (docs/api.md): hand-written, not table rows.
import { Type, type TOptional } from 'typebox'
import { COFINANCING_BASIS, COFINANCING_SOURCE, GRANT_NATURE, GRANT_STATUS, PAYMENT_KIND } from '../../db/enums.js'
import { TRANSITION_TARGETS } from '../../db/lifecycle.js'
import { Cents, EnumOf, EnumQuery, IsoDate, ListOf, NonNegCents, Nullable, output } from './common.js'

const Text = (max = 200) => Nullable(Type.String({ maxLength: max }))
const Nature = EnumOf(GRANT_NATURE)
const CofinBasis = Nullable(EnumOf(COFINANCING_BASIS))

export const YearSchema = output(
  Type.Object({
    year: Type.Integer(),
    plannedBatenCents: Type.Integer(),
    plannedLastenCents: Type.Integer(),
    realisedBatenCents: Type.Integer(),
    realisedLastenCents: Type.Integer(),
    structuralLastenCents: Type.Integer({ description: 'the part of the lasten that is structural (e.g. permanent staff)' }),
    cofinancingPlannedCents: Type.Integer(),
    cofinancingRealisedCents: Type.Integer(),
  }),
)

export const YearBody = Type.Object(
  {
    plannedBatenCents: Type.Optional(NonNegCents()),
    plannedLastenCents: Type.Optional(NonNegCents()),
    realisedBatenCents: Type.Optional(Cents('ledger sum; corrections may make it negative')),
    realisedLastenCents: Type.Optional(Cents()),
    structuralLastenCents: Type.Optional(NonNegCents()),
    cofinancingPlannedCents: Type.Optional(NonNegCents()),
    cofinancingRealisedCents: Type.Optional(Cents()),
    year: Type.Optional(Type.Integer({ description: 'ignored; the year is in the path (allowed so a years[] item can be sent back)' })),
  },
  { additionalProperties: false, description: 'Fields left out keep their value (0 for a new year).' },
)

/** Fields a client may set (POST and PATCH). */
const editable = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  reference: Text(80),
  beschikkingsnummer: Text(120),
  requestedCents: Nullable(NonNegCents()),
  awardedCents: Nullable(NonNegCents()),
  bcfCents: NonNegCents('part of the award paid into the BTW-compensatiefonds'),
  periodFrom: Nullable(IsoDate()),
  periodTo: Nullable(IsoDate()),
  spendUntil: Nullable(IsoDate()),
  probabilityPct: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
  taakveld: Text(10),
  kostenplaats: Text(),
  begrotingspost: Text(),
  programma: Text(),
  paymentRoute: Text(),
  nature: Nature,
  natureReason: Text(1000),
  owner: Text(),
  department: Text(),
  cofinancingBasis: CofinBasis,
  cofinancingBp: Nullable(Type.Integer({ minimum: 0, maximum: 100000, description: 'required co-financing in basis points' })),
  cofinancingFixedCents: Nullable(NonNegCents()),
  appliedOn: Nullable(IsoDate()),
  awardedOn: Nullable(IsoDate()),
  finalAccountYear: Nullable(Type.Integer({ minimum: 1990, maximum: 2100 })),
  onVerantwoordingslijst: Type.Boolean(),
  notes: Text(5000),
}
const inputOnly = { spendUntilReason: Text(500) }
type Editable = typeof editable & typeof inputOnly
const optional = Object.fromEntries(Object.entries({ ...editable, ...inputOnly }).map(([k, v]) => [k, Type.Optional(v)])) as unknown as {
  [K in keyof Editable]: TOptional<Editable[K]>
}

export const CreateGrantBody = Type.Object(
  {
    organisation: Type.String({ maxLength: 8, description: 'CBS code' }),
    scheme: Type.String({ maxLength: 80, description: 'scheme code' }),
    status: Type.Optional(EnumOf(GRANT_STATUS)),
    ...optional,
    title: editable.title,
  },
  { additionalProperties: false },
)

export const PatchGrantBody = Type.Object(
  { ...optional },
  { additionalProperties: false, description: 'Status changes go through /transitions.' },
)

export const TransitionBody = Type.Object(
  {
    to: Type.Enum(TRANSITION_TARGETS),
    on: IsoDate({ description: 'date of the step (aanvraag, beschikking, ...)' }),
    beschikkingsnummer: Type.Optional(Text(120)),
    amountCents: Type.Optional(Nullable(NonNegCents('toegekend/gewijzigd: awarded amount; vastgesteld: established amount'))),
    requestedCents: Type.Optional(Nullable(NonNegCents())),
    bcfCents: Type.Optional(Nullable(NonNegCents())),
    spendUntil: Type.Optional(Nullable(IsoDate())),
    periodFrom: Type.Optional(Nullable(IsoDate())),
    periodTo: Type.Optional(Nullable(IsoDate())),
    note: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
)

export const PaymentBody = Type.Object(
  {
    kind: EnumOf(PAYMENT_KIND),
    paidOn: IsoDate(),
    amountCents: Type.Integer({ minimum: 1, maximum: 1e15, description: 'always positive; the kind gives the direction' }),
    reference: Type.Optional(Text(120)),
    note: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
)

export const CommitmentBody = Type.Object(
  {
    source: EnumOf(COFINANCING_SOURCE),
    year: Type.Optional(Nullable(Type.Integer({ minimum: 1990, maximum: 2100 }))),
    amountCents: NonNegCents(),
    reservedInBegroting: Type.Boolean(),
    description: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
)

export const GrantSchema = output(
  Type.Object({
    id: Type.Integer(),
    organisation: Type.String(),
    scheme: Type.String(),
    status: Type.String(),
    version: Type.Integer(),
    ...editable,
    establishedOn: Nullable(IsoDate()),
    closedOn: Nullable(IsoDate()),
    archived: Type.Boolean(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }),
)

// Spread rather than Type.Intersect: an allOf without type trips ajv's strict mode and slows serialisation.
export const GrantListItemSchema = Type.Object({ ...GrantSchema.properties, yearFigures: Nullable(YearSchema) })

const PaymentSchema = output(
  Type.Object({
    id: Type.Integer(),
    kind: Type.String(),
    paidOn: IsoDate(),
    amountCents: Type.Integer(),
    reference: Text(),
    note: Text(1000),
  }),
)
const CommitmentSchema = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  year: Nullable(Type.Integer()),
  amountCents: Type.Integer(),
  reservedInBegroting: Type.Boolean(),
  description: Text(1000),
})

export const CofinancingSchema = Type.Object({
  basis: Nullable(Type.String()),
  requirementFrom: Nullable(Type.String({ description: 'grant or scheme' })),
  bp: Nullable(Type.Integer()),
  requiredCents: Nullable(Type.Integer()),
  committedCents: Type.Integer(),
  reservedCents: Type.Integer(),
  plannedCents: Type.Integer(),
  realisedCents: Type.Integer(),
  shortfallCents: Type.Integer(),
  bySource: Type.Array(Type.Object({ source: Type.String(), committedCents: Type.Integer(), reservedCents: Type.Integer() })),
})

export const GrantDetailSchema = output(
  Type.Object({
    ...GrantSchema.properties,
    years: Type.Array(YearSchema),
    payments: Type.Array(PaymentSchema),
    commitments: Type.Array(CommitmentSchema),
    beschikkingen: Type.Array(
      Type.Object({
        id: Type.Integer(),
        nummer: Type.String(),
        kind: Type.String(),
        date: IsoDate(),
        amountCents: Nullable(Type.Integer()),
        note: Text(1000),
      }),
    ),
    transitions: Type.Array(
      Type.Object({
        from: Nullable(Type.String()),
        to: Type.String(),
        event: Type.String(),
        on: IsoDate(),
        actor: Type.String(),
        note: Text(1000),
      }),
    ),
    spendDeadlines: Type.Array(
      Type.Object({ spendUntil: IsoDate(), previous: Nullable(IsoDate()), changedOn: IsoDate(), reason: Text(1000) }),
    ),
    cofinancing: CofinancingSchema,
    allowedTransitions: Type.Array(Type.String()),
  }),
)

export const GrantQuery = Type.Object(
  {
    org: Type.Optional(Type.String({ maxLength: 8 })),
    status: Type.Optional(EnumQuery(GRANT_STATUS, true)),
    scheme: Type.Optional(Type.String({ maxLength: 80 })),
    year: Type.Optional(
      Type.Integer({
        minimum: 1990,
        maximum: 2100,
        description: 'grants active in this budget year; also the year of yearFigures (default: this year)',
      }),
    ),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    archived: Type.Optional(Type.Boolean({ description: 'include archived grants' })),
    sort: Type.Optional(
      Type.String({
        pattern: '^-?(id|title|status|reference|requestedCents|awardedCents|periodFrom|periodTo|spendUntil|updatedAt|scheme|organisation)$',
        description: 'field, prefixed with - for descending',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
)

export const GrantList = ListOf(GrantListItemSchema)

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  source: Type.String({ description: 'api, cli, import:<batch id>, system' }),
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
})

export const AuditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 40 })),
    id: Type.Optional(Type.String({ maxLength: 80 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
)
