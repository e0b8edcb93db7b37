// The 'grants' import kind: a portfolio sheet for one organisation (--org). Rows are matched to existing grants by
// kenmerk, then beschikkingsnummer, then scheme + title (reads, before the write transaction); status changes
// must follow the lifecycle. The writes go through the grants repository once, so every rule a user meets in the
// API is met here too, reported per row and column; any refused row rolls the whole import back.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import type { Actor } from '../../db/audit.js'
import { allowedTransitions } from '../../db/lifecycle.js'
import {
  createGrant,
  GrantConflictError,
  GrantInputError,
  putGrantYear,
  schemeRef,
  transitionGrant,
  updateGrant,
  type GrantRow,
} from '../../db/repositories/grants.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { writeAudit } from '../../db/audit.js'
import { defaultNature } from '../../db/repositories/grant-core.js'
import { grants, grantYears, schemes } from '../../db/schema.js'
import { todayAmsterdam } from '../../db/dates.js'
import type { RowError } from '../cells.js'
import { readPortfolio, type PortfolioRow } from '../formats/portfolio-sheet.js'
import type { Counts, ImportKind } from '../types.js'
import { organisationTable } from '../types.js'

function findExisting(db: Db, orgId: number, r: PortfolioRow): GrantRow | undefined {
  const f = r.fields
  if (f.reference)
    return db
      .select()
      .from(grants)
      .where(and(eq(grants.organisationId, orgId), eq(grants.reference, f.reference)))
      .get()
  if (f.beschikkingsnummer) {
    const hit = db
      .select()
      .from(grants)
      .where(and(eq(grants.organisationId, orgId), eq(grants.beschikkingsnummer, f.beschikkingsnummer)))
      .get()
    if (hit) return hit
  }
  const scheme = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, r.schemeCode)).get()
  if (!scheme) return undefined
  return db
    .select()
    .from(grants)
    .where(and(eq(grants.organisationId, orgId), eq(grants.schemeId, scheme.id), eq(grants.title, f.title)))
    .get()
}

/** The date a status change happened on, from the row (aanvraag- or beschikkingsdatum), else today. */
function dateFor(r: PortfolioRow, today: string): string {
  if (r.fields.status === 'aangevraagd' && r.fields.appliedOn) return r.fields.appliedOn
  if (r.fields.status === 'toegekend' && r.fields.awardedOn) return r.fields.awardedOn
  return today
}

type MatchedRow = PortfolioRow & { existingId: number | null; newSchemeId?: number }

/** What a dry run and a result show per row: every field that differs, before and after (money in cents). */
export interface GrantChange {
  code: string
  sheet: string | null
  row: number
  outcome: 'created' | 'updated'
  fields: Record<string, { before: unknown; after: unknown }>
}

const SKIP = new Set(['id', 'organisationId', 'schemeId', 'version', 'createdAt', 'updatedAt', 'grantId', 'year'])

/** A grant as the user knows it: its fields, its scheme code and its figures per year ("2026 plannedBatenCents"). */
function snapshot(db: Db, id: number): Record<string, unknown> {
  const g = db.select().from(grants).where(eq(grants.id, id)).get()
  if (!g) return {}
  const out: Record<string, unknown> = {
    schemeCode: db.select({ code: schemes.code }).from(schemes).where(eq(schemes.id, g.schemeId)).get()?.code,
  }
  for (const [k, v] of Object.entries(g)) if (!SKIP.has(k)) out[k] = v
  for (const y of db.select().from(grantYears).where(eq(grantYears.grantId, id)).all()) {
    for (const [k, v] of Object.entries(y)) if (!SKIP.has(k)) out[`${y.year} ${k}`] = v
  }
  return out
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>, created: boolean): GrantChange['fields'] {
  const fields: GrantChange['fields'] = {}
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[k] ?? null
    const a = after[k] ?? null
    if (created && (a === null || a === 0 || a === false)) continue
    if (JSON.stringify(a) !== JSON.stringify(b)) fields[k] = { before: b, after: a }
  }
  return fields
}

