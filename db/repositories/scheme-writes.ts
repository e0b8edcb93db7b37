// Writing schemes in two steps: plan (reads only: what exists, what would change) and write (only writes,
// through statements prepared once per database). Imports plan before their write transaction.
import { eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAuditJson, type Actor } from '../audit.js'
import type { SchemeInput, WindowInput } from '../catalogue.js'
import { schemes } from '../schema.js'
import type Database from 'better-sqlite3'
import { perDatabase } from '../per-database.js'

export type SchemeRow = typeof schemes.$inferSelect
export type UpsertOutcome = 'created' | 'updated' | 'unchanged'

const SCALAR_KEYS = [
  'sisaCode',
  'name',
  'ministry',
  'instrument',
  'legalBasis',
  'executor',
  'recipients',
  'begrotingsartikel',
  'nature',
  'startYear',
  'endYear',
  'spendUntil',
  'cofinancingBp',
  'cofinancingBasis',
  'cofinancingFixedCents',
  'rijksShareBp',
  'carryOverBp',
  'sisaRequired',
  'planned',
  'defaultTaakveld',
  'url',
  'notes',
  'extra',
] as const
type ScalarKey = (typeof SCALAR_KEYS)[number]

const WINDOW_KEYS = ['opensOn', 'closesOn', 'closesAtTime', 'allocation', 'budgetCents'] as const
type WindowValues = Record<(typeof WINDOW_KEYS)[number], string | number | null>

/** What one upsert will do, computed from reads only. */
export interface SchemePlan {
  code: string
  outcome: UpsertOutcome
  /** Set when the scheme exists. */
  id: number | null
  /** Scalar fields to write: all present fields for a new scheme, the changed ones for an existing one. */
  patch: Partial<Record<ScalarKey, unknown>>
  before: Partial<Record<ScalarKey, unknown>>
  windows: { op: 'insert' | 'update'; id: number | null; tranche: string; values: WindowValues }[]
  national: { op: 'insert' | 'update'; year: number; amountCents: number }[]
  spend: { spendUntil: string; note: string | null }[]
  /** For the audit row of a change that touches only windows or amounts. */
  input: SchemeInput
  /**
   * Encoded while planning, outside the write lock: the column values of a new scheme (SCALAR_KEYS order) or of
   * the changed ones, and the audit row's JSON (a new scheme's `after` lacks its closing `,"id":N}`).
   */
  encoded: { values: unknown[]; before: string | null; after: string | null }
}

interface Reads {
  windows: Database.Statement
  national: Database.Statement
  spend: Database.Statement
}
const reads = perDatabase((db): Reads => {
  const c = db.$client
  return {
    windows: c.prepare(
      'SELECT id, tranche, opens_on AS opensOn, closes_on AS closesOn, closes_at_time AS closesAtTime, allocation, budget_cents AS budgetCents FROM scheme_windows WHERE scheme_id = ?',
    ),
    national: c.prepare('SELECT year, amount_cents AS amountCents FROM scheme_national_amounts WHERE scheme_id = ?'),
    spend: c.prepare('SELECT spend_until AS spendUntil FROM scheme_spend_deadlines WHERE scheme_id = ?'),
  }
})

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * Plan one upsert by code. Only fields present in the input are compared and written, so a departmental
 * table that knows no windows leaves the windows alone. Windows match by tranche, national amounts by year;
 * nothing is deleted. `existing` may be passed when the caller already loaded the schemes.
 */
