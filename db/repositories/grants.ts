// Grants (one application or beschikking of one organisation for one scheme): create, read, change with
// optimistic concurrency, archive and (only when it has no history) delete. Every write is audited in its
// own transaction. Other areas call these functions; money per year, payments, commitments, transitions and
// lists live in grant-years.ts, cofinancing.ts, grant-transitions.ts and grant-list.ts and are re-exported here.
import { and, asc, count, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { todayAmsterdam } from '../dates.js'
import { AWARDED_STATUSES } from '../lifecycle.js'
import {
  auditLog,
  beschikkingen,
  cofinancingCommitments,
  deadlines,
  grants,
  grantSpendDeadlines,
  grantTransitions,
  grantYears,
  GRANT_STATUSES,
  organisations,
  payments,
  schemes,
  sisaValues,
  verantwoordingslijst,
  type GrantStatus,
} from '../schema.js'
import {
  bumpVersion,
  checkCents,
  checkDate,
  checkTaakveld,
  checkVersion,
  GrantConflictError,
  GrantInputError,
  loadGrant,
  recordSpendDeadline,
  resolveNature,
  yearsOf,
  type FieldError,
  type GrantRow,
  type SchemeRef,
} from './grant-core.js'
import { perDatabase } from '../per-database.js'
import { cofinancingStatus, type CofinancingStatus } from './cofinancing.js'

export * from './grant-core.js'
export { putGrantYear, addPayment, listYears, type YearFigures, type YearRow } from './grant-years.js'
export { addCommitment, cofinancingStatus, type CofinancingStatus } from './cofinancing.js'
export { transitionGrant } from './grant-transitions.js'
export { listGrants, type GrantFilter, type GrantListItem } from './grant-list.js'

/** Fields a caller may set on a grant (create and PATCH). Amounts in cents, percentages of co-financing in bp. */
export interface GrantFields {
  title?: string
  status?: GrantStatus
  reference?: string | null
  beschikkingsnummer?: string | null
  requestedCents?: number | null
  awardedCents?: number | null
  bcfCents?: number
  periodFrom?: string | null
  periodTo?: string | null
  spendUntil?: string | null
  /** Why the spend deadline moved (kept in grant_spend_deadlines). */
  spendUntilReason?: string | null
  probabilityPct?: number | null
  taakveld?: string | null
  kostenplaats?: string | null
  begrotingspost?: string | null
  programma?: string | null
  paymentRoute?: string | null
  nature?: 'incidenteel' | 'structureel'
  natureReason?: string | null
  owner?: string | null
  department?: string | null
  cofinancingBasis?: 'total_cost' | 'rijksbijdrage' | 'fixed' | null
  cofinancingBp?: number | null
  cofinancingFixedCents?: number | null
  appliedOn?: string | null
  awardedOn?: string | null
  finalAccountYear?: number | null
  onVerantwoordingslijst?: boolean
  notes?: string | null
}

export interface CreateGrantInput extends GrantFields {
  organisationId?: number
  orgCode?: string
  schemeId?: number
  schemeCode?: string
  title: string
}

export interface WriteOptions {
  today?: string
  /**
   * Created from a verantwoordingslijst line: the beschikking is awarded (BZK lists it), but the list may not give
   * its number or amount; the user completes them. Only createGrant honours this.
   */
  fromList?: boolean
}

const EDITABLE = [
  'title',
  'reference',
  'beschikkingsnummer',
  'requestedCents',
  'awardedCents',
  'bcfCents',
  'periodFrom',
  'periodTo',
  'spendUntil',
  'probabilityPct',
  'taakveld',
  'kostenplaats',
  'begrotingspost',
  'programma',
  'paymentRoute',
  'nature',
  'natureReason',
  'owner',
  'department',
  'cofinancingBasis',
  'cofinancingBp',
  'cofinancingFixedCents',
  'appliedOn',
  'awardedOn',
  'finalAccountYear',
  'onVerantwoordingslijst',
  'notes',
] as const

/** The scheme terms a grant's rules need (nature, end year, co-financing): one read for the repository and the importer. */
export function schemeRef(db: Db, id: number): SchemeRef {
  return db
    .select({
      id: schemes.id,
      code: schemes.code,
      nature: schemes.nature,
      endYear: schemes.endYear,
      cofinancingBasis: schemes.cofinancingBasis,
      cofinancingBp: schemes.cofinancingBp,
      cofinancingFixedCents: schemes.cofinancingFixedCents,
    })
    .from(schemes)
    .where(eq(schemes.id, id))
    .get()!
}

/** Validate the merged state of a grant; fills nature and natureReason. Throws GrantInputError. */
function validate(
  db: Db,
  g: GrantFields & { title: string; status: GrantStatus },
  scheme: SchemeRef,
  yearsWithFigures: number[],
  today: string,
  errors: FieldError[],
  fromList = false,
) {
  if (!g.title?.trim()) errors.push({ field: 'title', message: 'titel is verplicht' })
  if (!GRANT_STATUSES.includes(g.status))
    errors.push({ field: 'status', message: `'${g.status}' is geen status (${GRANT_STATUSES.join(', ')})` })
  for (const f of ['requestedCents', 'awardedCents', 'bcfCents', 'cofinancingFixedCents'] as const) checkCents(g[f], f, errors)
  for (const f of ['periodFrom', 'periodTo', 'spendUntil', 'appliedOn', 'awardedOn'] as const) checkDate(g[f], f, errors)
  if (errors.length) throw new GrantInputError(errors)
  if (g.periodFrom && g.periodTo && g.periodTo < g.periodFrom)
    errors.push({ field: 'periodTo', message: 'einde van de periode ligt voor het begin' })
  if (g.awardedCents !== null && g.awardedCents !== undefined && !g.beschikkingsnummer?.trim())
    errors.push({ field: 'beschikkingsnummer', message: 'een toegekend bedrag hoort bij een beschikking: vul het beschikkingsnummer in' })
  if (AWARDED_STATUSES.includes(g.status) && !fromList) {
    if (!g.beschikkingsnummer?.trim())
      errors.push({ field: 'beschikkingsnummer', message: `status ${g.status} vraagt een beschikkingsnummer` })
    if (g.awardedCents === null || g.awardedCents === undefined)
      errors.push({ field: 'awardedCents', message: `status ${g.status} vraagt een toegekend bedrag` })
  }
  if ((g.bcfCents ?? 0) > 0 && (g.awardedCents ?? 0) < (g.bcfCents ?? 0))
    errors.push({ field: 'bcfCents', message: 'het BCF-deel is groter dan het toegekende bedrag' })
  if (
    g.probabilityPct !== null &&
    g.probabilityPct !== undefined &&
    (!Number.isInteger(g.probabilityPct) || g.probabilityPct < 0 || g.probabilityPct > 100)
  )
    errors.push({ field: 'probabilityPct', message: 'kans is een geheel percentage van 0 tot 100' })
  if (
    g.cofinancingBp !== null &&
    g.cofinancingBp !== undefined &&
    (!Number.isInteger(g.cofinancingBp) || g.cofinancingBp < 0 || g.cofinancingBp > 100000)
  )
    errors.push({ field: 'cofinancingBp', message: 'cofinancieringspercentage in basispunten van 0 tot 100000' })
  if (g.cofinancingBasis === 'fixed' && (g.cofinancingFixedCents === null || g.cofinancingFixedCents === undefined))
    errors.push({ field: 'cofinancingFixedCents', message: 'een vaste cofinanciering vraagt een bedrag' })
  if (
    (g.cofinancingBasis === 'total_cost' || g.cofinancingBasis === 'rijksbijdrage') &&
    (g.cofinancingBp === null || g.cofinancingBp === undefined)
  )
    errors.push({ field: 'cofinancingBp', message: 'cofinanciering als percentage vraagt een percentage' })
  if (g.taakveld)
    checkTaakveld(
      db,
      g.taakveld,
      yearsOf(g.periodFrom ?? null, g.periodTo ?? null, yearsWithFigures.length ? yearsWithFigures : [+today.slice(0, 4)]),
      errors,
    )
  const n = resolveNature(scheme, g.nature, g.natureReason, errors)
  if (errors.length) throw new GrantInputError(errors)
  return n
}

function clean<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) out[k] = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v
  return out as T
}

