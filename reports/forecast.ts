// Multi-year forecast T..T+4 (docs/domain.md#forecast): grant baten from awarded grants plus the pipeline weighted by
// probability, co-financing owed, the funding cliff and expected repayments, under base / awarded-only / spuk-reform.
import { applyBp, assertCents, bpToPercentText, splitLargestRemainder } from '../db/money.js'
import { computeCofinancing, type CofinancingData, type CofinancingGrant } from './cofinancing.js'
import type { ReformAssumption } from './reform.js'
import { treatmentText } from './reform.js'
import { AWARDED, PIPELINE, STATUS_NL, sum, yearOfDate, yearRow, type GrantData } from './report-data.js'
import { SCENARIO } from '../db/enums.js'
import { grantFundedSpentCents } from '../db/rules/spend.js'

export const SCENARIOS = SCENARIO.keys
export type Scenario = (typeof SCENARIOS)[number]
export const SCENARIO_NL: Record<Scenario, string> = {
  base: 'Basis: toegekend plus pijplijn naar kans',
  'awarded-only': 'Alleen toegekend',
  'spuk-reform': 'Hervorming specifieke uitkeringen',
}

export interface ForecastYear {
  year: number
  awardedCents: number
  pipelineCents: number
  /** awarded + pipeline: what still comes in as grant money. */
  grantBatenCents: number
  gemeentefondsCents: number
  bfuCents: number
  cutCents: number
  endedCents: number
  cofinancingCents: number
  cliffCents: number
  repaymentCents: number
  /** Lagere vaststelling in the year after the spending period: award never received, nothing to pay back. */
  lowerSettlementCents: number
}

export interface ForecastGrant {
  grantId: number
  title: string
  schemeCode: string
  status: string
  /** Basis points of the weight given to the grant's money (10000 = certain). */
  weightBp: number
  treatment: string
  perYear: number[]
  totalCents: number
}

export interface CliffLine {
  grantId: number
  title: string
  schemeCode: string
  lastFundedYear: number | null
  perYear: number[]
  totalCents: number
}
export type RepaymentLine = {
  grantId: number
  title: string
  schemeCode: string
  status: string
  spendUntil: string
  awardedCents: number
  bcfCents: number
  spentCents: number
  plannedSpendCents: number
  /** Voorschotten and betalingen minus terugbetalingen so far: the money the gemeente actually holds. */
  receivedCents: number
  /** What may be kept: spending (realised + planned) within the award minus BCF. */
  keptCents: number
  /** Received minus what may be kept, when positive: the only money that goes back. */
  expectedRepaymentCents: number
  /** The part of the award never received and not earned: a lagere vaststelling, never a repayment. */
  lowerSettlementCents: number
  repaymentYear: number
}

export interface ForecastData {
  scenario: Scenario
  scenarioLabel: string
  years: number[]
  /** The assumptions of the scenario, in Dutch, as shown on the sheet. */
  assumptions: string[]
  reform: ReformAssumption[]
  perYear: ForecastYear[]
  grants: ForecastGrant[]
  cliff: CliffLine[]
  repayments: RepaymentLine[]
  /** Whole-term co-financing of the grants the scenario counts (weight > 0), unweighted: what the co-financing report shows. */
  cofinancing: CofinancingGrant[]
}

export interface ForecastOptions {
  scenario: Scenario
  /** Chance per pipeline status (percent) for grants without their own probability. */
  probabilities: Record<string, number>
  /** Effective assumptions per scheme id (spuk-reform only). */
  reform?: Map<number, ReformAssumption>
  /** The co-financing report of the same grants and year, when already computed. */
  cofinancing?: CofinancingData
}

/** The grant's baten in each of `years`: its grant years, else the award (or request) spread evenly over its period. */
function batenIn(g: GrantData, years: number[]): number[] {
  if (g.years.length) return years.map((y) => yearRow(g, y)?.plannedBatenCents ?? 0)
  const from = yearOfDate(g.periodFrom),
    to = yearOfDate(g.periodTo)
  const amount = g.awardedCents ?? g.requestedCents ?? 0
  if (from === null || to === null || amount === 0) return years.map(() => 0)
  const parts = splitLargestRemainder(
    amount,
    Array.from({ length: to - from + 1 }, () => 1),
  )
  return years.map((y) => (y >= from && y <= to ? parts[y - from] : 0))
}

