// woud backup FILE: a consistent online copy through SQLite's backup API, restorable by pointing WOUD_DB at it.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Register } from '../cli.js'
import { CliError, EXIT } from './context.js'

export const registerBackup: Register = (program, ctx) => {
  program.command('backup').description('maak een consistente kopie van de database (ook terwijl de server draait)')
    .argument('<file>', 'doelbestand')
    .option('--force', 'overschrijf een bestaand bestand')
    .action(async (file: string, o: { force?: boolean }) => {
      const c = ctx()
      const target = resolve(file)
      if (target === c.dbPath) throw new CliError('het doelbestand is de database zelf', EXIT.usage)
      if (existsSync(target) && !o.force) throw new CliError(`${target} bestaat al (gebruik --force om te overschrijven)`, EXIT.rejected)
      const started = Date.now()
      const r = await c.db.$client.backup(target)
      const result = { file: target, pages: r.totalPages, ms: Date.now() - started }
      c.print(result, `Back-up geschreven naar ${target} (${r.totalPages} pagina's). Herstellen: WOUD_DB=${target} npm start`)
    })
}