/** Create a grant (status defaults to verkenning). Throws GrantInputError / GrantConflictError. */
export function createGrant(db: Db, who: Actor, input: CreateGrantInput, opts: WriteOptions = {}): GrantRow {
  const today = opts.today ?? todayAmsterdam()
  const errors: FieldError[] = []
  const org =
    input.organisationId !== undefined
      ? db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId)).get()
      : input.orgCode
        ? db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, input.orgCode.trim().toUpperCase())).get()
        : undefined
  if (!org) errors.push({ field: 'organisation', message: `onbekende organisatie '${input.orgCode ?? input.organisationId ?? ''}'` })
  const schemeRow =
    input.schemeId !== undefined
      ? db.select({ id: schemes.id }).from(schemes).where(eq(schemes.id, input.schemeId)).get()
      : input.schemeCode
        ? db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, input.schemeCode.trim())).get()
        : undefined
  if (!schemeRow) errors.push({ field: 'scheme', message: `onbekende regeling '${input.schemeCode ?? input.schemeId ?? ''}'` })
  if (errors.length) throw new GrantInputError(errors)
  const scheme = schemeRef(db, schemeRow!.id)
  const {
    organisationId: _o,
    orgCode: _c,
    schemeId: _s,
    schemeCode: _sc,
    spendUntilReason,
    ...fields
  } = clean(input as CreateGrantInput & Record<string, unknown>)
  const status = fields.status ?? 'verkenning'
  const nature = validate(db, { ...fields, status, title: fields.title }, scheme, [], today, errors, opts.fromList)
  if (
    fields.reference &&
    db
      .select({ id: grants.id })
      .from(grants)
      .where(and(eq(grants.organisationId, org!.id), eq(grants.reference, fields.reference)))
      .get()
  ) {
    throw new GrantConflictError(`kenmerk '${fields.reference}' is al in gebruik bij deze organisatie`, { field: 'reference' })
  }
  return db.$client.transaction(() => {
    const row = db
      .insert(grants)
      .values({ ...fields, ...nature, status, organisationId: org!.id, schemeId: scheme.id, bcfCents: fields.bcfCents ?? 0 })
      .returning()
      .get()
    db.insert(grantTransitions)
      .values({ grantId: row.id, fromStatus: null, toStatus: status, event: 'aangemaakt', onDate: today, actor: who.actor })
      .run()
    recordSpendDeadline(db, row.id, null, row.spendUntil, today, spendUntilReason ?? null)
    if (row.beschikkingsnummer && row.awardedOn && AWARDED_STATUSES.includes(status)) {
      db.insert(beschikkingen)
        .values({ grantId: row.id, nummer: row.beschikkingsnummer, kind: 'toekenning', date: row.awardedOn, amountCents: row.awardedCents })
        .run()
    }
    writeAudit(db, who, { entity: 'grant', entityId: row.id, action: 'create', after: row })
    return row
  })()
}

