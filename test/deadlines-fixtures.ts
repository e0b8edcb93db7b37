// A small portfolio for the deadline tests (today is pinned to 2026-11-28): schemes with future windows and grants in several states.
import { SYSTEM } from '../db/audit.js'
import type { Db } from '../db/client.js'
import { createGrant, putGrantYear } from '../db/repositories/grants.js'
import { upsertScheme } from '../db/repositories/schemes.js'
import { seedOrganisation } from './helpers.js'

export const TODAY = '2026-11-28'

export function seedPortfolio(db: Db) {
  const org = seedOrganisation(db, 'GM0363', 'Amsterdam')
  const other = seedOrganisation(db, 'GM0599', 'Rotterdam')
  // 14 March 2027 is a Sunday: a window in a regeling keeps it.
  upsertScheme(db, { code: 'test-lai-t3', sisaCode: 'C94', name: 'Lokale Aanpak Isolatie T3', ministry: 'VRO', sisaRequired: true,
    windows: [{ tranche: '3', opensOn: '2027-01-15', closesOn: '2027-03-14', closesAtTime: '23:00 CET' }] }, SYSTEM, 'api')
  upsertScheme(db, { code: 'test-sport-2027', name: 'Stimulering sport 2027', ministry: 'VWS', sisaRequired: true,
    windows: [{ tranche: '2027', opensOn: '2027-02-15', closesOn: '2027-03-17' }, { tranche: '2026', opensOn: '2026-02-13', closesOn: '2026-03-17' }] }, SYSTEM, 'api')
  upsertScheme(db, { code: 'test-no-windows', name: 'Regeling zonder venster', ministry: 'BZK', sisaRequired: true }, SYSTEM, 'api')
  const opts = { today: TODAY }
  const pipeline = createGrant(db, SYSTEM, { orgCode: 'GM0363', schemeCode: 'test-lai-t3', title: 'Isolatie Noord', status: 'verkenning' }, opts)
  const noWindows = createGrant(db, SYSTEM, { orgCode: 'GM0363', schemeCode: 'test-no-windows', title: 'Zonder venster', status: 'in_voorbereiding' }, opts)
  const awarded = createGrant(db, SYSTEM, {
    orgCode: 'GM0363', schemeCode: 'vro-lai-isolatie-t1', title: 'Isolatie Zuid', status: 'toegekend', beschikkingsnummer: 'LAI-2025-001',
    awardedCents: 50_000_000, awardedOn: '2025-02-01', periodFrom: '2025-01-01', periodTo: '2026-12-31', spendUntil: '2027-06-30', finalAccountYear: 2026,
  }, opts)
  putGrantYear(db, SYSTEM, awarded.id, 2025, { plannedBatenCents: 20_000_000, plannedLastenCents: 20_000_000 }, opts)
  putGrantYear(db, SYSTEM, awarded.id, 2026, { plannedBatenCents: 30_000_000, plannedLastenCents: 30_000_000 }, opts)
  // A subsidie carries no SiSa, but its spend term still counts.
  const subsidie = createGrant(db, SYSTEM, { orgCode: 'GM0363', schemeCode: 'vws-bosa', title: 'Sporthal dak', status: 'toegekend', beschikkingsnummer: 'BOSA-1',
    awardedCents: 1_000_000, periodFrom: '2026-01-01', periodTo: '2026-12-31', spendUntil: '2026-12-31' }, opts)
  const otherGrant = createGrant(db, SYSTEM, { orgCode: 'GM0599', schemeCode: 'test-sport-2027', title: 'Rotterdam sport', status: 'verkenning' }, opts)
  return { org, other, pipeline, noWindows, awarded, subsidie, otherGrant }
}
