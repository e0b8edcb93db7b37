// The contract of one import kind: read and match without writing, then write once inside one short transaction.
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
  /** --scheme CODE=SISA: the catalogue scheme a bijlage block with that SiSa code belongs to (SiSa code -> scheme code). */
  schemeFor?: Record<string, string>
  /** RBV bijlage: the ministry of a table that does not name its own (canonical abbreviation, e.g. 'SZW'). */
  ministry?: string
  /** actuals: the months the ledger covers (1-12, inclusive); absent is the whole year. */
  period?: { from: number; to: number }
  /** grants: a row may move an existing grant to another scheme (a warning) instead of being refused. */
  allowSchemeChange?: boolean
  who: Actor
  /** Today (YYYY-MM-DD, Europe/Amsterdam) as the caller's clock says; defaults to the wall clock. */
  today?: string
  /** Progress while reading: rows read so far. */
  onProgress?: (rowsRead: number) => void
  /** Milliseconds of each phase, for benchmarks: read (bytes to rows), prepare (validate, match), write (the transaction). */
  onTiming?: (t: { readMs: number; prepareMs: number; writeMs: number }) => void
  /** Each phase as it starts ('write' once the write lock is held, 'done' after the commit or rollback): for the crash test. */
  onPhase?: (phase: 'read' | 'prepare' | 'write' | 'done') => void
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
  /** Rows with reading errors were left out; write the others anyway (rolled back) so their problems are reported too. */
  checkByWriting?: boolean
  /** Organisation id the import writes to, recorded on the batch. */
  organisationId?: number
}

/** What the write step did; `errors` are row problems only a write can find (a repository rule): all is rolled back. */
export interface Written extends Counts {
  details?: unknown
  errors?: RowError[]
}

/**
 * One import kind: `prepare` reads the file's typed rows (from a pure format reader) and matches them against
 * the database with reads only, outside any transaction; `write` runs once inside the short write
 * transaction and only writes. A dry run is the same two steps ending in a rollback.
 */
export interface ImportKind<T = unknown> {
  prepare(db: Db, file: ReadFile, req: ImportRequest): Prepared<T> | Promise<Prepared<T>>
  /** `who.source` is 'import:<batch id>'. */
  write(db: Db, prepared: Prepared<T>, who: Actor, batchId: number, req: ImportRequest): Written
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
export function organisationTable<O>(
  findOrg: (code: string) => O | undefined,
  file: { kind: string },
  req: ImportRequest,
  what: string,
): { org: O } | { error: RowError } {
  const org = req.orgCode ? findOrg(req.orgCode) : undefined
  if (!org)
    return {
      error: {
        sheet: null,
        row: 0,
        column: '',
        message: req.orgCode ? `organisatie '${req.orgCode}' bestaat niet` : 'geef de organisatie op met --org CODE',
      },
    }
  if (file.kind !== 'xlsx' && file.kind !== 'csv')
    return { error: { sheet: null, row: 0, column: '', message: `${what} wordt ingelezen uit .xlsx of .csv` } }
  return { org }
}
