// Schemas of the deadlines area: a deadline as the API shows it, list filters, custom deadlines, feed tokens.
import { Type } from 'typebox'
import { DEADLINE_STATE, LEGAL_INSTRUMENT } from '../../db/enums.js'
import { EnumOf, EnumQuery, IsoDate, Nullable, output, Paging } from './common.js'

const Instrument = EnumOf(LEGAL_INSTRUMENT)
const State = EnumOf(DEADLINE_STATE)

export const DeadlineSchema = output(
  Type.Object({
    id: Type.String({
      description:
        "stable key, also the iCalendar UID's first part, e.g. 'window-close:vro-lai-isolatie-t2:2', 'spend:12', " +
        "'sisa:GM0363:2025', 'custom:7'",
    }),
    kind: Type.String({
      description:
        'window-open, window-close, spend, sisa, eindverantwoording, sisa-bijlage, meicirculaire, jaarrekening, ' +
        'septembercirculaire, begroting, decembercirculaire, or the kind of a custom deadline',
    }),
    title: Type.String(),
    description: Type.String(),
    organisation: Type.String({ description: 'CBS code' }),
    date: IsoDate({
      description: 'effective date: the nominal date moved to the next working day where the Algemene termijnenwet applies',
    }),
    nominalDate: IsoDate(),
    shiftReason: Nullable(Type.String({ description: 'why the date moved (zaterdag, zondag, a holiday)' })),
    legalInstrument: Instrument,
    atwApplies: Type.Boolean(),
    basis: Type.String(),
    action: Type.Boolean({ description: 'false for events to know about (circulaires, an opening window): they are done once passed' }),
    custom: Type.Boolean(),
    grantId: Nullable(Type.Integer()),
    grantTitle: Nullable(Type.String()),
    schemeCode: Nullable(Type.String()),
    schemeName: Nullable(Type.String()),
    state: State,
    urgency: Type.String({ description: 'none, low, medium or high: from the lead times in settings (default 60/30/7 days)' }),
    daysLeft: Type.Integer(),
    doneAt: Nullable(Type.String()),
    doneBy: Nullable(Type.String()),
  }),
)

export const DeadlineQuery = Type.Object(
  {
    org: Type.Optional(Type.String({ maxLength: 8 })),
    from: Type.Optional(IsoDate()),
    to: Type.Optional(IsoDate()),
    state: Type.Optional(EnumQuery(DEADLINE_STATE)),
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    grant: Type.Optional(Type.Integer({ minimum: 1 })),
    scheme: Type.Optional(Type.String({ maxLength: 80 })),
    includeCatalogue: Type.Optional(Type.Boolean({ description: 'also every catalogue window that is still open or upcoming' })),
    ...Paging,
  },
  { additionalProperties: false },
)

export const CustomDeadlineBody = Type.Object(
  {
    title: Type.String({ maxLength: 300 }),
    // Checked by the repository, so an impossible date gets a Dutch message naming it.
    date: Type.String({ maxLength: 30, description: 'YYYY-MM-DD (nominal date)' }),
    legalInstrument: Type.Optional(Instrument),
    atwApplies: Type.Optional(Type.Boolean({ description: 'default: true for wet and amvb' })),
    kind: Type.Optional(Type.String({ maxLength: 40 })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)

export const DoneBody = Type.Object(
  {
    org: Type.Optional(
      Type.String({ maxLength: 8, description: 'CBS code; needed for window deadlines when the caller has several organisations' }),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)

export const FeedQuery = Type.Object(
  {
    token: Type.Optional(Type.String({ maxLength: 200 })),
    from: Type.Optional(IsoDate()),
    to: Type.Optional(IsoDate()),
    includeCatalogue: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const FeedTokenBody = Type.Object(
  {
    label: Type.Optional(Type.String({ maxLength: 200 })),
    expiresOn: Type.Optional(IsoDate()),
  },
  { additionalProperties: false },
)

export const FeedTokenSchema = Type.Object({
  id: Type.Integer(),
  url: Type.String({ description: 'the feed URL with its secret: shown once' }),
  expiresOn: Nullable(Type.String()),
})
