// woud template KIND --out FILE.xlsx [--year YYYY] [--force]: an empty workbook to fill in and import without --map.
import { existsSync, writeFileSync } from 'node:fs'
import type { Register } from '../cli.js'
import { isTemplateKind, TEMPLATE_KINDS, templateWorkbook } from '../../importers/templates.js'
import { CliError, EXIT } from './context.js'
import { todayAmsterdam } from '../../db/dates.js'

export const registerTemplate: Register = (program, ctx) => {
  program
    .command('template')
    .description('een leeg importbestand met de kolommen die Woud verwacht en een toelichting')
    .argument('<kind>', `soort: ${TEMPLATE_KINDS.join(', ')}`)
    .requiredOption('--out <file.xlsx>', 'het bestand dat wordt gemaakt')
    .option('--year <yyyy>', 'grants: het jaar van de jaarkolommen (standaard dit jaar)')
    .option('--force', 'een bestaand bestand overschrijven')
    .action(async (kind: string, o: { out: string; year?: string; force?: boolean }) => {
      if (!isTemplateKind(kind)) throw new CliError(`geen sjabloon voor '${kind}' (kies uit ${TEMPLATE_KINDS.join(', ')})`, EXIT.usage)
      const c = ctx()
      const year = o.year === undefined ? Number(todayAmsterdam(c.now()).slice(0, 4)) : Number(o.year)
      if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new CliError(`--year '${o.year}' is geen jaartal`, EXIT.usage)
      if (!o.force && existsSync(o.out)) throw new CliError(`${o.out} bestaat al; gebruik --force om het te overschrijven`, EXIT.usage)
      writeFileSync(o.out, await templateWorkbook(kind, year))
      c.print({ kind, file: o.out, year }, () => `Sjabloon ${kind} geschreven naar ${o.out}`)
    })
}
