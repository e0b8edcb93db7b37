// The 'actuals' import kind: a ledger extract for one organisation (--org) and budget year (--year), matched to
// grants by beschikkingsnummer (also of amendments) or grant kenmerk and summed per grant-year. The sums SET the
// realised baten and lasten of that year, so importing the same ledger twice changes nothing.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { GrantInputError, putGrantYear } from '../../db/repositories/grants.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { beschikkingen, grants, grantYears } from '../../db/schema.js'
import { sumCents } from '../../db/money.js'
import type { RowError } from '../cells.js'
import { readLedger, type Booking } from '../formats/grootboek.js'
import type { Counts, ImportKind } from '../types.js'
import { organisationTable } from '../types.js'

interface GrantYearSum {
  grantId: number
  year: number
  batenCents: number
  lastenCents: number
  rows: Booking[]
}
interface ActualsData {
  sums: GrantYearSum[]
  organisationId: number
  period: { from: number; to: number } | null
}

const mm = (m: number) => String(m).padStart(2, '0')
const periodText = (from: number, to: number) => (from === 1 && to === 12 ? 'het hele jaar' : `maand ${mm(from)}–${mm(to)}`)

/** The figures a grant-year has now (0 when it has no row yet). */
function realisedNow(db: Db, grantId: number, year: number): { baten: number; lasten: number } {
  const y = db
    .select({ b: grantYears.realisedBatenCents, l: grantYears.realisedLastenCents })
    .from(grantYears)
    .where(and(eq(grantYears.grantId, grantId), eq(grantYears.year, year)))
    .get()
  return { baten: y?.b ?? 0, lasten: y?.l ?? 0 }
}

/**
 * A period overlapping an earlier import of the same organisation and year partly (not the same months) is an
 * error naming both periods: replacing or adding would count some months twice or lose them.
 */
function periodConflict(db: Db, orgId: number, year: number, from: number, to: number): string | undefined {
  const rows = db.$client
    .prepare(
      `SELECT DISTINCT from_month AS f, to_month AS t, max(batch_id) AS b FROM ledger_periods
    WHERE organisation_id = ? AND year = ? GROUP BY from_month, to_month`,
    )
    .all(orgId, year) as { f: number; t: number; b: number | null }[]
  const clash = rows.find((r) => !(r.f === from && r.t === to) && r.f <= to && from <= r.t)
  if (!clash) return undefined
  return (
    `${year} ${periodText(from, to)} overlapt gedeeltelijk met ${periodText(clash.f, clash.t)}, eerder ingelezen` +
    `${clash.b ? ` (import ${clash.b})` : ''}; lees dezelfde periode opnieuw in of een periode die er niet mee overlapt`
  )
}

/** Grant ids in the organisation that carry this beschikkingsnummer (on the grant or on any of its beschikkingen). */
function byBeschikking(db: Db, orgId: number, nummer: string): number[] {
  const direct = db
    .select({ id: grants.id })
    .from(grants)
    .where(and(eq(grants.organisationId, orgId), eq(grants.beschikkingsnummer, nummer)))
    .all()
    .map((r) => r.id)
  const viaBeschikking = db
    .select({ id: grants.id })
    .from(beschikkingen)
    .innerJoin(grants, eq(grants.id, beschikkingen.grantId))
    .where(and(eq(grants.organisationId, orgId), eq(beschikkingen.nummer, nummer)))
    .all()
    .map((r) => r.id)
  return [...new Set([...direct, ...viaBeschikking])]
}

function write(db: Db, who: Parameters<typeof putGrantYear>[1], s: GrantYearSum, today?: string) {
  return putGrantYear(db, who, s.grantId, s.year, { realisedBatenCents: s.batenCents, realisedLastenCents: s.lastenCents }, { today })
    .outcome
}