export function planScheme(db: Db, input: SchemeInput, existing?: SchemeRow | null): SchemePlan {
  const cur = existing === undefined ? findRow(db, input.code) : (existing ?? undefined)
  const present: Partial<Record<ScalarKey, unknown>> = {}
  for (const k of SCALAR_KEYS) if (input[k] !== undefined) present[k] = input[k]
  const plan: SchemePlan = {
    code: input.code,
    outcome: cur ? 'unchanged' : 'created',
    id: cur?.id ?? null,
    patch: present,
    before: {},
    windows: [],
    national: [],
    spend: [],
    input,
    encoded: { values: [], before: null, after: null },
  }
  if (cur) {
    plan.patch = {}
    for (const [k, v] of Object.entries(present) as [ScalarKey, unknown][]) {
      if (!same((cur as Record<string, unknown>)[k], v)) {
        plan.patch[k] = v
        plan.before[k] = (cur as Record<string, unknown>)[k]
      }
    }
    if (Object.keys(plan.patch).length) plan.outcome = 'updated'
  }
  const r = reads(db)
  const curWindows = cur && input.windows?.length ? (r.windows.all(cur.id) as ({ id: number; tranche: string } & WindowValues)[]) : []
  for (const w of input.windows ?? []) {
    const values = windowValues(w)
    const hit = curWindows.find((c) => c.tranche === w.tranche)
    if (!hit) plan.windows.push({ op: 'insert', id: null, tranche: w.tranche, values })
    else if (!WINDOW_KEYS.every((k) => (hit[k] ?? null) === values[k]))
      plan.windows.push({ op: 'update', id: hit.id, tranche: w.tranche, values })
  }
  const curNational =
    cur && input.nationalAmounts?.length
      ? new Map((r.national.all(cur.id) as { year: number; amountCents: number }[]).map((n) => [n.year, n.amountCents]))
      : new Map()
  for (const a of input.nationalAmounts ?? []) {
    const old = curNational.get(a.year)
    if (old !== a.amountCents) plan.national.push({ op: old === undefined ? 'insert' : 'update', year: a.year, amountCents: a.amountCents })
  }
  const curSpend =
    cur && input.spendUntilHistory?.length ? new Set((r.spend.all(cur.id) as { spendUntil: string }[]).map((s) => s.spendUntil)) : new Set()
  for (const h of input.spendUntilHistory ?? [])
    if (!curSpend.has(h.spendUntil)) plan.spend.push({ spendUntil: h.spendUntil, note: h.note ?? null })
  if (plan.outcome === 'unchanged' && (plan.windows.length || plan.national.length || plan.spend.length)) plan.outcome = 'updated'
  plan.encoded = encodePlan(plan)
  return plan
}

function encodePlan(plan: SchemePlan): SchemePlan['encoded'] {
  if (plan.outcome === 'created')
    return {
      values: SCALAR_KEYS.map((k) => encode(k, plan.patch[k])),
      before: null,
      after: JSON.stringify({ ...plan.patch, code: plan.code }).slice(0, -1),
    }
  const keys = Object.keys(plan.patch) as ScalarKey[]
  if (keys.length)
    return { values: keys.map((k) => encode(k, plan.patch[k])), before: JSON.stringify(plan.before), after: JSON.stringify(plan.patch) }
  if (plan.outcome === 'updated')
    return {
      values: [],
      before: null,
      after: JSON.stringify({ windows: plan.input.windows, nationalAmounts: plan.input.nationalAmounts }),
    }
  return { values: [], before: null, after: null }
}

function findRow(db: Db, code: string): SchemeRow | undefined {
  return db.select().from(schemes).where(eq(schemes.code, code)).get()
}

function windowValues(w: WindowInput): WindowValues {
  return {
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    closesAtTime: w.closesAtTime ?? null,
    allocation: w.allocation ?? null,
    budgetCents: w.budgetCents ?? null,
  }
}

