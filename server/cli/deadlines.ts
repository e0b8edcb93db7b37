// woud deadlines --org CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--state S] [--kind K] [--include-catalogue] (docs/cli.md)
import type { Register } from '../cli.js'
import { DateError, formatDateNl, parseDate, todayAmsterdam } from '../../db/dates.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { acceptedValues, DEADLINE_STATE, enumKey } from '../../db/enums.js'
import { listDeadlines, STATE_NL, URGENCY_NL, type Deadline } from '../../reports/deadlines.js'
import { CliError, EXIT, type CliContext } from './context.js'

/** "Today" of a CLI run; a context may carry a clock (tests pin it), else the wall clock. */
export function cliToday(c: CliContext): string {
  const clock = c.now
  return todayAmsterdam(typeof clock === 'function' ? clock() : new Date())
}

export function cliDate(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined
  try {
    return parseDate(value)
  } catch (e) {
    throw new CliError(`${flag}: ${(e as DateError).message}`, EXIT.usage)
  }
}

export function requireOrg(c: CliContext, code: string, readOnly = false) {
  const org = findOrganisation(readOnly ? c.readDb : c.db, code)
  if (!org) throw new CliError(`organisatie ${code} bestaat niet`, EXIT.rejected)
  return org
}

/** The contract's --json item, plus what else a script may want. */
const jsonItem = (d: Deadline) => ({
  date: d.date,
  nominalDate: d.nominalDate,
  kind: d.kind,
  title: d.title,
  grantId: d.grantId,
  schemeCode: d.schemeCode,
  state: d.state,
  id: d.id,
  urgency: d.urgency,
  legalInstrument: d.legalInstrument,
  atwApplies: d.atwApplies,
  shiftReason: d.shiftReason,
  doneAt: d.doneAt,
  doneBy: d.doneBy,
})

function table(list: Deadline[]): string {
  if (!list.length) return 'Geen deadlines in deze periode.'
  const rows = list.map((d) => [
    formatDateNl(d.date),
    d.shiftReason ? `(${formatDateNl(d.nominalDate)}, ${d.shiftReason})` : '',
    STATE_NL[d.state],
    URGENCY_NL[d.urgency],
    d.title,
  ])
  const head = ['Datum', 'Nominaal', 'Status', 'Urgentie', 'Omschrijving']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r: string[]) => r.map((v, i) => (i === r.length - 1 ? v : v.padEnd(widths[i]))).join('  ')
  return [line(head), ...rows.map(line)].join('\n')
}

export const registerDeadlines: Register = (program, ctx) => {
  program
    .command('deadlines')
    .description('alle deadlines van een organisatie, met de Algemene termijnenwet toegepast')
    .requiredOption('--org <code>', 'CBS-code van de organisatie')
    .option('--from <date>', 'vanaf (standaard 1 januari van dit jaar)')
    .option('--to <date>', 'tot en met (standaard 31 december van volgend jaar)')
    .option('--state <state>', `alleen deze status: ${acceptedValues(DEADLINE_STATE).join(', ')}`)
    .option('--kind <kind>', 'alleen deze soort (window-close, spend, sisa, begroting, custom, ...)')
    .option('--include-catalogue', 'ook open en komende aanvraagvensters uit de hele catalogus')
    .action((o: { org: string; from?: string; to?: string; state?: string; kind?: string; includeCatalogue?: boolean }) => {
      const from = cliDate(o.from, '--from')
      const to = cliDate(o.to, '--to')
      if (from && to && from > to) throw new CliError(`--from (${from}) ligt na --to (${to})`, EXIT.usage)
      const state = o.state === undefined ? undefined : enumKey(DEADLINE_STATE, o.state)
      if (o.state !== undefined && !state) {
        throw new CliError(`--state '${o.state}' is onbekend (toegestaan: ${acceptedValues(DEADLINE_STATE).join(', ')})`, EXIT.usage)
      }
      const c = ctx()
      const org = requireOrg(c, o.org, true)
      const list = listDeadlines(c.readDb, [org.id], cliToday(c), { from, to, state, kind: o.kind, includeCatalogue: o.includeCatalogue })
      c.print({ deadlines: list.map(jsonItem) }, () => table(list))
    })
}
