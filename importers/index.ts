// The import runner: size check, read (limits first), prepare (read and match, reads only), then one short
// write transaction that records the batch and writes once. A dry run is the same code ending in a rollback.
import { createHash } from 'node:crypto'
import type { Db } from '../db/client.js'
import { busy, isBusyError } from '../db/errors.js'
import type { RowError } from './cells.js'
import { MAX_UPLOAD_BYTES } from './limits.js'
import { FileError, readFile } from './read.js'
import type { ImportKind, ImportRequest, ImportResult, Written } from './types.js'
import { schemesImport } from './kinds/schemes.js'
import { grantsImport } from './kinds/grants.js'
import { actualsImport } from './kinds/actuals.js'
import { sisaImport } from './kinds/sisa.js'
import { sisaValuesImport } from './kinds/sisa-values.js'

export const IMPORT_KINDS = {
  schemes: schemesImport,
  grants: grantsImport,
  actuals: actualsImport,
  sisa: sisaImport,
  'sisa-waarden': sisaValuesImport,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own prepared-data type
} satisfies Record<string, ImportKind<any>>

export type ImportKindName = keyof typeof IMPORT_KINDS

export const isImportKind = (k: string): k is ImportKindName => Object.hasOwn(IMPORT_KINDS, k)

/** @deprecated name kept for callers: see limits.ts. */
export const MAX_IMPORT_BYTES = MAX_UPLOAD_BYTES

/** Thrown inside the write transaction to roll it back: a dry run, or rows a write refused. */
class Rollback extends Error {
  constructor(public result: ImportResult) {
    super('rollback')
  }
}

const rejectedCount = (errors: RowError[]) => Math.max(1, new Set(errors.map((e) => `${e.sheet}:${e.row}`)).size)

function rejected(format: string, errors: RowError[], warnings: RowError[], dryRun: boolean): ImportResult {
  return { format, created: 0, updated: 0, unchanged: 0, rejected: rejectedCount(errors), errors, warnings, dryRun, batchId: null }
}

/**
 * Run an import. Never throws for bad input: a rejected import comes back with `rejected > 0` and every
 * error with its place, and the database is unchanged. A database held by another writer for longer than
 * the busy timeout throws a `busy` DomainError (HTTP 503 with Retry-After, CLI exit 3).
 */
export async function runImport(db: Db, req: ImportRequest, maxBytes = MAX_UPLOAD_BYTES): Promise<ImportResult> {
  const dryRun = !!req.dryRun
  const fileErr = (message: string, place: Partial<RowError> = {}) =>
    rejected(
      'unknown',
      [{ sheet: place.sheet ?? null, row: place.row ?? 0, column: place.column ?? '', message: `${req.fileName}: ${message}` }],
      [],
      dryRun,
    )
  if (!isImportKind(req.kind)) {
    return rejected(
      'unknown',
      [
        {
          sheet: null,
          row: 0,
          column: '',
          message: `onbekend soort import '${req.kind}' (kies uit ${Object.keys(IMPORT_KINDS).join(', ')})`,
        },
      ],
      [],
      dryRun,
    )
  }
  const kind: ImportKind<unknown> = IMPORT_KINDS[req.kind]
  if (req.bytes.length > maxBytes)
    return fileErr(`het bestand is groter dan ${Math.round(maxBytes / 1024 / 1024)} MB (limiet MAX_UPLOAD_BYTES)`)
  const t0 = performance.now()
  req.onPhase?.('read')
  let file
  try {
    file = await readFile(req.bytes, req.onProgress)
  } catch (e) {
    if (e instanceof FileError) return fileErr(e.message, e.place)
    throw e
  }
  const t1 = performance.now()
  req.onPhase?.('prepare')
  const prepared = await kind.prepare(db, file, req)
  const t2 = performance.now()
  // An error about the file as a whole names the file, so every message says where.
  for (const e of prepared.errors)
    if (!e.row && !e.sheet && !e.column && !e.message.startsWith(`${req.fileName}:`)) e.message = `${req.fileName}: ${e.message}`
  const timing = () => req.onTiming?.({ readMs: t1 - t0, prepareMs: t2 - t1, writeMs: performance.now() - t2 })
  // Rows refused while reading; a kind that still hands over data wants its other rows checked by the writes
  // too (all rolled back), so one run reports every problem.
  if (prepared.errors.length && !prepared.checkByWriting) return rejected(prepared.format, prepared.errors, prepared.warnings, dryRun)
  const sha256 = createHash('sha256').update(req.bytes).digest('hex')
  const write = () => {
    req.onPhase?.('write')
    const batch = db.$client
      .prepare(
        `INSERT INTO import_batches (kind, format, file_name, sha256, organisation_id, year, actor, source)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .get(
        req.kind,
        prepared.format,
        req.fileName,
        sha256,
        prepared.organisationId ?? null,
        req.year ?? null,
        req.who.actor,
        req.who.source,
      ) as { id: number }
    const w: Written = kind.write(db, prepared, { actor: req.who.actor, source: `import:${batch.id}` }, batch.id, req)
    const errors = w.errors?.length ? [...prepared.errors, ...w.errors].sort((a, b) => a.row - b.row) : prepared.errors
    if (errors.length) throw new Rollback(rejected(prepared.format, errors, prepared.warnings, dryRun))
    db.$client
      .prepare('UPDATE import_batches SET created = ?, updated = ?, unchanged = ? WHERE id = ?')
      .run(w.created, w.updated, w.unchanged, batch.id)
    const result: ImportResult = {
      format: prepared.format,
      created: w.created,
      updated: w.updated,
      unchanged: w.unchanged,
      rejected: 0,
      errors: [],
      warnings: prepared.warnings,
      dryRun,
      batchId: dryRun ? null : batch.id,
      details: w.details,
    }
    if (dryRun) throw new Rollback(result)
    return result
  }
  try {
    // IMMEDIATE: take the write lock at BEGIN, so a concurrent writer makes us wait (busy_timeout) rather than
    // fail half-way with SQLITE_BUSY_SNAPSHOT on the first write of a deferred transaction.
    const result = db.$client.transaction(write).immediate()
    req.onPhase?.('done')
    timing()
    return result
  } catch (e) {
    if (e instanceof Rollback) {
      req.onPhase?.('done')
      timing()
      return e.result
    }
    if (isBusyError(e)) throw busy()
    throw e
  }
}
