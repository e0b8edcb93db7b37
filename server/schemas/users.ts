// Schemas of user administration and of a user's own tokens (/api/v1/users, /api/v1/me).
import { Type } from 'typebox'
import { IsoDate, Paging } from './common.js'

const RoleEnum = Type.Union([Type.Literal('lezer'), Type.Literal('medewerker'), Type.Literal('controller'), Type.Literal('beheerder')])
const OrgCode = Type.String({ minLength: 2, maxLength: 8, description: 'CBS code such as GM0363' })

export const UserRoleSchema = Type.Object({ organisation: Type.String(), organisationName: Type.String(), role: Type.String() })

export const AdminUserSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  isAdmin: Type.Boolean({ description: 'operator of the installation: every organisation' }),
  disabledAt: Type.Union([Type.String(), Type.Null()], {
    description: 'UTC instant; a disabled user cannot sign in and their tokens do not work',
  }),
  hasPassword: Type.Boolean({ description: 'a web sign-in password is set (woud user password)' }),
  createdAt: Type.String(),
  roles: Type.Array(UserRoleSchema, { description: 'only the roles in organisations the caller manages' }),
})

export const UserListQuery = Type.Object({ org: Type.Optional(OrgCode), ...Paging }, { additionalProperties: false })

export const NewUserBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    isAdmin: Type.Optional(Type.Boolean({ description: 'operators only' })),
    roles: Type.Array(Type.Object({ organisation: OrgCode, role: RoleEnum }, { additionalProperties: false }), { maxItems: 200 }),
  },
  { additionalProperties: false },
)

export const UserIdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) })
export const UserOrgParam = Type.Object({ id: Type.Integer({ minimum: 1 }), org: OrgCode })
export const RoleBody = Type.Object({ role: RoleEnum }, { additionalProperties: false })

export const MeSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  isAdmin: Type.Boolean(),
  roles: Type.Array(Type.Object({ organisation: Type.String(), role: Type.String() })),
})

export const OwnTokenSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String({ description: 'api or feed' }),
  label: Type.Union([Type.String(), Type.Null()]),
  organisation: Type.Union([Type.String(), Type.Null()], { description: 'the one organisation a feed token opens' }),
  expiresOn: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
})

export const NewOwnTokenBody = Type.Object(
  {
    kind: Type.Optional(Type.Union([Type.Literal('api'), Type.Literal('feed')], { default: 'api' })),
    label: Type.Optional(Type.String({ maxLength: 200 })),
    expiresOn: Type.Optional(IsoDate({ description: 'last day the token works (inclusive, Europe/Amsterdam)' })),
    organisation: Type.Optional(OrgCode),
  },
  { additionalProperties: false },
)

export const CreatedOwnTokenSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  token: Type.String({ description: 'the secret, shown this once; only its hash is stored' }),
  expiresOn: Type.Union([Type.String(), Type.Null()]),
  organisation: Type.Union([Type.String(), Type.Null()]),
  feedUrl: Type.Union([Type.String(), Type.Null()], { description: 'for a feed token: the calendar URL to subscribe to' }),
})
