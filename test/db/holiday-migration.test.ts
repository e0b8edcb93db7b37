// Migration 0005 on a database from before it: holidays get their source, computed Eerste Paas- and Pinksterdag
// rows go (they are Sundays, not Atw days), a day a beheerder added stays, and the KB days arrive with their decree.
import t from 'tap'
import Database from 'better-sqlite3'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { openDatabase } from '../../db/client.js'

t.test('0005 keeps added days, drops the Sunday rows and adds sources', async (t) => {
  const src = join(import.meta.dirname, '..', '..', 'db', 'migrations')
  const journal = JSON.parse(readFileSync(join(src, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  const before = journal.entries.filter((e) => e.tag < '0005')
  const dir = t.testdir()
  const old = join(dir, 'old')
  mkdirSync(join(old, 'meta'), { recursive: true })
  for (const e of before) cpSync(join(src, `${e.tag}.sql`), join(old, `${e.tag}.sql`))
  writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }))
  const path = join(dir, 'woud.db')
  const sqlite = new Database(path)
  migrate(drizzle(sqlite), { migrationsFolder: old })
  sqlite.exec(`INSERT INTO holidays (date, name, kind) VALUES ('2026-04-05', 'Eerste Paasdag', 'atw'), ('2026-05-24', 'Eerste Pinksterdag', 'atw'),
    ('2026-04-06', 'Tweede Paasdag', 'atw'), ('2029-05-11', 'Vrijdag na Hemelvaartsdag (eigen)', 'gelijkgesteld')`)
  sqlite.close()
  const db = openDatabase(path)
  t.teardown(() => db.$client.close())
  const rows = db.$client
    .prepare('SELECT date, name, kind, source FROM holidays WHERE date IN (?, ?, ?, ?, ?)')
    .all('2026-04-05', '2026-05-24', '2026-04-06', '2029-05-11', '2026-05-15') as {
    date: string
    name: string
    kind: string
    source: string | null
  }[]
  t.strictSame(
    rows.map((r) => r.date).sort(),
    ['2026-04-06', '2026-05-15', '2029-05-11'],
    'Sunday rows gone, the rest kept, the KB day seeded',
  )
  t.match(
    rows.find((r) => r.date === '2026-04-06'),
    { source: /Algemene termijnenwet art\. 3/ },
  )
  t.match(
    rows.find((r) => r.date === '2026-05-15'),
    { kind: 'gelijkgesteld', source: /2026–2028/ },
  )
  t.match(
    rows.find((r) => r.date === '2029-05-11'),
    { name: 'Vrijdag na Hemelvaartsdag (eigen)', source: null },
  )
})
