// SiSa checks: every problem a controller must fix before the appendix goes out, as findings with severity and explanation.
import { and, eq, inArray, lt, min } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { grants, schemes, sisaIndicators, sisaValues, verantwoordingslijst } from '../db/schema.js'
import { getYearDefinitions } from '../db/repositories/sisa.js'
import { listStoredValuesOfOrganisation, type FoRow, type StoredValue } from '../db/repositories/sisa-values.js'
import type { ThresholdBand } from '../db/reference/settings-sisa.js'
import { applyBp, bpToPercentText, formatCents, sumCents } from '../db/money.js'
import type { Role } from '../db/sisa-definitions.js'
import { isValidStoredValue, SISA_DATA_TYPE_WORDS } from '../db/rules/sisa-value.js'
import { cumulativeSpend, spendOf, spendWords } from './sisa-prefill.js'
import type { Finding, FoView, SisaBlock, SisaData } from './sisa-types.js'
import { groupByGrant } from './portfolio-load.js'

const eur = (c: number) => formatCents(c)

/** Sum of the cents of every cell of the indicators with a role; undefined when one of them is empty or none exists. */
export function roleTotal(b: SisaBlock, role: Role): number | undefined {
  const cells = b.indicators.filter((i) => i.role === role && i.dataType === 'euro').flatMap((i) => i.cells)
  if (cells.length === 0 || cells.some((c) => c.value?.cents === undefined)) return undefined
  return sumCents(cells.map((c) => c.value!.cents!))
}

export function grensFor(bands: ThresholdBand[], lastenCents: number): number | null {
  const band = bands.find((b) => b.upToCents === null || Math.abs(lastenCents) <= b.upToCents)
  if (!band) return null
  return band.fixedCents ?? (band.shareBp !== undefined ? applyBp(Math.abs(lastenCents), band.shareBp) : null)
}

export function foView(r: FoRow, data: SisaData): FoView {
  const blocks = data.blocks.filter((b) => b.sisaCode === r.sisaCode)
  const parts = blocks.map((b) => roleTotal(b, 'besteding') ?? spendOf(b.facts, data.year))
  const lasten = parts.length && parts.every((p) => p !== undefined) ? sumCents(parts as number[]) : null
  const grens = lasten === null ? null : grensFor(data.threshold.bands, lasten)
  return {
    id: r.id,
    sisaCode: r.sisaCode,
    indicatorNumber: r.indicatorNumber,
    foutCents: r.foutCents,
    onzekerheidCents: r.onzekerheidCents,
    toelichting: r.toelichting,
    lastenCents: lasten,
    grensCents: grens,
    aboveGrens: grens === null ? null : r.foutCents + r.onzekerheidCents > grens,
  }
}

/**
 * What the block checks need from earlier years, read once per run (and only when a block asks), not once per block:
 * a portfolio with a few hundred SiSa blocks made a few thousand queries.
 */
interface EarlierYears {
  /** Numbers of the cumulatief indicators of an uitkering in the definitions of T-1. */
  cumulativeNumbers(sisaCode: string): string[]
  /** The grant's stored values of T-1. */
  previousValues(grantId: number): StoredValue[]
  /** The first year before T in which the grant gave Eindverantwoording = Ja. */
  finalYear(grantId: number): number | undefined
}

