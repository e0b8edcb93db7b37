// Assumptions of the spuk-reform forecast scenario (domain §6), stored and read: per scheme continues / gemeentefonds /
// bijzondere fondsuitkering without SiSa / ends, from a year, with an optional budget cut. Stored rows override the
// defaults in settings; each default carries the published documents it rests on. Every change is audited.
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { DomainError } from '../errors.js'
import { isIsoDate } from '../dates.js'
import { parsePercentBp } from '../money.js'
import { auditLog, reformAssumptions, schemes, settings } from '../schema.js'
import {
  DEFAULT_PIPELINE_PROBABILITY,
  DEFAULT_REFORM,
  PIPELINE_PROBABILITY_KEY,
  REFORM_DEFAULTS_KEY,
  type ReformDefaults,
  type ReformRule,
  type ReformSource,
  type ReformStanding,
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
  /** 'vastgelegd' = a stored row, set in Woud by a beheerder; 'standaard' = the default from settings. */
  origin: 'vastgelegd' | 'standaard'
  /** Which default rule applied: the scheme's own, its instrument's, or the rule for all other schemes. */
  rule: { kind: 'regeling' | 'instrument' | 'overig'; key: string } | null
  /** The published documents the default rests on (empty for a stored row: its ground is in `note`). */
  sources: ReformSource[]
  standing: ReformStanding | null
  uncertain: boolean
  /** Who stored the row and when (UTC ISO), from the audit trail; null for a default. */
  setBy: string | null
  setAt: string | null
  /** True when the report's cut option replaced the cut of this assumption. */
  cutOverridden?: boolean
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
  return reformDefaultsWithSource(db).defaults
}

// The form the API and the CLI exchange: cuts in percent (cutPct, as the per-scheme route takes them); the settings
// row holds basis points.
export type ReformRuleInPercent = Omit<ReformRule, 'cutBp'> & { cutPct?: number }
export interface ReformDefaultsInPercent {
  fromYear: number
  byInstrument: Record<string, ReformRuleInPercent>
  bySchemeCode: Record<string, ReformRuleInPercent>
  other?: ReformRuleInPercent
}

const mapRules = <A, B>(rules: Record<string, A>, f: (r: A, key: string) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, f(r, k)]))

const ruleInPercent = ({ cutBp, ...r }: ReformRule): ReformRuleInPercent => (cutBp === undefined ? r : { ...r, cutPct: cutBp / 100 })

function ruleFromPercent({ cutPct, ...r }: ReformRuleInPercent, at: string): ReformRule {
  if (cutPct === undefined) return r
  try {
    return { ...r, cutBp: parsePercentBp(cutPct) }
  } catch (e) {
    throw new ReformInputError(`${at}: ${(e as Error).message}`, `${at}.cutPct`)
  }
}

export const reformDefaultsInPercent = (d: ReformDefaults): ReformDefaultsInPercent => ({
  fromYear: d.fromYear,
  byInstrument: mapRules(d.byInstrument ?? {}, ruleInPercent),
  bySchemeCode: mapRules(d.bySchemeCode ?? {}, ruleInPercent),
  ...(d.other ? { other: ruleInPercent(d.other) } : {}),
})

/** Cuts to basis points; a cut that is no percentage is refused naming its rule (`byInstrument.spuk.cutPct`). */
export const reformDefaultsFromPercent = (d: ReformDefaultsInPercent): ReformDefaults => ({
  fromYear: d.fromYear,
  byInstrument: mapRules(d.byInstrument, (r, k) => ruleFromPercent(r, `byInstrument.${k}`)),
  bySchemeCode: mapRules(d.bySchemeCode, (r, k) => ruleFromPercent(r, `bySchemeCode.${k}`)),
  ...(d.other ? { other: ruleFromPercent(d.other, 'other') } : {}),
})

/** The defaults in force and where they come from (the source given when they were set; Woud for the shipped ones). */
export function reformDefaultsWithSource(db: Db): { defaults: ReformDefaults; source: string } {
  const row = db
    .select({ value: settings.value, source: settings.source })
    .from(settings)
    .where(eq(settings.key, REFORM_DEFAULTS_KEY))
    .get()
  return row ? { defaults: row.value as ReformDefaults, source: row.source ?? 'Woud' } : { defaults: DEFAULT_REFORM, source: 'Woud' }
}