/** A value as SQLite stores it: booleans as 0/1, json columns as text (drizzle's encoding). */
function encode(k: ScalarKey, v: unknown): unknown {
  if (v === undefined || v === null) return null
  if (k === 'extra') return JSON.stringify(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  return v
}
const colName = (k: ScalarKey) => (schemes[k] as { name: string }).name

interface Writes {
  insert: Database.Statement
  updates: Map<string, Database.Statement>
  insertWindow: Database.Statement
  updateWindow: Database.Statement
  insertNational: Database.Statement
  updateNational: Database.Statement
  insertSpend: Database.Statement
}
const writes = perDatabase((db): Writes => {
  const c = db.$client
  // Absent fields take the column default (instrument 'spuk', nature 'incidenteel', sisa_required 1, planned 0).
  const cols = SCALAR_KEYS.map((k) => `${colName(k)}`)
  const defaulted: Partial<Record<ScalarKey, string>> = { instrument: "'spuk'", nature: "'incidenteel'", sisaRequired: '1', planned: '0' }
  const vals = SCALAR_KEYS.map((k) => (defaulted[k] ? `coalesce(?, ${defaulted[k]})` : '?'))
  // Positional parameters and only the id back: named binding and RETURNING * were half the write phase of 20,000 rows.
  return {
    insert: c.prepare(`INSERT INTO schemes (code, provenance, ${cols.join(', ')}) VALUES (?, ?, ${vals.join(', ')}) RETURNING id`).pluck(),
    updates: new Map(),
    insertWindow: c.prepare(
      'INSERT INTO scheme_windows (scheme_id, tranche, opens_on, closes_on, closes_at_time, allocation, budget_cents) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    updateWindow: c.prepare(
      'UPDATE scheme_windows SET opens_on = ?, closes_on = ?, closes_at_time = ?, allocation = ?, budget_cents = ? WHERE id = ?',
    ),
    insertNational: c.prepare('INSERT INTO scheme_national_amounts (scheme_id, year, amount_cents, source) VALUES (?, ?, ?, ?)'),
    updateNational: c.prepare('UPDATE scheme_national_amounts SET amount_cents = ?, source = ? WHERE scheme_id = ? AND year = ?'),
    insertSpend: c.prepare('INSERT INTO scheme_spend_deadlines (scheme_id, spend_until, note) VALUES (?, ?, ?)'),
  }
})

/** The UPDATE for one set of changed columns, prepared once per set (imports change the same few fields). */
function updateFor(db: Db, keys: ScalarKey[]): Database.Statement {
  const w = writes(db)
  const key = keys.join(',')
  let s = w.updates.get(key)
  if (!s) {
    const set = keys.map((k) => `${colName(k)} = ?`).join(', ')
    s = db.$client.prepare(`UPDATE schemes SET ${set}, provenance = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`)
    w.updates.set(key, s)
  }
  return s
}

/** Carry out a plan: only writes, with the values and audit JSON encoded while planning. Returns the scheme id. */
export function writeSchemePlan(db: Db, plan: SchemePlan, who: Actor, provenance: string): number {
  const w = writes(db)
  const e = plan.encoded
  let id = plan.id
  if (plan.outcome === 'created') {
    id = w.insert.get(plan.code, provenance, ...e.values) as number
    writeAuditJson(db, who, 'scheme', plan.code, 'create', null, `${e.after},"id":${id}}`)
  } else if (e.values.length) {
    updateFor(db, Object.keys(plan.patch) as ScalarKey[]).run(...e.values, provenance, id)
    writeAuditJson(db, who, 'scheme', plan.code, 'update', e.before, e.after)
  } else if (plan.outcome === 'updated') {
    writeAuditJson(db, who, 'scheme', plan.code, 'update', null, e.after)
  }
  for (const x of plan.windows) {
    const v = x.values
    if (x.op === 'insert') w.insertWindow.run(id, x.tranche, v.opensOn, v.closesOn, v.closesAtTime, v.allocation, v.budgetCents)
    else w.updateWindow.run(v.opensOn, v.closesOn, v.closesAtTime, v.allocation, v.budgetCents, x.id)
  }
  for (const n of plan.national) {
    if (n.op === 'insert') w.insertNational.run(id, n.year, n.amountCents, provenance)
    else w.updateNational.run(n.amountCents, provenance, id, n.year)
  }
  for (const s of plan.spend) w.insertSpend.run(id, s.spendUntil, s.note)
  return id!
}

/** Insert or update one scheme by code (plan, then write). */
export function upsertScheme(db: Db, input: SchemeInput, who: Actor, provenance: string): UpsertOutcome {
  const plan = planScheme(db, input)
  writeSchemePlan(db, plan, who, provenance)
  return plan.outcome
}
