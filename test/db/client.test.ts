import t from 'tap'
import Database from 'better-sqlite3'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { count, eq } from 'drizzle-orm'
import { DatabaseFileError, openDatabase } from '../../db/client.js'
import { SYSTEM, writeAudit } from '../../db/audit.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { auditLog, grants, grantYears, holidays, schemes, settings, taakvelden } from '../../db/schema.js'

t.test('a new database file is created, migrated and seeded with reference data', async (t) => {
  const dir = t.testdir()
  const path = join(dir, 'sub', 'woud.db')
  const db = openDatabase(path)
  t.ok(db.select({ n: count() }).from(schemes).get()!.n >= 20, 'at least 20 bundled schemes')
  t.equal(
    db.select({ n: count() }).from(schemes).where(eq(schemes.sisaRequired, false)).get()!.n >= 2,
    true,
    'negative examples (no SiSa) bundled',
  )
  t.ok(db.select().from(taakvelden).where(eq(taakvelden.code, '6.71a')).get(), '2023+ taakvelden')
  t.equal(db.select().from(taakvelden).where(eq(taakvelden.code, '6.71')).get()?.iv3To, 2022, 'pre-2023 taakveld ends in 2022')
  t.ok(db.select().from(holidays).where(eq(holidays.date, '2025-04-26')).get(), 'holiday calendar loaded')
  t.equal(db.$client.pragma('journal_mode', { simple: true }), 'wal')
  t.equal(db.$client.pragma('foreign_keys', { simple: true }), 1)
  db.$client.close()
})

t.test('opening again changes nothing: reference data is idempotent', async (t) => {
  const path = join(t.testdir(), 'woud.db')
  const a = openDatabase(path)
  const counts = () =>
    ['schemes', 'scheme_windows', 'taakvelden', 'holidays', 'settings', 'audit_log'].map(
      (tb) => (a.$client.prepare(`SELECT count(*) n FROM ${tb}`).get() as { n: number }).n,
    )
  const first = counts()
  a.$client.close()
  const b = openDatabase(path)
  const again = ['schemes', 'scheme_windows', 'taakvelden', 'holidays', 'settings', 'audit_log'].map(
    (tb) => (b.$client.prepare(`SELECT count(*) n FROM ${tb}`).get() as { n: number }).n,
  )
  t.same(again, first)
  t.equal((b.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n, 0, 'the second open wrote no row at all')
  b.$client.close()
})

t.test('opening a database that another process is writing to needs no write lock when the reference data is current', async (t) => {
  const path = join(t.testdir(), 'woud.db')
  openDatabase(path).$client.close()
  const writer = new Database(path)
  writer.pragma('busy_timeout = 0')
  writer.exec('BEGIN IMMEDIATE')
  writer.prepare("INSERT INTO settings (key, value, source) VALUES ('x.test', '1', 'test')").run()
  // A write lock wanted here would wait for the writer (busy timeout) and then fail: an import blocks every CLI command.
  const b = openDatabase(path)
  t.ok(b.$client.prepare('SELECT count(*) FROM holidays').pluck().get(), 'it opens and reads while the other writes')
  writer.exec('COMMIT')
  writer.close()
  b.$client.close()
})

t.test('reference rows are seeded again when their content changed since the last start', async (t) => {
  const path = join(t.testdir(), 'woud.db')
  const a = openDatabase(path)
  a.$client.prepare("DELETE FROM holidays WHERE date = '2030-12-25'").run()
  a.$client.prepare("DELETE FROM taakvelden WHERE code = '0.1'").run()
  // What an upgrade with other reference content looks like to the next start: a different hash.
  a.$client.prepare("UPDATE settings SET value = '\"older\"' WHERE key = 'reference.fixed.sha256'").run()
  a.$client.close()
  const b = openDatabase(path)
  t.equal((b.$client.prepare("SELECT name FROM holidays WHERE date = '2030-12-25'").get() as { name: string }).name, 'Eerste Kerstdag')
  t.ok(b.$client.prepare("SELECT 1 FROM taakvelden WHERE code = '0.1'").get(), 'the taakveld is back')
  t.not((b.$client.prepare("SELECT value FROM settings WHERE key = 'reference.fixed.sha256'").get() as { value: string }).value, '"older"')
  b.$client.close()
})

t.test('a bundled scheme a user has changed is not overwritten by a catalogue update', async (t) => {
  const path = join(t.testdir(), 'woud.db')
  const a = openDatabase(path)
  a.update(schemes).set({ notes: 'eigen aantekening', provenance: 'api' }).where(eq(schemes.code, 'vro-woningbouwimpuls')).run()
  a.delete(settings).where(eq(settings.key, 'reference.catalogue.sha256')).run()
  a.$client.close()
  const b = openDatabase(path)
  t.equal(b.select().from(schemes).where(eq(schemes.code, 'vro-woningbouwimpuls')).get()?.notes, 'eigen aantekening')
  b.$client.close()
})

t.test('a foreign or corrupt file is refused and left untouched', async (t) => {
  const dir = t.testdir({ 'notes.db': 'dit is geen database', 'empty.db': '' })
  const bad = join(dir, 'notes.db')
  t.throws(() => openDatabase(bad), DatabaseFileError)
  t.equal(readFileSync(bad, 'utf8'), 'dit is geen database', 'content unchanged')

  const foreign = join(dir, 'other.db')
  const other = new Database(foreign)
  other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)')
  other.close()
  const before = readFileSync(foreign)
  t.throws(() => openDatabase(foreign), /andere toepassing/)
  t.same(readFileSync(foreign), before, 'foreign database unchanged')

  const truncated = join(dir, 'half.db')
  const good = openDatabase(join(dir, 'good.db'))
  good.$client.pragma('wal_checkpoint(TRUNCATE)')
  good.$client.close()
  const bytes = readFileSync(join(dir, 'good.db'))
  writeFileSync(truncated, bytes.subarray(0, 4096 * 3))
  const tb = readFileSync(truncated)
  t.throws(() => openDatabase(truncated), DatabaseFileError)
  t.same(readFileSync(truncated), tb, 'corrupt database unchanged')

  const db = openDatabase(join(dir, 'empty.db'))
  t.ok(db.select({ n: count() }).from(schemes).get()!.n > 0, 'an empty file is initialised')
  db.$client.close()
})