function weightBp(g: GrantData, o: ForecastOptions): number {
  if (AWARDED.includes(g.status)) return 10000
  if (!PIPELINE.includes(g.status) || o.scenario === 'awarded-only') return 0
  return Math.round((g.probabilityPct ?? o.probabilities[g.status] ?? 0) * 100)
}

export function computeForecast(gs: GrantData[], year: number, o: ForecastOptions): ForecastData {
  const years = [0, 1, 2, 3, 4].map((i) => year + i)
  const zero = (): ForecastYear => ({
    year: 0,
    awardedCents: 0,
    pipelineCents: 0,
    grantBatenCents: 0,
    gemeentefondsCents: 0,
    bfuCents: 0,
    cutCents: 0,
    endedCents: 0,
    cofinancingCents: 0,
    cliffCents: 0,
    repaymentCents: 0,
    lowerSettlementCents: 0,
  })
  const perYear = years.map((y) => ({ ...zero(), year: y }))
  const add = (i: number, k: keyof Omit<ForecastYear, 'year'>, v: number) => {
    perYear[i][k] = assertCents(perYear[i][k] + v)
  }
  const grants: ForecastGrant[] = []
  const cliff: CliffLine[] = []
  const cofinRows = new Map<number, { year: number | null; requiredCents: number }[]>()
  const cof = o.cofinancing ?? computeCofinancing(gs, year)
  for (const r of cof.rows) {
    const list = cofinRows.get(r.grantId)
    if (list) list.push(r)
    else cofinRows.set(r.grantId, [r])
  }
  const counted = new Set<number>()
  for (const g of gs) {
    const w = weightBp(g, o)
    if (w === 0) continue
    counted.add(g.id)
    const a = o.scenario === 'spuk-reform' ? o.reform?.get(g.schemeId) : undefined
    const awarded = AWARDED.includes(g.status)
    const baten = batenIn(g, years)
    const kept = years.map((y, i) => {
      const b = applyBp(baten[i], w)
      if (!a || y < a.fromYear) {
        add(i, awarded ? 'awardedCents' : 'pipelineCents', b)
        return b
      }
      if (a.treatment === 'ends') {
        add(i, 'endedCents', b)
        return 0
      }
      // The budget cut applies whatever happens to the money: also a spuk that continues gets 10 % less (domain §13).
      const cut = applyBp(b, a.cutBp)
      add(i, 'cutCents', cut)
      if (a.treatment === 'continues') {
        add(i, awarded ? 'awardedCents' : 'pipelineCents', b - cut)
        return b - cut
      }
      add(i, a.treatment === 'bfu' ? 'bfuCents' : 'gemeentefondsCents', b - cut)
      return 0
    })
    // Co-financing is a condition of the specific grant: it is owed only while the money stays a spuk.
    for (const r of cofinRows.get(g.id) ?? []) {
      if (r.year === null) continue
      const i = years.indexOf(r.year)
      if (i >= 0 && (!a || r.year < a.fromYear || a.treatment === 'continues')) add(i, 'cofinancingCents', applyBp(r.requiredCents, w))
    }
    if (kept.some((v) => v !== 0)) {
      grants.push({
        grantId: g.id,
        title: g.title,
        schemeCode: g.schemeCode,
        status: STATUS_NL[g.status],
        weightBp: w,
        treatment: a ? treatmentText(a) : 'ongewijzigd',
        perYear: kept,
        totalCents: sum(kept),
      })
    }
    const c = cliffOf(g, years, a)
    if (c) {
      const weighted = c.perYear.map((v) => applyBp(v, w))
      weighted.forEach((v, i) => add(i, 'cliffCents', v))
      if (weighted.some((v) => v !== 0))
        cliff.push({
          grantId: g.id,
          title: g.title,
          schemeCode: g.schemeCode,
          lastFundedYear: c.lastFunded,
          perYear: weighted,
          totalCents: sum(weighted),
        })
    }
  }
  const repayments = expectedRepayments(gs, year)
  for (const r of repayments) {
    const i = years.indexOf(r.repaymentYear)
    if (i >= 0) {
      add(i, 'repaymentCents', r.expectedRepaymentCents)
      add(i, 'lowerSettlementCents', r.lowerSettlementCents)
    }
  }
  for (const p of perYear) p.grantBatenCents = sum([p.awardedCents, p.pipelineCents])
  const reform =
    o.scenario === 'spuk-reform'
      ? [...new Set(gs.map((g) => g.schemeId))].flatMap((id) => (o.reform?.get(id) ? [o.reform.get(id)!] : []))
      : []
  reform.sort((x, y) => x.schemeCode.localeCompare(y.schemeCode))
  const cofinancing = cof.grants.filter((c) => counted.has(c.grantId))
  return {
    scenario: o.scenario,
    scenarioLabel: SCENARIO_NL[o.scenario],
    years,
    assumptions: assumptionLines(o, reform),
    reform,
    perYear,
    grants,
    cliff,
    repayments,
    cofinancing,
  }
}