/** The latest create/update of each stored assumption: who and when, from the append-only trail. */
function lastSet(db: Db, codes: string[]): Map<string, { actor: string; at: string }> {
  const out = new Map<string, { actor: string; at: string }>()
  if (codes.length === 0) return out
  const rows = db
    .select({ id: auditLog.entityId, actor: auditLog.actor, at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'reform_assumption'), inArray(auditLog.entityId, codes), inArray(auditLog.action, ['create', 'update'])))
    .orderBy(desc(auditLog.id))
    .all()
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, { actor: r.actor, at: r.at })
  return out
}

function ruleFor(
  d: ReformDefaults,
  code: string,
  instrument: string,
): { rule: ReformRule; applied: NonNullable<ReformAssumption['rule']> } {
  const own = d.bySchemeCode[code]
  if (own) return { rule: own, applied: { kind: 'regeling', key: code } }
  const byInstrument = d.byInstrument[instrument]
  if (byInstrument) return { rule: byInstrument, applied: { kind: 'instrument', key: instrument } }
  return { rule: d.other ?? { treatment: 'continues' }, applied: { kind: 'overig', key: 'overig' } }
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
  const setBy = lastSet(
    db,
    rows.filter((s) => stored.has(s.id)).map((s) => s.code),
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
        rule: null,
        sources: [],
        standing: null,
        uncertain: false,
        setBy: setBy.get(s.code)?.actor ?? null,
        setAt: setBy.get(s.code)?.at ?? null,
      }
    const { rule, applied } = ruleFor(defaults, s.code, s.instrument)
    return {
      schemeId: s.id,
      schemeCode: s.code,
      schemeName: s.name,
      treatment: rule.treatment,
      fromYear: rule.fromYear ?? defaults.fromYear,
      cutBp: rule.treatment === 'ends' ? 0 : (rule.cutBp ?? 0),
      note: rule.note ?? null,
      origin: 'standaard' as const,
      rule: applied,
      sources: rule.sources ?? [],
      standing: rule.standing ?? null,
      uncertain: rule.uncertain ?? false,
      setBy: null,
      setAt: null,
    }
  })
}

export interface ReformInput {
  treatment: ReformTreatment
  fromYear: number
  cutBp?: number
  note?: string | null
}

/** The checks every assumption passes, stored or default: one field named per refusal, nothing written. */
function checkRule(r: { treatment: unknown; fromYear?: unknown; cutBp?: unknown }, at = ''): void {
  const field = (f: string) => (at ? `${at}.${f}` : f)
  const say = (m: string) => (at ? `${at}: ${m}` : m)
  if (!TREATMENTS.includes(r.treatment as ReformTreatment))
    throw new ReformInputError(say(`onbekende behandeling '${String(r.treatment)}' (${TREATMENTS.join(', ')})`), field('treatment'))
  const cut = r.cutBp ?? 0
  if (typeof cut !== 'number' || !Number.isInteger(cut) || cut < 0 || cut > 10000)
    throw new ReformInputError(say('de korting moet tussen 0 en 100 % liggen'), field('cutPct'))
  if (r.treatment === 'ends' && cut !== 0)
    throw new ReformInputError(
      say('een regeling die vervalt heeft geen korting: laat de korting weg of kies een andere behandeling'),
      field('cutPct'),
    )
  if (
    r.fromYear !== undefined &&
    (typeof r.fromYear !== 'number' || !Number.isInteger(r.fromYear) || r.fromYear < 1990 || r.fromYear > 2100)
  )
    throw new ReformInputError(say(`'${String(r.fromYear)}' is geen jaartal`), field('fromYear'))
}

/**
 * Store one scheme's assumption (create or replace), audited. The cut applies to every treatment except 'ends':
 * the 10 % budgetkorting is booked on the departmental budgets also for spuks that continue. Storing the same
 * assumption again changes nothing and writes no audit row.
 */
