// SiSa definitions storage: idempotent upsert of a year's regelingen and indicators, and lookup per year and format date.
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { sisaIndicators, sisaRegelingen } from '../schema.js'
import type { IndicatorDef, RegelingDef, Role, YearDef } from '../sisa-definitions.js'
import { draftPolicy, withDrafts } from '../sisa-draft.js'

export type IndicatorRow = typeof sisaIndicators.$inferSelect
export interface StoredIndicator extends IndicatorDef {
  id: number
  sisaCode: string
  position: number
}
export interface StoredRegeling extends Omit<RegelingDef, 'indicators'> {
  id: number
  indicators: StoredIndicator[]
}
export interface StoredYear {
  sisaYear: number
  formatDate: string
  regelingen: StoredRegeling[]
  /** Set when every regeling of the year is a draft taken over from this year. */
  draftOf?: number
}

export interface DefinitionCounts {
  created: number
  updated: number
  unchanged: number
}

/** Write one year+format: regelingen and indicators matched by code, never deleted (values may point at them). */
export function upsertYearDefinitions(db: Db, y: YearDef, who: Actor | null): DefinitionCounts {
  const counts: DefinitionCounts = { created: 0, updated: 0, unchanged: 0 }
  const bump = (o: 'created' | 'updated' | 'unchanged') => {
    counts[o]++
  }
  for (const r of y.regelingen) {
    const key = and(
      eq(sisaRegelingen.sisaYear, y.sisaYear),
      eq(sisaRegelingen.formatDate, y.formatDate),
      eq(sisaRegelingen.sisaCode, r.sisaCode),
    )
    const head = { verstrekker: r.verstrekker, name: r.name, legalBasis: r.legalBasis, ontvanger: r.ontvanger }
    const cur = db.select().from(sisaRegelingen).where(key).get()
    let regelingId: number
    if (!cur) {
      regelingId = db
        .insert(sisaRegelingen)
        .values({ sisaYear: y.sisaYear, formatDate: y.formatDate, sisaCode: r.sisaCode, ...head })
        .returning()
        .get().id
      if (who)
        writeAudit(db, who, {
          entity: 'sisa_regeling',
          entityId: `${y.sisaYear}:${y.formatDate}:${r.sisaCode}`,
          action: 'create',
          after: head,
        })
      bump('created')
    } else {
      regelingId = cur.id
      const before = { verstrekker: cur.verstrekker, name: cur.name, legalBasis: cur.legalBasis, ontvanger: cur.ontvanger }
      if (JSON.stringify(before) !== JSON.stringify(head)) {
        db.update(sisaRegelingen).set(head).where(eq(sisaRegelingen.id, cur.id)).run()
        if (who)
          writeAudit(db, who, {
            entity: 'sisa_regeling',
            entityId: `${y.sisaYear}:${y.formatDate}:${r.sisaCode}`,
            action: 'update',
            before,
            after: head,
          })
        bump('updated')
      } else bump('unchanged')
    }
    r.indicators.forEach((ind, i) => bump(upsertIndicator(db, y, r.sisaCode, regelingId, ind, i + 1, who)))
  }
  return counts
}

function upsertIndicator(
  db: Db,
  y: YearDef,
  sisaCode: string,
  regelingId: number,
  ind: IndicatorDef,
  position: number,
  who: Actor | null,
): 'created' | 'updated' | 'unchanged' {
  const values = {
    label: ind.label,
    dataType: ind.dataType,
    aardControle: ind.aardControle,
    rowDimension: ind.rowDimension,
    formula: ind.formula,
    prefill: ind.role,
    mandatory: ind.mandatory,
    position,
  }
  const entityId = `${y.sisaYear}:${y.formatDate}:${sisaCode}/${ind.number}`
  const cur = db
    .select()
    .from(sisaIndicators)
    .where(
      and(
        eq(sisaIndicators.sisaYear, y.sisaYear),
        eq(sisaIndicators.formatDate, y.formatDate),
        eq(sisaIndicators.sisaCode, sisaCode),
        eq(sisaIndicators.number, ind.number),
      ),
    )
    .get()
  if (!cur) {
    db.insert(sisaIndicators)
      .values({ regelingId, sisaYear: y.sisaYear, formatDate: y.formatDate, sisaCode, number: ind.number, ...values })
      .run()
    if (who) writeAudit(db, who, { entity: 'sisa_indicator', entityId, action: 'create', after: values })
    return 'created'
  }
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, (cur as Record<string, unknown>)[k]]))
  if (JSON.stringify(before) === JSON.stringify(values)) return 'unchanged'
  db.update(sisaIndicators).set(values).where(eq(sisaIndicators.id, cur.id)).run()
  if (who) writeAudit(db, who, { entity: 'sisa_indicator', entityId, action: 'update', before, after: values })
  return 'updated'
}

