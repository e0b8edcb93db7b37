// The grant statuses as groups and Dutch labels: one definition for grants, reports, deadlines and SiSa.
import type { GrantStatus } from '../schema.js'

/** Backed by a toekenningsbeschikking: number and amount are known, the money counts in full. */
export const AWARDED_STATUSES: readonly GrantStatus[] = ['toegekend', 'vastgesteld', 'afgesloten']
/** Not (yet) awarded: counted by probability in the forecast. */
export const PIPELINE_STATUSES: readonly GrantStatus[] = ['verkenning', 'in_voorbereiding', 'aangevraagd']
/** Vastgesteld or later: the final account is settled (Eindverantwoording Ja when no year is known). */
export const ESTABLISHED_STATUSES: readonly GrantStatus[] = ['vastgesteld', 'afgesloten']
/** Rejected or withdrawn: no money, no co-financing owed. */
export const DEAD_STATUSES: readonly GrantStatus[] = ['afgewezen', 'ingetrokken']

export const STATUS_LABELS: Readonly<Record<GrantStatus | 'gewijzigd', string>> = {
  verkenning: 'Verkenning',
  in_voorbereiding: 'In voorbereiding',
  aangevraagd: 'Aangevraagd',
  toegekend: 'Toegekend',
  vastgesteld: 'Vastgesteld',
  afgesloten: 'Afgesloten',
  afgewezen: 'Afgewezen',
  ingetrokken: 'Ingetrokken',
  gewijzigd: 'Gewijzigd',
}

export const isAwarded = (s: GrantStatus): boolean => AWARDED_STATUSES.includes(s)
export const isEstablished = (s: GrantStatus): boolean => ESTABLISHED_STATUSES.includes(s)
export const isDead = (s: GrantStatus): boolean => DEAD_STATUSES.includes(s)
