// Shipped SiSa indicator definitions (regelingen quoted in the domain guide), loaded idempotently at every start.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from '../client.js'
import { storedSetting, storeSetting, type SeedStep } from './seed-step.js'
import { upsertYearDefinitions } from '../repositories/sisa.js'
import { settings } from '../schema.js'
import { validateDefinitions } from '../sisa-definitions.js'
import { SISA_DRAFT_KEY, type DraftPolicy } from '../sisa-draft.js'

export const SISA_DEFINITIONS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'sisa-definitions.json')
const HASH_KEY = 'reference.sisa.sha256'

/**
 * Upserts the shipped definitions when the file changed since the last start. Rows are matched by
 * (year, format date, code), so definitions a user imported for other format dates are never touched.
 */
export function sisaDefinitionsStep(db: Db): SeedStep {
  const text = readFileSync(SISA_DEFINITIONS_FILE, 'utf8')
  // The draft policy (db/sisa-draft.ts) is inserted once; a value changed in the settings table is kept.
  const draft = (JSON.parse(text) as { draft?: DraftPolicy }).draft
  const hash = createHash('sha256').update(text).digest('hex')
  const hashCurrent = storedSetting(db, HASH_KEY) === hash
  const draftCurrent = !draft || storedSetting(db, SISA_DRAFT_KEY) !== undefined
  return {
    upToDate: hashCurrent && draftCurrent,
    apply: () => {
      if (draft)
        db.insert(settings)
          .values({
            key: SISA_DRAFT_KEY,
            value: { fromPreviousYear: draft.fromPreviousYear, scope: draft.scope, exclude: draft.exclude },
            source: draft.source,
          })
          .onConflictDoNothing()
          .run()
      if (hashCurrent) return
      const { years, issues } = validateDefinitions(JSON.parse(text))
      if (issues.length) throw new Error(`shipped SiSa definitions: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`)
      for (const y of years) upsertYearDefinitions(db, y, null)
      storeSetting(db, HASH_KEY, hash)
    },
  }
}
