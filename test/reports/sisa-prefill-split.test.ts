// SiSa prefill never multiplies spending (issue 16.1): for every shipped definition, the prefilled besteding
// indicators of a regeling add up to the grant's realised lasten when one indicator asks for it; when several do
// (D8/01–03) none is prefilled and a 'verdeling nodig' finding says why.
import t from 'tap'
import { freshDb } from '../helpers.js'
import { getYearDefinitions } from '../../db/repositories/sisa.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { SYSTEM } from '../../db/audit.js'
import { computeSisa } from '../../reports/sisa.js'
import { seedGrant } from '../fixtures/sisa/portfolio.js'

t.test('prefilled besteding per regeling equals the ledger, or stays empty with a finding', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const schemeByCode = new Map(
    (
      db.$client.prepare('SELECT code, sisa_code AS sisaCode FROM schemes WHERE sisa_code IS NOT NULL ORDER BY code').all() as {
        code: string
        sisaCode: string
      }[]
    ).map((s) => [s.sisaCode, s.code]),
  )
  const years = (db.$client.prepare('SELECT DISTINCT sisa_year AS y FROM sisa_regelingen ORDER BY y').all() as { y: number }[]).map(
    (r) => r.y,
  )
  let multi = 0,
    single = 0
  for (const year of years) {
    const defs = getYearDefinitions(db, year)!
    const org = createOrganisation(db, SYSTEM, {
      code: `GM${String(9000 + year).slice(-4)}`,
      name: `Gemeente ${year}`,
      kind: 'gemeente',
    }).id
    const lasten = new Map<number, number>()
    for (const reg of defs.regelingen) {
      const spending = reg.indicators.filter((i) => i.role === 'besteding' && !i.formula && i.rowDimension === 'none')
      const scheme = schemeByCode.get(reg.sisaCode)
      if (spending.length === 0 || !scheme) continue
      const id = seedGrant(db, {
        org,
        scheme,
        title: `${reg.sisaCode} ${year}`,
        awarded: 1_000_000,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        lasten: { [year]: 123_456 },
      })
      lasten.set(id, 123_456_00)
    }
    const d = computeSisa(db, org, year)
    for (const b of d.blocks) {
      if (!lasten.has(b.grantId)) continue
      const spending = b.indicators.filter((i) => i.role === 'besteding' && !i.formula && i.rowDimension === 'none')
      const prefilled = spending.reduce((s, i) => s + (i.cells[0]?.source === 'prefill:besteding' ? (i.cells[0].value?.cents ?? 0) : 0), 0)
      const finding = d.findings.find((f) => f.check === 'verdeling-nodig' && f.grantId === b.grantId)
      if (spending.length > 1) {
        multi++
        t.equal(prefilled, 0, `${year} ${b.sisaCode}: ${spending.length} spending indicators, none prefilled`)
        t.match(finding, { severity: 'waarschuwing', sisaCode: b.sisaCode, message: /Verdeling nodig/ }, `${year} ${b.sisaCode}: finding`)
      } else {
        single++
        t.equal(prefilled, lasten.get(b.grantId), `${year} ${b.sisaCode}: the one spending indicator holds the realised lasten`)
        t.notOk(finding)
      }
    }
  }
  t.ok(multi >= 1, `shipped definitions with several spending indicators were checked (${multi})`)
  t.ok(single >= 1, `and ones with a single indicator (${single})`)
})
