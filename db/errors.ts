// The one error family of the domain: every rule that refuses something throws a DomainError with a kind.
// server/errors.ts maps kinds to HTTP problems and server/cli.ts maps them to exit codes, each in one place.

export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'stale' | 'busy'

/** One problem with one place: a field of a request, or a sheet/row/column of a file. */
export interface DomainErrorItem {
  field?: string
  sheet?: string | null
  row?: number
  column?: string
  message: string
}

export class DomainError extends Error {
  constructor(
    public readonly kind: DomainErrorKind,
    message: string,
    public readonly errors: DomainErrorItem[] = [],
    /** Extra members for the problem document (e.g. `currentVersion` of a stale edit). */
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

export const invalid = (message: string, errors: DomainErrorItem[] = []) => new DomainError('invalid', message, errors)
export const notFound = (message: string) => new DomainError('not-found', message)
export const conflict = (message: string, extra: Record<string, unknown> = {}) => new DomainError('conflict', message, [], extra)
export const stale = (message: string, extra: Record<string, unknown> = {}) => new DomainError('stale', message, [], extra)

/** SQLITE_BUSY after the busy timeout: the database is held by another writer; the caller may retry. */
export const busy = (message = 'De database is even bezet door een andere schrijfactie. Probeer het zo opnieuw.') =>
  new DomainError('busy', message)

/** True for better-sqlite3's "database is locked" / "database is busy" errors. */
export function isBusyError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED'
}
