// Assumptions of the spuk-reform forecast scenario (domain §6), stored and read: per scheme continues / gemeentefonds
// with a cut / bijzondere fondsuitkering without SiSa / ends, from a year. Stored rows override the defaults in settings.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { DomainError } from '../errors.js'
import { reformAssumptions, schemes, settings } from '../schema.js'
import {
  DEFAULT_PIPELINE_PROBABILITY,
  DEFAULT_REFORM,
  PIPELINE_PROBABILITY_KEY,
  REFORM_DEFAULTS_KEY,
  type ReformDefaults,
  type ReformTreatment,
} from '../reference/settings-reports.js'

export const REFORM_SCENARIO = 'spuk-reform'
export const TREATMENTS: readonly ReformTreatment[] = ['continues', 'gemeentefonds', 'bfu', 'ends']

export interface ReformAssumption {
  schemeId: number
  schemeCode: string
  schemeName: string
  treatment: ReformTreatment
  fromYear: number
  cutBp: number
  note: string | null
  /** 'vastgelegd' = a stored row; 'standaard' = the default from settings. */
  origin: 'vastgelegd' | 'standaard'
}

/** A refused assumption: an unknown scheme is not-found, anything else invalid (one field named). */
export class ReformInputError extends DomainError {
  constructor(
    message: string,
    public field: string,
  ) {
    super(field === 'scheme' ? 'not-found' : 'invalid', message, field === 'scheme' ? [] : [{ field: `body.${field}`, message }])
    this.name = 'ReformInputError'
  }
}

function setting<T>(db: Db, key: string, fallback: T): T {
  const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()
  return (row?.value as T | undefined) ?? fallback
}

export function reformDefaults(db: Db): ReformDefaults {
  return setting(db, REFORM_DEFAULTS_KEY, DEFAULT_REFORM)
}

export function pipelineProbabilities(db: Db): Record<string, number> {
  return setting(db, PIPELINE_PROBABILITY_KEY, DEFAULT_PIPELINE_PROBABILITY)
}

/** Effective assumptions for the given schemes (all schemes when omitted), ordered by scheme code. */
export function listReformAssumptions(db: Db, schemeIds?: number[]): ReformAssumption[] {
  if (schemeIds && schemeIds.length === 0) return []
  const defaults = reformDefaults(db)
  const rows = db
    .select({ id: schemes.id, code: schemes.code, name: schemes.name, instrument: schemes.instrument })
    .from(schemes)
    .where(schemeIds ? inArray(schemes.id, schemeIds) : undefined)
    .orderBy(asc(schemes.code))
    .all()
  const stored = new Map(
    db
      .select()
      .from(reformAssumptions)
      .where(eq(reformAssumptions.scenario, REFORM_SCENARIO))
      .all()
      .map((r) => [r.schemeId, r]),
  )
  return rows.map((s) => {
    const own = stored.get(s.id)
    if (own)
      return {
        schemeId: s.id,
        schemeCode: s.code,
        schemeName: s.name,
        treatment: own.treatment,
        fromYear: own.fromYear,
        cutBp: own.cutBp,
        note: own.note,
        origin: 'vastgelegd' as const,
      }
    const rule = defaults.bySchemeCode[s.code] ?? defaults.byInstrument[s.instrument] ?? { treatment: 'continues' as const }
    return {
      schemeId: s.id,
      schemeCode: s.code,
      schemeName: s.name,
      treatment: rule.treatment,
      fromYear: rule.fromYear ?? defaults.fromYear,
      cutBp: rule.treatment === 'gemeentefonds' ? (rule.cutBp ?? 0) : 0,
      note: rule.note ?? null,
      origin: 'standaard' as const,
    }
  })
}

export interface ReformInput {
  treatment: ReformTreatment
  fromYear: number
  cutBp?: number
  note?: string | null
}

/** Store one scheme's assumption (create or replace), audited. */
export function setReformAssumption(db: Db, who: Actor, schemeCode: string, input: ReformInput): ReformAssumption {
  if (!TREATMENTS.includes(input.treatment))
    throw new ReformInputError(`onbekende behandeling '${input.treatment}' (${TREATMENTS.join(', ')})`, 'treatment')
  const cutBp = input.treatment === 'gemeentefonds' ? (input.cutBp ?? 0) : 0
  if (!Number.isInteger(cutBp) || cutBp < 0 || cutBp > 10000)
    throw new ReformInputError('de korting moet tussen 0 en 100 % liggen', 'cutPct')
  if (!Number.isInteger(input.fromYear) || input.fromYear < 1990 || input.fromYear > 2100)
    throw new ReformInputError(`'${input.fromYear}' is geen jaartal`, 'fromYear')
  const scheme = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, schemeCode)).get()
  if (!scheme) throw new ReformInputError(`regeling ${schemeCode} bestaat niet`, 'scheme')
  return db.$client.transaction(() => {
    const where = and(eq(reformAssumptions.scenario, REFORM_SCENARIO), eq(reformAssumptions.schemeId, scheme.id))
    const before = db.select().from(reformAssumptions).where(where).get()
    const values = { treatment: input.treatment, fromYear: input.fromYear, cutBp, note: input.note ?? null }
    if (before) db.update(reformAssumptions).set(values).where(where).run()
    else
      db.insert(reformAssumptions)
        .values({ scenario: REFORM_SCENARIO, schemeId: scheme.id, ...values })
        .run()
    writeAudit(db, who, {
      entity: 'reform_assumption',
      entityId: schemeCode,
      action: before ? 'update' : 'create',
      before: before ?? null,
      after: values,
    })
    return listReformAssumptions(db, [scheme.id])[0]
  })()
}

/** Remove a stored assumption so the default applies again. False when there was none. */
export function deleteReformAssumption(db: Db, who: Actor, schemeCode: string): boolean {
  const scheme = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, schemeCode)).get()
  if (!scheme) throw new ReformInputError(`regeling ${schemeCode} bestaat niet`, 'scheme')
  return db.$client.transaction(() => {
    const where = and(eq(reformAssumptions.scenario, REFORM_SCENARIO), eq(reformAssumptions.schemeId, scheme.id))
    const before = db.select().from(reformAssumptions).where(where).get()
    if (!before) return false
    db.delete(reformAssumptions).where(where).run()
    writeAudit(db, who, { entity: 'reform_assumption', entityId: schemeCode, action: 'delete', before, after: null })
    return true
  })()
}
