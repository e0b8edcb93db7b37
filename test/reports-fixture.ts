// A small portfolio for the report tests, seeded through the grant repository (amounts in euros for reading ease).
import type { Db } from '../db/client.js'
import { SYSTEM } from '../db/audit.js'
import { addCommitment, addPayment, createGrant, putGrantYear } from '../db/repositories/grants.js'
import { seedOrganisation } from './helpers.js'

export const EUR = (euros: number) => euros * 100
const today = '2026-11-28'

export interface Fixture { orgId: number; a: number; b: number; c: number; d: number; e: number }

/**
 * A: Regio Deal 5 (co-financing 50 % of total cost), awarded EUR 1 m, 2025–2028, structural staff in 2026–2028.
 * B: isolatie C94, awarded EUR 400 k with EUR 40 k BCF, spend until 2026, nothing received: EUR 10 k lagere vaststelling.
 * C: OAB (structural), D: GALA in the pipeline at 50 %, E: rejected.
 */
export function seedPortfolio(db: Db, code = 'GM0363', name = 'Amsterdam'): Fixture {
  const org = seedOrganisation(db, code, name)
  const o = { today }
  const a = createGrant(db, SYSTEM, { orgCode: code, schemeCode: 'bzk-regio-deals-5', title: 'Regio Deal Noordrand', reference: 'RD-1', status: 'toegekend',
    beschikkingsnummer: 'RD5-001', awardedCents: EUR(1_000_000), periodFrom: '2025-01-01', periodTo: '2028-12-31', spendUntil: '2028-12-31',
    taakveld: '3.1', programma: 'Economie', awardedOn: '2024-12-01' }, o).id
  for (const y of [2025, 2026, 2027, 2028]) {
    putGrantYear(db, SYSTEM, a, y, { plannedBatenCents: EUR(250_000), plannedLastenCents: EUR(500_000), structuralLastenCents: y === 2025 ? 0 : EUR(50_000) }, o)
  }
  putGrantYear(db, SYSTEM, a, 2025, { realisedBatenCents: EUR(200_000), realisedLastenCents: EUR(400_000), cofinancingRealisedCents: EUR(200_000) }, o)
  addCommitment(db, SYSTEM, a, { source: 'eigen_middelen', amountCents: EUR(600_000), reservedInBegroting: true, description: '=Raadsbesluit 12' })
  addCommitment(db, SYSTEM, a, { source: 'provincie', year: 2026, amountCents: EUR(100_000), reservedInBegroting: false })
  addPayment(db, SYSTEM, a, { kind: 'voorschot', paidOn: '2025-03-01', amountCents: EUR(500_000) })
  addPayment(db, SYSTEM, a, { kind: 'betaling', paidOn: '2026-02-01', amountCents: EUR(250_000) })

  const b = createGrant(db, SYSTEM, { orgCode: code, schemeCode: 'vro-lai-isolatie-t1', title: 'Isolatie woningen', status: 'toegekend', beschikkingsnummer: 'LAI-7',
    awardedCents: EUR(400_000), bcfCents: EUR(40_000), periodFrom: '2024-01-01', periodTo: '2026-12-31', spendUntil: '2026-12-31', taakveld: '7.4', programma: 'Duurzaamheid' }, o).id
  putGrantYear(db, SYSTEM, b, 2024, { realisedBatenCents: EUR(100_000), realisedLastenCents: EUR(100_000) }, o)
  putGrantYear(db, SYSTEM, b, 2025, { realisedBatenCents: EUR(100_000), realisedLastenCents: EUR(100_000) }, o)
  putGrantYear(db, SYSTEM, b, 2026, { plannedBatenCents: EUR(150_000), plannedLastenCents: EUR(150_000) }, o)

  const c = createGrant(db, SYSTEM, { orgCode: code, schemeCode: 'ocw-oab-2019', title: 'Onderwijsachterstanden', status: 'toegekend', beschikkingsnummer: 'OAB-26',
    awardedCents: EUR(600_000), periodFrom: '2026-01-01', periodTo: '2027-12-31', taakveld: '4.3', programma: 'Onderwijs' }, o).id
  for (const y of [2026, 2027]) putGrantYear(db, SYSTEM, c, y, { plannedBatenCents: EUR(300_000), plannedLastenCents: EUR(300_000) }, o)

  const d = createGrant(db, SYSTEM, { orgCode: code, schemeCode: 'vws-brede-spuk-gala-2023-2026', title: 'Gezond en actief leven', status: 'aangevraagd',
    requestedCents: EUR(200_000), probabilityPct: 50, periodFrom: '2027-01-01', periodTo: '2028-12-31' }, o).id
  const e = createGrant(db, SYSTEM, { orgCode: code, schemeCode: 'bzk-regio-deals-4', title: 'Afgewezen deal', status: 'afgewezen', requestedCents: EUR(300_000) }, o).id
  return { orgId: org.id, a, b, c, d, e }
}
