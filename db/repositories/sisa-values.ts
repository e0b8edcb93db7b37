// SiSa values per grant, year, indicator and row, and the tabel fouten en onzekerheden: storage with audit.
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { grants, schemes, sisaFindings, sisaIndicators, sisaValues } from '../schema.js'
import { invalid } from '../errors.js'
import { SISA_CODE } from '../rules/sisa-code.js'
import { getYearDefinitions } from './sisa.js'

/** One typed value; exactly one field is set. For count indicators the count lives in `number`. */
export interface SisaValue {
  cents?: number
  number?: number
  bool?: boolean
  text?: string
}

export interface StoredValue {
  grantId: number
  sisaYear: number
  sisaCode: string
  number: string
  rowNo: number
  value: SisaValue
  source: string
  updatedBy: string
  updatedAt: string
}

/** Stored values of some grants in one year, keyed by indicator code (not id: a newer format date keeps them). */
export function listStoredValues(db: Db, grantIds: number[], sisaYear: number): StoredValue[] {
  if (grantIds.length === 0) return []
  return storedValues(db, and(inArray(sisaValues.grantId, grantIds), eq(sisaValues.sisaYear, sisaYear)))
}

/**
 * Stored values of every grant of an organisation in one year: one subquery instead of thousands of bound ids (the
 * SiSa view of a 5,000-grant portfolio spent more on building that list than on the query).
 */
export function listStoredValuesOfOrganisation(db: Db, organisationId: number, sisaYear: number): StoredValue[] {
  const ofOrg = db.select({ id: grants.id }).from(grants).where(eq(grants.organisationId, organisationId))
  return storedValues(db, and(inArray(sisaValues.grantId, ofOrg), eq(sisaValues.sisaYear, sisaYear)))
}

function storedValues(db: Db, where: SQL | undefined): StoredValue[] {
  return db
    .select({ v: sisaValues, sisaCode: sisaIndicators.sisaCode, number: sisaIndicators.number, dataType: sisaIndicators.dataType })
    .from(sisaValues)
    .innerJoin(sisaIndicators, eq(sisaIndicators.id, sisaValues.indicatorId))
    .where(where)
    .orderBy(asc(sisaValues.grantId), asc(sisaIndicators.sisaCode), asc(sisaIndicators.number), asc(sisaValues.rowNo))
    .all()
    .map(({ v, sisaCode, number, dataType }) => ({
      grantId: v.grantId,
      sisaYear: v.sisaYear,
      sisaCode,
      number,
      rowNo: v.rowNo,
      source: v.source,
      updatedBy: v.updatedBy,
      updatedAt: v.updatedAt,
      value:
        dataType === 'count'
          ? { number: v.valueCents ?? undefined }
          : dataType === 'euro'
            ? { cents: v.valueCents ?? undefined }
            : dataType === 'janee'
              ? { bool: v.valueBool ?? undefined }
              : { text: v.valueText ?? undefined },
    }))
}

/** Years (other than `except`) in which a grant has stored values. */
export function yearsWithValues(db: Db, grantId: number): number[] {
  return db
    .selectDistinct({ y: sisaValues.sisaYear })
    .from(sisaValues)
    .where(eq(sisaValues.grantId, grantId))
    .all()
    .map((r) => r.y)
    .sort()
}

/**
 * The stored value of one grant, year, indicator code and row, whichever definitions row it points at: a value typed
 * against a draft (T-1's rows) or an older format date is found, and re-pointed, when T's own definitions arrive.
 */
/** A stored value as the audit trail records it (before or after a change); SQLite keeps the boolean as 0/1. */
function audited(cur: { valueCents: number | null; valueBool: number | boolean | null; valueText: string | null; source: string }) {
  return {
    valueCents: cur.valueCents,
    valueBool: cur.valueBool === null ? null : !!cur.valueBool,
    valueText: cur.valueText,
    source: cur.source,
  }
}

function storedByCode(
  db: Db,
  grantId: number,
  sisaYear: number,
  code: string,
  rowNo: number,
  indicatorId: number,
):
  | { id: number; indicatorId: number; valueCents: number | null; valueBool: number | null; valueText: string | null; source: string }
  | undefined {
  const [sisaCode, number] = code.split('/')
  return db.$client
    .prepare(
      `SELECT v.id, v.indicator_id AS indicatorId, v.value_cents AS valueCents, v.value_bool AS valueBool, v.value_text AS valueText, v.source
       FROM sisa_values v JOIN sisa_indicators i ON i.id = v.indicator_id
       WHERE v.grant_id = ? AND v.sisa_year = ? AND i.sisa_code = ? AND i.number = ? AND v.row_no = ?
       ORDER BY v.indicator_id = ? DESC LIMIT 1`,
    )
    .get(grantId, sisaYear, sisaCode, number, rowNo, indicatorId) as ReturnType<typeof storedByCode>
}

