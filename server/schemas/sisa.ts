// API shapes of the SiSa area: indicator rows with values and their source, findings, fouten en onzekerheden.
import { Type } from 'typebox'
import { Cents, NonNegCents, Nullable, Paging } from './common.js'

export const ValueFields = {
  valueCents: Nullable(Cents('euro indicators')),
  valueNumber: Nullable(Type.Integer({ description: 'count indicators' })),
  valueBool: Nullable(Type.Boolean({ description: 'Ja/Nee indicators' })),
  valueText: Nullable(Type.String({ description: 'text and key indicators (project name, gemeente, veiligheidsregio)' })),
}

export const CellSchema = Type.Object({
  rowNo: Type.Integer({ description: '0 for single indicators, 1.. for project / gemeente rows' }),
  ...ValueFields,
  source: Nullable(
    Type.String({
      description:
        "'manual', 'prefill:<besteding|cumulatief|ontvangen|reserve|eindverantwoording|correctie>', 'computed' or null when empty",
    }),
  ),
  explanation: Nullable(Type.String()),
  prefill: Nullable(Type.Object(ValueFields)),
})

export const IndicatorSchema = Type.Object({
  code: Type.String({ description: "e.g. 'C1/04'" }),
  number: Type.String(),
  label: Type.String(),
  dataType: Type.String({ description: 'euro, count, janee, text, key' }),
  aardControle: Type.String({ description: 'R, D1, D2, N, NVT' }),
  aardControleText: Type.String({ description: "as in the bijlage: 'R', 'n.v.t.'" }),
  rowDimension: Type.String({ description: 'none, project, beschikking, gemeente, veiligheidsregio' }),
  formula: Nullable(Type.String()),
  role: Nullable(Type.String()),
  mandatory: Type.Boolean(),
  cells: Type.Array(CellSchema),
})

export const BlockSchema = Type.Object({
  grantId: Type.Integer(),
  grantTitle: Type.String(),
  beschikkingsnummer: Nullable(Type.String()),
  sisaCode: Type.String(),
  verstrekker: Type.String(),
  name: Type.String(),
  legalBasis: Nullable(Type.String()),
  ontvanger: Type.String(),
  rowNos: Type.Array(Type.Integer()),
  indicators: Type.Array(IndicatorSchema),
})

export const FindingSchema = Type.Object({
  severity: Type.String({ description: 'fout, waarschuwing, info' }),
  check: Type.String(),
  grantId: Nullable(Type.Integer()),
  sisaCode: Nullable(Type.String()),
  indicator: Nullable(Type.String()),
  rowNo: Nullable(Type.Integer()),
  message: Type.String(),
})

export const FoSchema = Type.Object({
  id: Type.Integer(),
  sisaCode: Type.String(),
  indicatorNumber: Nullable(Type.String()),
  foutCents: Type.Integer(),
  onzekerheidCents: Type.Integer(),
  toelichting: Nullable(Type.String()),
  lastenCents: Nullable(Type.Integer()),
  grensCents: Nullable(Type.Integer()),
  aboveGrens: Nullable(Type.Boolean()),
})

export const ThresholdSchema = Type.Object({
  source: Type.String({ description: "'UNCERTAIN' while the default table is unconfirmed" }),
  bands: Type.Array(
    Type.Object({ upToCents: Nullable(Type.Integer()), fixedCents: Type.Optional(Type.Integer()), shareBp: Type.Optional(Type.Integer()) }),
  ),
  note: Type.String(),
})

export const SisaViewSchema = Type.Object({
  year: Type.Integer(),
  organisation: Type.String(),
  formatDate: Nullable(Type.String()),
  items: Type.Array(BlockSchema),
  total: Type.Integer(),
  findings: Type.Array(FindingSchema),
  foutenOnzekerheden: Type.Array(FoSchema),
  threshold: ThresholdSchema,
})

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2005, maximum: 2100 }) })
export const OrgQuery = Type.Object(
  { org: Type.String({ maxLength: 8, description: 'CBS code' }), ...Paging },
  { additionalProperties: false },
)

export const ValueInputSchema = Type.Object(
  {
    indicator: Type.String({ maxLength: 40, description: "'C1/04' or 'C1 / 04'" }),
    rowNo: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
    valueCents: Type.Optional(Nullable(Cents())),
    // Not a union: ajv's type coercion would turn false or 0 into null inside anyOf. Checked in reports/sisa-input.ts.
    value: Type.Optional(
      Type.Unknown({
        description:
          "typed value: 'Ja'/'Nee' or true/false, '€ 1.234,56' or euros as a number, a count, a text; null clears back to the prefill",
      }),
    ),
  },
  { additionalProperties: false },
)

export const PutValuesBody = Type.Object(
  { values: Type.Array(ValueInputSchema, { minItems: 1, maxItems: 2000 }) },
  { additionalProperties: false },
)

export const FoBody = Type.Object(
  {
    sisaCode: Type.String({ maxLength: 10 }),
    indicatorNumber: Type.Optional(Nullable(Type.String({ maxLength: 2 }))),
    foutCents: NonNegCents(),
    onzekerheidCents: NonNegCents(),
    toelichting: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)
