// BBV views of the grant portfolio (docs/domain.md#bbv): the overzicht incidentele baten en lasten per
// programma/taakveld for begroting T and meerjarenraming T+1..T+3, structural lasten paid from incidental grant
// money, and unspent grant money on the balance sheet as overlopende passiva (BBV art. 49b, per herkomst art. 52a).
import type { GrantData, Herkomst } from './report-data.js'
import { DEAD, herkomstOf, STATUS_NL, sum, yearRow } from './report-data.js'
import { assertCents, formatCents } from '../db/money.js'
import { grantFundedSpentCents } from '../db/rules/spend.js'
import { collationRanks, NL, NL_NUMERIC } from './collate.js'

export const NO_PROGRAMMA = '(geen programma)'
export const NO_TAAKVELD = '(geen taakveld)'

export interface IncidentalLine {
  programma: string
  taakveld: string
  grantId: number
  title: string
  schemeCode: string
  /** Per year of years[]: incidental baten, incidental lasten (the structural part excluded), saldo. */
  perYear: { year: number; batenCents: number; lastenCents: number; saldoCents: number }[]
}

export interface BbvYearSummary {
  year: number
  incidentalBatenCents: number
  incidentalLastenCents: number
  /** Incidentele baten − incidentele lasten: what the structural balance leaves out of the total balance. */
  incidentalSaldoCents: number
  /** Structural lasten in incidental grants: they stay after the money ends. */
  structuralFromIncidentalCents: number
  /** Effect of the grant portfolio on the structural begrotingssaldo (negative = worse). */
  structuralEffectCents: number
}

export type StructuralFromIncidental = {
  grantId: number
  title: string
  schemeCode: string
  status: string
  taakveld: string
  programma: string
  year: number
  structuralLastenCents: number
  incidentalBatenCents: number
  /** Last year with grant baten: after it the structural lasten have no cover. */
  lastFundedYear: number | null
}

export type PassivaLine = {
  grantId: number
  title: string
  schemeCode: string
  herkomst: Herkomst
  beginCents: number
  increaseCents: number
  decreaseCents: number
  endCents: number
  /** Realised baten of year T as the ledger booked them, and the grant-funded spending of T the passiva use instead. */
  realisedBatenCents: number
  spentCents: number
  /** Dutch note when the ledger's baten differ from the spending, e.g. an advance booked as realised income. */
  note: string | null
}

/** Something the controller must look at before signing the balance sheet. */
export interface BbvFinding {
  severity: 'fout' | 'waarschuwing' | 'info'
  check: string
  grantId: number
  title: string
  schemeCode: string
  message: string
}

/** BBV art. 28: the jaarrekening's overzicht incidentele baten en lasten, per programma, for year T. */
export type JaarrekeningLine = {
  programma: string
  budgetLastenCents: number
  budgetBatenCents: number
  budgetSaldoCents: number
  realLastenCents: number
  realBatenCents: number
  realSaldoCents: number
}

export interface BbvData {
  years: number[]
  /** Art. 28 (jaarrekening T): begroting na wijziging (the planned figures as they stand now) against realisatie. */
  jaarrekening: JaarrekeningLine[]
  lines: IncidentalLine[]
  summary: BbvYearSummary[]
  structuralFromIncidental: StructuralFromIncidental[]
  passiva: PassivaLine[]
  passivaByHerkomst: {
    herkomst: Herkomst
    beginCents: number
    increaseCents: number
    decreaseCents: number
    endCents: number
    passivaCents: number
    activaCents: number
  }[]
  findings: BbvFinding[]
}

/** Grants whose money counts for the begroting: not rejected or withdrawn, and incidental by nature. */
const incidental = (g: GrantData) => !DEAD.includes(g.status) && g.nature === 'incidenteel'

