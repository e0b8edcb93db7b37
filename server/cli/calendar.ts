// woud calendar --org CODE --out FILE.ics (docs/cli.md), and woud holiday add for days gelijkgesteld by KB.
import type { Register } from '../cli.js'
import { addGelijkgesteldeDag } from '../../db/repositories/holidays.js'
import { feedRange, listDeadlines, readDeadlineSettings } from '../../reports/deadlines.js'
import { renderIcs } from '../../reports/render/ics.js'
import { CliError, EXIT } from './context.js'
import { checkOut, writeAtomic } from './output.js'
import { cliDate, cliToday, requireOrg } from './deadlines.js'

export const registerCalendar: Register = (program, ctx) => {
  program
    .command('calendar')
    .description('de deadlines van een organisatie als iCalendar-bestand (.ics)')
    .requiredOption('--org <code>', 'CBS-code van de organisatie')
    .requiredOption('--out <file>', 'doelbestand, bijvoorbeeld deadlines.ics')
    .option('--from <date>', 'vanaf (standaard 1 januari van vorig jaar)')
    .option('--to <date>', 'tot en met (standaard 31 december over twee jaar)')
    .option('--include-catalogue', 'ook open en komende aanvraagvensters uit de hele catalogus')
    .option('--force', 'een bestaand uitvoerbestand vervangen')
    .action(async (o: { org: string; out: string; from?: string; to?: string; includeCatalogue?: boolean; force?: boolean }) => {
      const c = ctx()
      checkOut(o.out, c.db.$client.name, !!o.force)
      const org = requireOrg(c, o.org)
      const today = cliToday(c)
      const dflt = feedRange(today)
      const from = cliDate(o.from, '--from') ?? dflt.from
      const to = cliDate(o.to, '--to') ?? dflt.to
      if (from > to) throw new CliError(`--from (${from}) ligt na --to (${to})`, EXIT.usage)
      const list = listDeadlines(c.db, [org.id], today, { from, to, includeCatalogue: o.includeCatalogue })
      const clock = c.now
      const text = renderIcs(list, {
        calendarName: `Woud deadlines ${org.name} (${org.code})`,
        alarmDaysBefore: readDeadlineSettings(c.db).alarmDaysBefore,
        now: typeof clock === 'function' ? clock() : new Date(),
      })
      await writeAtomic(o.out, text)
      c.print({ file: o.out, events: list.length, from, to }, `${list.length} deadlines geschreven naar ${o.out} (${from} t/m ${to}).`)
    })

  program
    .command('holiday')
    .description('feestdagen voor de Algemene termijnenwet')
    .command('add')
    .description('een dag toevoegen die bij Koninklijk Besluit met een feestdag is gelijkgesteld')
    .requiredOption('--date <date>', 'de datum')
    .requiredOption('--name <name>', 'naam, bijvoorbeeld "Vrijdag na Hemelvaartsdag (KB 2026)"')
    .option('--source <text>', 'het besluit waaruit de dag komt')
    .action((o: { date: string; name: string; source?: string }) => {
      const date = cliDate(o.date, '--date')!
      const c = ctx()
      // A refused day is a DomainError: server/cli.ts maps it to its exit code.
      addGelijkgesteldeDag(c.db, c.who, date, o.name.trim(), o.source?.trim() || null)
      c.print(
        { date, name: o.name.trim(), kind: 'gelijkgesteld' },
        `${date} (${o.name.trim()}) telt nu als feestdag voor de Algemene termijnenwet.`,
      )
    })
}
