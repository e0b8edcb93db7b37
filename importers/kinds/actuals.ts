// The 'actuals' import kind: a ledger extract for one organisation (--org) and budget year (--year), matched to
// grants by beschikkingsnummer (also of amendments) or grant kenmerk and summed per grant-year. The sums SET the
// realised baten and lasten of that year, so importing the same ledger twice changes nothing.
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { GrantInputError, putGrantYear } from '../../db/repositories/grants.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { beschikkingen, grants } from '../../db/schema.js'
import { sumCents } from '../../db/money.js'
import type { RowError } from '../cells.js'
import { readLedger, type Booking } from '../formats/grootboek.js'
import type { Counts, ImportKind } from '../types.js'
import { organisationTable } from '../types.js'

interface GrantYearSum { grantId: number; year: number; batenCents: number; lastenCents: number; rows: Booking[] }
interface ActualsData { sums: GrantYearSum[] }

/** Grant ids in the organisation that carry this beschikkingsnummer (on the grant or on any of its beschikkingen). */
function byBeschikking(db: Db, orgId: number, nummer: string): number[] {
  const direct = db.select({ id: grants.id }).from(grants).where(and(eq(grants.organisationId, orgId), eq(grants.beschikkingsnummer, nummer))).all().map((r) => r.id)
  const viaBeschikking = db.select({ id: grants.id }).from(beschikkingen).innerJoin(grants, eq(grants.id, beschikkingen.grantId))
    .where(and(eq(grants.organisationId, orgId), eq(beschikkingen.nummer, nummer))).all().map((r) => r.id)
  return [...new Set([...direct, ...viaBeschikking])]
}

function write(db: Db, who: Parameters<typeof putGrantYear>[1], s: GrantYearSum, today?: string) {
  return putGrantYear(db, who, s.grantId, s.year, { realisedBatenCents: s.batenCents, realisedLastenCents: s.lastenCents }, { today }).outcome
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
      if (year === null) { errors.push({ sheet: b.sheet, row: b.row, column: '', message: 'geen boekjaar: geef --year JJJJ op of een kolom Boekjaar' }); continue }
      if (req.year !== undefined && b.year !== null && b.year !== req.year) { errors.push({ sheet: b.sheet, row: b.row, column: 'Boekjaar', message: `boekjaar ${b.year} hoort niet bij deze import (--year ${req.year})` }); continue }
      let ids: number[] = []
      if (b.beschikkingsnummer) ids = byBeschikking(db, org.id, b.beschikkingsnummer)
      if (ids.length === 0 && b.reference) ids = db.select({ id: grants.id }).from(grants).where(and(eq(grants.organisationId, org.id), eq(grants.reference, b.reference))).all().map((r) => r.id)
      const key = b.beschikkingsnummer ?? b.reference
      if (!key) { errors.push({ sheet: b.sheet, row: b.row, column: b.keyColumn, message: 'geen beschikkingsnummer of kenmerk: de boeking hoort bij geen subsidie' }); continue }
      if (ids.length === 0) { errors.push({ sheet: b.sheet, row: b.row, column: b.keyColumn, message: `'${key}' hoort bij geen subsidie van ${org.code}` }); continue }
      if (ids.length > 1) { errors.push({ sheet: b.sheet, row: b.row, column: b.keyColumn, message: `'${key}' hoort bij meer dan één subsidie (${ids.join(', ')}); gebruik het kenmerk` }); continue }
      const k = `${ids[0]}:${year}`
      const s = sums.get(k) ?? { grantId: ids[0], year, batenCents: 0, lastenCents: 0, rows: [] }
      s.batenCents = sumCents([s.batenCents, b.batenCents])
      s.lastenCents = sumCents([s.lastenCents, b.lastenCents])
      s.rows.push(b)
      sums.set(k, s)
    }
    if (errors.length) return { format, errors, warnings, data: null }
    return { format, errors, warnings, data: { sums: [...sums.values()] }, organisationId: org.id }
  },
  write(db, prepared, who, _batchId, req) {
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
    const errors: RowError[] = []
    const details: { grantId: number; year: number; realisedBatenCents: number; realisedLastenCents: number; outcome: string }[] = []
    for (const s of prepared.data!.sums) {
      let outcome: keyof Counts
      // A year outside the grant's period or a taakveld not valid in it is a row error, found by the write itself.
      try { outcome = write(db, who, s, req.today) } catch (e) {
        if (!(e instanceof GrantInputError)) throw e
        for (const x of e.errors) errors.push({ sheet: s.rows[0].sheet, row: s.rows[0].row, column: s.rows[0].keyColumn, message: `subsidie ${s.grantId}, ${s.year}: ${x.message}` })
        continue
      }
      // Counted per booking row, so a second import of the same file reports every row unchanged.
      counts[outcome] += s.rows.length
      details.push({ grantId: s.grantId, year: s.year, realisedBatenCents: s.batenCents, realisedLastenCents: s.lastenCents, outcome })
    }
    return { ...counts, details, errors }
  },
} satisfies ImportKind<ActualsData | null>
