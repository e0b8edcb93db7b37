// Scheme catalogue storage: listing with filters, lookup; the writes live in scheme-writes.ts.
import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../client.js'
import { schemeNationalAmounts, schemes, schemeSpendDeadlines, schemeWindows } from '../schema.js'

export type SchemeRow = typeof schemes.$inferSelect
export type WindowRow = typeof schemeWindows.$inferSelect
export type UpsertOutcome = 'created' | 'updated' | 'unchanged'

export { planScheme, upsertScheme, writeSchemePlan, type SchemePlan } from './scheme-writes.js'

export { listSchemes, type SchemeFilter } from './scheme-list.js'

export function getScheme(
  db: Db,
  code: string,
):
  | (SchemeRow & {
      windows: WindowRow[]
      spendDeadlines: { spendUntil: string; note: string | null }[]
      nationalAmounts: { year: number; amountCents: number }[]
    })
  | undefined {
  const row = db.select().from(schemes).where(eq(schemes.code, code)).get()
  if (!row) return undefined
  const [withW] = withWindows(db, [row])
  const spendDeadlines = db
    .select({ spendUntil: schemeSpendDeadlines.spendUntil, note: schemeSpendDeadlines.note })
    .from(schemeSpendDeadlines)
    .where(eq(schemeSpendDeadlines.schemeId, row.id))
    .orderBy(asc(schemeSpendDeadlines.spendUntil))
    .all()
  const nationalAmounts = db
    .select({ year: schemeNationalAmounts.year, amountCents: schemeNationalAmounts.amountCents })
    .from(schemeNationalAmounts)
    .where(eq(schemeNationalAmounts.schemeId, row.id))
    .orderBy(asc(schemeNationalAmounts.year))
    .all()
  return { ...withW, spendDeadlines, nationalAmounts }
}

export function findSchemeByCode(db: Db, code: string): SchemeRow | undefined {
  return db.select().from(schemes).where(eq(schemes.code, code)).get()
}

function withWindows(db: Db, rows: SchemeRow[]): (SchemeRow & { windows: WindowRow[] })[] {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const all = db
    .select()
    .from(schemeWindows)
    .where(
      sql`${schemeWindows.schemeId} IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    )
    .orderBy(asc(schemeWindows.opensOn), asc(schemeWindows.tranche))
    .all()
  const by = new Map<number, WindowRow[]>()
  for (const w of all) by.set(w.schemeId, [...(by.get(w.schemeId) ?? []), w])
  return rows.map((r) => ({ ...r, windows: by.get(r.id) ?? [] }))
}