/** Write one row; returns its outcome. Repository errors propagate. */
function applyRow(
  db: Db,
  who: Actor,
  orgId: number,
  r: MatchedRow,
  today: string,
): { outcome: Exclude<keyof Counts, 'unchanged'> | 'unchanged'; id: number } {
  const existing = r.existingId === null ? undefined : db.select().from(grants).where(eq(grants.id, r.existingId)).get()
  let id: number
  let outcome: keyof Counts = 'unchanged'
  if (existing && r.newSchemeId !== undefined && r.newSchemeId !== existing.schemeId) {
    // Allowed with --allow-scheme-change only (checked while preparing): recorded in the audit log like any change.
    // A nature that was the old scheme's default (no reason given) follows the new scheme unless the row states one.
    const s = schemeRef(db, r.newSchemeId)
    const nature = !r.fields.nature && !existing.natureReason ? defaultNature(s).nature : existing.nature
    db.update(grants)
      .set({ schemeId: r.newSchemeId, nature, version: existing.version + 1 })
      .where(eq(grants.id, existing.id))
      .run()
    writeAudit(db, who, {
      entity: 'grant',
      entityId: existing.id,
      action: 'update',
      before: { schemeId: existing.schemeId, nature: existing.nature },
      after: { schemeId: r.newSchemeId, nature, version: existing.version + 1 },
    })
    outcome = 'updated'
  }
  if (!existing) {
    id = createGrant(db, who, { ...r.fields, organisationId: orgId, schemeCode: r.schemeCode }, { today }).id
    outcome = 'created'
  } else {
    id = existing.id
    const { status, ...fields } = r.fields
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined))
    if (updateGrant(db, who, id, defined, undefined, { today }).changed) outcome = 'updated'
    if (r.newSchemeId !== undefined) outcome = 'updated'
    if (status !== existing.status) {
      if (!allowedTransitions(existing.status).includes(status)) {
        throw new GrantConflictError(
          `van ${existing.status} naar ${status} is geen toegestane overgang (mogelijk: ${allowedTransitions(existing.status).join(', ') || 'geen'})`,
          { field: 'status' },
        )
      }
      transitionGrant(
        db,
        who,
        id,
        {
          to: status,
          on: dateFor(r, today),
          beschikkingsnummer: r.fields.beschikkingsnummer,
          amountCents: r.fields.awardedCents,
          requestedCents: r.fields.requestedCents,
        },
        { today },
      )
      outcome = 'updated'
    }
  }
  for (const [year, figures] of r.years) {
    const res = putGrantYear(db, who, id, year, figures, { today })
    if (res.outcome !== 'unchanged' && outcome === 'unchanged') outcome = 'updated'
  }
  return { outcome, id }
}

function rowErrors(r: PortfolioRow, e: unknown): RowError[] {
  const alias: Record<string, string> = { scheme: 'schemeCode', amountCents: 'awardedCents' }
  const at = (field: string | undefined) => (field && r.columns[alias[field] ?? field]) || field || ''
  if (e instanceof GrantInputError)
    return e.errors.map((x) => ({ sheet: r.sheet, row: r.row, column: at(x.field), message: `${x.field}: ${x.message}` }))
  if (e instanceof GrantConflictError)
    return [{ sheet: r.sheet, row: r.row, column: at(e.extra.field as string | undefined), message: e.message }]
  throw e
}

interface GrantsData {
  organisationId: number
  rows: MatchedRow[]
}

/**
 * A matched grant whose row names another scheme: an error naming the row, or with --allow-scheme-change a
 * warning and the new scheme for the write. Never silently ignored.
 */
