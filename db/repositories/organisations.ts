// Organisations (gemeente, provincie, GR, ...) keyed by CBS code, with GR membership.
import { asc, count, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { organisationMembers, organisations } from '../schema.js'

export type OrganisationRow = typeof organisations.$inferSelect
export type OrganisationKind = OrganisationRow['kind']
export const ORGANISATION_KINDS = ['gemeente', 'provincie', 'gr', 'waterschap', 'veiligheidsregio', 'regio'] as const

/** CBS codes: GM0363 (gemeente), PV27 (provincie), GR1234 / WS0155 / VR01; kept as typed but upper-cased. */
export const CBS_CODE = /^[A-Z]{2}[0-9]{2,6}$/

export class OrganisationExistsError extends Error {
  override name = 'OrganisationExistsError'
}

export function createOrganisation(db: Db, who: Actor, input: { code: string; name: string; kind?: OrganisationKind; members?: string[] }): OrganisationRow {
  const code = input.code.trim().toUpperCase()
  if (findOrganisation(db, code)) throw new OrganisationExistsError(`organisatie ${code} bestaat al`)
  return db.$client.transaction(() => {
    const row = db.insert(organisations).values({ code, name: input.name.trim(), kind: input.kind ?? 'gemeente' }).returning().get()
    for (const m of input.members ?? []) {
      const member = findOrganisation(db, m)
      if (!member) throw new OrganisationExistsError(`lid ${m} bestaat niet`)
      db.insert(organisationMembers).values({ groupId: row.id, memberId: member.id }).run()
    }
    writeAudit(db, who, { entity: 'organisation', entityId: code, action: 'create', after: { ...row, members: input.members ?? [] } })
    return row
  })()
}

export function findOrganisation(db: Db, code: string): OrganisationRow | undefined {
  return db.select().from(organisations).where(eq(organisations.code, code.trim().toUpperCase())).get()
}

export function listOrganisations(db: Db, limit: number, offset: number, ids?: number[]): { items: (OrganisationRow & { members: string[] })[]; total: number } {
  let rows = db.select().from(organisations).orderBy(asc(organisations.code)).all()
  if (ids) rows = rows.filter((r) => ids.includes(r.id))
  const total = ids ? rows.length : db.select({ n: count() }).from(organisations).get()!.n
  const page = rows.slice(offset, offset + limit)
  const members = db.select({ groupId: organisationMembers.groupId, code: organisations.code }).from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.memberId)).all()
  return { items: page.map((r) => ({ ...r, members: members.filter((m) => m.groupId === r.id).map((m) => m.code) })), total }
}
