// The holidays table as a repository: days gelijkgesteld by KB (Atw art. 3 lid 3) are added here, audited.
import { eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { assertIsoDate, formatDateNl, weekday } from '../dates.js'
import { DomainError } from '../errors.js'
import { dutchHolidays } from '../holidays.js'
import { holidays } from '../schema.js'

/** A day that cannot be added: a bad date or name is invalid, a date that is already a holiday a conflict. */
export class HolidayError extends DomainError {
  constructor(kind: 'invalid' | 'conflict', message: string, field: 'date' | 'name' = 'date') {
    super(kind, message, [{ field, message }])
    this.name = 'HolidayError'
  }
}

export type HolidayRow = typeof holidays.$inferSelect

export function listHolidays(db: Db): HolidayRow[] {
  return db.select().from(holidays).all()
}

/**
 * Record a day gelijkgesteld by Koninklijk Besluit (Atw art. 3 lid 3); such decisions are published once every
 * three years, so they are data a beheerder adds, never guessed. A date that already does not count (a holiday in
 * the table, a computed Atw day of any year, a Saturday or Sunday) is refused, not silently accepted: a second entry
 * would change no deadline, so the likeliest cause is a wrong date, and the message says which day is already there.
 */
export function addGelijkgesteldeDag(db: Db, who: Actor, date: string, name: string, source: string | null = null): void {
  try {
    assertIsoDate(date)
  } catch {
    throw new HolidayError('invalid', `'${date}' is geen datum (JJJJ-MM-DD)`)
  }
  if (!name.trim()) throw new HolidayError('invalid', 'een gelijkgestelde dag heeft een naam nodig', 'name')
  const nothing = 'Er is niets toegevoegd.'
  const day = weekday(date)
  if (day >= 6)
    throw new HolidayError(
      'conflict',
      `${formatDateNl(date)} is een ${day === 6 ? 'zaterdag' : 'zondag'}; die telt voor de Algemene termijnenwet al niet mee. ${nothing}`,
    )
  db.$client.transaction(() => {
    const existing = db.select().from(holidays).where(eq(holidays.date, date)).get()
    const computed = dutchHolidays(Number(date.slice(0, 4))).find((h) => h.date === date)
    if (existing || computed) {
      const what = existing
        ? `${existing.name}${existing.source ? ` (${existing.source})` : ''}`
        : `${computed!.name} (Algemene termijnenwet art. 3)`
      throw new HolidayError('conflict', `${formatDateNl(date)} is al een feestdag: ${what}. ${nothing}`)
    }
    const row = { date, name: name.trim(), kind: 'gelijkgesteld' as const, source }
    db.insert(holidays).values(row).run()
    writeAudit(db, who, { entity: 'holiday', entityId: date, action: 'create', after: row })
  })()
}
