// The grant lifecycle as data (docs/domain.md#lifecycle) and the pure rule that checks one transition and says what it fills.
import { GRANT_STATUSES, type GrantStatus } from './schema.js'

/** 'gewijzigd' is an amendment (wijzigingsbeschikking): an event that keeps the status. */
export const AMENDMENT = 'gewijzigd' as const
export type TransitionTarget = GrantStatus | typeof AMENDMENT
export const TRANSITION_TARGETS: readonly TransitionTarget[] = [...GRANT_STATUSES, AMENDMENT]

/**
 * Allowed next steps per status. An ambtshalve award (OAB, energiearmoede: no application, docs/domain.md#lifecycle)
 * goes straight from verkenning or in_voorbereiding to toegekend. Ends have no way out.
 */
export const LIFECYCLE: Readonly<Record<GrantStatus, readonly TransitionTarget[]>> = {
  verkenning: ['in_voorbereiding', 'aangevraagd', 'toegekend', 'ingetrokken'],
  in_voorbereiding: ['aangevraagd', 'toegekend', 'ingetrokken'],
  aangevraagd: ['toegekend', 'afgewezen', 'ingetrokken'],
  toegekend: [AMENDMENT, 'vastgesteld', 'ingetrokken'],
  vastgesteld: [AMENDMENT, 'afgesloten'],
  afgesloten: [],
  afgewezen: [],
  ingetrokken: [],
}

// Labels and the awarded set are defined once in rules/statuses.ts.
export { AWARDED_STATUSES, STATUS_LABELS } from './rules/statuses.js'

export function allowedTransitions(status: GrantStatus): readonly TransitionTarget[] {
  return LIFECYCLE[status]
}

export interface TransitionInput {
  to: TransitionTarget
  on: string
  beschikkingsnummer?: string | null
  /** toegekend / gewijzigd: the (new) awarded amount; vastgesteld: the established amount. */
  amountCents?: number | null
  requestedCents?: number | null
  bcfCents?: number | null
  spendUntil?: string | null
  periodFrom?: string | null
  periodTo?: string | null
  note?: string | null
}

export interface GrantState {
  status: GrantStatus
  beschikkingsnummer: string | null
  requestedCents: number | null
  awardedCents: number | null
  bcfCents: number
  lastEventOn: string | null
}

export interface TransitionPlan {
  from: GrantStatus
  to: GrantStatus
  event: TransitionTarget
  /** Grant columns the transition sets. */
  patch: Record<string, unknown>
  /** The beschikking it records, if any. */
  beschikking?: { nummer: string; kind: 'toekenning' | 'wijziging' | 'vaststelling'; date: string; amountCents: number | null }
}

export type PlanResult =
  | { ok: true; plan: TransitionPlan }
  | { ok: false; conflict: true; allowed: readonly TransitionTarget[] }
  | { ok: false; conflict: false; errors: { field: string; message: string }[] }

/** Check one transition against the lifecycle and the facts it needs; returns what to write, never writes. */
export function planTransition(g: GrantState, t: TransitionInput): PlanResult {
  const allowed = allowedTransitions(g.status)
  if (!allowed.includes(t.to)) return { ok: false, conflict: true, allowed }
  const errors: { field: string; message: string }[] = []
  if (g.lastEventOn && t.on < g.lastEventOn) errors.push({ field: 'on', message: `datum ligt voor de vorige stap (${g.lastEventOn})` })
  const nummer = t.beschikkingsnummer?.trim() || null
  const patch: Record<string, unknown> = {}
  let beschikking: TransitionPlan['beschikking']
  for (const k of ['spendUntil', 'periodFrom', 'periodTo', 'bcfCents'] as const) if (t[k] !== undefined && t[k] !== null) patch[k] = t[k]
  switch (t.to) {
    case 'aangevraagd': {
      const requested = t.requestedCents ?? g.requestedCents
      if (requested === null || requested === undefined)
        errors.push({ field: 'requestedCents', message: 'een aanvraag heeft een aangevraagd bedrag nodig' })
      patch.appliedOn = t.on
      if (t.requestedCents !== undefined && t.requestedCents !== null) patch.requestedCents = t.requestedCents
      break
    }
    case 'toegekend': {
      const n = nummer ?? g.beschikkingsnummer
      const amount = t.amountCents ?? g.awardedCents
      if (!n) errors.push({ field: 'beschikkingsnummer', message: 'een toekenning heeft een beschikkingsnummer nodig' })
      if (amount === null || amount === undefined)
        errors.push({ field: 'amountCents', message: 'een toekenning heeft een toegekend bedrag nodig' })
      patch.awardedOn = t.on
      patch.beschikkingsnummer = n
      patch.awardedCents = amount
      if (n && amount !== null && amount !== undefined) beschikking = { nummer: n, kind: 'toekenning', date: t.on, amountCents: amount }
      break
    }
    case AMENDMENT: {
      if (!nummer)
        errors.push({ field: 'beschikkingsnummer', message: 'een wijziging heeft het nummer van de wijzigingsbeschikking nodig' })
      const changes = ['amountCents', 'spendUntil', 'periodFrom', 'periodTo', 'bcfCents'].some(
        (k) => t[k as keyof TransitionInput] !== undefined && t[k as keyof TransitionInput] !== null,
      )
      if (!changes)
        errors.push({
          field: 'amountCents',
          message: 'een wijziging verandert het bedrag, de periode, het BCF-deel of de bestedingstermijn',
        })
      if (t.amountCents !== undefined && t.amountCents !== null) patch.awardedCents = t.amountCents
      if (nummer) beschikking = { nummer, kind: 'wijziging', date: t.on, amountCents: t.amountCents ?? null }
      break
    }
    case 'vastgesteld':
      patch.establishedOn = t.on
      beschikking = { nummer: nummer ?? g.beschikkingsnummer ?? '', kind: 'vaststelling', date: t.on, amountCents: t.amountCents ?? null }
      if (!beschikking.nummer) errors.push({ field: 'beschikkingsnummer', message: 'een vaststelling heeft een beschikkingsnummer nodig' })
      break
    case 'afgesloten':
    case 'afgewezen':
    case 'ingetrokken':
      patch.closedOn = t.on
      break
    default:
      break
  }
  const awarded = (patch.awardedCents as number | undefined) ?? g.awardedCents
  const bcf = (patch.bcfCents as number | undefined) ?? g.bcfCents
  if (awarded !== null && awarded !== undefined && bcf > awarded)
    errors.push({ field: 'bcfCents', message: 'het BCF-deel is groter dan het toegekende bedrag' })
  if (errors.length) return { ok: false, conflict: false, errors }
  const to = t.to === AMENDMENT ? g.status : t.to
  if (to !== g.status) patch.status = to
  return { ok: true, plan: { from: g.status, to, event: t.to, patch, beschikking } }
}