/**
 * Structural costs still running after the incidental money that pays them ends: for each year after the last
 * funded year, the structural lasten planned for it, else those of the last funded year (they do not stop).
 */
function cliffOf(
  g: GrantData,
  years: number[],
  a: ReformAssumption | undefined,
): { lastFunded: number | null; perYear: number[] } | undefined {
  const ends = a && a.treatment === 'ends'
  if (g.nature !== 'incidenteel' && !ends) return undefined
  // The last year with baten (before the reform ends the money), and the structural lasten running then.
  let lastFunded: number | null = null
  for (let at = 0; at < g.years.length; at++) {
    const r = g.years[at]
    if (
      (r.plannedBatenCents > 0 || r.realisedBatenCents > 0) &&
      (!ends || r.year < a.fromYear) &&
      (lastFunded === null || r.year > lastFunded)
    )
      lastFunded = r.year
  }
  let running = 0
  for (let at = 0; at < g.years.length; at++) {
    const r = g.years[at]
    if (lastFunded === null || r.year <= lastFunded) running = r.structuralLastenCents
  }
  const perYear = years.map((y) => {
    if (lastFunded !== null && y <= lastFunded) return 0
    const own = yearRow(g, y)
    return own && own.structuralLastenCents > 0 ? own.structuralLastenCents : lastFunded === null ? 0 : running
  })
  return perYear.some((v) => v > 0) ? { lastFunded, perYear } : undefined
}

/**
 * Domain §8.3, issue 16 item 2. What may be kept is the grant-funded spending (lasten minus co-financing:
 * realised before year T, planned from T on) up to the end of the spending period, never more than award − BCF.
 * The verwachte terugbetaling is what was received (voorschotten + betalingen − terugbetalingen) minus what may
 * be kept; the part of the award never received is a lagere vaststelling: the verstrekker simply pays less, so it
 * is shown apart and never counted as a repayment. Both fall in the year after the spending period.
 */
export function repaymentOf(
  awardNetCents: number,
  receivedCents: number,
  spendCents: number,
): { keptCents: number; repaymentCents: number; lowerCents: number } {
  const kept = Math.min(Math.max(0, spendCents), Math.max(0, awardNetCents))
  return {
    keptCents: kept,
    repaymentCents: Math.max(0, receivedCents - kept),
    lowerCents: Math.max(0, awardNetCents - Math.max(receivedCents, kept)),
  }
}