/**
 * Change grant fields. `expectedVersion` (from If-Match) must be the current version, else GrantStaleError.
 * Status changes go through transitionGrant, not here. Returns the new row and whether anything changed.
 */
export function updateGrant(
  db: Db,
  who: Actor,
  id: number,
  patch: GrantFields,
  expectedVersion: number | undefined,
  opts: WriteOptions = {},
): { row: GrantRow; changed: boolean } {
  const today = opts.today ?? todayAmsterdam()
  return db.$client.transaction(() => {
    const cur = loadGrant(db, id)
    checkVersion(cur, expectedVersion)
    if (patch.status !== undefined && patch.status !== cur.status) {
      throw new GrantConflictError('de status verandert alleen via een overgang (POST /api/v1/grants/:id/transitions)', { field: 'status' })
    }
    const p = clean(patch as GrantFields & Record<string, unknown>)
    const changes: Record<string, unknown> = {}
    for (const k of EDITABLE) if (p[k] !== undefined && JSON.stringify(p[k]) !== JSON.stringify(cur[k])) changes[k] = p[k]
    if (Object.keys(changes).length === 0) return { row: cur, changed: false }
    const merged = { ...cur, ...changes } as GrantRow
    const years = db
      .select({ year: grantYears.year })
      .from(grantYears)
      .where(eq(grantYears.grantId, id))
      .all()
      .map((r) => r.year)
    const errors: FieldError[] = []
    // Keep an existing override reason when only other fields change.
    const nature = validate(
      db,
      merged as GrantFields & { title: string; status: GrantStatus },
      schemeRef(db, cur.schemeId),
      years,
      today,
      errors,
    )
    if (nature.nature !== cur.nature) changes.nature = nature.nature
    if (nature.natureReason !== cur.natureReason) changes.natureReason = nature.natureReason
    if (
      changes.reference &&
      db
        .select({ id: grants.id })
        .from(grants)
        .where(and(eq(grants.organisationId, cur.organisationId), eq(grants.reference, changes.reference as string), ne(grants.id, id)))
        .get()
    ) {
      throw new GrantConflictError(`kenmerk '${String(changes.reference)}' is al in gebruik bij deze organisatie`, { field: 'reference' })
    }
    bumpVersion(db, id, changes)
    if ('spendUntil' in changes)
      recordSpendDeadline(db, id, cur.spendUntil, changes.spendUntil as string | null, today, p.spendUntilReason ?? null)
    const row = loadGrant(db, id)
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, cur[k as keyof GrantRow]]))
    writeAudit(db, who, { entity: 'grant', entityId: id, action: 'update', before, after: { ...changes, version: row.version } })
    return { row, changed: true }
  })()
}