/** The stored amount of one indicator row of a grant and year (manual or imported), or undefined when none is stored. */
export function storedCents(
  db: Db,
  grantId: number,
  sisaYear: number,
  code: string,
  rowNo: number,
  indicatorId: number,
): number | undefined {
  return storedByCode(db, grantId, sisaYear, code, rowNo, indicatorId)?.valueCents ?? undefined
}

export interface ValueWrite {
  indicatorId: number
  /** Code for audit and messages, e.g. 'C1/04'. */
  code: string
  rowNo: number
  /** null clears the value (back to the prefill, if any). */
  value: SisaValue | null
}

/**
 * Write manual values for one grant and year in one transaction; every change is audited with before and
 * after, so an override of a prefilled value stays traceable. Returns what changed.
 */
export function putValues(
  db: Db,
  who: Actor,
  grantId: number,
  sisaYear: number,
  writes: ValueWrite[],
  prefilled: Map<string, unknown> = new Map(),
): { created: number; updated: number; deleted: number; unchanged: number } {
  const out = { created: 0, updated: 0, deleted: 0, unchanged: 0 }
  db.$client.transaction(() => {
    for (const w of writes) {
      const cur = storedByCode(db, grantId, sisaYear, w.code, w.rowNo, w.indicatorId)
      const entityId = `${grantId}:${sisaYear}:${w.code}:${w.rowNo}`
      const before = cur ? audited(cur) : null
      if (w.value === null) {
        if (!cur) {
          out.unchanged++
          continue
        }
        db.delete(sisaValues).where(eq(sisaValues.id, cur.id)).run()
        writeAudit(db, who, { entity: 'sisa_value', entityId, action: 'delete', before })
        out.deleted++
        continue
      }
      const cols = {
        indicatorId: w.indicatorId,
        valueCents: w.value.cents ?? w.value.number ?? null,
        valueBool: w.value.bool ?? null,
        valueText: w.value.text ?? null,
        source: 'manual',
        updatedBy: who.actor,
        updatedAt: new Date().toISOString(),
      }
      const after = { valueCents: cols.valueCents, valueBool: cols.valueBool, valueText: cols.valueText, source: 'manual' }
      if (before && JSON.stringify(before) === JSON.stringify(after)) {
        out.unchanged++
        continue
      }
      // The prefilled value that this manual value replaces goes into the audit row too.
      const overrides = prefilled.get(`${w.code}:${w.rowNo}`)
      if (cur) db.update(sisaValues).set(cols).where(eq(sisaValues.id, cur.id)).run()
      else
        db.insert(sisaValues)
          .values({ grantId, sisaYear, rowNo: w.rowNo, ...cols })
          .run()
      writeAudit(db, who, {
        entity: 'sisa_value',
        entityId,
        action: cur ? 'update' : 'create',
        before: before ?? (overrides !== undefined ? { prefill: overrides } : null),
        after,
      })
      if (cur) out.updated++
      else out.created++
    }
  })()
  return out
}

/** The organisation's grants (not archived) whose regeling has one of these SiSa codes: where imported values can go. */
export function grantsWithSisaCodes(
  db: Db,
  organisationId: number,
  codes: string[],
): { id: number; title: string; beschikkingsnummer: string | null; sisaCode: string }[] {
  if (codes.length === 0) return []
  return db
    .select({ id: grants.id, title: grants.title, beschikkingsnummer: grants.beschikkingsnummer, sisaCode: schemes.sisaCode })
    .from(grants)
    .innerJoin(schemes, eq(schemes.id, grants.schemeId))
    .where(and(eq(grants.organisationId, organisationId), inArray(schemes.sisaCode, codes), isNull(grants.archivedAt)))
    .orderBy(asc(grants.id))
    .all()
    .map((g) => ({ ...g, sisaCode: g.sisaCode! }))
}

export interface ImportedValue {
  grantId: number
  indicatorId: number
  /** 'A16/01', for audit. */
  code: string
  rowNo: number
  value: SisaValue
}

/**
 * Write imported values inside the import's transaction (no own transaction): a value equal to the stored one is
 * unchanged (whatever its source); any other is created or replaced with `who.source` ('import:<batch>') as its
 * source, and audited with before and after.
 */