export function computeBbv(gs: GrantData[], year: number): BbvData {
  const years = [year, year + 1, year + 2, year + 3]
  const lines: IncidentalLine[] = []
  const flagged: StructuralFromIncidental[] = []
  for (const g of gs.filter(incidental)) {
    const perYear = years.map((y) => {
      const r = yearRow(g, y)
      const baten = r?.plannedBatenCents ?? 0
      const lasten = Math.max(0, (r?.plannedLastenCents ?? 0) - (r?.structuralLastenCents ?? 0))
      return { year: y, batenCents: baten, lastenCents: lasten, saldoCents: baten - lasten }
    })
    if (perYear.some((p) => p.batenCents !== 0 || p.lastenCents !== 0)) {
      lines.push({
        programma: g.programma ?? NO_PROGRAMMA,
        taakveld: g.taakveld ?? NO_TAAKVELD,
        grantId: g.id,
        title: g.title,
        schemeCode: g.schemeCode,
        perYear,
      })
    }
    const funded = g.years.filter((r) => r.plannedBatenCents > 0 || r.realisedBatenCents > 0).map((r) => r.year)
    for (let at = 0; at < g.years.length; at++) {
      const r = g.years[at]
      if (r.structuralLastenCents <= 0 || r.year < year || r.year > year + 3) continue
      flagged.push({
        grantId: g.id,
        title: g.title,
        schemeCode: g.schemeCode,
        status: STATUS_NL[g.status],
        taakveld: g.taakveld ?? NO_TAAKVELD,
        programma: g.programma ?? NO_PROGRAMMA,
        year: r.year,
        structuralLastenCents: r.structuralLastenCents,
        incidentalBatenCents: r.plannedBatenCents,
        lastFundedYear: funded.length ? Math.max(...funded) : null,
      })
    }
  }
  const programma = collationRanks(
    lines.map((l) => l.programma),
    NL,
  )
  const taakveld = collationRanks(
    lines.map((l) => l.taakveld),
    NL_NUMERIC,
  )
  // Sorted by a key per line (programma, taakveld, grant), computed once, not looked up in every comparison.
  const keyed = lines.map((l) => ({ l, p: programma.get(l.programma)!, t: taakveld.get(l.taakveld)! }))
  keyed.sort((a, b) => a.p - b.p || a.t - b.t || a.l.grantId - b.l.grantId)
  keyed.forEach((k, i) => (lines[i] = k.l))
  flagged.sort((a, b) => a.year - b.year || a.grantId - b.grantId)
  const summary = years.map((y, i) => {
    const baten = sum(lines.map((l) => l.perYear[i].batenCents))
    const lasten = sum(lines.map((l) => l.perYear[i].lastenCents))
    const structural = sum(flagged.filter((f) => f.year === y).map((f) => f.structuralLastenCents))
    return {
      year: y,
      incidentalBatenCents: baten,
      incidentalLastenCents: lasten,
      incidentalSaldoCents: baten - lasten,
      structuralFromIncidentalCents: structural,
      structuralEffectCents: -structural,
    }
  })
  const { lines: passiva, findings } = passivaAndFindings(gs, year)
  const herkomsten: Herkomst[] = ['Europese overheidslichamen', 'Rijk', 'Overige Nederlandse overheidslichamen']
  const passivaByHerkomst = herkomsten.map((h) => {
    const ps = passiva.filter((p) => p.herkomst === h)
    return {
      herkomst: h,
      beginCents: sum(ps.map((p) => p.beginCents)),
      increaseCents: sum(ps.map((p) => p.increaseCents)),
      decreaseCents: sum(ps.map((p) => p.decreaseCents)),
      endCents: sum(ps.map((p) => p.endCents)),
      passivaCents: sum(ps.map((p) => Math.max(0, p.endCents))),
      activaCents: sum(ps.map((p) => Math.max(0, -p.endCents))),
    }
  })
  return {
    years,
    jaarrekening: jaarrekeningOverview(gs, year),
    lines,
    summary,
    structuralFromIncidental: flagged,
    passiva,
    passivaByHerkomst,
    findings,
  }
}

/**
 * BBV art. 28 (layout of the Provincie Zeeland jaarrekening 2019): per programma the incidental baten and lasten of
 * year T, begroting na wijziging (the grant year's planned figures, which Woud keeps up to date) against realisatie.
 * The structural part of the lasten is left out of both, as in the begroting overview (art. 19).
 */
export function jaarrekeningOverview(gs: GrantData[], year: number): JaarrekeningLine[] {
  const by = new Map<string, JaarrekeningLine>()
  for (const g of gs.filter(incidental)) {
    const r = yearRow(g, year)
    if (!r) continue
    const p = g.programma ?? NO_PROGRAMMA
    const l = by.get(p) ?? {
      programma: p,
      budgetLastenCents: 0,
      budgetBatenCents: 0,
      budgetSaldoCents: 0,
      realLastenCents: 0,
      realBatenCents: 0,
      realSaldoCents: 0,
    }
    l.budgetLastenCents += Math.max(0, r.plannedLastenCents - r.structuralLastenCents)
    l.budgetBatenCents += r.plannedBatenCents
    l.realLastenCents += Math.max(0, r.realisedLastenCents - r.structuralLastenCents)
    l.realBatenCents += r.realisedBatenCents
    by.set(p, l)
  }
  const out = [...by.values()].filter((l) => l.budgetLastenCents || l.budgetBatenCents || l.realLastenCents || l.realBatenCents)
  for (const l of out) {
    l.budgetSaldoCents = l.budgetBatenCents - l.budgetLastenCents
    l.realSaldoCents = l.realBatenCents - l.realLastenCents
  }
  return out.sort((a, b) => NL.compare(a.programma, b.programma))
}

