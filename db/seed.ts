// Built-in reference data, loaded idempotently at every start: taakvelden, holidays, settings, the bundled catalogue.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eq, getTableName } from 'drizzle-orm'
import type { Db } from './client.js'
import { parseCatalogueRecord } from './catalogue.js'
import { dutchHolidays } from './holidays.js'
import { ATW_SOURCE, KB_GELIJKGESTELD } from './reference/holidays-kb.js'
import { upsertScheme } from './repositories/schemes.js'
import { holidays, schemes, settings, taakvelden } from './schema.js'
import { DEFAULT_SETTINGS } from './reference/settings.js'
import { sisaDefinitionsStep } from './reference/sisa.js'
import { storedSetting, storeSetting, type SeedStep } from './reference/seed-step.js'

const REFERENCE = join(dirname(fileURLToPath(import.meta.url)), 'reference')
export const CATALOGUE_FILE = join(REFERENCE, 'catalogue.json')
/** Holidays are computed for any year on demand; the table holds a window for SQL joins and KB additions. */
const HOLIDAY_YEARS = [2015, 2060] as const

/**
 * Every open reads first: on every start but the first after an upgrade all reference data is as shipped, and no
 * write lock is taken. Otherwise one IMMEDIATE transaction writes what changed. Immediate, because a deferred one that
 * read first fails at once (WAL: SQLITE_BUSY, no waiting) when another process wrote in between, as an import does.
 */
export function seedReferenceData(db: Db): void {
  const steps = [fixedStep(db), catalogueStep(db), sisaDefinitionsStep(db)]
  if (steps.every((s) => s.upToDate)) return
  db.$client
    .transaction(() => {
      for (const s of steps) if (!s.upToDate) s.apply()
    })
    .immediate()
}

const FIXED_HASH_KEY = 'reference.fixed.sha256'

/**
 * Taakvelden, holidays and default settings: inserted where missing when their content differs from what the last
 * start inserted (hash in settings), like the catalogue. Every open used to run some 700 inserts that found their rows
 * already there. Nothing in Woud deletes these rows; an upgrade that adds any changes the hash.
 */
function fixedStep(db: Db): SeedStep {
  const taakveldenText = readFileSync(join(REFERENCE, 'taakvelden.json'), 'utf8')
  const days: [string, string, 'atw' | 'gelijkgesteld', string][] = []
  for (let y = HOLIDAY_YEARS[0]; y <= HOLIDAY_YEARS[1]; y++)
    for (const h of dutchHolidays(y)) days.push([h.date, h.name, 'atw', ATW_SOURCE])
  for (const k of KB_GELIJKGESTELD) days.push([k.date, k.name, 'gelijkgesteld', k.source])
  const hash = createHash('sha256')
    .update(taakveldenText)
    .update(JSON.stringify(days))
    .update(JSON.stringify(DEFAULT_SETTINGS))
    .digest('hex')
  return {
    upToDate: storedSetting(db, FIXED_HASH_KEY) === hash,
    apply: () => {
      seedTaakvelden(db, taakveldenText)
      const insertDay = db.$client.prepare(
        `INSERT INTO ${getTableName(holidays)} (date, name, kind, source) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      for (const d of days) insertDay.run(...d)
      for (const s of DEFAULT_SETTINGS)
        db.insert(settings).values({ key: s.key, value: s.value, source: s.source }).onConflictDoNothing().run()
      storeSetting(db, FIXED_HASH_KEY, hash)
    },
  }
}

// One statement prepared once and reused, not a query built per row.
function seedTaakvelden(db: Db, text: string): void {
  const doc = JSON.parse(text) as {
    taakvelden: { code: string; name: string; iv3From: number; iv3To: number | null }[]
  }
  const insert = db.$client.prepare(
    `INSERT INTO ${getTableName(taakvelden)} (code, name, iv3_from, iv3_to) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  )
  for (const t of doc.taakvelden) insert.run(t.code, t.name, t.iv3From, t.iv3To ?? null)
}

const CATALOGUE_HASH_KEY = 'reference.catalogue.sha256'

/**
 * The bundled catalogue is applied when its content changed since the last start (hash in settings).
 * Bundled rows are upserted; a scheme a user has since imported or edited (provenance other than
 * 'bundled') is left alone, so an upgrade never overwrites local knowledge.
 */
function catalogueStep(db: Db): SeedStep {
  const text = readFileSync(CATALOGUE_FILE, 'utf8')
  const hash = createHash('sha256').update(text).digest('hex')
  return {
    upToDate: storedSetting(db, CATALOGUE_HASH_KEY) === hash,
    apply: () => {
      const records = JSON.parse(text) as Record<string, unknown>[]
      records.forEach((rec, i) => {
        const { input, errors } = parseCatalogueRecord(rec)
        if (!input)
          throw new Error(
            `bundled catalogue record ${i + 1} (${String(rec.code)}): ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          )
        const existing = db.select({ provenance: schemes.provenance }).from(schemes).where(eq(schemes.code, input.code)).get()
        if (existing && existing.provenance !== 'bundled') return
        upsertScheme(db, input, { actor: 'system', source: 'reference' }, 'bundled')
      })
      storeSetting(db, CATALOGUE_HASH_KEY, hash)
    },
  }
}
