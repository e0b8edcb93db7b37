// Opening the SQLite database: refuse foreign or corrupt files untouched, set pragmas, migrate, seed reference data.
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from './schema.js'
import { seedReferenceData } from './seed.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export class DatabaseFileError extends Error {
  override name = 'DatabaseFileError'
}

/**
 * How long a connection waits for another writer before SQLITE_BUSY (then HTTP 503 + Retry-After, CLI exit 3).
 * Imports hold the write lock only for their write phase (under 1 s for 20,000 catalogue rows), so 5 s covers
 * a queue of several writers while a request still answers well inside a client's patience.
 */
export const BUSY_TIMEOUT_MS = 5000

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations')
const SQLITE_HEADER = 'SQLite format 3\u0000'
/** Tables that prove a file is a Woud database (or an empty one we may initialise). */
const WOUD_MARKER = 'organisations'

export interface OpenOptions {
  /** Apply migrations and load reference data (default true). */
  migrate?: boolean
  seed?: boolean
  readonly?: boolean
  /** For ':memory:': migrate and seed from scratch instead of copying the per-process template. */
  fresh?: boolean
}

/** Open (creating when absent) a Woud database. ':memory:' gives a fresh in-memory database. */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  const memory = path === ':memory:' || path === ''
  if (memory && opts.migrate !== false && opts.seed !== false && !opts.readonly && !opts.fresh) return fromTemplate()
  if (!memory) checkFile(path)
  if (!memory && !opts.readonly) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false })
  try {
    if (!memory) checkContents(sqlite, path)
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    if (!opts.readonly) {
      if (!memory) sqlite.pragma('journal_mode = WAL')
      sqlite.pragma('synchronous = NORMAL')
    }
    const db = drizzle(sqlite, { schema }) as Db
    if (opts.migrate !== false && !opts.readonly) migrate(db, { migrationsFolder: MIGRATIONS })
    if (opts.seed !== false && opts.migrate !== false && !opts.readonly) seedReferenceData(db)
    return db
  } catch (err) {
    sqlite.close()
    throw err
  }
}

/** Refuse a file that is not SQLite before SQLite gets a chance to write to it. */
function checkFile(path: string): void {
  if (!existsSync(path)) return
  const st = statSync(path)
  if (!st.isFile()) throw new DatabaseFileError(`${path} is geen bestand`)
  if (st.size === 0) return
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(16)
    readSync(fd, buf, 0, 16, 0)
    if (buf.toString('latin1') !== SQLITE_HEADER)
      throw new DatabaseFileError(`${path} is geen SQLite-database; het bestand is niet gewijzigd`)
  } finally {
    closeSync(fd)
  }
}

function checkContents(sqlite: Database.Database, path: string): void {
  let tables: string[]
  try {
    const ok = sqlite.pragma('quick_check', { simple: true })
    if (ok !== 'ok') throw new DatabaseFileError(`${path} is beschadigd (quick_check: ${String(ok)}); het bestand is niet gewijzigd`)
    tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
  } catch (err) {
    if (err instanceof DatabaseFileError) throw err
    throw new DatabaseFileError(`${path} is geen leesbare SQLite-database (${(err as Error).message}); het bestand is niet gewijzigd`)
  }
  const userTables = tables.filter((t) => !t.startsWith('sqlite_'))
  if (userTables.length > 0 && !userTables.includes(WOUD_MARKER)) {
    throw new DatabaseFileError(
      `${path} is een SQLite-database van een andere toepassing (tabellen: ${userTables.slice(0, 5).join(', ')}); het bestand is niet gewijzigd`,
    )
  }
}

let template: Buffer | undefined

/**
 * A fresh in-memory database, migrated and seeded, copied from a per-process template: migrating and
 * seeding once and deserialising a copy takes well under a millisecond instead of a second or more,
 * which is what makes one database per test affordable.
 */
function fromTemplate(): Db {
  if (!template) {
    const first = openDatabase(':memory:', { fresh: true })
    template = first.$client.serialize()
    first.$client.close()
  }
  const sqlite = new Database(template)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  sqlite.pragma('synchronous = NORMAL')
  return drizzle(sqlite, { schema }) as Db
}

export function closeDatabase(db: Db): void {
  db.$client.close()
}

/** Run fn in one synchronous transaction (better-sqlite3 transactions cannot span an await). */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn)()
}
