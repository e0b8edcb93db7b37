// The SiSa view of one organisation and year: which grants report, every cell with manual, prefilled or computed value.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { grants, grantYears, organisations, payments, schemes, settings, verantwoordingslijst } from '../db/schema.js'
import { getYearDefinitions, plainYear, type StoredRegeling } from '../db/repositories/sisa.js'
import { listFoutenOnzekerheden, listStoredValuesOfOrganisation, type SisaValue, type StoredValue } from '../db/repositories/sisa-values.js'
import { ACCOUNTANT_TOLERANCES, SISA_THRESHOLD_KEY, SISA_TOLERANCE_KEY, toleranceFor } from '../db/reference/settings-sisa.js'
import type { ThresholdBand, ToleranceBand } from '../db/reference/settings-sisa.js'
import { formulaTerms, indicatorCode } from '../db/sisa-definitions.js'
import { draftNote } from '../db/sisa-draft.js'
import { sumCents } from '../db/money.js'
import { isAwarded } from '../db/rules/statuses.js'
import { prefillFor, spendOf, spendWords, type GrantFacts } from './sisa-prefill.js'
import { groupByGrant, type PortfolioLoad } from './portfolio-load.js'
import { runChecks, foView } from './sisa-checks.js'
import type { CellView, IndicatorView, SisaBlock, SisaData } from './sisa-types.js'

/** Roles whose one ledger figure must not be copied into several indicators. */
const SPENDING_ROLES = new Set(['besteding', 'cumulatief'])

const yearOfDate = (d: string | null) => (d ? Number(d.slice(0, 4)) : null)

type GrantBase = typeof grants.$inferSelect
type SchemeFields = { sisaCode: string | null; sisaRequired: boolean; instrument: string; schemeCode: string }
type FactFields = 'id' | 'status' | 'awardedCents' | 'bcfCents' | 'finalAccountYear'
/** What SiSa needs of a reporting grant: a small object of its own, not a copy of the whole row. */
type GrantRow = Pick<GrantBase, FactFields | 'title' | 'beschikkingsnummer'> & SchemeFields

export function loadGrantFacts(db: Db, rows: Pick<GrantBase, FactFields>[], load?: PortfolioLoad): Map<number, GrantFacts> {
  const ids = rows.map((g) => g.id)
  const ys = load
    ? ids.flatMap((id) => load.years.get(id) ?? [])
    : ids.length
      ? db.select().from(grantYears).where(inArray(grantYears.grantId, ids)).all()
      : []
  const ps = load
    ? ids.flatMap((id) => load.payments.get(id) ?? [])
    : ids.length
      ? db.select().from(payments).where(inArray(payments.grantId, ids)).all()
      : []
  const out = new Map<number, GrantFacts>(
    rows.map((g) => [
      g.id,
      {
        id: g.id,
        status: g.status,
        awardedCents: g.awardedCents,
        bcfCents: g.bcfCents,
        finalAccountYear: g.finalAccountYear,
        years: [],
        payments: [],
      },
    ]),
  )
  for (const y of ys)
    out.get(y.grantId)?.years.push({
      year: y.year,
      realisedLastenCents: y.realisedLastenCents,
      cofinancingRealisedCents: y.cofinancingRealisedCents,
    })
  for (const f of out.values()) f.years.sort((a, b) => a.year - b.year)
  for (const p of ps) out.get(p.grantId)?.payments.push({ kind: p.kind, paidOn: p.paidOn, amountCents: p.amountCents })
  return out
}