function earlierYears(db: Db, data: SisaData): EarlierYears {
  let numbers: Map<string, string[]> | undefined
  let values: Map<number, StoredValue[]> | undefined
  let finals: Map<number, number> | undefined
  return {
    cumulativeNumbers: (code) => {
      numbers ??= new Map(
        (getYearDefinitions(db, data.year - 1)?.regelingen ?? []).map((r) => [
          r.sisaCode,
          r.indicators.filter((i) => i.role === 'cumulatief').map((i) => i.number),
        ]),
      )
      return numbers.get(code) ?? []
    },
    previousValues: (grantId) => {
      values ??= groupByGrant(listStoredValuesOfOrganisation(db, data.organisation.id, data.year - 1))
      return values.get(grantId) ?? []
    },
    finalYear: (grantId) => {
      finals ??= new Map(
        db
          .select({ grantId: sisaValues.grantId, y: min(sisaValues.sisaYear) })
          .from(sisaValues)
          .innerJoin(sisaIndicators, eq(sisaIndicators.id, sisaValues.indicatorId))
          .where(
            and(
              inArray(sisaValues.grantId, db.select({ id: grants.id }).from(grants).where(eq(grants.organisationId, data.organisation.id))),
              lt(sisaValues.sisaYear, data.year),
              eq(sisaIndicators.prefill, 'eindverantwoording'),
              eq(sisaValues.valueBool, true),
            ),
          )
          .groupBy(sisaValues.grantId)
          .all()
          .map((r) => [r.grantId, r.y!]),
      )
      return finals.get(grantId)
    },
  }
}

/** Cumulative spending up to T-1: the SiSa value of T-1 when there is one, else the ledger. */
function previousCumulative(earlier: EarlierYears, b: SisaBlock, year: number): { cents: number; from: string } {
  const numbers = earlier.cumulativeNumbers(b.sisaCode)
  const vals = numbers.length
    ? earlier.previousValues(b.grantId).filter((v) => v.sisaCode === b.sisaCode && numbers.includes(v.number))
    : []
  if (vals.length && vals.every((v) => v.value.cents !== undefined))
    return { cents: sumCents(vals.map((v) => v.value.cents!)), from: `SiSa ${year - 1}` }
  return { cents: cumulativeSpend(b.facts, year - 1) ?? 0, from: spendWords(b.facts, year - 1, true) }
}

function finalEarlier(earlier: EarlierYears, b: SisaBlock, year: number): number | undefined {
  if (b.facts.finalAccountYear !== null && b.facts.finalAccountYear < year) return b.facts.finalAccountYear
  return earlier.finalYear(b.grantId)
}

