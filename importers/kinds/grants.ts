// The 'grants' import kind: a portfolio sheet for one organisation (--org). Rows are matched to existing grants by
// kenmerk, then beschikkingsnummer, then scheme + title (reads, before the write transaction); status changes
// must follow the lifecycle. The writes go through the grants repository once, so every rule a user meets in the
// API is met here too, reported per row and column; any refused row rolls the whole import back.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import type { Actor } from '../../db/audit.js'
import { allowedTransitions } from '../../db/lifecycle.js'
import {
  createGrant, GrantConflictError, GrantInputError, putGrantYear, transitionGrant, updateGrant, type GrantRow,
} from '../../db/repositories/grants.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { grants, schemes } from '../../db/schema.js'
import { todayAmsterdam } from '../../db/dates.js'
import type { RowError } from '../cells.js'
import { readPortfolio, type PortfolioRow } from '../formats/portfolio-sheet.js'
import type { Counts, ImportKind } from '../types.js'
import { organisationTable } from '../types.js'

function findExisting(db: Db, orgId: number, r: PortfolioRow): GrantRow | undefined {
  const f = r.fields
  if (f.reference) return db.select().from(grants).where(and(eq(grants.organisationId, orgId), eq(grants.reference, f.reference))).get()
  if (f.beschikkingsnummer) {
    const hit = db.select().from(grants).where(and(eq(grants.organisationId, orgId), eq(grants.beschikkingsnummer, f.beschikkingsnummer))).get()
    if (hit) return hit
  }
  const scheme = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, r.schemeCode)).get()
  if (!scheme) return undefined
  return db.select().from(grants).where(and(eq(grants.organisationId, orgId), eq(grants.schemeId, scheme.id), eq(grants.title, f.title))).get()
}

/** The date a status change happened on, from the row (aanvraag- or beschikkingsdatum), else today. */
function dateFor(r: PortfolioRow, today: string): string {
  if (r.fields.status === 'aangevraagd' && r.fields.appliedOn) return r.fields.appliedOn
  if (r.fields.status === 'toegekend' && r.fields.awardedOn) return r.fields.awardedOn
  return today
}

/** Write one row; returns its outcome. Repository errors propagate. */
function applyRow(db: Db, who: Actor, orgId: number, r: PortfolioRow & { existingId: number | null }, today: string): keyof Counts {
  const existing = r.existingId === null ? undefined : db.select().from(grants).where(eq(grants.id, r.existingId)).get()
  let id: number
  let outcome: keyof Counts = 'unchanged'
  if (!existing) {
    id = createGrant(db, who, { ...r.fields, organisationId: orgId, schemeCode: r.schemeCode }, { today }).id
    outcome = 'created'
  } else {
    id = existing.id
    const { status, ...fields } = r.fields
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined))
    if (updateGrant(db, who, id, defined, undefined, { today }).changed) outcome = 'updated'
    if (status !== existing.status) {
      if (!allowedTransitions(existing.status).includes(status)) {
        throw new GrantConflictError(`van ${existing.status} naar ${status} is geen toegestane overgang (mogelijk: ${allowedTransitions(existing.status).join(', ') || 'geen'})`, { field: 'status' })
      }
      transitionGrant(db, who, id, { to: status, on: dateFor(r, today), beschikkingsnummer: r.fields.beschikkingsnummer, amountCents: r.fields.awardedCents, requestedCents: r.fields.requestedCents }, { today })
      outcome = 'updated'
    }
  }
  for (const [year, figures] of r.years) {
    const res = putGrantYear(db, who, id, year, figures, { today })
    if (res.outcome !== 'unchanged' && outcome === 'unchanged') outcome = 'updated'
  }
  return outcome
}

function rowErrors(r: PortfolioRow, e: unknown): RowError[] {
  const alias: Record<string, string> = { scheme: 'schemeCode', amountCents: 'awardedCents' }
  const at = (field: string | undefined) => (field && (r.columns[alias[field] ?? field])) || field || ''
  if (e instanceof GrantInputError) return e.errors.map((x) => ({ sheet: r.sheet, row: r.row, column: at(x.field), message: `${x.field}: ${x.message}` }))
  if (e instanceof GrantConflictError) return [{ sheet: r.sheet, row: r.row, column: at(e.extra.field as string | undefined), message: e.message }]
  throw e
}

interface GrantsData { organisationId: number; rows: (PortfolioRow & { existingId: number | null })[] }

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
      const key = r.fields.reference ? `k:${r.fields.reference}` : r.fields.beschikkingsnummer ? `b:${r.fields.beschikkingsnummer}` : `t:${r.schemeCode}|${r.fields.title}`
      if (keys.has(key)) errors.push({ sheet: r.sheet, row: r.row, column: '', message: `dezelfde subsidie staat ook op rij ${keys.get(key)}` })
      else keys.set(key, r.row)
    }
    if (errors.some((e) => e.row <= 1)) return { format, errors, warnings, data: null }
    // Rows with reading errors are left out; the others still meet the repository's rules in the (rolled back) writes.
    const bad = new Set(errors.map((e) => `${e.sheet}:${e.row}`))
    // Matching is a read; the rules of the repository are met once, by the writes themselves.
    const matched = rows.filter((r) => !bad.has(`${r.sheet}:${r.row}`)).map((r) => ({ ...r, existingId: findExisting(db, org.id, r)?.id ?? null }))
    return { format, errors, warnings, data: { organisationId: org.id, rows: matched }, organisationId: org.id, checkByWriting: true }
  },
  write(db, prepared, who, _batchId, req) {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
    const errors: RowError[] = []
    const today = req.today ?? todayAmsterdam()
    const { organisationId, rows } = prepared.data!
    for (const r of rows) {
      // A savepoint per row: a row the repository refuses is reported with its place and the others still checked.
      try {
        counts[db.$client.transaction(() => applyRow(db, who, organisationId, r, today))()]++
      } catch (e) { errors.push(...rowErrors(r, e)) }
    }
    errors.sort((a, b) => a.row - b.row)
    return { ...counts, errors }
  },
} satisfies ImportKind<GrantsData | null>