t.test('migrating a seeded database keeps its data and passes the integrity checks', async (t) => {
  // Build the database as it stood after the first migration only, fill it, then apply the rest as a
  // start-up would: every later migration must keep the rows and leave no dangling foreign keys.
  const { migrate } = await import('drizzle-orm/better-sqlite3/migrator')
  const { drizzle } = await import('drizzle-orm/better-sqlite3')
  const { cpSync, mkdirSync } = await import('node:fs')
  const src = join(import.meta.dirname, '..', '..', 'db', 'migrations')
  const journal = JSON.parse(readFileSync(join(src, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  t.ok(journal.entries.length >= 2, 'there is a later migration to apply')
  const dir = t.testdir()
  const first = join(dir, 'first')
  mkdirSync(join(first, 'meta'), { recursive: true })
  cpSync(join(src, `${journal.entries[0].tag}.sql`), join(first, `${journal.entries[0].tag}.sql`))
  writeFileSync(join(first, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }))
  const path = join(dir, 'old.db')
  const sqlite = new Database(path)
  sqlite.pragma('foreign_keys = ON')
  const old = drizzle(sqlite)
  migrate(old, { migrationsFolder: first })
  sqlite.exec(`INSERT INTO organisations (code, name, kind) VALUES ('GM0363', 'Amsterdam', 'gemeente');
    INSERT INTO schemes (code, name, ministry) VALUES ('vro-lai-isolatie-t1', 'Lokale aanpak isolatie', 'BZK');
    INSERT INTO grants (organisation_id, scheme_id, title, awarded_cents, status) VALUES (1, 1, 'Isolatie tranche 1', 146000000, 'toegekend');
    INSERT INTO grant_years (grant_id, year, planned_lasten_cents, realised_lasten_cents) VALUES (1, 2024, 50000000, 31337800);
    INSERT INTO payments (grant_id, kind, paid_on, amount_cents) VALUES (1, 'voorschot', '2024-03-01', 73000000);
    INSERT INTO audit_log (actor, source, entity, entity_id, action) VALUES ('system', 'test', 'grant', '1', 'create');`)
  sqlite.close()

  const db = openDatabase(path)
  t.equal(db.select().from(grants).get()?.title, 'Isolatie tranche 1', 'grant kept')
  t.equal(db.select().from(grantYears).get()?.realisedLastenCents, 31337800, 'money kept to the cent')
  t.equal(db.select({ n: count() }).from(auditLog).get()!.n >= 1, true, 'audit kept')
  t.same(db.$client.pragma('foreign_key_check'), [], 'no dangling foreign keys')
  t.equal(db.$client.pragma('integrity_check', { simple: true }), 'ok')
  t.throws(() => db.delete(auditLog).run(), /append-only/, 'the later migration is in force')
  db.$client.close()
})

t.test('the database enforces money, dates and the append-only audit log', async (t) => {
  const db = openDatabase(':memory:')
  const org = createOrganisation(db, SYSTEM, { code: 'GM0001', name: 'Test' })
  const scheme = db.select().from(schemes).get()!
  const ins = (v: Partial<typeof grants.$inferInsert>) => () =>
    db
      .insert(grants)
      .values({ organisationId: org.id, schemeId: scheme.id, title: 'x', ...v })
      .run()
  t.throws(ins({ awardedCents: -1 }), /CHECK/, 'negative award refused')
  t.throws(ins({ periodFrom: '2025-02-30' }), /CHECK/, 'impossible date refused')
  t.throws(ins({ periodFrom: '2026-01-01', periodTo: '2025-01-01' }), /CHECK/, 'period end before start refused')
  t.throws(ins({ awardedCents: 100, bcfCents: 200 }), /CHECK/, 'BCF part above the award refused')
  t.throws(ins({ probabilityPct: 120 }), /CHECK/)
  t.throws(() => db.insert(grants).values({ organisationId: 999, schemeId: scheme.id, title: 'x' }).run(), /FOREIGN KEY/)
  writeAudit(db, SYSTEM, { entity: 'x', entityId: 1, action: 'create' })
  t.throws(() => db.update(auditLog).set({ actor: 'someone else' }).run(), /append-only/)
  t.throws(() => db.delete(auditLog).run(), /append-only/)
  t.equal(db.select({ n: count() }).from(auditLog).where(eq(auditLog.entity, 'x')).get()!.n, 1)
  db.$client.close()
})

t.test('no cascading deletes anywhere in the migrations', async (t) => {
  const sql = readFileSync(join(import.meta.dirname, '..', '..', 'db', 'migrations', '0000_initial.sql'), 'utf8')
  t.notMatch(sql, /ON DELETE CASCADE/i)
})
