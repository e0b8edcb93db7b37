// Files that `export` and `calendar` write: never the database, never an existing file without --force, and
// always whole (written to a temp file next to the target, then renamed), so a failure leaves nothing behind.
import { existsSync, realpathSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { CliError, EXIT } from './context.js'

/** The path with symlinks resolved as far as it exists (a new file in an existing folder keeps its own name). */
function realTarget(path: string): string {
  const abs = resolve(path)
  if (existsSync(abs)) return realpathSync(abs)
  const dir = dirname(abs)
  return existsSync(dir) ? join(realpathSync(dir), basename(abs)) : abs
}

/**
 * Refuse an --out that is the open database (or its -wal/-shm/-journal file), resolved through symlinks, and
 * an existing file unless `force`. `dbFile` is the database's file name (':memory:' or '' for none).
 */
export function checkOut(out: string, dbFile: string, force: boolean): void {
  const target = realTarget(out)
  if (dbFile && dbFile !== ':memory:') {
    const db = realTarget(dbFile)
    if ([db, `${db}-wal`, `${db}-shm`, `${db}-journal`].includes(target)) {
      throw new CliError(`--out '${out}' is de database zelf; kies een ander bestand`, EXIT.usage)
    }
  }
  if (existsSync(target) && !force) throw new CliError(`${out} bestaat al; gebruik --force om het te vervangen`, EXIT.usage)
}

/** Write all bytes to a temp file beside the target and rename it over the target. */
export async function writeAtomic(out: string, data: Buffer | string): Promise<void> {
  const tmp = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`)
  try {
    await writeFile(tmp, data, { flag: 'wx' })
    await rename(tmp, out)
  } catch (e) {
    await rm(tmp, { force: true })
    throw new CliError(`${out} kan niet worden geschreven: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.failure)
  }
}