export function setReformAssumption(db: Db, who: Actor, schemeCode: string, input: ReformInput): ReformAssumption {
  const cutBp = input.cutBp ?? 0
  checkRule({ ...input, cutBp })
  if (input.fromYear === undefined) throw new ReformInputError('het jaar vanaf wanneer de aanname geldt ontbreekt', 'fromYear')
  const scheme = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, schemeCode)).get()
  if (!scheme) throw new ReformInputError(`regeling ${schemeCode} bestaat niet`, 'scheme')
  return db.$client.transaction(() => {
    const where = and(eq(reformAssumptions.scenario, REFORM_SCENARIO), eq(reformAssumptions.schemeId, scheme.id))
    const before = db.select().from(reformAssumptions).where(where).get()
    const values = { treatment: input.treatment, fromYear: input.fromYear, cutBp, note: input.note ?? null }
    const same =
      before &&
      before.treatment === values.treatment &&
      before.fromYear === values.fromYear &&
      before.cutBp === values.cutBp &&
      before.note === values.note
    if (!same) {
      if (before) db.update(reformAssumptions).set(values).where(where).run()
      else
        db.insert(reformAssumptions)
          .values({ scenario: REFORM_SCENARIO, schemeId: scheme.id, ...values })
          .run()
      writeAudit(db, who, {
        entity: 'reform_assumption',
        entityId: schemeCode,
        action: before ? 'update' : 'create',
        before: before ? { treatment: before.treatment, fromYear: before.fromYear, cutBp: before.cutBp, note: before.note } : null,
        after: values,
      })
    }
    return listReformAssumptions(db, [scheme.id])[0]
  })()
}

/**
 * Replace the defaults of the scenario (the settings row), audited as entity 'setting'. Every rule is checked
 * first, and its sources need a title and a publication date; a refusal names the rule and field, nothing is written.
 */
export function setReformDefaults(db: Db, who: Actor, value: ReformDefaults, source: string): ReformDefaults {
  if (!Number.isInteger(value.fromYear) || value.fromYear < 1990 || value.fromYear > 2100)
    throw new ReformInputError(`'${String(value.fromYear)}' is geen jaartal`, 'fromYear')
  const rules: [string, ReformRule][] = [
    ...Object.entries(value.byInstrument ?? {}).map(([k, r]) => [`byInstrument.${k}`, r] as [string, ReformRule]),
    ...Object.entries(value.bySchemeCode ?? {}).map(([k, r]) => [`bySchemeCode.${k}`, r] as [string, ReformRule]),
    ...(value.other ? [['other', value.other] as [string, ReformRule]] : []),
  ]
  for (const [at, r] of rules) {
    checkRule(r, at)
    ;(r.sources ?? []).forEach((src, i) => {
      if (!src.title?.trim()) throw new ReformInputError(`${at}.sources[${i}]: een bron heeft een titel nodig`, `${at}.sources[${i}].title`)
      if (!isIsoDate(src.published))
        throw new ReformInputError(
          `${at}.sources[${i}]: '${String(src.published)}' is geen publicatiedatum (JJJJ-MM-DD)`,
          `${at}.sources[${i}].published`,
        )
    })
  }
  const clean: ReformDefaults = { fromYear: value.fromYear, byInstrument: value.byInstrument ?? {}, bySchemeCode: value.bySchemeCode ?? {} }
  if (value.other) clean.other = value.other
  return db.$client.transaction(() => {
    const before = db.select().from(settings).where(eq(settings.key, REFORM_DEFAULTS_KEY)).get()
    db.insert(settings)
      .values({ key: REFORM_DEFAULTS_KEY, value: clean, source })
      .onConflictDoUpdate({ target: settings.key, set: { value: clean, source, updatedAt: new Date().toISOString() } })
      .run()
    writeAudit(db, who, {
      entity: 'setting',
      entityId: REFORM_DEFAULTS_KEY,
      action: before ? 'update' : 'create',
      before: before ? { value: before.value, source: before.source } : null,
      after: { value: clean, source },
    })
    return clean
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
