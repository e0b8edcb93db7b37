// The append-only audit trail: every change to portfolio data goes through writeAudit (who, when, before, after).
import { and, asc, count, eq } from 'drizzle-orm'
import type { Db } from './client.js'
import { auditLog } from './schema.js'

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
const INSERT = new WeakMap<Db, import('better-sqlite3').Statement>()

export function writeAudit(db: Db, who: Actor, e: AuditInput): void {
  let stmt = INSERT.get(db)
  if (!stmt) INSERT.set(db, (stmt = db.$client.prepare('INSERT INTO audit_log (actor, source, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)')))
  // Same encoding as drizzle's json mode, so listAudit reads these rows back as objects.
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))
  stmt.run(who.actor, who.source, e.entity, String(e.entityId), e.action, json(e.before), json(e.after))
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

export function listAudit(db: Db, filter: { entity?: string; entityId?: string }, limit = 100, offset = 0): { items: AuditEntry[]; total: number } {
  const where = and(
    filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditLog.entityId, filter.entityId) : undefined,
  )
  const items = db.select().from(auditLog).where(where).orderBy(asc(auditLog.id)).limit(limit).offset(offset).all() as AuditEntry[]
  const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n
  return { items, total }
}

/** Keys whose values differ; used to record only what changed and to tell 'unchanged' on re-import. */
export function changedKeys<T extends Record<string, unknown>>(before: T, after: Partial<T>): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => after[k] !== undefined && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}