export interface GrantDetail extends GrantRow {
  organisationCode: string
  schemeCode: string
  years: (typeof grantYears.$inferSelect)[]
  payments: (typeof payments.$inferSelect)[]
  commitments: (typeof cofinancingCommitments.$inferSelect)[]
  beschikkingen: (typeof beschikkingen.$inferSelect)[]
  transitions: (typeof grantTransitions.$inferSelect)[]
  spendDeadlines: (typeof grantSpendDeadlines.$inferSelect)[]
  cofinancing: CofinancingStatus
}

// The detail read runs on every GET, PATCH and write response: its statements are prepared once per database.
function prepareDetail(db: Db) {
  const id = sql.placeholder('id')
  return {
    grant: db
      .select({ g: grants, organisationCode: organisations.code, schemeCode: schemes.code })
      .from(grants)
      .innerJoin(organisations, eq(organisations.id, grants.organisationId))
      .innerJoin(schemes, eq(schemes.id, grants.schemeId))
      .where(eq(grants.id, id))
      .prepare(),
    access: db.select({ organisationId: grants.organisationId, version: grants.version }).from(grants).where(eq(grants.id, id)).prepare(),
    years: db.select().from(grantYears).where(eq(grantYears.grantId, id)).orderBy(asc(grantYears.year)).prepare(),
    payments: db.select().from(payments).where(eq(payments.grantId, id)).orderBy(asc(payments.paidOn), asc(payments.id)).prepare(),
    commitments: db
      .select()
      .from(cofinancingCommitments)
      .where(eq(cofinancingCommitments.grantId, id))
      .orderBy(asc(cofinancingCommitments.id))
      .prepare(),
    beschikkingen: db
      .select()
      .from(beschikkingen)
      .where(eq(beschikkingen.grantId, id))
      .orderBy(asc(beschikkingen.date), asc(beschikkingen.id))
      .prepare(),
    transitions: db.select().from(grantTransitions).where(eq(grantTransitions.grantId, id)).orderBy(asc(grantTransitions.id)).prepare(),
    spendDeadlines: db
      .select()
      .from(grantSpendDeadlines)
      .where(eq(grantSpendDeadlines.grantId, id))
      .orderBy(asc(grantSpendDeadlines.id))
      .prepare(),
  }
}
const detailStatements = perDatabase(prepareDetail)

