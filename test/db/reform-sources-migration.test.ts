// Migration 0013 on a database from before it: the old shipped spuk-reform defaults (no sources) give way to the new
// ones with sources and dates; defaults an organisation changed are kept as they are.
import t from 'tap'
import Database from 'better-sqlite3'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { openDatabase } from '../../db/client.js'
import { DEFAULT_REFORM, REFORM_DEFAULTS_KEY } from '../../db/reference/settings-reports.js'
import { reformDefaults } from '../../db/repositories/reform-assumptions.js'

// The defaults as shipped before 0013, byte for byte as the seed stored them.
const OLD = {
  fromYear: 2026,
  byInstrument: {
    spuk: {
      treatment: 'gemeentefonds',
      cutBp: 1000,
      note: 'Hoofdlijnenakkoord: spuks naar gemeente-/provinciefonds na 10 % efficiencykorting',
    },
    decentralisatie_uitkering: {
      treatment: 'bfu',
      note: 'Wijziging Fvw: decentralisatie-uitkering wordt bijzondere fondsuitkering, geen SiSa',
    },
  },
  bySchemeCode: {
    'szw-g2': { treatment: 'continues', note: 'Hoofdlijnenakkoord: de gebundelde uitkering bijstand (G2) blijft een specifieke uitkering' },
  },
}

function oldDatabase(dir: string, value: unknown): string {
  const src = join(import.meta.dirname, '..', '..', 'db', 'migrations')
  const journal = JSON.parse(readFileSync(join(src, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  const before = journal.entries.filter((e) => e.tag < '0013')
  const old = join(dir, 'old')
  mkdirSync(join(old, 'meta'), { recursive: true })
  for (const e of before) cpSync(join(src, `${e.tag}.sql`), join(old, `${e.tag}.sql`))
  writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }))
  const path = join(dir, 'woud.db')
  const sqlite = new Database(path)
  migrate(drizzle(sqlite), { migrationsFolder: old })
  sqlite.prepare('INSERT INTO settings (key, value, source) VALUES (?, ?, ?)').run(REFORM_DEFAULTS_KEY, JSON.stringify(value), 'oud')
  sqlite.close()
  return path
}

t.test('untouched old defaults are replaced by the sourced ones', async (t) => {
  const db = openDatabase(oldDatabase(t.testdir(), OLD))
  t.teardown(() => db.$client.close())
  t.strictSame(reformDefaults(db), DEFAULT_REFORM)
  const row = db.$client.prepare('SELECT source FROM settings WHERE key = ?').get(REFORM_DEFAULTS_KEY) as { source: string }
  t.match(row.source, /36600-B nr\. 45/)
})

t.test('defaults an organisation changed are kept', async (t) => {
  const mine = structuredClone(OLD)
  mine.byInstrument.spuk.cutBp = 1500
  const db = openDatabase(oldDatabase(t.testdir(), mine))
  t.teardown(() => db.$client.close())
  t.strictSame(reformDefaults(db), mine)
  t.equal((db.$client.prepare('SELECT source FROM settings WHERE key = ?').get(REFORM_DEFAULTS_KEY) as { source: string }).source, 'oud')
})
