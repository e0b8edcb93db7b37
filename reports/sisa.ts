// The SiSa view of one organisation and year: which grants report, every cell with manual, prefilled or computed value.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { grants, grantYears, organisations, payments, schemes, settings, verantwoordingslijst } from '../db/schema.js'
import { getYearDefinitions, plainYear, type StoredRegeling } from '../db/repositories/sisa.js'
import { listFoutenOnzekerheden, listStoredValues, type SisaValue, type StoredValue } from '../db/repositories/sisa-values.js'
import { SISA_THRESHOLD_KEY, type ThresholdBand } from '../db/reference/settings-sisa.js'
import { formulaTerms, indicatorCode } from '../db/sisa-definitions.js'
import { sumCents } from '../db/money.js'
import { prefillFor, type GrantFacts } from './sisa-prefill.js'
import { runChecks, foView } from './sisa-checks.js'
import type { CellView, IndicatorView, SisaBlock, SisaData } from './sisa-types.js'

const REPORTING_STATUSES = new Set(['toegekend', 'vastgesteld', 'afgesloten'])
const yearOfDate = (d: string | null) => (d ? Number(d.slice(0, 4)) : null)

type GrantRow = typeof grants.$inferSelect & { sisaCode: string | null; sisaRequired: boolean }

export function loadGrantFacts(db: Db, rows: (typeof grants.$inferSelect)[]): Map<number, GrantFacts> {
  const ids = rows.map((g) => g.id)
  const ys = ids.length ? db.select().from(grantYears).where(inArray(grantYears.grantId, ids)).all() : []
  const ps = ids.length ? db.select().from(payments).where(inArray(payments.grantId, ids)).all() : []
  return new Map(rows.map((g) => [g.id, {
    id: g.id, status: g.status, awardedCents: g.awardedCents, bcfCents: g.bcfCents, finalAccountYear: g.finalAccountYear,
    years: ys.filter((y) => y.grantId === g.id).map((y) => ({ year: y.year, realisedLastenCents: y.realisedLastenCents })).sort((a, b) => a.year - b.year),
    payments: ps.filter((p) => p.grantId === g.id).map((p) => ({ kind: p.kind, paidOn: p.paidOn, amountCents: p.amountCents })),
  }]))
}

/** The grants of an organisation that report in SiSa year T (or carry values for T, which the checks then judge). */
export function reportingGrants(db: Db, organisationId: number, year: number, codes: Set<string>): { rows: GrantRow[]; listed: Set<number> } {
  const all = db.select({ g: grants, sisaCode: schemes.sisaCode, sisaRequired: schemes.sisaRequired }).from(grants)
    .innerJoin(schemes, eq(schemes.id, grants.schemeId)).where(eq(grants.organisationId, organisationId)).all()
    .map(({ g, sisaCode, sisaRequired }) => ({ ...g, sisaCode, sisaRequired }))
  const withValues = new Set(listStoredValues(db, all.map((g) => g.id), year).map((v) => v.grantId))
  const lijst = db.select().from(verantwoordingslijst).where(and(eq(verantwoordingslijst.organisationId, organisationId), eq(verantwoordingslijst.sisaYear, year))).all()
  const listed = new Set(all.filter((g) => g.onVerantwoordingslijst || lijst.some((l) => l.grantId === g.id || (l.grantId === null && l.schemeId === g.schemeId))).map((g) => g.id))
  const active = (g: GrantRow) => REPORTING_STATUSES.has(g.status) && !g.archivedAt
    && (yearOfDate(g.periodFrom) ?? 0) <= year && (yearOfDate(g.awardedOn) ?? 0) <= year
    && (g.finalAccountYear === null || g.finalAccountYear >= year)
  const rows = all.filter((g) => withValues.has(g.id) || ((active(g) || listed.has(g.id)) && g.sisaCode !== null && (codes.has(g.sisaCode) || g.sisaRequired)))
  return { rows, listed }
}

const valueOfStored = (v: StoredValue): SisaValue | null => (Object.values(v.value).some((x) => x !== undefined) ? v.value : null)

