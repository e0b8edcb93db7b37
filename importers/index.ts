// The import runner: size and content checks, detection, validation, then one all-or-nothing transaction
// that also records the import batch (file name, SHA-256, format, counts, who, when).
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { importBatches } from '../db/schema.js'
import { FileError, readFile } from './read.js'
import type { ImportKind, ImportRequest, ImportResult } from './types.js'
import { schemesImport } from './schemes.js'
import { grantsImport } from './grants.js'
import { actualsImport } from './actuals.js'
import { sisaImport } from './sisa.js'

export const IMPORT_KINDS: Record<string, ImportKind<any>> = {
  schemes: schemesImport,
  grants: grantsImport,
  actuals: actualsImport,
  sisa: sisaImport,
}

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

class DryRunRollback extends Error {}

const rejected = (format: string, errors: ImportResult['errors'], warnings: ImportResult['warnings'] = []): ImportResult => ({
  format, created: 0, updated: 0, unchanged: 0, rejected: Math.max(1, new Set(errors.map((e) => `${e.sheet}:${e.row}`)).size), errors, warnings, dryRun: false, batchId: null,
})

/**
 * Run an import. Never throws for bad input: a rejected import comes back with `rejected > 0` and
 * every error with its place, and the database is unchanged.
 */
export async function runImport(db: Db, req: ImportRequest, maxBytes = MAX_IMPORT_BYTES): Promise<ImportResult> {
  const kind = IMPORT_KINDS[req.kind]
  if (!kind) return rejected('unknown', [{ sheet: null, row: 0, column: '', message: `onbekend soort import '${req.kind}' (kies uit ${Object.keys(IMPORT_KINDS).join(', ')})` }])
  const fileErr = (message: string) => rejected('unknown', [{ sheet: null, row: 0, column: '', message: `${req.fileName}: ${message}` }])
  if (req.bytes.length > maxBytes) return fileErr(`het bestand is groter dan ${Math.round(maxBytes / 1024 / 1024)} MB`)
  let file
  try {
    file = await readFile(req.bytes, req.onProgress)
  } catch (e) {
    if (e instanceof FileError) return fileErr(e.message)
    throw e
  }
  const prepared = await kind.prepare(db, file, req)
  if (prepared.errors.length) return rejected(prepared.format, prepared.errors, prepared.warnings)
  const sha256 = createHash('sha256').update(req.bytes).digest('hex')
  let result: ImportResult | undefined
  try {
    db.$client.transaction(() => {
      const batch = db.insert(importBatches).values({
        kind: req.kind, format: prepared.format, fileName: req.fileName, sha256, organisationId: prepared.organisationId ?? null,
        year: req.year ?? null, actor: req.who.actor, source: req.who.source,
      }).returning({ id: importBatches.id }).get()
      const counts = kind.apply(db, prepared, { actor: req.who.actor, source: `import:${batch.id}` }, batch.id, req)
      db.update(importBatches).set({ created: counts.created, updated: counts.updated, unchanged: counts.unchanged }).where(eq(importBatches.id, batch.id)).run()
      result = {
        format: prepared.format, created: counts.created, updated: counts.updated, unchanged: counts.unchanged, rejected: 0,
        errors: [], warnings: prepared.warnings, dryRun: !!req.dryRun, batchId: req.dryRun ? null : batch.id, details: counts.details,
      }
      // A dry run computes the exact outcome, then rolls everything back.
      if (req.dryRun) throw new DryRunRollback()
    })()
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e
  }
  return result!
}