export function writeImportedValues(
  db: Db,
  who: Actor,
  sisaYear: number,
  rows: ImportedValue[],
): { created: number; updated: number; unchanged: number } {
  const out = { created: 0, updated: 0, unchanged: 0 }
  const insert = db.$client.prepare(
    'INSERT INTO sisa_values (grant_id, sisa_year, indicator_id, row_no, value_cents, value_bool, value_text, source, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const update = db.$client.prepare(
    'UPDATE sisa_values SET indicator_id = ?, value_cents = ?, value_bool = ?, value_text = ?, source = ?, updated_by = ?, updated_at = ? WHERE id = ?',
  )
  const now = new Date().toISOString()
  for (const r of rows) {
    const cur = storedByCode(db, r.grantId, sisaYear, r.code, r.rowNo, r.indicatorId)
    const cents = r.value.cents ?? r.value.number ?? null
    const bool = r.value.bool === undefined ? null : r.value.bool ? 1 : 0
    const text = r.value.text ?? null
    if (cur && cur.indicatorId === r.indicatorId && cur.valueCents === cents && cur.valueBool === bool && cur.valueText === text) {
      out.unchanged++
      continue
    }
    const before = cur ? audited(cur) : null
    const after = { valueCents: cents, valueBool: r.value.bool ?? null, valueText: text, source: who.source }
    if (cur) update.run(r.indicatorId, cents, bool, text, who.source, who.actor, now, cur.id)
    else insert.run(r.grantId, sisaYear, r.indicatorId, r.rowNo, cents, bool, text, who.source, who.actor, now)
    writeAudit(db, who, {
      entity: 'sisa_value',
      entityId: `${r.grantId}:${sisaYear}:${r.code}:${r.rowNo}`,
      action: cur ? 'update' : 'create',
      before,
      after,
    })
    if (cur) out.updated++
    else out.created++
  }
  return out
}

export type FoRow = typeof sisaFindings.$inferSelect
export interface FoInput {
  sisaCode: string
  indicatorNumber: string | null
  foutCents: number
  onzekerheidCents: number
  toelichting: string | null
}

export interface FoRaw {
  sisaCode: string
  indicatorNumber?: string | null
  foutCents: number
  onzekerheidCents: number
  toelichting?: string | null
}

/**
 * A line of the tabel fouten en onzekerheden as typed in: the uitkering must exist in the SiSa definitions of the
 * year, and the indicator (when given) in that uitkering. For the API, the CLI and imports alike.
 */
export function checkFoInput(db: Db, year: number, b: FoRaw): FoInput {
  const code = b.sisaCode.trim().toUpperCase()
  const reg = getYearDefinitions(db, year)?.regelingen.find((r) => r.sisaCode === code)
  if (!SISA_CODE.test(code) || !reg) {
    throw invalid(`uitkering ${b.sisaCode} komt niet voor in de SiSa-definities van ${year}`, [
      { field: 'body.sisaCode', message: 'onbekende uitkeringscode voor dit jaar' },
    ])
  }
  const nr = b.indicatorNumber ? b.indicatorNumber.padStart(2, '0') : null
  if (nr && !reg.indicators.some((i) => i.number === nr)) {
    throw invalid(`indicator ${code}/${nr} bestaat niet in SiSa ${year}`, [
      { field: 'body.indicatorNumber', message: 'onbekende indicator' },
    ])
  }
  return {
    sisaCode: code,
    indicatorNumber: nr,
    foutCents: b.foutCents,
    onzekerheidCents: b.onzekerheidCents,
    toelichting: b.toelichting?.trim() || null,
  }
}

export function listFoutenOnzekerheden(db: Db, organisationId: number, sisaYear: number): FoRow[] {
  return db
    .select()
    .from(sisaFindings)
    .where(and(eq(sisaFindings.organisationId, organisationId), eq(sisaFindings.sisaYear, sisaYear)))
    .orderBy(asc(sisaFindings.sisaCode), asc(sisaFindings.id))
    .all()
}

export function getFoutOnzekerheid(db: Db, id: number): FoRow | undefined {
  return db.select().from(sisaFindings).where(eq(sisaFindings.id, id)).get()
}

export function createFoutOnzekerheid(db: Db, who: Actor, organisationId: number, sisaYear: number, input: FoInput): FoRow {
  return db.$client.transaction(() => {
    const row = db
      .insert(sisaFindings)
      .values({ organisationId, sisaYear, ...input, updatedBy: who.actor })
      .returning()
      .get()
    writeAudit(db, who, { entity: 'sisa_fouten_onzekerheden', entityId: row.id, action: 'create', after: input })
    return row
  })()
}

export function updateFoutOnzekerheid(db: Db, who: Actor, cur: FoRow, input: FoInput): FoRow {
  return db.$client.transaction(() => {
    const before = {
      sisaCode: cur.sisaCode,
      indicatorNumber: cur.indicatorNumber,
      foutCents: cur.foutCents,
      onzekerheidCents: cur.onzekerheidCents,
      toelichting: cur.toelichting,
    }
    const row = db
      .update(sisaFindings)
      .set({ ...input, updatedBy: who.actor, updatedAt: new Date().toISOString() })
      .where(eq(sisaFindings.id, cur.id))
      .returning()
      .get()
    writeAudit(db, who, { entity: 'sisa_fouten_onzekerheden', entityId: cur.id, action: 'update', before, after: input })
    return row
  })()
}

export function deleteFoutOnzekerheid(db: Db, who: Actor, cur: FoRow): void {
  db.$client.transaction(() => {
    db.delete(sisaFindings).where(eq(sisaFindings.id, cur.id)).run()
    writeAudit(db, who, { entity: 'sisa_fouten_onzekerheden', entityId: cur.id, action: 'delete', before: cur })
  })()
}