export const actualsImport = {
  prepare(db, file, req) {
    const errors: RowError[] = []
    const warnings: RowError[] = []
    const format = 'grootboek'
    const target = organisationTable((code) => findOrganisation(db, code), file, req, 'een grootboekextract')
    if ('error' in target) return { format, errors: [target.error], warnings, data: null }
    const org = target.org
    const bookings = readLedger(file.sheets, req.map ?? {}, errors, warnings)
    const sums = new Map<string, GrantYearSum>()
    for (const b of bookings) {
      const year = b.year ?? req.year ?? null
      if (year === null) {
        errors.push({ sheet: b.sheet, row: b.row, column: '', message: 'geen boekjaar: geef --year JJJJ op of een kolom Boekjaar' })
        continue
      }
      if (req.year !== undefined && b.year !== null && b.year !== req.year) {
        errors.push({
          sheet: b.sheet,
          row: b.row,
          column: 'Boekjaar',
          message: `boekjaar ${b.year} hoort niet bij deze import (--year ${req.year})`,
        })
        continue
      }
      let ids: number[] = []
      if (b.beschikkingsnummer) ids = byBeschikking(db, org.id, b.beschikkingsnummer)
      if (ids.length === 0 && b.reference)
        ids = db
          .select({ id: grants.id })
          .from(grants)
          .where(and(eq(grants.organisationId, org.id), eq(grants.reference, b.reference)))
          .all()
          .map((r) => r.id)
      const key = b.beschikkingsnummer ?? b.reference
      if (!key) {
        errors.push({
          sheet: b.sheet,
          row: b.row,
          column: b.keyColumn,
          message: 'geen beschikkingsnummer of kenmerk: de boeking hoort bij geen subsidie',
        })
        continue
      }
      if (ids.length === 0) {
        errors.push({ sheet: b.sheet, row: b.row, column: b.keyColumn, message: `'${key}' hoort bij geen subsidie van ${org.code}` })
        continue
      }
      if (ids.length > 1) {
        errors.push({
          sheet: b.sheet,
          row: b.row,
          column: b.keyColumn,
          message: `'${key}' hoort bij meer dan één subsidie (${ids.join(', ')}); gebruik het kenmerk`,
        })
        continue
      }
      const k = `${ids[0]}:${year}`
      const s = sums.get(k) ?? { grantId: ids[0], year, batenCents: 0, lastenCents: 0, rows: [] }
      s.batenCents = sumCents([s.batenCents, b.batenCents])
      s.lastenCents = sumCents([s.lastenCents, b.lastenCents])
      s.rows.push(b)
      sums.set(k, s)
    }
    if (errors.length) return { format, errors, warnings, data: null }
    const period = req.period ?? null
    for (const year of new Set([...sums.values()].map((s) => s.year))) {
      const clash = periodConflict(db, org.id, year, period?.from ?? 1, period?.to ?? 12)
      if (clash) errors.push({ sheet: null, row: 0, column: '', message: clash })
    }
    if (errors.length) return { format, errors, warnings, data: null }
    return { format, errors, warnings, data: { sums: [...sums.values()], organisationId: org.id, period }, organisationId: org.id }
  },
  write(db, prepared, who, _batchId, req) {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
    const errors: RowError[] = []
    type Detail = {
      grantId: number
      year: number
      realisedBatenCents: number
      realisedLastenCents: number
      outcome: string
      before: { realisedBatenCents: number; realisedLastenCents: number }
      after: { realisedBatenCents: number; realisedLastenCents: number }
    }
    const details: Detail[] = []
    const { organisationId, period } = prepared.data!
    const from = period?.from ?? 1
    const to = period?.to ?? 12
    const sums = [...prepared.data!.sums]
    const prior = new Map<string, { batenCents: number; lastenCents: number }>()
    for (const year of new Set(sums.map((s) => s.year))) {
      const rows = db.$client
        .prepare(
          `SELECT grant_id AS g, baten_cents AS b, lasten_cents AS l FROM ledger_periods
        WHERE organisation_id = ? AND year = ? AND from_month = ? AND to_month = ?`,
        )
        .all(organisationId, year, from, to) as { g: number; b: number; l: number }[]
      for (const r of rows) prior.set(`${r.g}:${year}`, { batenCents: r.b, lastenCents: r.l })
      // A grant in the earlier import of this period but not in this one: its part of the period goes.
      if (period)
        for (const r of rows)
          if (!sums.some((s) => s.grantId === r.g && s.year === year))
            sums.push({ grantId: r.g, year, batenCents: 0, lastenCents: 0, rows: [] })
      db.$client
        .prepare('DELETE FROM ledger_periods WHERE organisation_id = ? AND year = ? AND from_month = ? AND to_month = ?')
        .run(organisationId, year, from, to)
    }
    const record = db.$client
      .prepare(`INSERT INTO ledger_periods (organisation_id, year, from_month, to_month, grant_id, baten_cents, lasten_cents, batch_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    for (const s0 of sums) {
      let outcome: keyof Counts
      const now = realisedNow(db, s0.grantId, s0.year)
      // The whole year SETS the year's figures (as before periods existed); months replace their own earlier part and add to the rest.
      const p = prior.get(`${s0.grantId}:${s0.year}`) ?? { batenCents: 0, lastenCents: 0 }
      const s = period
        ? {
            ...s0,
            batenCents: sumCents([now.baten, -p.batenCents, s0.batenCents]),
            lastenCents: sumCents([now.lasten, -p.lastenCents, s0.lastenCents]),
          }
        : s0
      if (s0.rows.length) record.run(organisationId, s0.year, from, to, s0.grantId, s0.batenCents, s0.lastenCents, _batchId)
      // A year outside the grant's period or a taakveld not valid in it is a row error, found by the write itself.
      try {
        outcome = write(db, who, s, req.today)
      } catch (e) {
        if (!(e instanceof GrantInputError)) throw e
        const at = s.rows[0] ?? { sheet: null, row: 0, keyColumn: '' }
        for (const x of e.errors)
          errors.push({ sheet: at.sheet, row: at.row, column: at.keyColumn, message: `subsidie ${s.grantId}, ${s.year}: ${x.message}` })
        continue
      }
      // Counted per booking row, so a second import of the same file reports every row unchanged.
      counts[outcome] += Math.max(1, s.rows.length)
      details.push({
        grantId: s.grantId,
        year: s.year,
        realisedBatenCents: s.batenCents,
        realisedLastenCents: s.lastenCents,
        outcome,
        before: { realisedBatenCents: now.baten, realisedLastenCents: now.lasten },
        after: { realisedBatenCents: s.batenCents, realisedLastenCents: s.lastenCents },
      })
    }
    return { ...counts, details, errors }
  },
} satisfies ImportKind<ActualsData | null>
