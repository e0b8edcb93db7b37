// Stored deadline data: custom deadlines on a grant and completions (who, when) of any deadline, each with an audit row.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { DateError, parseDate } from '../dates.js'
import { deadlineCompletions, deadlines, grants } from '../schema.js'
import type { LegalInstrument } from '../reference/settings-deadlines.js'
import { LEGAL_INSTRUMENT } from '../enums.js'
import { DomainError } from '../errors.js'

export const LEGAL_INSTRUMENTS: readonly LegalInstrument[] = LEGAL_INSTRUMENT.keys

export type CustomDeadlineRow = typeof deadlines.$inferSelect
export type CompletionRow = typeof deadlineCompletions.$inferSelect

/** A custom deadline that cannot be stored, naming the fields (HTTP 400, CLI exit 1). */
export class DeadlineInputError extends DomainError {
  override name = 'DeadlineInputError'
  constructor(errors: { field: string; message: string }[]) {
    super('invalid', `De deadline is ongeldig: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors)
  }
}

export interface CustomDeadlineInput {
  title?: string
  date?: string
  legalInstrument?: string
  /** Default: the Atw applies to terms set in a wet or AMvB (Atw art. 1), not to anything else. */
  atwApplies?: boolean
  kind?: string
  note?: string | null
}

export function createCustomDeadline(db: Db, who: Actor, grantId: number, input: CustomDeadlineInput): CustomDeadlineRow {
  const errors: { field: string; message: string }[] = []
  const title = input.title?.trim() ?? ''
  if (!title) errors.push({ field: 'title', message: 'titel is verplicht' })
  let date: string | undefined
  if (input.date === undefined || input.date === null || String(input.date).trim() === '')
    errors.push({ field: 'date', message: 'datum is verplicht' })
  else {
    try {
      date = parseDate(String(input.date))
    } catch (e) {
      errors.push({ field: 'date', message: (e as DateError).message })
    }
  }
  const instrument = (input.legalInstrument ?? 'praktijk') as LegalInstrument
  if (!LEGAL_INSTRUMENTS.includes(instrument))
    errors.push({ field: 'legalInstrument', message: `'${input.legalInstrument}' is geen grondslag (${LEGAL_INSTRUMENTS.join(', ')})` })
  const kind = input.kind?.trim() || 'custom'
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(kind)) errors.push({ field: 'kind', message: 'soort: kleine letters, cijfers en -' })
  const grant = db.select().from(grants).where(eq(grants.id, grantId)).get()
  if (!grant) errors.push({ field: 'grantId', message: `subsidie ${grantId} bestaat niet` })
  if (errors.length) throw new DeadlineInputError(errors)
  return db.$client.transaction(() => {
    const row = db
      .insert(deadlines)
      .values({
        organisationId: grant!.organisationId,
        grantId,
        schemeId: grant!.schemeId,
        kind,
        title,
        nominalDate: date!,
        legalInstrument: instrument,
        atwApplies: input.atwApplies ?? (instrument === 'wet' || instrument === 'amvb'),
        note: input.note ?? null,
        createdBy: who.actor,
      })
      .returning()
      .get()
    writeAudit(db, who, { entity: 'deadline', entityId: row.id, action: 'create', after: row })
    return row
  })()
}

export function getCompletion(db: Db, organisationId: number, key: string): CompletionRow | undefined {
  return db
    .select()
    .from(deadlineCompletions)
    .where(and(eq(deadlineCompletions.organisationId, organisationId), eq(deadlineCompletions.deadlineKey, key)))
    .get()
}

/** Mark a deadline done; marking it again keeps the first completion (who did it first, when). */
export function markDeadlineDone(
  db: Db,
  who: Actor,
  organisationId: number,
  key: string,
  opts: { at: string; note?: string | null },
): { row: CompletionRow; created: boolean } {
  return db.$client.transaction(() => {
    const existing = getCompletion(db, organisationId, key)
    if (existing) return { row: existing, created: false }
    const row = db
      .insert(deadlineCompletions)
      .values({ organisationId, deadlineKey: key, doneAt: opts.at, doneBy: who.actor, note: opts.note ?? null })
      .returning()
      .get()
    writeAudit(db, who, { entity: 'deadline_completion', entityId: `${organisationId}:${key}`, action: 'create', after: row })
    return { row, created: true }
  })()
}

/** Reopen a deadline marked done by mistake. */
export function reopenDeadline(db: Db, who: Actor, organisationId: number, key: string): boolean {
  return db.$client.transaction(() => {
    const existing = getCompletion(db, organisationId, key)
    if (!existing) return false
    db.delete(deadlineCompletions)
      .where(and(eq(deadlineCompletions.organisationId, organisationId), eq(deadlineCompletions.deadlineKey, key)))
      .run()
    writeAudit(db, who, { entity: 'deadline_completion', entityId: `${organisationId}:${key}`, action: 'delete', before: existing })
    return true
  })()
}
