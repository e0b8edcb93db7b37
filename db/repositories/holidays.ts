// The holidays table as a repository: days gelijkgesteld by KB (Atw art. 3 lid 3) are added here, audited.
import { eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { assertIsoDate } from '../dates.js'
import { DomainError } from '../errors.js'
import { holidays } from '../schema.js'

/** A day that cannot be added: a bad date is invalid, a date that is already a holiday a conflict. */
export class HolidayError extends DomainError {
  constructor(kind: 'invalid' | 'conflict', message: string) {
    super(kind, message, kind === 'invalid' ? [{ field: 'date', message }] : [])
    this.name = 'HolidayError'
  }
}

export type HolidayRow = typeof holidays.$inferSelect

export function listHolidays(db: Db): HolidayRow[] {
  return db.select().from(holidays).all()
}

/**
 * Record a day gelijkgesteld by Koninklijk Besluit (Atw art. 3 lid 3); such decisions are published once every
 * three years, so they are data a beheerder adds, never guessed. Nothing is written when the date is already one.
 */
export function addGelijkgesteldeDag(db: Db, who: Actor, date: string, name: string, source: string | null = null): void {
  try {
    assertIsoDate(date)
  } catch {
    throw new HolidayError('invalid', `'${date}' is geen datum (JJJJ-MM-DD)`)
  }
  if (!name.trim()) throw new HolidayError('invalid', 'een gelijkgestelde dag heeft een naam nodig')
  const existing = db.select().from(holidays).where(eq(holidays.date, date)).get()
  if (existing) throw new HolidayError('conflict', `${date} staat al in de kalender als ${existing.name}`)
  db.$client.transaction(() => {
    const row = { date, name: name.trim(), kind: 'gelijkgesteld' as const, source }
    db.insert(holidays).values(row).run()
    writeAudit(db, who, { entity: 'holiday', entityId: date, action: 'create', after: row })
  })()
}