function checkScheme(db: Db, r: MatchedRow, allow: boolean, errors: RowError[], warnings: RowError[]): void {
  if (r.existingId === null) return
  const g = db
    .select({ schemeId: grants.schemeId, reference: grants.reference, title: grants.title })
    .from(grants)
    .where(eq(grants.id, r.existingId))
    .get()!
  const cur = db.select({ code: schemes.code }).from(schemes).where(eq(schemes.id, g.schemeId)).get()!.code
  if (cur === r.schemeCode) return
  const column = r.columns.schemeCode ?? ''
  const name = g.reference ? `subsidie '${g.reference}'` : `subsidie '${g.title}'`
  const next = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, r.schemeCode)).get()
  if (!next) {
    errors.push({ sheet: r.sheet, row: r.row, column, message: `onbekende regeling '${r.schemeCode}' (${name} hoort nu bij '${cur}')` })
  } else if (!allow) {
    errors.push({
      sheet: r.sheet,
      row: r.row,
      column,
      message:
        `${name} hoort bij regeling '${cur}', het bestand noemt '${r.schemeCode}'; ` +
        'de regeling wijzigt alleen met --allow-scheme-change (upload: allowSchemeChange=true)',
    })
  } else {
    warnings.push({ sheet: r.sheet, row: r.row, column, message: `regeling van ${name} gewijzigd van '${cur}' naar '${r.schemeCode}'` })
    r.newSchemeId = next.id
  }
}

export const grantsImport = {
  prepare(db, file, req) {
    const errors: RowError[] = []
    const warnings: RowError[] = []
    const format = 'portfolio-sheet'
    const target = organisationTable((code) => findOrganisation(db, code), file, req, 'een portefeuille')
    if ('error' in target) return { format, errors: [target.error], warnings, data: null }
    const org = target.org
    const rows = readPortfolio(file.sheets, req.map ?? {}, errors, warnings)
    const keys = new Map<string, number>()
    for (const r of rows) {
      const key = r.fields.reference
        ? `k:${r.fields.reference}`
        : r.fields.beschikkingsnummer
          ? `b:${r.fields.beschikkingsnummer}`
          : `t:${r.schemeCode}|${r.fields.title}`
      if (keys.has(key))
        errors.push({ sheet: r.sheet, row: r.row, column: '', message: `dezelfde subsidie staat ook op rij ${keys.get(key)}` })
      else keys.set(key, r.row)
    }
    if (errors.some((e) => e.row <= 1)) return { format, errors, warnings, data: null }
    // Rows with reading errors are left out; the others still meet the repository's rules in the (rolled back) writes.
    const bad = new Set(errors.map((e) => `${e.sheet}:${e.row}`))
    // Matching is a read; the rules of the repository are met once, by the writes themselves.
    const matched: MatchedRow[] = rows
      .filter((r) => !bad.has(`${r.sheet}:${r.row}`))
      .map((r) => ({ ...r, existingId: findExisting(db, org.id, r)?.id ?? null }))
    for (const r of matched) checkScheme(db, r, !!req.allowSchemeChange, errors, warnings)
    errors.sort((a, b) => a.row - b.row)
    return { format, errors, warnings, data: { organisationId: org.id, rows: matched }, organisationId: org.id, checkByWriting: true }
  },
  write(db, prepared, who, _batchId, req) {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
    const errors: RowError[] = []
    const today = req.today ?? todayAmsterdam()
    const { organisationId, rows } = prepared.data!
    const bad = new Set(prepared.errors.map((e) => `${e.sheet}:${e.row}`))
    const changes: GrantChange[] = []
    for (const r of rows) {
      if (bad.has(`${r.sheet}:${r.row}`)) continue
      // A savepoint per row: a row the repository refuses is reported with its place and the others still checked.
      try {
        const before = r.existingId === null ? {} : snapshot(db, r.existingId)
        const { outcome, id } = db.$client.transaction(() => applyRow(db, who, organisationId, r, today))()
        counts[outcome]++
        if (outcome !== 'unchanged') {
          changes.push({
            code: r.fields.reference ?? r.fields.beschikkingsnummer ?? r.fields.title,
            sheet: r.sheet,
            row: r.row,
            outcome,
            fields: diff(before, snapshot(db, id), outcome === 'created'),
          })
        }
      } catch (e) {
        errors.push(...rowErrors(r, e))
      }
    }
    errors.sort((a, b) => a.row - b.row)
    return { ...counts, errors, details: { changes } }
  },
} satisfies ImportKind<GrantsData | null>