const eur = (c: number) => formatCents(c)

/**
 * Roll-forward per grant over year T (Kerkrade layout): saldo 1 januari, vermeerdering (money received in T),
 * vermindering (the grant-funded spending of T, plus repayments), saldo 31 december. A negative saldo is
 * pre-financing: an overlopend actief (BBV art. 40a), not a passief.
 *
 * BBV art. 49 sub b (issue 16.3): the passief is what was received minus what was spent, whatever the ledger called
 * the receipt. Spending is realised lasten minus co-financing, cumulatively never more than award − BCF (spending
 * beyond the award is the gemeente's own). The ledger's realised baten are not used: a ledger that books an advance
 * as realised income would otherwise show no passief at all. Such a difference is named per grant, and a spuk whose
 * realised baten and lasten differ at year end gets a finding.
 */
export function passivaAndFindings(gs: GrantData[], year: number): { lines: PassivaLine[]; findings: BbvFinding[] } {
  const out: PassivaLine[] = []
  const findings: BbvFinding[] = []
  for (const g of gs) {
    let begin = 0,
      increase = 0,
      repaid = 0
    for (let at = 0; at < g.payments.length; at++) {
      const p = g.payments[at]
      const y = Number(p.paidOn.slice(0, 4))
      if (y > year) continue
      const signed = p.kind === 'terugbetaling' ? -p.amountCents : p.amountCents
      if (y < year) begin += signed
      else if (p.kind === 'terugbetaling') repaid += p.amountCents
      else increase += p.amountCents
    }
    const cap = g.awardedCents === null ? Infinity : Math.max(0, g.awardedCents - g.bcfCents)
    // Spending before T, and in T.
    let spentBefore = 0
    let grantLasten = 0
    for (let at = 0; at < g.years.length; at++) {
      const r = g.years[at]
      if (r.year > year) continue
      const s = grantFundedSpentCents({ lastenCents: r.realisedLastenCents, cofinancingCents: r.cofinancingRealisedCents })
      if (r.year < year) spentBefore = assertCents(spentBefore + s)
      else grantLasten = s
    }
    const before = Math.min(cap, spentBefore)
    const through = Math.min(cap, assertCents(spentBefore + grantLasten))
    const spent = through - before
    const row = yearRow(g, year)
    const baten = row?.realisedBatenCents ?? 0
    begin -= before
    let note: string | null = null
    if (baten > spent) {
      note =
        `Ledger boekt ${eur(baten)} als gerealiseerde baten ${year} tegen een besteding van ${eur(spent)}: (een deel van) het voorschot ` +
        `is als baten geboekt. De overlopende passiva zijn ontvangen min besteed; ${eur(baten - spent)} hoort op de balans, niet in het resultaat.`
    } else if (baten !== spent && row) {
      note = `Gerealiseerde baten ${year} (${eur(baten)}) wijken af van de besteding (${eur(spent)}); de passiva volgen de besteding.`
    }
    if (
      g.instrument === 'spuk' &&
      row &&
      (row.realisedBatenCents !== 0 || row.realisedLastenCents !== 0) &&
      row.realisedBatenCents !== grantLasten
    ) {
      findings.push({
        severity: 'waarschuwing',
        check: 'baten-lasten-verschil',
        grantId: g.id,
        title: g.title,
        schemeCode: g.schemeCode,
        message:
          `${g.title} (${g.schemeCode}): gerealiseerde baten ${year} ${eur(row.realisedBatenCents)} en lasten uit de uitkering ${eur(grantLasten)} ` +
          `(lasten min cofinanciering) verschillen ${eur(row.realisedBatenCents - grantLasten)}. Bij een specifieke uitkering zijn de baten gelijk aan de ` +
          'bestede lasten (BBV art. 49 sub b): het verschil hoort op de overlopende passiva of activa.',
      })
    }
    if (begin === 0 && increase === 0 && spent === 0 && repaid === 0 && baten === 0) continue
    const decrease = spent + repaid
    out.push({
      grantId: g.id,
      title: g.title,
      schemeCode: g.schemeCode,
      herkomst: herkomstOf(g),
      beginCents: begin,
      increaseCents: increase,
      decreaseCents: decrease,
      endCents: begin + increase - decrease,
      realisedBatenCents: baten,
      spentCents: spent,
      note,
    })
  }
  return { lines: out, findings }
}

/** The passiva lines alone (see passivaAndFindings). */
export function overlopendePassiva(gs: GrantData[], year: number): PassivaLine[] {
  return passivaAndFindings(gs, year).lines
}
