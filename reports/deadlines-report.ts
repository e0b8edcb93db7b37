// The 'deadlines' workbook (docs/formats.md#outputs): every deadline of year T and T+1 with nominal and effective date, state and urgency.
import { todayAmsterdam } from '../db/dates.js'
import { INSTRUMENT_NL, KIND_NL, listDeadlines, STATE_NL, URGENCY_NL, type Deadline } from './deadlines.js'
import type { PortfolioLoad } from './portfolio-load.js'
import type { Column, ReportDef, ReportParams, SheetSpec } from './types.js'

export interface DeadlinesData {
  from: string
  to: string
  deadlines: Deadline[]
}

const text = (key: string, header: string, width = 16): Column => ({ key, header, type: 'text', width })
const date = (key: string, header: string): Column => ({ key, header, type: 'date', width: 12 })

/** Year T's own deadlines and those of T+1, where the SiSa, jaarrekening and Eindverantwoording of T fall. */
export function computeDeadlines(db: Parameters<ReportDef['compute']>[0], p: ReportParams, load?: PortfolioLoad): DeadlinesData {
  const from = `${p.year}-01-01`
  const to = `${p.year + 1}-12-31`
  const q = { from, to, includeCatalogue: p.options?.includeCatalogue === 'true' }
  return { from, to, deadlines: listDeadlines(db, [p.organisationId], p.today, q, load) }
}

export function deadlinesSheets(d: DeadlinesData, p: ReportParams): SheetSpec[] {
  const open = d.deadlines.filter((x) => x.state === 'overdue').length
  return [
    {
      kind: 'table',
      name: 'Deadlines',
      preamble: [
        `Deadlines ${p.year}–${p.year + 1} — ${p.orgName} (${p.orgCode}), stand ${p.today.split('-').reverse().join('-')}`,
        'Datum = uiterste datum na toepassing van de Algemene termijnenwet (alleen waar die geldt: wet en AMvB); de nominale datum staat ernaast.',
        `${d.deadlines.length} deadlines, waarvan ${open} verlopen (rood).`,
      ],
      columns: [
        date('date', 'Datum'),
        date('nominalDate', 'Nominale datum'),
        text('shiftReason', 'Verschoven wegens', 14),
        text('kindNl', 'Soort', 20),
        text('title', 'Omschrijving', 60),
        text('schemeCode', 'Regeling', 22),
        text('schemeName', 'Naam regeling', 32),
        { key: 'grantId', header: 'Subsidie-id', type: 'id' },
        text('grantTitle', 'Subsidie', 28),
        text('instrumentNl', 'Grondslag', 20),
        { key: 'atwApplies', header: 'Atw van toepassing', type: 'boolean', width: 10 },
        text('stateNl', 'Status', 10),
        text('urgencyNl', 'Urgentie', 10),
        { key: 'daysLeft', header: 'Dagen tot datum', type: 'integer', width: 10 },
        date('doneOn', 'Afgerond op'),
        text('doneBy', 'Afgerond door', 22),
        text('basis', 'Basis', 40),
        text('id', 'Sleutel', 30),
      ],
      rows: d.deadlines.map((x) => ({
        ...x,
        kindNl: KIND_NL[x.kind] ?? x.kind,
        instrumentNl: INSTRUMENT_NL[x.legalInstrument] ?? x.legalInstrument,
        stateNl: STATE_NL[x.state],
        urgencyNl: URGENCY_NL[x.urgency],
        doneOn: x.doneAt ? todayAmsterdam(new Date(x.doneAt)) : null,
      })),
      // Conditional formatting: an open deadline turns red when its date passes; marking it afgerond clears it.
      alert: 'OR({stateNl}="verlopen",AND({stateNl}="open",{date}<TODAY()))',
    },
  ]
}

export const deadlinesReport: ReportDef<DeadlinesData> = {
  name: 'deadlines',
  title: 'Deadlines',
  compute: (db, p) => computeDeadlines(db, p),
  sheets: deadlinesSheets,
}