function blockChecks(earlier: EarlierYears, b: SisaBlock, data: SisaData, listed: boolean): Finding[] {
  const out: Finding[] = []
  const f = (severity: Finding['severity'], check: string, indicator: string | null, rowNo: number | null, message: string) =>
    out.push({ severity, check, grantId: b.grantId, sisaCode: b.sisaCode, indicator, rowNo, message })
  const where = `${b.sisaCode} (${b.grantTitle})`
  if (b.rowNos.length === 0) {
    const first = b.indicators.find((i) => i.rowDimension !== 'none' && i.mandatory)
    if (first)
      f(
        'fout',
        'mandatory-missing',
        first.code,
        null,
        `${where}: er zijn geen regels (${first.rowDimension}) ingevuld; ${first.code} en volgende zijn verplicht`,
      )
  }
  for (const ind of b.indicators) {
    for (const c of ind.cells) {
      const at = ind.rowDimension === 'none' ? ind.code : `${ind.code} regel ${c.rowNo}`
      // A value kept from an earlier format date whose indicator had another data type (or one written around the rule).
      if (c.source === 'manual' && c.value !== null && !isValidStoredValue(ind.dataType, c.value))
        f(
          'fout',
          'invalid-value',
          ind.code,
          c.rowNo || null,
          `${where}: de opgeslagen waarde van ${at} past niet bij het gegevenstype ${SISA_DATA_TYPE_WORDS[ind.dataType]} in SiSa ${data.year}; vul de waarde opnieuw in`,
        )
      if (c.value === null && ind.mandatory)
        f('fout', 'mandatory-missing', ind.code, c.rowNo || null, `${where}: verplichte waarde ${at} (${ind.label}) ontbreekt`)
      const cents = c.value?.cents
      if (cents !== undefined && cents % 100 !== 0)
        f(
          'info',
          'rounded',
          ind.code,
          c.rowNo || null,
          `${at}: ${eur(cents)} staat in de bijlage als ${formatCents(cents, { decimals: false })} (hele euro's, afgerond half van nul af)`,
        )
      if (ind.formula && c.source === 'manual' && c.prefill?.cents !== undefined && c.value?.cents !== c.prefill.cents) {
        f(
          'fout',
          'computed-mismatch',
          ind.code,
          c.rowNo || null,
          `${at} is ${eur(c.value?.cents ?? 0)} maar de formule ${ind.formula} geeft ${eur(c.prefill.cents)}`,
        )
      }
    }
  }
  const cum = roleTotal(b, 'cumulatief')
  const besteding = roleTotal(b, 'besteding')
  const cumInd = b.indicators.find((i) => i.role === 'cumulatief')
  if (cum !== undefined && besteding !== undefined && cumInd) {
    const prev = previousCumulative(earlier, b, data.year)
    const correctie = roleTotal(b, 'correctie') ?? 0
    const expected = prev.cents + besteding + correctie
    if (expected !== cum)
      f(
        'fout',
        'cumulative-mismatch',
        cumInd.code,
        null,
        `${where}: cumulatieve besteding ${eur(cum)} ≠ cumulatief ${data.year - 1} ${eur(prev.cents)} (${prev.from}) + besteding ${eur(besteding)} + correctie ${eur(correctie)} = ${eur(expected)}`,
      )
  }
  const final = finalEarlier(earlier, b, data.year)
  if (final !== undefined)
    f(
      'fout',
      'after-final-account',
      null,
      null,
      `${where}: in ${final} is al Eindverantwoording = Ja gegeven; in ${data.year} horen geen SiSa-waarden meer`,
    )
  if (b.facts.awardedCents !== null) {
    const limit = b.facts.awardedCents - b.facts.bcfCents
    const total = cum ?? cumulativeSpend(b.facts, data.year)
    if (total !== undefined && total > limit) {
      f(
        'fout',
        'cumulative-above-award',
        cumInd?.code ?? null,
        null,
        `${where}: cumulatieve besteding ${eur(total)}${cum === undefined ? ' (grootboek)' : ''} is hoger dan de toekenning min het BCF-deel (${eur(b.facts.awardedCents)} − ${eur(b.facts.bcfCents)} = ${eur(limit)})`,
      )
    }
  }
  const ledger = spendOf(b.facts, data.year)
  if (besteding !== undefined && ledger !== undefined && besteding !== ledger) {
    f(
      'waarschuwing',
      'ledger-mismatch',
      b.indicators.find((i) => i.role === 'besteding')?.code ?? null,
      null,
      `${where}: SiSa-besteding ${data.year} ${eur(besteding)} wijkt af van de ${spendWords(b.facts, data.year).replace(/ \d+$/, '')} in de administratie ${eur(ledger)} (verschil ${eur(besteding - ledger)})`,
    )
  }
  // Defaults (Eindverantwoording Nee, correctie 0) are not data: only typed values and known amounts count.
  const known = (c: { source: string | null }) =>
    c.source === 'manual' || /^prefill:(besteding|cumulatief|ontvangen|reserve)$/.test(c.source ?? '')
  if (listed && !b.indicators.some((i) => i.cells.some(known))) {
    f('fout', 'listed-without-values', null, null, `${where} staat op de verantwoordingslijst ${data.year} maar heeft geen SiSa-waarden`)
  }
  return out
}

/** 'Goedkeuringstolerantie 2025: fouten 2 %, onzekerheden 2 % van de lasten (bron: ...)'. */
export function toleranceText(d: Pick<SisaData, 'year' | 'tolerance'>): string {
  // Not toLocaleString: the first call builds an ICU number format, which cost more than the whole SiSa sheet.
  const pct = (bp: number) => `${bpToPercentText(bp)} %`
  const t = d.tolerance
  return (
    `Goedkeuringstolerantie accountant ${d.year}: fouten ${pct(t.errorsBp)}, onzekerheden ${pct(t.uncertaintiesBp)} ` +
    `van de lasten (bron: ${t.source}).`
  )
}

