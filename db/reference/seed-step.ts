// What every part of the reference data seeding shares: a step that knows whether the database holds its part as
// shipped (a content hash in the settings table) and how to write it when not (db/seed.ts).
import { getTableName } from 'drizzle-orm'
import type { Db } from '../client.js'
import { settings } from '../schema.js'

/** One part of the reference data: whether the database holds it as shipped, and how to write it when not. */
export interface SeedStep {
  upToDate: boolean
  apply: () => void
}

/** A `reference.*` value of the settings table (a content hash), or undefined. */
export function storedSetting(db: Db, key: string): unknown {
  const row = db.$client.prepare(`SELECT value FROM ${getTableName(settings)} WHERE key = ?`).get(key) as { value: string } | undefined
  return row ? JSON.parse(row.value) : undefined
}

export function storeSetting(db: Db, key: string, value: string): void {
  db.insert(settings).values({ key, value, source: 'Woud' }).onConflictDoUpdate({ target: settings.key, set: { value } }).run()
}
