// Organisations (gemeente, provincie, GR, ...) keyed by CBS code, with GR membership.
import { eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { organisationMembers, organisations } from '../schema.js'
import { ORGANISATION_KIND } from '../enums.js'
import { DomainError, invalid } from '../errors.js'
import { perDatabase } from '../per-database.js'

export type OrganisationRow = typeof organisations.$inferSelect
export type OrganisationKind = OrganisationRow['kind']
export interface OrganisationListItem {
  code: string
  name: string
  kind: OrganisationKind
  members: string[]
}
export const ORGANISATION_KINDS = ORGANISATION_KIND.keys

/** CBS codes: GM0363 (gemeente), PV27 (provincie), GR1234 / WS0155 / VR01; kept as typed but upper-cased. */
export const CBS_CODE = /^[A-Z]{2}[0-9]{2,6}$/

/** A code that is taken (409), or a member that does not exist. */
export class OrganisationExistsError extends DomainError {
  override name = 'OrganisationExistsError'
  constructor(message: string, field = 'code') {
    super('conflict', message, [{ field, message }])
  }
}

export function createOrganisation(
  db: Db,
  who: Actor,
  input: { code: string; name: string; kind?: OrganisationKind; members?: string[] },
): OrganisationRow {
  const code = input.code.trim().toUpperCase()
  if (findOrganisation(db, code)) throw new OrganisationExistsError(`organisatie ${code} bestaat al`)
  return db.$client.transaction(() => {
    const row = db
      .insert(organisations)
      .values({ code, name: input.name.trim(), kind: input.kind ?? 'gemeente' })
      .returning()
      .get()
    for (const m of input.members ?? []) {
      const member = findOrganisation(db, m)
      if (!member) throw invalid(`lid ${m} bestaat niet`, [{ field: 'members', message: `organisatie ${m} bestaat niet` }])
      db.insert(organisationMembers).values({ groupId: row.id, memberId: member.id }).run()
    }
    writeAudit(db, who, { entity: 'organisation', entityId: code, action: 'create', after: { ...row, members: input.members ?? [] } })
    return row
  })()
}

export function findOrganisation(db: Db, code: string): OrganisationRow | undefined {
  return db.select().from(organisations).where(eq(organisations.code, code.trim().toUpperCase())).get()
}

const VISIBLE = '(@ids IS NULL OR o.id IN (SELECT value FROM json_each(@ids)))'
const listStatements = perDatabase((db) => ({
  page: db.$client
    .prepare(
      `SELECT o.id, o.code, o.name, o.kind FROM organisations o WHERE ${VISIBLE}
        ORDER BY o.code LIMIT @limit OFFSET @offset`,
    )
    .raw(),
  count: db.$client.prepare(`SELECT count(*) FROM organisations o WHERE ${VISIBLE}`).pluck(),
  members: db.$client
    .prepare(
      `SELECT m.group_id, o.code FROM organisation_members m JOIN organisations o ON o.id = m.member_id
        WHERE m.group_id IN (SELECT value FROM json_each(?)) ORDER BY o.code`,
    )
    .raw(),
}))

/** A page of organisations (only `ids` when given), with the codes of their members; paged in SQL. */
export function listOrganisations(db: Db, limit: number, offset: number, ids?: number[]): { items: OrganisationListItem[]; total: number } {
  const st = listStatements(db)
  const idsJson = ids ? JSON.stringify(ids) : null
  const rows = st.page.all({ ids: idsJson, limit, offset }) as [number, string, string, OrganisationKind][]
  const byId = new Map<number, string[]>()
  const items: OrganisationListItem[] = rows.map((r) => {
    const members: string[] = []
    byId.set(r[0], members)
    return { code: r[1], name: r[2], kind: r[3], members }
  })
  if (rows.length) for (const [g, code] of st.members.all(JSON.stringify([...byId.keys()])) as [number, string][]) byId.get(g)!.push(code)
  return { items, total: st.count.get({ ids: idsJson }) as number }
}
