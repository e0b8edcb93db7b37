// What Woud can prefill in a SiSa year from the portfolio: besteding, cumulatief, ontvangen, reserve, eindverantwoording.
import { grantFundedCents } from '../db/rules/spend.js'
import { sumCents } from '../db/money.js'
import type { Role } from '../db/sisa-definitions.js'
import { isEstablished } from '../db/rules/statuses.js'
import type { GrantStatus } from '../db/schema.js'
import type { SisaValue } from '../db/repositories/sisa-values.js'

export interface GrantFacts {
  id: number
  status: GrantStatus
  awardedCents: number | null
  bcfCents: number
  finalAccountYear: number | null
  years: { year: number; realisedLastenCents: number; cofinancingRealisedCents: number }[]
  payments: { kind: 'voorschot' | 'betaling' | 'terugbetaling'; paidOn: string; amountCents: number }[]
}

export interface Prefill {
  value: SisaValue
  /** 'prefill:besteding' etc. */
  source: string
  /** Dutch: where the number comes from, shown next to the value. */
  explanation: string
}

const funded = (y: GrantFacts['years'][number]) =>
  grantFundedCents({ lastenCents: y.realisedLastenCents, cofinancingCents: y.cofinancingRealisedCents })

/**
 * The grant-funded spending of year T (realised lasten minus realised co-financing, db/rules/spend.ts), or undefined
 * when the portfolio has no figures for T.
 */
export function spendOf(g: GrantFacts, year: number): number | undefined {
  const y = g.years.find((r) => r.year === year)
  return y ? funded(y) : undefined
}

export function cumulativeSpend(g: GrantFacts, upTo: number): number | undefined {
  const ys = g.years.filter((y) => y.year <= upTo)
  return ys.length ? sumCents(ys.map(funded)) : undefined
}

/** 'gerealiseerde lasten 2025', naming the co-financing when some was subtracted. */
export function spendWords(g: GrantFacts, year: number, upTo = false): string {
  const ys = g.years.filter((y) => (upTo ? y.year <= year : y.year === year))
  const cof = ys.some((y) => y.cofinancingRealisedCents !== 0) ? ' min cofinanciering' : ''
  return upTo ? `gerealiseerde lasten${cof} t/m ${year}` : `gerealiseerde lasten${cof} ${year}`
}

export function receivedUpTo(g: GrantFacts, upToDate: string): number | undefined {
  const ps = g.payments.filter((p) => p.paidOn <= upToDate)
  return ps.length ? sumCents(ps.map((p) => (p.kind === 'terugbetaling' ? -p.amountCents : p.amountCents))) : undefined
}

/** Ja when the grant's final account is in year T (or, without such a year, when it is vastgesteld / afgesloten). */
export function eindverantwoording(g: GrantFacts, year: number): Prefill {
  if (g.finalAccountYear !== null) {
    const ja = g.finalAccountYear === year
    return {
      value: { bool: ja },
      source: 'prefill:eindverantwoording',
      explanation: `jaar van eindverantwoording is ${g.finalAccountYear}`,
    }
  }
  const ja = isEstablished(g.status)
  return { value: { bool: ja }, source: 'prefill:eindverantwoording', explanation: `status van de subsidie is ${g.status}` }
}

/** The prefill of one single-row indicator with a role; undefined when Woud does not know the value. */
export function prefillFor(role: Role, g: GrantFacts, year: number): Prefill | undefined {
  switch (role) {
    case 'besteding': {
      const v = spendOf(g, year)
      return v === undefined ? undefined : { value: { cents: v }, source: 'prefill:besteding', explanation: spendWords(g, year) }
    }
    case 'cumulatief': {
      const v = cumulativeSpend(g, year)
      return v === undefined
        ? undefined
        : { value: { cents: v }, source: 'prefill:cumulatief', explanation: `som van de ${spendWords(g, year, true)}` }
    }
    case 'ontvangen': {
      const v = receivedUpTo(g, `${year}-12-31`)
      return v === undefined
        ? undefined
        : {
            value: { cents: v },
            source: 'prefill:ontvangen',
            explanation: `voorschotten en betalingen min terugbetalingen t/m 31-12-${year}`,
          }
    }
    case 'reserve': {
      const received = receivedUpTo(g, `${year - 1}-12-31`)
      if (received === undefined) return undefined
      const spent = cumulativeSpend(g, year - 1) ?? 0
      const words = spendWords(g, year - 1, true).replace(/ t\/m \d+$/, '')
      return {
        value: { cents: received - spent },
        source: 'prefill:reserve',
        explanation: `ontvangen min ${words} t/m 31-12-${year - 1}`,
      }
    }
    case 'eindverantwoording':
      return eindverantwoording(g, year)
    case 'correctie':
      return { value: { cents: 0 }, source: 'prefill:correctie', explanation: 'geen correctie op jaar T-1 geregistreerd' }
  }
}