export function expectedRepayments(gs: GrantData[], year: number): RepaymentLine[] {
  const out: RepaymentLine[] = []
  for (const g of gs) {
    if (g.status !== 'toegekend' && g.status !== 'vastgesteld') continue
    const spendUntil = g.spendUntil ?? g.periodTo
    if (!spendUntil || g.awardedCents === null) continue
    const endYear = Number(spendUntil.slice(0, 4))
    if (endYear < year - 1) continue
    let spent = 0,
      planned = 0
    for (let at = 0; at < g.years.length; at++) {
      const r = g.years[at]
      if (r.year > endYear) continue
      if (r.year < year)
        spent += grantFundedSpentCents({ lastenCents: r.realisedLastenCents, cofinancingCents: r.cofinancingRealisedCents })
      else planned += grantFundedSpentCents({ lastenCents: r.plannedLastenCents, cofinancingCents: r.cofinancingPlannedCents })
    }
    let received = 0
    for (let at = 0; at < g.payments.length; at++) {
      const p = g.payments[at]
      received = assertCents(received + (p.kind === 'terugbetaling' ? -p.amountCents : p.amountCents))
    }
    const r = repaymentOf(g.awardedCents - g.bcfCents, received, spent + planned)
    out.push({
      grantId: g.id,
      title: g.title,
      schemeCode: g.schemeCode,
      status: STATUS_NL[g.status],
      spendUntil,
      awardedCents: g.awardedCents,
      bcfCents: g.bcfCents,
      spentCents: spent,
      plannedSpendCents: planned,
      receivedCents: received,
      keptCents: r.keptCents,
      expectedRepaymentCents: r.repaymentCents,
      lowerSettlementCents: r.lowerCents,
      repaymentYear: endYear + 1,
    })
  }
  return out
}

function assumptionLines(o: ForecastOptions, reform: ReformAssumption[]): string[] {
  const probs = Object.entries(o.probabilities)
    .map(([k, v]) => `${STATUS_NL[k as keyof typeof STATUS_NL] ?? k} ${v} %`)
    .join(', ')
  const lines = [
    `Scenario: ${SCENARIO_NL[o.scenario]}.`,
    'Toegekende, vastgestelde en afgesloten subsidies tellen volledig mee; afgewezen en ingetrokken niet.',
    o.scenario === 'awarded-only'
      ? 'De pijplijn (verkenning, in voorbereiding, aangevraagd) telt niet mee.'
      : `De pijplijn telt mee naar kans: de eigen kans van de subsidie, anders ${probs}.`,
    'Baten per jaar uit de geplande baten van de subsidiejaren; zonder subsidiejaren het bedrag gelijk verdeeld over de looptijd.',
    'Financieringsklif: structurele lasten die doorlopen na het laatste jaar met subsidiebaten.',
    'Verwachte terugbetaling: ontvangen (voorschotten en betalingen min terugbetalingen) min wat mag blijven (besteding, lasten minus ' +
      'cofinanciering, tot het einde van de bestedingstermijn, hoogstens toekenning − BCF), in het jaar daarna.',
    'Lagere vaststelling: het deel van de toekenning dat nooit is ontvangen en niet is besteed; dat is geen terugbetaling.',
  ]
  if (o.scenario === 'spuk-reform') {
    lines.push('Cofinanciering is alleen verschuldigd zolang het geld een specifieke uitkering blijft.')
    const groups = new Map<string, string[]>()
    for (const a of reform) groups.set(treatmentText(a), [...(groups.get(treatmentText(a)) ?? []), a.schemeCode])
    for (const [text, codes] of groups) lines.push(`${codes.join(', ')}: ${text}.`)
    if (reform.some((a) => a.cutBp > 0))
      lines.push(
        `Korting op het budget vanaf het jaar van de aanname: ${[...new Set(reform.filter((a) => a.cutBp > 0).map((a) => bpToPercentText(a.cutBp) + ' %'))].join(', ')}.`,
      )
    if (reform.some((a) => a.cutOverridden))
      lines.push('De korting bij omzetting naar het gemeentefonds is bij het maken van dit rapport opgegeven.')
    lines.push(
      'Per regeling: de aanname, of zij standaard is of door de organisatie vastgelegd, en de bron met datum staan op het blad Aannames hervorming.',
    )
    const uncertain = reform.filter((a) => a.uncertain).map((a) => a.schemeCode)
    if (uncertain.length) lines.push(`Onzeker (geen bron die het per regeling vastlegt): ${uncertain.join(', ')}.`)
  }
  return lines
}