export function toIndicatorDef(row: IndicatorRow): StoredIndicator {
  return {
    id: row.id,
    sisaCode: row.sisaCode,
    number: row.number,
    label: row.label,
    dataType: row.dataType,
    aardControle: row.aardControle,
    rowDimension: row.rowDimension,
    formula: row.formula,
    role: (row.prefill ?? null) as Role | null,
    mandatory: row.mandatory,
    position: row.position,
  }
}

/** The format dates known for a SiSa year, newest first. */
export function formatDates(db: Db, sisaYear: number): string[] {
  return db
    .selectDistinct({ d: sisaRegelingen.formatDate })
    .from(sisaRegelingen)
    .where(eq(sisaRegelingen.sisaYear, sisaYear))
    .orderBy(desc(sisaRegelingen.formatDate))
    .all()
    .map((r) => r.d)
}

/**
 * Definitions of a year in one format version (default: the newest format date of that year). Without a format date,
 * regelingen the year lacks are taken over from T-1 as drafts (`draftOf`), as the policy in db/sisa-draft.ts says.
 */
export function getYearDefinitions(db: Db, sisaYear: number, formatDate?: string): StoredYear | undefined {
  const published = getPublishedYearDefinitions(db, sisaYear, formatDate)
  if (formatDate !== undefined) return published
  const policy = draftPolicy(db)
  if (!policy.fromPreviousYear || (published && policy.scope === 'year')) return published
  return withDrafts(sisaYear, published, getPublishedYearDefinitions(db, sisaYear - 1), policy)
}

/** The definitions of a year as imported or shipped, without drafts. */
export function getPublishedYearDefinitions(db: Db, sisaYear: number, formatDate?: string): StoredYear | undefined {
  const fd = formatDate ?? formatDates(db, sisaYear)[0]
  if (!fd) return undefined
  const regs = db
    .select()
    .from(sisaRegelingen)
    .where(and(eq(sisaRegelingen.sisaYear, sisaYear), eq(sisaRegelingen.formatDate, fd)))
    .orderBy(asc(sisaRegelingen.sisaCode))
    .all()
  if (regs.length === 0) return undefined
  const inds = db
    .select()
    .from(sisaIndicators)
    .where(and(eq(sisaIndicators.sisaYear, sisaYear), eq(sisaIndicators.formatDate, fd)))
    .orderBy(asc(sisaIndicators.position))
    .all()
  return {
    sisaYear,
    formatDate: fd,
    regelingen: regs.map((r) => ({
      id: r.id,
      sisaCode: r.sisaCode,
      verstrekker: r.verstrekker,
      name: r.name,
      legalBasis: r.legalBasis,
      ontvanger: r.ontvanger,
      indicators: inds.filter((i) => i.regelingId === r.id).map(toIndicatorDef),
    })),
  }
}

/** A stored year back in its plain (JSON) form, e.g. for the definitions sheet and round-trip checks. */
export function plainYear(y: StoredYear): YearDef {
  return {
    sisaYear: y.sisaYear,
    formatDate: y.formatDate,
    regelingen: y.regelingen.map(({ id: _id, indicators, ...r }) => ({
      ...r,
      indicators: indicators.map(({ id: _i, sisaCode: _s, position: _p, ...d }) => d),
    })),
  }
}

export function indicatorById(db: Db, id: number): IndicatorRow | undefined {
  return db.select().from(sisaIndicators).where(eq(sisaIndicators.id, id)).get()
}
