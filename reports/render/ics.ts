// Deadlines -> iCalendar (RFC 5545) with ical-generator: all-day events, stable UIDs, a reminder. The only place that touches iCal.
import ical, { ICalAlarmType, ICalEventStatus, ICalEventTransparency } from 'ical-generator'
import { DateTime } from 'luxon'
import { formatDateNl } from '../../db/dates.js'
import { INSTRUMENT_NL, STATE_NL, URGENCY_NL, type Deadline } from '../deadlines.js'

/**
 * The UID is the deadline's stable key plus the organisation: a re-fetched feed updates the same events
 * instead of adding copies, and two organisations' feeds in one calendar never collide.
 */
export const uidOf = (d: Pick<Deadline, 'id' | 'organisation'>) => `${d.id}/${d.organisation}@woud`

export function summaryOf(d: Deadline): string {
  const prefix = d.state === 'done' && d.action ? '✓ ' : ''
  const grant = d.custom && d.grantTitle ? ` — ${d.grantTitle}${d.schemeCode ? ` (${d.schemeName ?? d.schemeCode})` : ''}` : ''
  return `${prefix}${d.title}${grant}`
}

export function descriptionOf(d: Deadline): string {
  const lines = [
    d.description,
    '',
    `Uiterste datum: ${formatDateNl(d.date)}${d.shiftReason ? ` (nominaal ${formatDateNl(d.nominalDate)}, verschoven wegens ${d.shiftReason} volgens de Algemene termijnenwet)` : ''}`,
    `Grondslag: ${INSTRUMENT_NL[d.legalInstrument] ?? d.legalInstrument} — ${d.basis}`,
    `Algemene termijnenwet van toepassing: ${d.atwApplies ? 'ja' : 'nee'}`,
    d.schemeCode ? `Regeling: ${d.schemeName ?? ''} (${d.schemeCode})` : null,
    d.grantTitle ? `Subsidie: ${d.grantTitle}${d.grantId ? ` (#${d.grantId})` : ''}` : null,
    `Status: ${STATE_NL[d.state]}${d.doneBy ? ` door ${d.doneBy} op ${d.doneAt?.slice(0, 10)}` : ''} · urgentie: ${URGENCY_NL[d.urgency]}`,
  ]
  return lines.filter((l) => l !== null).join('\n')
}

export interface IcsOptions {
  calendarName: string
  /** Days before the event at which the reminder fires. */
  alarmDaysBefore: number
  /** Generation instant; DTSTAMP of every event (tests pin it). */
  now: Date
}

export function renderIcs(list: Deadline[], o: IcsOptions): string {
  const cal = ical({
    name: o.calendarName,
    prodId: { company: 'Woud', product: 'Deadlines', language: 'NL' },
    // Calendar clients poll a subscription; deadlines change a few times a day at most.
    ttl: 60 * 60 * 4,
  })
  const head = cal.toString()
  const events = list.map((d) => {
    const start = DateTime.fromISO(d.date, { zone: 'UTC' })
    return cal.createEvent({
      id: uidOf(d),
      start,
      end: start.plus({ days: 1 }),
      allDay: true,
      stamp: o.now,
      summary: summaryOf(d),
      description: descriptionOf(d),
      categories: [{ name: d.kind }],
      // Deadlines mark the day without blocking anyone's agenda.
      transparency: ICalEventTransparency.TRANSPARENT,
      status: ICalEventStatus.CONFIRMED,
      alarms:
        d.state === 'done'
          ? []
          : [
              {
                type: ICalAlarmType.display,
                triggerBefore: o.alarmDaysBefore * 86400,
                description: `Over ${o.alarmDaysBefore} dagen: ${summaryOf(d)}`,
              },
            ],
    })
  })
  // ical-generator 10 folds the whole calendar with one TextEncoder per character (about 3 s for 800 events,
  // measured); events come out unfolded, so they are folded here and set between its own header and footer.
  const end = head.lastIndexOf('END:VCALENDAR')
  return head.slice(0, end) + foldIcs(events.map((e) => e.toString()).join('')) + head.slice(end)
}

const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4)

/** RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 sequence. */
export function foldIcs(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      const bytes = Buffer.byteLength(line, 'utf8')
      if (bytes <= 75) return line
      if (bytes === line.length) {
        // ASCII only: one octet per character, so the line can be cut in slices.
        const parts = [line.slice(0, 75)]
        for (let i = 75; i < line.length; i += 74) parts.push(line.slice(i, i + 74))
        return parts.join('\r\n ')
      }
      let out = ''
      let n = 0
      for (const ch of line) {
        const len = utf8Length(ch.codePointAt(0)!)
        if (n + len > 75) {
          out += '\r\n '
          n = 1
        }
        out += ch
        n += len
      }
      return out
    })
    .join('\r\n')
}