/** The grants of an organisation that report in SiSa year T (or carry values for T, which the checks then judge). */
export function reportingGrants(
  db: Db,
  organisationId: number,
  year: number,
  codes: Set<string>,
  load?: PortfolioLoad,
): { rows: GrantRow[]; listed: Set<number>; noCode: GrantRow[]; values: StoredValue[] } {
  // From the controller's load, a grant gets its scheme's fields only when it is kept (thousands are not).
  const all: GrantBase[] = load
    ? load.grants
    : db
        .select({
          g: grants,
          sisaCode: schemes.sisaCode,
          sisaRequired: schemes.sisaRequired,
          instrument: schemes.instrument,
          schemeCode: schemes.code,
        })
        .from(grants)
        .innerJoin(schemes, eq(schemes.id, grants.schemeId))
        .where(eq(grants.organisationId, organisationId))
        .all()
        .map(({ g, ...s }): GrantBase & SchemeFields => ({ ...g, ...s }))
  const schemeOf = (g: GrantBase): SchemeFields => {
    if (!load) return g as GrantBase & SchemeFields
    const s = load.schemes.get(g.schemeId)!
    return { sisaCode: s.sisaCode, sisaRequired: s.sisaRequired, instrument: s.instrument, schemeCode: s.code }
  }
  const keep = (g: GrantBase, s: SchemeFields): GrantRow => ({
    id: g.id,
    title: g.title,
    beschikkingsnummer: g.beschikkingsnummer,
    status: g.status,
    awardedCents: g.awardedCents,
    bcfCents: g.bcfCents,
    finalAccountYear: g.finalAccountYear,
    sisaCode: s.sisaCode,
    sisaRequired: s.sisaRequired,
    instrument: s.instrument,
    schemeCode: s.schemeCode,
  })
  const values = listStoredValuesOfOrganisation(db, organisationId, year)
  const withValues = new Set(values.map((v) => v.grantId))
  const lijst = db
    .select()
    .from(verantwoordingslijst)
    .where(and(eq(verantwoordingslijst.organisationId, organisationId), eq(verantwoordingslijst.sisaYear, year)))
    .all()
  const lijstGrants = new Set(lijst.flatMap((l) => (l.grantId === null ? [] : [l.grantId])))
  const lijstSchemes = new Set(lijst.flatMap((l) => (l.grantId === null && l.schemeId !== null ? [l.schemeId] : [])))
  const listed = new Set(
    all.filter((g) => g.onVerantwoordingslijst || lijstGrants.has(g.id) || lijstSchemes.has(g.schemeId)).map((g) => g.id),
  )
  const active = (g: GrantBase) =>
    isAwarded(g.status) &&
    !g.archivedAt &&
    (yearOfDate(g.periodFrom) ?? 0) <= year &&
    (yearOfDate(g.awardedOn) ?? 0) <= year &&
    (g.finalAccountYear === null || g.finalAccountYear >= year)
  const rows: GrantRow[] = []
  const noCode: GrantRow[] = []
  for (const g of all) {
    const s = schemeOf(g)
    if (withValues.has(g.id) || ((active(g) || listed.has(g.id)) && s.sisaCode !== null && (codes.has(s.sisaCode) || s.sisaRequired)))
      rows.push(keep(g, s))
    // Issue 16.4: a SiSa-relevant grant (a spuk that must report, or one on the verantwoordingslijst) whose scheme has
    // no uitkeringscode cannot get a block; it must not vanish silently either.
    else if (
      !withValues.has(g.id) &&
      s.sisaCode === null &&
      ((active(g) && s.sisaRequired && s.instrument === 'spuk') || (listed.has(g.id) && !g.archivedAt))
    )
      noCode.push(keep(g, s))
  }
  return { rows, listed, noCode, values }
}

const valueOfStored = (v: StoredValue): SisaValue | null => (Object.values(v.value).some((x) => x !== undefined) ? v.value : null)

/**
 * Issue 15.5: cumulatief(T) rolls forward from the SiSa values of T-1 when the grant has them (typed in, or last year's
 * appendix imported with sisa-waarden): cumulatief(T-1) + gerealiseerde lasten T. Per grant and code, in cents.
 */
function previousCumulatives(db: Db, organisationId: number, year: number, grantIds: Set<number>): Map<string, number> {
  const out = new Map<string, number>()
  if (grantIds.size === 0) return out
  const prev = getYearDefinitions(db, year - 1)
  if (!prev) return out
  const cumNumbers = new Map(
    prev.regelingen.map((r) => [r.sisaCode, r.indicators.filter((i) => i.role === 'cumulatief').map((i) => i.number)]),
  )
  const parts = new Map<string, (number | undefined)[]>()
  for (const v of listStoredValuesOfOrganisation(db, organisationId, year - 1)) {
    if (!grantIds.has(v.grantId) || !cumNumbers.get(v.sisaCode)?.includes(v.number)) continue
    const key = `${v.grantId}:${v.sisaCode}`
    parts.set(key, [...(parts.get(key) ?? []), v.value.cents])
  }
  for (const [key, cents] of parts) {
    const code = key.split(':')[1]
    if (cents.length === cumNumbers.get(code)!.length && cents.every((c) => c !== undefined)) out.set(key, sumCents(cents as number[]))
  }
  return out
}

