// Default settings for the deadlines area: data, not code. Users change them in the settings table; the defaults load once.
import type { DefaultSetting } from './settings.js'

export type LegalInstrument = 'wet' | 'amvb' | 'ministeriele_regeling' | 'regeling' | 'praktijk'

/**
 * How one kind of derived deadline is dated and judged. `month`/`day` give the nominal date of yearly items
 * ('prinsjesdag' = third Tuesday of September); `action` false marks an event to know about rather than
 * something to deliver, so a passed event is not 'overdue'.
 */
export interface DeadlineKindSetting {
  legalInstrument: LegalInstrument
  atwApplies: boolean
  basis: string
  action: boolean
  month?: number
  day?: number | 'prinsjesdag'
}

export interface LeadTimes {
  low: number
  medium: number
  high: number
}

export const LEAD_TIMES_KEY = 'deadlines.leadTimes'
export const ALARM_KEY = 'deadlines.ics.alarmDaysBefore'
export const kindKey = (kind: string) => `deadlines.kind.${kind}`

const kind = (k: string, value: DeadlineKindSetting, source: string): DefaultSetting => ({ key: kindKey(k), value, source })

export const DEADLINES_SETTINGS: DefaultSetting[] = [
  {
    key: LEAD_TIMES_KEY,
    value: { low: 60, medium: 30, high: 7 } satisfies LeadTimes,
    source: 'Woud default: urgency laag/middel/hoog at 60/30/7 days before the effective date',
  },
  { key: ALARM_KEY, value: 7, source: 'Woud default: calendar reminder 7 days before an all-day deadline' },
  kind(
    'window-open',
    { legalInstrument: 'regeling', atwApplies: false, basis: 'aanvraagtijdvak in de regeling', action: false },
    'Domain guide §7.2: windows are fixed dates set by the regeling, often with a clock time; the Atw does not move them',
  ),
  kind(
    'window-close',
    { legalInstrument: 'regeling', atwApplies: false, basis: 'aanvraagtijdvak in de regeling', action: true },
    'Domain guide §7.2: windows are fixed dates set by the regeling, often with a clock time; the Atw does not move them',
  ),
  kind(
    'spend',
    { legalInstrument: 'regeling', atwApplies: false, basis: 'bestedingstermijn in regeling of beschikking', action: true },
    'Domain guide §3: the spend term is set by the regeling or the beschikking, not by a formal wet',
  ),
  kind(
    'sisa',
    {
      legalInstrument: 'ministeriele_regeling',
      atwApplies: false,
      basis: 'Regeling informatieverstrekking sisa art. 2 (uiterlijk 15 juli)',
      action: true,
      month: 7,
      day: 15,
    },
    'UNCERTAIN — docs/domain.md#atw: the 15 July date sits in a ministeriële regeling, so the Atw arguably does not apply; check CBS/BZK practice each year',
  ),
  kind(
    'eindverantwoording',
    {
      legalInstrument: 'ministeriele_regeling',
      atwApplies: false,
      basis: 'SiSa met Eindverantwoording = Ja (Regeling informatieverstrekking sisa art. 2)',
      action: true,
      month: 7,
      day: 15,
    },
    'UNCERTAIN — docs/domain.md#sisa, #atw: delivered with the SiSa of the final year (15 July T+1); same Atw doubt as SiSa',
  ),
  kind(
    'sisa-bijlage',
    {
      legalInstrument: 'praktijk',
      atwApplies: false,
      basis: 'CBS stuurt de SiSa-bijlage op maat (praktijk BZK/CBS)',
      action: false,
      month: 1,
      day: 15,
    },
    'Domain guide §1.3: ≈ 15 January T+1, BZK/CBS practice',
  ),
  kind(
    'meicirculaire',
    { legalInstrument: 'praktijk', atwApplies: false, basis: 'Meicirculaire gemeentefonds (BZK)', action: false, month: 5, day: 31 },
    'Domain guide §7.1: late May / June, BZK practice; 31 May is an estimate',
  ),
  kind(
    'jaarrekening',
    {
      legalInstrument: 'wet',
      atwApplies: true,
      basis: 'Gemeentewet art. 200: jaarrekening vóór 15 juli naar GS',
      action: true,
      month: 7,
      day: 14,
    },
    'Domain guide §7.1/§7.2: Gemeentewet (formal wet) so the Atw can apply; "vóór 15 juli" read as ending 14 July — UNCERTAIN wording',
  ),
  kind(
    'septembercirculaire',
    {
      legalInstrument: 'praktijk',
      atwApplies: false,
      basis: 'Septembercirculaire gemeentefonds (BZK, rond Prinsjesdag)',
      action: false,
      month: 9,
      day: 'prinsjesdag',
    },
    'Domain guide §7.1: around Prinsjesdag (third Tuesday of September), BZK practice',
  ),
  kind(
    'begroting',
    {
      legalInstrument: 'wet',
      atwApplies: true,
      basis: 'Gemeentewet art. 191(2): begroting vóór 15 november naar GS',
      action: true,
      month: 11,
      day: 14,
    },
    'Domain guide §7.1/§7.2: Gemeentewet (formal wet) so the Atw can apply; "vóór 15 november" read as ending 14 November — UNCERTAIN wording',
  ),
  kind(
    'decembercirculaire',
    { legalInstrument: 'praktijk', atwApplies: false, basis: 'Decembercirculaire gemeentefonds (BZK)', action: false, month: 12, day: 15 },
    'Domain guide §7.1: December, BZK practice; 15 December is an estimate',
  ),
]

/** The yearly finance cycle, in calendar order. */
export const CYCLE_KINDS = [
  'sisa-bijlage',
  'meicirculaire',
  'jaarrekening',
  'septembercirculaire',
  'begroting',
  'decembercirculaire',
] as const
