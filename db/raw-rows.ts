// Whole-table rows read by a plain prepared statement, in the shape drizzle's `select()` returns them, for bulk reads
// (a portfolio's thousands of grants) where drizzle's per-row mapping costs more than the query. The column list is
// built from the drizzle table, so the schema stays the one place that names the columns.
import { getTableColumns, getTableName, type InferSelectModel } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'

/** Column types whose SQLite value is already the JavaScript value; booleans are converted from 0/1. */
const AS_IS = new Set(['SQLiteInteger', 'SQLiteText', 'SQLiteReal'])

export interface RawSelect<T extends SQLiteTable> {
  /** `SELECT <every column AS its key> FROM <table> <alias>`: append WHERE and ORDER BY. */
  sql: string
  /** Converts the row in place (booleans) and returns it typed. */
  row: (r: Record<string, unknown>) => InferSelectModel<T>
}

/** The SELECT of every column of `table` under `alias`; refuses column types it cannot return as drizzle would. */
export function rawSelect<T extends SQLiteTable>(table: T, alias: string): RawSelect<T> {
  const cols = Object.entries(getTableColumns(table))
  const booleans: string[] = []
  for (const [key, c] of cols) {
    if (c.columnType === 'SQLiteBoolean') booleans.push(key)
    else if (!AS_IS.has(c.columnType)) throw new Error(`rawSelect: column ${c.name} of ${getTableName(table)} is ${c.columnType}`)
  }
  const list = cols.map(([key, c]) => `${alias}."${c.name}" AS "${key}"`).join(', ')
  return {
    sql: `SELECT ${list} FROM "${getTableName(table)}" ${alias}`,
    row: (r) => {
      for (const k of booleans) if (r[k] !== null) r[k] = r[k] === 1
      return r as InferSelectModel<T>
    },
  }
}