/** The organisation and version of a grant (what an access check and If-Match need), or undefined. */
export function grantAccessRow(db: Db, id: number): { organisationId: number; version: number } | undefined {
  return detailStatements(db).access.get({ id })
}

/** One grant with everything that hangs under it, or undefined. */
export function getGrant(db: Db, id: number): GrantDetail | undefined {
  const p = detailStatements(db)
  const head = p.grant.get({ id })
  if (!head) return undefined
  const d = head.g as GrantDetail
  d.organisationCode = head.organisationCode
  d.schemeCode = head.schemeCode
  d.years = p.years.all({ id })
  d.payments = p.payments.all({ id })
  d.commitments = p.commitments.all({ id })
  d.beschikkingen = p.beschikkingen.all({ id })
  d.transitions = p.transitions.all({ id })
  d.spendDeadlines = p.spendDeadlines.all({ id })
  d.cofinancing = cofinancingStatus(db, id)
  return d
}

/** Archive instead of delete: the grant leaves default lists but keeps its money and history. */
export function archiveGrant(db: Db, who: Actor, id: number, archived: boolean, expectedVersion?: number): GrantRow {
  return db.$client.transaction(() => {
    const cur = loadGrant(db, id)
    checkVersion(cur, expectedVersion)
    if (!!cur.archivedAt === archived) return cur
    const archivedAt = archived ? new Date().toISOString() : null
    bumpVersion(db, id, { archivedAt })
    writeAudit(db, who, {
      entity: 'grant',
      entityId: id,
      action: archived ? 'archive' : 'unarchive',
      before: { archivedAt: cur.archivedAt },
      after: { archivedAt },
    })
    return loadGrant(db, id)
  })()
}

/** What keeps a grant from being deleted: money, linked records, or any audit row beyond its creation. */
export function deleteBlockers(db: Db, id: number): string[] {
  const g = loadGrant(db, id)
  const n = (q: { n: number } | undefined) => q?.n ?? 0
  const out: string[] = []
  if (g.requestedCents || g.awardedCents || g.bcfCents) out.push('bedragen')
  if (n(db.select({ n: count() }).from(grantYears).where(eq(grantYears.grantId, id)).get())) out.push('jaarcijfers')
  if (n(db.select({ n: count() }).from(payments).where(eq(payments.grantId, id)).get())) out.push('betalingen')
  if (n(db.select({ n: count() }).from(cofinancingCommitments).where(eq(cofinancingCommitments.grantId, id)).get()))
    out.push('cofinanciering')
  if (n(db.select({ n: count() }).from(beschikkingen).where(eq(beschikkingen.grantId, id)).get())) out.push('beschikkingen')
  if (n(db.select({ n: count() }).from(deadlines).where(eq(deadlines.grantId, id)).get())) out.push('termijnen')
  if (n(db.select({ n: count() }).from(sisaValues).where(eq(sisaValues.grantId, id)).get())) out.push('SiSa-waarden')
  if (n(db.select({ n: count() }).from(verantwoordingslijst).where(eq(verantwoordingslijst.grantId, id)).get()))
    out.push('verantwoordingslijst')
  if (
    n(
      db
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'grant'), eq(auditLog.entityId, String(id)), ne(auditLog.action, 'create')))
        .get(),
    )
  )
    out.push('wijzigingshistorie')
  return out
}

/** Delete a grant that was created by mistake and never used; anything with history must be archived. */
export function deleteGrant(db: Db, who: Actor, id: number): void {
  db.$client.transaction(() => {
    const cur = loadGrant(db, id)
    const blockers = deleteBlockers(db, id)
    if (blockers.length) {
      throw new GrantConflictError(`subsidie ${id} heeft ${blockers.join(', ')} en kan niet worden verwijderd; archiveer haar`, {
        blockers,
      })
    }
    db.delete(grantSpendDeadlines).where(eq(grantSpendDeadlines.grantId, id)).run()
    db.delete(grantTransitions).where(eq(grantTransitions.grantId, id)).run()
    db.delete(grants).where(eq(grants.id, id)).run()
    writeAudit(db, who, { entity: 'grant', entityId: id, action: 'delete', before: cur })
  })()
}
