// Reminder settings in the API: the finance mailbox, a user's preference, grant followers, and the status.
import { Type } from 'typebox'

export const ModeSchema = Type.Union([Type.Literal('digest'), Type.Literal('lead'), Type.Literal('none')], {
  description: 'digest: weekly overview on Monday · lead: at the lead times (60/30/7 days) and when overdue · none: nothing',
})

export const CodeParam = Type.Object({ code: Type.String({ minLength: 2, maxLength: 8, description: 'CBS code, e.g. GM0363' }) })
export const GrantParam = Type.Object({ id: Type.Integer({ minimum: 1 }) })

export const MailboxSchema = Type.Object({
  organisation: Type.String(),
  financeMailbox: Type.Union([Type.String(), Type.Null()], { description: 'receives every deadline of the organisation' }),
  financeMode: Type.String(),
})
export const MailboxBody = Type.Object(
  {
    financeMailbox: Type.Union([Type.String({ maxLength: 254 }), Type.Null()], { description: 'an e-mail address; null removes it' }),
    financeMode: Type.Optional(ModeSchema),
  },
  { additionalProperties: false },
)

export const PreferenceSchema = Type.Object({
  organisation: Type.String(),
  mode: Type.String(),
  isDefault: Type.Boolean({ description: 'true while the user has not chosen (default: lead)' }),
})
export const PreferenceBody = Type.Object({ mode: ModeSchema }, { additionalProperties: false })

export const FollowersSchema = Type.Object({
  grant: Type.Integer(),
  owner: Type.Union([Type.String(), Type.Null()], { description: "the owner's e-mail address (grant field owner)" }),
  followers: Type.Array(Type.String(), { description: 'e-mail addresses of users of the organisation' }),
})
export const FollowersBody = Type.Object(
  {
    followers: Type.Array(Type.String({ maxLength: 254 }), { maxItems: 200 }),
  },
  { additionalProperties: false },
)

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])
export const StatusSchema = Type.Object({
  today: Type.String(),
  smtp: Nullable(Type.String({ description: 'SMTP_URL without its password' })),
  from: Nullable(Type.String()),
  schedule: Type.String(),
  problems: Type.Array(Type.String()),
  organisation: Type.String(),
  financeMailbox: Nullable(Type.String()),
  financeMode: Type.String(),
  sentToday: Type.Integer(),
  undelivered: Type.Integer(),
  messages: Type.Array(
    Type.Object({
      id: Type.Integer(),
      recipient: Type.String(),
      kind: Type.String(),
      item: Type.String(),
      subject: Type.String(),
      dueOn: Type.String(),
      status: Type.String(),
      attempts: Type.Integer(),
      lastError: Nullable(Type.String()),
      sentAt: Nullable(Type.String()),
    }),
  ),
  unreachableOwners: Type.Array(
    Type.Object({
      grantId: Type.Integer(),
      title: Type.String(),
      owner: Type.String(),
      reason: Type.String(),
    }),
  ),
})
