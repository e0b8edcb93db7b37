// Schemas of the reports area: the report query, the report JSON envelope, and the spuk-reform assumptions.
import { Type } from 'typebox'
import { REFORM_TREATMENT, REPORT_FORMAT, SCENARIO } from '../../db/enums.js'
import { EnumOf, EnumQuery, Nullable } from './common.js'

export const ReportQuery = Type.Object(
  {
    org: Type.String({ minLength: 1, maxLength: 20, description: 'CBS code of the organisation, e.g. GM0363' }),
    year: Type.Integer({
      minimum: 1990,
      maximum: 2100,
      description: "Budget year T; must lie within the organisation's data (or be the current year)",
    }),
    format: Type.Optional(EnumQuery(REPORT_FORMAT, false, { default: 'json' })),
    scenario: Type.Optional(
      EnumQuery(SCENARIO, false, { description: "forecast / controller scenario (default base); the Dutch words ('basis') work too" }),
    ),
    cut: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        description: 'spuk-reform only: the gemeentefonds cut in percent for every scheme converted into the gemeentefonds',
      }),
    ),
  },
  { additionalProperties: false },
)

export const ReportParamsSchema = Type.Object({ name: Type.String({ maxLength: 40 }) })

export const ReportEnvelope = Type.Object({
  report: Type.String(),
  title: Type.String(),
  organisation: Type.String(),
  year: Type.Integer(),
  scenario: Type.String(),
  generatedAt: Type.String(),
  data: Type.Unknown({
    description: 'The computed report; amounts in integer cents (fields ending in Cents), percentages in basis points (Bp)',
  }),
})

const Treatment = EnumOf(REFORM_TREATMENT)

export const ReformAssumptionSchema = Type.Object({
  scheme: Type.String(),
  schemeName: Type.String(),
  treatment: Treatment,
  fromYear: Type.Integer(),
  cutPct: Type.Number(),
  note: Nullable(Type.String()),
  origin: Type.Union([Type.Literal('vastgelegd'), Type.Literal('standaard')], {
    description: 'vastgelegd = stored for this scheme; standaard = the default from settings',
  }),
  sources: Type.Array(
    Type.Object({
      title: Type.String(),
      reference: Nullable(Type.String({ description: "Kamerstuk or other reference, e.g. '36600-B nr. 45'" })),
      published: Type.String({ description: 'publication date, YYYY-MM-DD' }),
      url: Nullable(Type.String()),
    }),
    { description: 'the published documents a default rests on, oldest first (empty for a stored assumption: see note)' },
  ),
  standing: Nullable(
    Type.Union([Type.Literal('wet'), Type.Literal('wetsvoorstel'), Type.Literal('kabinetsbeleid'), Type.Literal('aanname')], {
      description: 'how firm the ground of a default is: a law, a bill, cabinet policy, or an assumption of Woud',
    }),
  ),
  uncertain: Type.Boolean({ description: 'true when no published source settles this for the individual scheme' }),
  setBy: Nullable(Type.String({ description: 'who stored the assumption (audit trail); null for a default' })),
  setAt: Nullable(Type.String({ description: 'when it was stored (UTC ISO 8601); null for a default' })),
})

export const ReformAssumptionBody = Type.Object(
  {
    treatment: Treatment,
    fromYear: Type.Integer({ minimum: 1990, maximum: 2100 }),
    cutPct: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100, description: 'the budget cut in percent; any treatment except ends (refused there)' }),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
)

export const ReformQuery = Type.Object(
  {
    scheme: Type.Optional(Type.String({ maxLength: 80 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
)

const Standing = Type.Union([Type.Literal('wet'), Type.Literal('wetsvoorstel'), Type.Literal('kabinetsbeleid'), Type.Literal('aanname')], {
  description: 'how firm the ground of a rule is: a law, a bill, cabinet policy, or an assumption',
})

const ReformRuleSchema = Type.Object(
  {
    treatment: Treatment,
    cutPct: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'the budget cut in percent (not for ends)' })),
    fromYear: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: 'when it differs from the scenario year' })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    sources: Type.Optional(
      Type.Array(
        Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 300 }),
            reference: Type.Optional(Type.String({ maxLength: 120, description: "Kamerstuk or other reference, e.g. '36600-B nr. 45'" })),
            published: Type.String({ maxLength: 10, description: 'publication date, YYYY-MM-DD' }),
            url: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 20, description: 'the documents the rule rests on, oldest first' },
      ),
    ),
    standing: Type.Optional(Standing),
    uncertain: Type.Optional(Type.Boolean({ description: 'no readable source settles the rule for an individual scheme' })),
  },
  { additionalProperties: false },
)

/** The spuk-reform defaults of the forecast: per instrument, per scheme code, and for the rest (settings data). */
export const ReformDefaultsSchema = Type.Object(
  {
    fromYear: Type.Integer({ minimum: 1990, maximum: 2100, description: 'the first year of the reform' }),
    byInstrument: Type.Record(Type.String({ maxLength: 40 }), ReformRuleSchema, { maxProperties: 50 }),
    bySchemeCode: Type.Record(Type.String({ maxLength: 80 }), ReformRuleSchema, { maxProperties: 1000 }),
    other: Type.Optional(ReformRuleSchema),
  },
  { additionalProperties: false },
)

export const ReformDefaultsBody = Type.Object(
  {
    defaults: ReformDefaultsSchema,
    source: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'where these defaults come from, e.g. a Kamerstuk or a council decision',
    }),
  },
  { additionalProperties: false },
)

export const ReformDefaultsResponse = Type.Object({
  defaults: ReformDefaultsSchema,
  source: Type.String({ description: 'the source given when they were set; Woud for the shipped defaults' }),
})
