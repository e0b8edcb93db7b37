// woud backup FILE: a consistent online copy through SQLite's backup API, restorable by pointing WOUD_DB at it.
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Register } from '../cli.js'
import { CliError, EXIT } from './context.js'

/** True when both paths reach one file: a symlink (followed) or a hard link to the live database. */
function sameFile(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return false
  const x = statSync(a)
  const y = statSync(b)
  return x.dev === y.dev && x.ino === y.ino
}

export const registerBackup: Register = (program, ctx) => {
  program
    .command('backup')
    .description('maak een consistente kopie van de database (ook terwijl de server draait)')
    .argument('<file>', 'doelbestand')
    .option('--force', 'overschrijf een bestaand bestand')
    .action(async (file: string, o: { force?: boolean }) => {
      const c = ctx()
      const target = resolve(file)
      if (target === c.dbPath || sameFile(target, c.dbPath))
        throw new CliError('het doelbestand is de database zelf (of een koppeling ernaar)', EXIT.usage)
      if (existsSync(target) && !o.force) throw new CliError(`${target} bestaat al (gebruik --force om te overschrijven)`, EXIT.rejected)
      const started = Date.now()
      const r = await c.db.$client.backup(target)
      const result = { file: target, pages: r.totalPages, ms: Date.now() - started }
      c.print(result, `Back-up geschreven naar ${target} (${r.totalPages} pagina's). Herstellen: WOUD_DB=${target} npm start`)
    })
}
