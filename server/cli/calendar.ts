// woud calendar --org CODE --out FILE.ics (docs/cli.md), and woud holiday add for days gelijkgesteld by KB.
import { writeFileSync } from 'node:fs'
import type { Register } from '../cli.js'
import { addGelijkgesteldeDag, HolidayError } from '../../reports/calendar.js'
import { feedRange, listDeadlines, readDeadlineSettings } from '../../reports/deadlines.js'
import { renderIcs } from '../../reports/render/ics.js'
import { CliError, EXIT } from './context.js'
import { cliDate, cliToday, requireOrg } from './deadlines.js'

export const registerCalendar: Register = (program, ctx) => {
  program.command('calendar').description('de deadlines van een organisatie als iCalendar-bestand (.ics)')
    .requiredOption('--org <code>', 'CBS-code van de organisatie')
    .requiredOption('--out <file>', 'doelbestand, bijvoorbeeld deadlines.ics')
    .option('--from <date>', 'vanaf (standaard 1 januari van vorig jaar)')
    .option('--to <date>', 'tot en met (standaard 31 december over twee jaar)')
    .option('--include-catalogue', 'ook open en komende aanvraagvensters uit de hele catalogus')
    .action((o: { org: string; out: string; from?: string; to?: string; includeCatalogue?: boolean }) => {
      const c = ctx()
      const org = requireOrg(c, o.org)
      const today = cliToday(c)
      const dflt = feedRange(today)
      const from = cliDate(o.from, '--from') ?? dflt.from
      const to = cliDate(o.to, '--to') ?? dflt.to
      if (from > to) throw new CliError(`--from (${from}) ligt na --to (${to})`, EXIT.usage)
      const list = listDeadlines(c.db, [org.id], today, { from, to, includeCatalogue: o.includeCatalogue })
      const clock = c.now
      const text = renderIcs(list, { calendarName: `Woud deadlines ${org.name} (${org.code})`, alarmDaysBefore: readDeadlineSettings(c.db).alarmDaysBefore, now: typeof clock === 'function' ? clock() : new Date() })
      try { writeFileSync(o.out, text, 'utf8') } catch (e) { throw new CliError(`${o.out}: ${(e as Error).message}`, EXIT.failure) }
      c.print({ file: o.out, events: list.length, from, to }, `${list.length} deadlines geschreven naar ${o.out} (${from} t/m ${to}).`)
    })

  program.command('holiday').description('feestdagen voor de Algemene termijnenwet')
    .command('add').description('een dag toevoegen die bij Koninklijk Besluit met een feestdag is gelijkgesteld')
    .requiredOption('--date <date>', 'de datum')
    .requiredOption('--name <name>', 'naam, bijvoorbeeld "Vrijdag na Hemelvaartsdag (KB 2026)"')
    .action((o: { date: string; name: string }) => {
      const date = cliDate(o.date, '--date')!
      const c = ctx()
      try { addGelijkgesteldeDag(c.db, c.who, date, o.name.trim()) } catch (e) {
        if (e instanceof HolidayError) throw new CliError(e.message, EXIT.rejected)
        throw e
      }
      c.print({ date, name: o.name.trim(), kind: 'gelijkgesteld' }, `${date} (${o.name.trim()}) telt nu als feestdag voor de Algemene termijnenwet.`)
    })
}
