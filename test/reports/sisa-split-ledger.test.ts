// A spending split over several SiSa indicators (D8/01–03 and the like) must add up to the grant's spending in the
// ledger once every part is filled in (issue 16, bad input): the parts may be typed one at a time, but the value that
// completes the split with another sum is refused over HTTP with a 400 naming it, and nothing is written.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { createGrant, putGrantYear } from '../../db/repositories/grants.js'
import { getYearDefinitions } from '../../db/repositories/sisa.js'
import { testApp } from '../helpers.js'

t.test('a split that does not add up to the ledger is refused whole; one that does is stored', async (t) => {
  const { db, api } = await testApp(t)
  const schemes = db.$client.prepare('SELECT code, sisa_code AS sisaCode FROM schemes WHERE sisa_code IS NOT NULL').all() as {
    code: string
    sisaCode: string
  }[]
  const years = (db.$client.prepare('SELECT DISTINCT sisa_year AS y FROM sisa_regelingen ORDER BY y DESC').all() as { y: number }[]).map(
    (r) => r.y,
  )
  let pick: { year: number; scheme: string; parts: string[] } | undefined
  for (const year of years) {
    for (const reg of getYearDefinitions(db, year)!.regelingen) {
      const parts = reg.indicators.filter((i) => i.role === 'besteding' && !i.formula && i.rowDimension === 'none')
      const scheme = schemes.find((s) => s.sisaCode === reg.sisaCode)
      if (parts.length >= 2 && scheme && parts.every((p) => p.dataType === 'euro')) {
        pick = { year, scheme: scheme.code, parts: parts.map((p) => `${reg.sisaCode}/${p.number}`) }
        break
      }
    }
    if (pick) break
  }
  if (!pick) throw new Error('no shipped regeling with a spending split')
  const { year, parts } = pick
  const org = createOrganisation(db, SYSTEM, { code: 'GM0998', name: 'Splitsdorp' })
  const o = { today: `${year + 1}-03-01` }
  const id = createGrant(
    db,
    SYSTEM,
    {
      organisationId: org.id,
      schemeCode: pick.scheme,
      title: 'Gesplitste besteding',
      status: 'toegekend',
      beschikkingsnummer: 'SPLIT-1',
      awardedCents: 500_000_00,
      awardedOn: `${year}-01-15`,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
    },
    o,
  ).id
  putGrantYear(db, SYSTEM, id, year, { realisedLastenCents: 90_000_00 }, o)
  const put = (values: { indicator: string; valueCents: number | null }[]) =>
    api({ method: 'PUT', url: `/api/v1/grants/${id}/sisa/${year}`, payload: { values } })
  const stored = () => db.$client.prepare('SELECT count(*) FROM sisa_values WHERE grant_id = ?').pluck().get(id) as number

  // All but the last part, one at a time: an incomplete split is accepted (the controller is still typing).
  const share = Math.floor(90_000_00 / parts.length)
  for (const code of parts.slice(0, -1)) t.equal((await put([{ indicator: code, valueCents: share }])).statusCode, 200, `${code} alone`)
  const before = stored()
  const last = parts[parts.length - 1]
  const bad = await put([{ indicator: last, valueCents: share + 100 }])
  t.equal(bad.statusCode, 400, 'the part that completes a split with another sum is refused')
  t.match(bad.json().errors, [{ field: 'body.values.0.value', message: /is niet gelijk aan de gerealiseerde lasten .* \(€ 90\.000,00\)/ }])
  t.equal(stored(), before, 'nothing written')
  const rest = 90_000_00 - share * (parts.length - 1)
  const good = await put([{ indicator: last, valueCents: rest }])
  t.equal(good.statusCode, 200, 'a split that adds up is stored')
  t.equal(stored(), before + 1)
  // Changing one part of a complete split breaks the sum: refused; clearing it makes the split incomplete again.
  t.equal((await put([{ indicator: parts[0], valueCents: share + 1 }])).statusCode, 400)
  t.equal((await put([{ indicator: parts[0], valueCents: null }])).statusCode, 200, 'clearing a part is allowed')
})