function buildBlock(g: GrantRow, reg: StoredRegeling, facts: GrantFacts, stored: StoredValue[], year: number): SisaBlock {
  const mine = stored.filter((v) => v.grantId === g.id && v.sisaCode === reg.sisaCode)
  const perRow = new Set(reg.indicators.filter((i) => i.rowDimension !== 'none').map((i) => i.number))
  const rowNos = [...new Set(mine.filter((v) => perRow.has(v.number) && v.rowNo > 0).map((v) => v.rowNo))].sort((a, b) => a - b)
  const indicators: IndicatorView[] = reg.indicators.map((ind) => {
    const rows = ind.rowDimension === 'none' ? [0] : rowNos
    const cells: CellView[] = rows.map((rowNo) => {
      const s = mine.find((v) => v.number === ind.number && v.rowNo === rowNo)
      const pre = ind.role && !ind.formula && ind.rowDimension === 'none' ? prefillFor(ind.role, facts, year) : undefined
      const manual = s ? valueOfStored(s) : null
      if (manual) return { rowNo, value: manual, source: 'manual', explanation: pre ? `overschrijft vooringevulde waarde (${pre.explanation})` : null, prefill: pre?.value ?? null }
      if (pre) return { rowNo, value: pre.value, source: pre.source, explanation: pre.explanation, prefill: pre.value }
      return { rowNo, value: null, source: null, explanation: null, prefill: null }
    })
    return { ...ind, code: indicatorCode(reg.sisaCode, ind.number), cells }
  })
  // Computed indicators are recomputed from the other cells (docs/domain.md#sisa: never typed in).
  for (const ind of indicators) {
    const terms = ind.formula ? formulaTerms(ind.formula) : undefined
    if (!terms) continue
    for (const cell of ind.cells) {
      const parts = terms.map((t) => indicators.find((i) => i.number === t)?.cells.find((c) => c.rowNo === cell.rowNo)?.value?.cents ?? 0)
      const sum = sumCents(parts)
      cell.prefill = { cents: sum }
      if (cell.source !== 'manual') Object.assign(cell, { value: { cents: sum }, source: 'computed', explanation: `berekend: ${ind.formula}` })
    }
  }
  return {
    grantId: g.id, grantTitle: g.title, beschikkingsnummer: g.beschikkingsnummer, sisaCode: reg.sisaCode, verstrekker: reg.verstrekker,
    name: reg.name, legalBasis: reg.legalBasis, ontvanger: reg.ontvanger, indicators, rowNos, facts,
  }
}

export function thresholdOf(db: Db): { bands: ThresholdBand[]; source: string } {
  const s = db.select().from(settings).where(eq(settings.key, SISA_THRESHOLD_KEY)).get()
  return { bands: (s?.value ?? []) as ThresholdBand[], source: s?.source ?? 'UNCERTAIN' }
}

export function computeSisa(db: Db, organisationId: number, year: number): SisaData {
  const org = db.select().from(organisations).where(eq(organisations.id, organisationId)).get()
  if (!org) throw new Error(`organisation ${organisationId} does not exist`)
  const defs = getYearDefinitions(db, year)
  const byCode = new Map((defs?.regelingen ?? []).map((r) => [r.sisaCode, r]))
  const { rows, listed } = reportingGrants(db, organisationId, year, new Set(byCode.keys()))
  const facts = loadGrantFacts(db, rows)
  const stored = listStoredValues(db, rows.map((g) => g.id), year)
  const blocks = rows.filter((g) => byCode.has(g.sisaCode ?? ''))
    .sort((a, b) => (a.sisaCode ?? '').localeCompare(b.sisaCode ?? '') || a.id - b.id)
    .map((g) => buildBlock(g, byCode.get(g.sisaCode!)!, facts.get(g.id)!, stored, year))
  const threshold = thresholdOf(db)
  const data: SisaData = {
    organisation: { id: org.id, code: org.code, name: org.name }, year, formatDate: defs?.formatDate ?? null, blocks, findings: [],
    foutenOnzekerheden: [], threshold, definitions: defs ? plainYear(defs) : null,
  }
  data.foutenOnzekerheden = listFoutenOnzekerheden(db, organisationId, year).map((r) => foView(r, data))
  data.findings = runChecks(db, data, { unknownCode: rows.filter((g) => !byCode.has(g.sisaCode ?? '')), listed })
  return data
}
