// The contract of one import kind: parse and validate without writing, then apply inside one transaction.
import type { Db } from '../db/client.js'
import type { Actor } from '../db/audit.js'
import type { RowError } from './cells.js'
import type { ReadFile } from './read.js'

export interface ImportRequest {
  kind: string
  fileName: string
  bytes: Buffer
  /** CBS code of the organisation (verantwoordingslijst, grants, actuals). */
  orgCode?: string
  year?: number
  dryRun?: boolean
  /** --map FIELD=HEADER overrides. */
  map?: Record<string, string>
  who: Actor
  /** Today (YYYY-MM-DD, Europe/Amsterdam) as the caller's clock says; defaults to the wall clock. */
  today?: string
  /** Progress while reading: rows read so far. */
  onProgress?: (rowsRead: number) => void
}

export interface Counts {
  created: number
  updated: number
  unchanged: number
}

export interface Prepared<T = unknown> {
  /** The detected source format, reported to the user, e.g. 'woud-catalogue', 'rbv-bijlage'. */
  format: string
  errors: RowError[]
  warnings: RowError[]
  data: T
  /** Organisation id the import writes to, recorded on the batch. */
  organisationId?: number
}

export interface ImportKind<T = unknown> {
  kind: string
  /** Read and validate; may read the database, never writes. */
  prepare(db: Db, file: ReadFile, req: ImportRequest): Prepared<T> | Promise<Prepared<T>>
  /** Write; runs synchronously inside the import transaction. `who.source` is 'import:<batch id>'. Returns counts and details. */
  apply(db: Db, prepared: Prepared<T>, who: Actor, batchId: number, req: ImportRequest): Counts & { details?: unknown }
}

export interface ImportResult extends Counts {
  format: string
  rejected: number
  errors: RowError[]
  warnings: RowError[]
  dryRun: boolean
  batchId: number | null
  /** Import-specific report, e.g. the verantwoordingslijst year-on-year differences. */
  details?: unknown
}

/**
 * The start of every import that writes to one organisation from a table (portfolio sheet, ledger):
 * the organisation must exist and the file must be a workbook or CSV. Returns the organisation, or the
 * one error that rejects the file.
 */
export function organisationTable<O>(findOrg: (code: string) => O | undefined, file: { kind: string }, req: ImportRequest, what: string): { org: O } | { error: RowError } {
  const org = req.orgCode ? findOrg(req.orgCode) : undefined
  if (!org) return { error: { sheet: null, row: 0, column: '', message: req.orgCode ? `organisatie '${req.orgCode}' bestaat niet` : 'geef de organisatie op met --org CODE' } }
  if (file.kind !== 'xlsx' && file.kind !== 'csv') return { error: { sheet: null, row: 0, column: '', message: `${what} wordt ingelezen uit .xlsx of .csv` } }
  return { org }
}
