// The append-only audit trail: every change to portfolio data goes through writeAudit (who, when, before, after).
import type { Db } from './client.js'
import { perDatabase } from './per-database.js'

/** Who is acting and through which door: 'api', 'cli', 'import:<batch id>', 'system'. */
export interface Actor {
  actor: string
  source: string
}

export const SYSTEM: Actor = { actor: 'system', source: 'system' }

export interface AuditInput {
  entity: string
  entityId: string | number
  action: string
  before?: unknown
  after?: unknown
}

// One prepared statement per database: imports write an audit row per changed row.
const insertStatement = perDatabase((db) =>
  db.$client.prepare('INSERT INTO audit_log (actor, source, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)'),
)

export function writeAudit(db: Db, who: Actor, e: AuditInput): void {
  // Same encoding as drizzle's json mode, so listAudit reads these rows back as objects.
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))
  writeAuditJson(db, who, e.entity, e.entityId, e.action, json(e.before), json(e.after))
}

/** The same row with before and after already encoded as JSON: bulk writers encode while planning, outside the write lock. */
export function writeAuditJson(
  db: Db,
  who: Actor,
  entity: string,
  entityId: string | number,
  action: string,
  before: string | null,
  after: string | null,
): void {
  insertStatement(db).run(who.actor, who.source, entity, String(entityId), action, before, after)
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  source: string
  entity: string
  entityId: string
  action: string
  before: unknown
  after: unknown
}

const WHERE = 'WHERE (@entity IS NULL OR entity = @entity) AND (@entityId IS NULL OR entity_id = @entityId)'
const listStatements = perDatabase((db) => ({
  page: db.$client
    .prepare(
      `SELECT id, at, actor, source, entity, entity_id, action, before, after FROM audit_log ${WHERE}
        ORDER BY id LIMIT @limit OFFSET @offset`,
    )
    .raw(),
  count: db.$client.prepare(`SELECT count(*) FROM audit_log ${WHERE}`).pluck(),
}))

/** A page of the trail, oldest first; statements prepared once per database. */
export function listAudit(
  db: Db,
  filter: { entity?: string; entityId?: string },
  limit = 100,
  offset = 0,
): { items: AuditEntry[]; total: number } {
  const st = listStatements(db)
  const params = { entity: filter.entity ?? null, entityId: filter.entityId ?? null }
  const rows = st.page.all({ ...params, limit, offset }) as unknown[][]
  const parse = (v: unknown) => (v === null ? null : (JSON.parse(v as string) as unknown))
  const items: AuditEntry[] = rows.map((r) => ({
    id: r[0] as number,
    at: r[1] as string,
    actor: r[2] as string,
    source: r[3] as string,
    entity: r[4] as string,
    entityId: r[5] as string,
    action: r[6] as string,
    before: parse(r[7]),
    after: parse(r[8]),
  }))
  const total = rows.length < limit && (rows.length > 0 || offset === 0) ? offset + rows.length : (st.count.get(params) as number)
  return { items, total }
}

/** Keys whose values differ; used to record only what changed and to tell 'unchanged' on re-import. */
export function changedKeys<T extends Record<string, unknown>>(before: T, after: Partial<T>): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => after[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}
