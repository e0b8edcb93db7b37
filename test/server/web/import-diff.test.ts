// The import preview of ledger actuals names per grant and year each realised figure that changes, before → after
// (unchanged figures and rows are only counted), for the dry run and the confirmed import. Real SQLite file.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { SYSTEM } from '../../../db/audit.js'
import { createGrant, getGrant } from '../../../db/repositories/grants.js'
import { putGrantYear } from '../../../db/repositories/grant-years.js'
import { importAccess } from '../../../importers/permissions.js'
import { addUser, fileApp, signInInject, uploadInject } from './web-helpers.js'

const LEDGER = readFileSync(new URL('../../fixtures/portfolio/grootboek-voorbeeld.csv', import.meta.url))
const ids: Record<string, number> = {}
const { app, db } = await fileApp(t, new Date('2026-11-28T10:00:00Z'), (db, s) => {
  for (const [nr, title] of [
    ['OAB-2025-0142', 'OAB 2025'],
    ['SPUK-GALA-2023-0877', 'Brede SPUK <sport>'],
    ['C94-2023-1133', 'Isolatievouchers'],
  ])
    ids[nr] = createGrant(
      db,
      SYSTEM,
      {
        organisationId: s.own.id,
        schemeCode: 'ocw-oab-2019',
        title,
        status: 'toegekend',
        beschikkingsnummer: nr,
        awardedCents: 1_000_000_00,
        awardedOn: '2025-01-15',
        periodFrom: '2025-01-01',
        periodTo: '2026-12-31',
      },
      { today: '2026-11-28' },
    ).id
  // OAB already has its baten as in the ledger and older lasten: only the lasten change.
  putGrantYear(db, SYSTEM, ids['OAB-2025-0142'], 2025, { realisedBatenCents: 230_000_00, realisedLastenCents: 10_000_00 })
})

/** The rows of the per-field table as [subsidie, jaar, veld, voor, na, uitkomst]. */
const fieldRows = (html: string) => {
  const table = /<table[^>]*>\s*<caption[^>]*>Wijzigingen per veld[\s\S]*?<\/table>/.exec(html)?.[0] ?? ''
  return [...table.matchAll(/<tr class="utrecht-table__row" data-field="[^"]+">([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')),
  )
}

t.test('preview: one row per changed field with before and after; what does not change is left out', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await uploadInject(app, s, { soort: 'actuals', jaar: '2025' }, { name: 'grootboek.csv', content: LEDGER })
  t.equal(r.statusCode, 200)
  t.match(r.body, /<caption class="utrecht-table__caption">Wijzigingen per veld<\/caption>/)
  t.match(r.body, /<th class="utrecht-table__header-cell" scope="col">Veld<\/th>/)
  t.strictSame(fieldRows(r.body), [
    ['OAB 2025', '2025', 'Gerealiseerde lasten', '€ 10.000,00', '€ 12.450,00', 'gewijzigd'],
    ['Brede SPUK &lt;sport>', '2025', 'Gerealiseerde baten', '—', '€ 61.000,00', 'nieuw'],
    ['Brede SPUK &lt;sport>', '2025', 'Gerealiseerde lasten', '—', '€ 48.210,55', 'nieuw'],
    // Debet 31.337,80 and a credit correction of 1.200,00 on the same cost account: lasten only.
    ['Isolatievouchers', '2025', 'Gerealiseerde lasten', '—', '€ 30.137,80', 'nieuw'],
  ])
  t.match(
    r.body,
    new RegExp(`<a class="utrecht-link" href="/subsidies/${ids['OAB-2025-0142']}">OAB 2025</a>`),
    'each grant links to its page',
  )
  t.notMatch(r.body, /€ 230\.000,00/, 'the unchanged baten of OAB are not listed')
  t.equal(getGrant(db, ids['OAB-2025-0142'])!.years.find((y) => y.year === 2025)!.realisedLastenCents, 10_000_00, 'nothing written')
  const confirm = /action="(\/importeren\/[0-9a-f]{32}\/bevestigen)"/.exec(r.body)![1]
  const done = await s.post(confirm, {})
  t.match(done.body, /Import opgeslagen/)
  t.equal(fieldRows(done.body).length, 4, 'the saved import shows the same changes')
  t.equal(getGrant(db, ids['OAB-2025-0142'])!.years.find((y) => y.year === 2025)!.realisedLastenCents, 12_450_00)
})

t.test('the same file again: no changed fields, said in words', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await uploadInject(app, s, { soort: 'actuals', jaar: '2025' }, { name: 'grootboek.csv', content: LEDGER })
  t.match(r.body, /data-count="unchanged">6</)
  t.strictSame(fieldRows(r.body), [])
  t.match(r.body, /Geen wijzigingen: alle bedragen staan al zo in Woud\./)
})

t.test('the form offers what the one import rule (importers/permissions.ts) allows the role, and refuses the rest', async (t) => {
  addUser(db, 'medewerker@woudstede.nl', 'Mees Medewerker', [{ orgCode: 'GM0001', role: 'medewerker' }])
  const s = await signInInject(app, 'medewerker@woudstede.nl')
  const page = await s.get('/importeren')
  t.equal(page.statusCode, 200)
  const offered = [...page.body.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean)
  t.strictSame(offered, ['grants'], 'a medewerker may import the portfolio only')
  t.equal(importAccess('grants', { org: 'GM0001' }).role, 'medewerker')
  t.equal(importAccess('actuals', { org: 'GM0001', year: 2025 }).role, 'controller')
  const refused = await uploadInject(app, s, { soort: 'actuals', jaar: '2025' }, { name: 'grootboek.csv', content: LEDGER })
  t.equal(refused.statusCode, 400)
  t.match(refused.body, /Voor deze import is de rol controller nodig/)
})