export function thresholdText(d: Pick<SisaData, 'threshold'>): string {
  const bands = d.threshold.bands.map(
    (b) =>
      `${b.upToCents === null ? 'daarboven' : `lasten t/m ${formatCents(b.upToCents, { decimals: false })}`}: ${b.fixedCents !== undefined ? formatCents(b.fixedCents, { decimals: false }) : `${(b.shareBp ?? 0) / 100} % van de lasten`}`,
  )
  return `Rapporteringsgrens per uitkering (${bands.join('; ')}) — bron: ${d.threshold.source}${d.threshold.source === 'UNCERTAIN' ? ' (niet bevestigd; controleer de Nota verwachtingen accountantscontrole SiSa)' : ''}`
}

export function runChecks(
  db: Db,
  data: SisaData,
  extra: { unknownCode: { id: number; title: string; sisaCode: string | null }[]; listed: Set<number> },
): Finding[] {
  const out: Finding[] = []
  if (data.formatDate === null) {
    out.push({
      severity: 'fout',
      check: 'no-definitions',
      grantId: null,
      sisaCode: null,
      indicator: null,
      rowNo: null,
      message: `Er zijn geen SiSa-definities voor ${data.year}; lees de SiSa-bijlage op maat in met 'woud import sisa BESTAND --year ${data.year}'`,
    })
  }
  for (const g of extra.unknownCode) {
    out.push({
      severity: 'waarschuwing',
      check: 'unknown-regeling',
      grantId: g.id,
      sisaCode: g.sisaCode,
      indicator: null,
      rowNo: null,
      message: `${g.title}: uitkeringscode ${g.sisaCode ?? '(geen)'} komt niet voor in de SiSa-definities van ${data.year}`,
    })
  }
  const earlier = earlierYears(db, data)
  for (const b of data.blocks) out.push(...blockChecks(earlier, b, data, extra.listed.has(b.grantId)))
  // Lines of the imported verantwoordingslijst whose regeling has no grant in the portfolio at all.
  const lijst = db
    .select({ l: verantwoordingslijst, sisaCode: schemes.sisaCode })
    .from(verantwoordingslijst)
    .innerJoin(schemes, eq(schemes.id, verantwoordingslijst.schemeId))
    .where(and(eq(verantwoordingslijst.organisationId, data.organisation.id), eq(verantwoordingslijst.sisaYear, data.year)))
    .all()
  const schemeIds = new Set(
    lijst.length
      ? db
          .select({ s: grants.schemeId })
          .from(grants)
          .where(
            and(
              eq(grants.organisationId, data.organisation.id),
              inArray(
                grants.schemeId,
                lijst.map((l) => l.l.schemeId),
              ),
            ),
          )
          .all()
          .map((r) => r.s)
      : [],
  )
  for (const { l, sisaCode } of lijst) {
    if (schemeIds.has(l.schemeId)) continue
    out.push({
      severity: 'fout',
      check: 'listed-without-values',
      grantId: null,
      sisaCode: l.sisaCode ?? sisaCode,
      indicator: null,
      rowNo: null,
      message: `${l.regeling}${l.beschikkingsnummer ? ` (beschikking ${l.beschikkingsnummer})` : ''} staat op de verantwoordingslijst ${data.year} maar er is geen subsidie en geen SiSa-waarde voor`,
    })
  }
  for (const fo of data.foutenOnzekerheden) {
    if (fo.aboveGrens)
      out.push({
        severity: 'waarschuwing',
        check: 'above-threshold',
        grantId: null,
        sisaCode: fo.sisaCode,
        indicator: fo.indicatorNumber ? `${fo.sisaCode}/${fo.indicatorNumber}` : null,
        rowNo: null,
        message: `${fo.sisaCode}: fouten en onzekerheden ${eur(fo.foutCents + fo.onzekerheidCents)} liggen boven de rapporteringsgrens ${eur(fo.grensCents!)}`,
      })
  }
  if (data.threshold.source === 'UNCERTAIN') {
    out.push({
      severity: 'info',
      check: 'threshold-uncertain',
      grantId: null,
      sisaCode: null,
      indicator: null,
      rowNo: null,
      message: `${thresholdText(data)}; pas zo nodig de instelling sisa.rapporteringsgrens aan`,
    })
  }
  return out
}