function buildBlock(
  g: GrantRow,
  reg: StoredRegeling,
  facts: GrantFacts,
  ofGrant: StoredValue[],
  year: number,
  prevCumulative?: number,
): SisaBlock {
  const mine = ofGrant.filter((v) => v.sisaCode === reg.sisaCode)
  const perRow = new Set(reg.indicators.filter((i) => i.rowDimension !== 'none').map((i) => i.number))
  const rowNos = [...new Set(mine.filter((v) => perRow.has(v.number) && v.rowNo > 0).map((v) => v.rowNo))].sort((a, b) => a - b)
  // The ledger holds one figure per role: several indicators asking for it (D8/01–03) would each get all of it.
  const prefillable = reg.indicators.filter((i) => i.role && !i.formula && i.rowDimension === 'none')
  const split = [...new Set(prefillable.map((i) => i.role!))].filter(
    (r) => SPENDING_ROLES.has(r) && prefillable.filter((i) => i.role === r).length > 1,
  )
  const splitNeeded = split.map((role) => ({
    role,
    indicators: prefillable.filter((i) => i.role === role).map((i) => indicatorCode(reg.sisaCode, i.number)),
  }))
  const indicators: IndicatorView[] = reg.indicators.map((ind) => {
    const rows = ind.rowDimension === 'none' ? [0] : rowNos
    const cells: CellView[] = rows.map((rowNo) => {
      const s = mine.find((v) => v.number === ind.number && v.rowNo === rowNo)
      const spend = spendOf(facts, year)
      const rolled =
        ind.role === 'cumulatief' && prevCumulative !== undefined && spend !== undefined
          ? {
              value: { cents: sumCents([prevCumulative, spend]) },
              source: 'prefill:cumulatief',
              explanation: `cumulatief ${year - 1} uit SiSa ${year - 1} plus ${spendWords(facts, year)}`,
            }
          : undefined
      const pre =
        ind.role && !ind.formula && ind.rowDimension === 'none' && !split.includes(ind.role)
          ? (rolled ?? prefillFor(ind.role, facts, year))
          : undefined
      const manual = s ? valueOfStored(s) : null
      if (manual)
        return {
          rowNo,
          value: manual,
          source: 'manual',
          explanation: pre ? `overschrijft vooringevulde waarde (${pre.explanation})` : null,
          prefill: pre?.value ?? null,
        }
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
      if (cell.source !== 'manual')
        Object.assign(cell, { value: { cents: sum }, source: 'computed', explanation: `berekend: ${ind.formula}` })
    }
  }
  return {
    grantId: g.id,
    grantTitle: g.title,
    beschikkingsnummer: g.beschikkingsnummer,
    sisaCode: reg.sisaCode,
    verstrekker: reg.verstrekker,
    name: reg.name,
    legalBasis: reg.legalBasis,
    ontvanger: reg.ontvanger,
    indicators,
    rowNos,
    facts,
    splitNeeded,
  }
}

export function thresholdOf(db: Db): { bands: ThresholdBand[]; source: string } {
  const s = db.select().from(settings).where(eq(settings.key, SISA_THRESHOLD_KEY)).get()
  return { bands: (s?.value ?? []) as ThresholdBand[], source: s?.source ?? 'UNCERTAIN' }
}

/** The goedkeuringstolerantie of the year: the settings table when it holds a valid list, else the shipped bands. */
export function toleranceOf(db: Db, year: number): ToleranceBand {
  const v = db.select().from(settings).where(eq(settings.key, SISA_TOLERANCE_KEY)).get()?.value
  const ok =
    Array.isArray(v) &&
    v.length > 0 &&
    v.every((b) => Number.isInteger(b?.fromYear) && Number.isInteger(b?.errorsBp) && Number.isInteger(b?.uncertaintiesBp))
  return toleranceFor(year, ok ? (v as ToleranceBand[]) : ACCOUNTANT_TOLERANCES)
}

/** `load`: the organisation's tables when the caller already read them (the controller workbook). */
export function computeSisa(db: Db, organisationId: number, year: number, load?: PortfolioLoad): SisaData {
  const org = db.select().from(organisations).where(eq(organisations.id, organisationId)).get()
  if (!org) throw new Error(`organisation ${organisationId} does not exist`)
  const defs = getYearDefinitions(db, year)
  const byCode = new Map((defs?.regelingen ?? []).map((r) => [r.sisaCode, r]))
  const { rows, listed, noCode, values } = reportingGrants(db, organisationId, year, new Set(byCode.keys()), load)
  // Facts only for the grants that get a block: a grant whose uitkering T does not define needs none.
  const withBlock = rows.filter((g) => byCode.has(g.sisaCode ?? ''))
  const facts = loadGrantFacts(db, withBlock, load)
  // Every grant with values for T is among the rows (reportingGrants keeps them), so one read serves both.
  const stored = groupByGrant(values)
  const prevCum = previousCumulatives(db, organisationId, year, new Set(withBlock.map((g) => g.id)))
  const blocks = withBlock
    .sort((a, b) => (a.sisaCode ?? '').localeCompare(b.sisaCode ?? '') || a.id - b.id)
    .map((g) =>
      buildBlock(g, byCode.get(g.sisaCode!)!, facts.get(g.id)!, stored.get(g.id) ?? [], year, prevCum.get(`${g.id}:${g.sisaCode}`)),
    )
  const threshold = thresholdOf(db)
  const data: SisaData = {
    organisation: { id: org.id, code: org.code, name: org.name },
    year,
    formatDate: defs?.formatDate ?? null,
    blocks,
    findings: [],
    foutenOnzekerheden: [],
    threshold,
    tolerance: toleranceOf(db, year),
    definitions: defs ? plainYear(defs) : null,
  }
  data.foutenOnzekerheden = listFoutenOnzekerheden(db, organisationId, year).map((r) => foView(r, data))
  data.findings = runChecks(db, data, { unknownCode: rows.filter((g) => !byCode.has(g.sisaCode ?? '')), listed })
  for (const g of noCode) {
    data.findings.push({
      severity: 'waarschuwing',
      check: 'no-sisa-code',
      grantId: g.id,
      sisaCode: null,
      indicator: null,
      rowNo: null,
      message:
        `${g.title}: de regeling ${g.schemeCode} heeft geen SiSa-uitkeringscode, dus de subsidie staat niet in de SiSa-bijlage ${year}. ` +
        'Vul de uitkeringscode van de regeling in, of zet SiSa-verantwoording voor de regeling uit als zij niet via SiSa verantwoordt.',
    })
  }
  // Definitions taken over from T-1 because T has none yet (db/sisa-draft.ts): said once per uitkering shown.
  for (const code of new Set(blocks.filter((b) => byCode.get(b.sisaCode)?.draftOf !== undefined).map((b) => b.sisaCode))) {
    data.findings.push({
      severity: 'waarschuwing',
      check: 'definities-concept',
      grantId: null,
      sisaCode: code,
      indicator: null,
      rowNo: null,
      message: `${code}: ${draftNote(year, byCode.get(code)!.draftOf!)}. Lees de SiSa-bijlage op maat ${year} in ('woud import sisa BESTAND --year ${year}') om ze te bevestigen of te vervangen.`,
    })
  }
  for (const b of blocks) {
    for (const s of b.splitNeeded) {
      // Once the controller typed every part of the split, there is nothing left to say.
      if (s.indicators.every((code) => b.indicators.find((i) => i.code === code)?.cells.every((c) => c.source === 'manual'))) continue
      data.findings.push({
        severity: 'waarschuwing',
        check: 'verdeling-nodig',
        grantId: b.grantId,
        sisaCode: b.sisaCode,
        indicator: null,
        rowNo: null,
        message:
          `Verdeling nodig: de ${s.role === 'besteding' ? 'besteding' : 'cumulatieve besteding'} van ${b.grantTitle} hoort bij ` +
          `${s.indicators.join(', ')}; Woud kent geen verdeling en vult deze indicatoren niet vooraf in. Vul de verdeling zelf in.`,
      })
    }
  }
  return data
}
