// Issue 16 item 4: every SiSa-relevant grant appears in the SiSa view and appendix, or in a finding saying why not
// (for example: its scheme has no SiSa code).
import t from 'tap'
import { eq } from 'drizzle-orm'
import { SYSTEM } from '../../db/audit.js'
import { openDatabase } from '../../db/client.js'
import { createGrant } from '../../db/repositories/grants.js'
import { grants, schemes } from '../../db/schema.js'
import { computeSisa } from '../../reports/sisa.js'
import { appendixSheet } from '../../reports/sisa-appendix.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'

t.test('a spuk whose scheme has no SiSa code gets a finding; every relevant grant is accounted for', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const f = seedPortfolio(db)
  db.update(schemes).set({ sisaCode: null, sisaRequired: true, instrument: 'spuk' }).where(eq(schemes.code, 'bzk-regio-deals-5')).run()
  // A second one on a scheme without code that does not report in SiSa (a subsidie): no finding needed.
  db.update(schemes).set({ sisaCode: null, sisaRequired: false, instrument: 'subsidie' }).where(eq(schemes.code, 'bzk-regio-deals-4')).run()
  const other = createGrant(
    db,
    SYSTEM,
    {
      orgCode: 'GM0363',
      schemeCode: 'bzk-regio-deals-4',
      title: 'Gewone subsidie',
      status: 'toegekend',
      beschikkingsnummer: 'RD4-9',
      awardedCents: EUR(10_000),
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
    },
    { today: '2026-11-28' },
  ).id

  const year = 2026
  const d = computeSisa(db, f.orgId, year)
  const noCode = d.findings.filter((x) => x.check === 'no-sisa-code')
  t.strictSame(
    noCode.map((x) => x.grantId),
    [f.a],
    'the Regio Deal spuk is named',
  )
  t.match(noCode[0].message, /geen SiSa-uitkeringscode/)
  t.match(noCode[0].message, /bzk-regio-deals-5/)
  t.notOk(
    d.findings.some((x) => x.grantId === other),
    'a subsidie outside SiSa is not a SiSa finding',
  )

  // The property: every grant that is a spuk with SiSa-verantwoording, awarded and running in the year, is either a
  // block of the view (and so of the appendix) or the subject of a finding.
  const rows = db.select({ g: grants, s: schemes }).from(grants).innerJoin(schemes, eq(schemes.id, grants.schemeId)).all()
  const relevant = rows.filter(
    ({ g, s }) =>
      s.instrument === 'spuk' &&
      s.sisaRequired &&
      ['toegekend', 'vastgesteld', 'afgesloten'].includes(g.status) &&
      Number((g.periodFrom ?? '0').slice(0, 4)) <= year,
  )
  t.ok(relevant.length >= 3, 'the fixture has several relevant grants')
  const inBlocks = new Set(d.blocks.map((b) => b.grantId))
  const inFindings = new Set(d.findings.map((x) => x.grantId))
  for (const { g } of relevant) t.ok(inBlocks.has(g.id) || inFindings.has(g.id), `grant ${g.id} (${g.title}) in the view or a finding`)
  const appendix = JSON.stringify(appendixSheet(d).rows)
  for (const b of d.blocks) t.ok(appendix.includes(`"${b.sisaCode}"`), `${b.sisaCode} in the appendix`)
})
