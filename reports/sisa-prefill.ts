// What Woud can prefill in a SiSa year from the portfolio: besteding, cumulatief, ontvangen, reserve, eindverantwoording.
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
  years: { year: number; realisedLastenCents: number }[]
  payments: { kind: 'voorschot' | 'betaling' | 'terugbetaling'; paidOn: string; amountCents: number }[]
}

export interface Prefill {
  value: SisaValue
  /** 'prefill:besteding' etc. */
  source: string
  /** Dutch: where the number comes from, shown next to the value. */
  explanation: string
}

/** Realised lasten of the grant in year T, or undefined when the portfolio has no figures for T. */
export function lastenOf(g: GrantFacts, year: number): number | undefined {
  return g.years.find((y) => y.year === year)?.realisedLastenCents
}

export function cumulativeLasten(g: GrantFacts, upTo: number): number | undefined {
  const ys = g.years.filter((y) => y.year <= upTo)
  return ys.length ? sumCents(ys.map((y) => y.realisedLastenCents)) : undefined
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
      const v = lastenOf(g, year)
      return v === undefined ? undefined : { value: { cents: v }, source: 'prefill:besteding', explanation: `gerealiseerde lasten ${year}` }
    }
    case 'cumulatief': {
      const v = cumulativeLasten(g, year)
      return v === undefined
        ? undefined
        : { value: { cents: v }, source: 'prefill:cumulatief', explanation: `som van de gerealiseerde lasten t/m ${year}` }
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
      const spent = cumulativeLasten(g, year - 1) ?? 0
      return {
        value: { cents: received - spent },
        source: 'prefill:reserve',
        explanation: `ontvangen min gerealiseerde lasten t/m 31-12-${year - 1}`,
      }
    }
    case 'eindverantwoording':
      return eindverantwoording(g, year)
    case 'correctie':
      return { value: { cents: 0 }, source: 'prefill:correctie', explanation: 'geen correctie op jaar T-1 geregistreerd' }
  }
}
