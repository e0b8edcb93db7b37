// Each SiSa check fires on the portfolio mistake it is for, with severity, indicator and an explanation a controller can act on.
import t from 'tap'
import { freshDb } from '../helpers.js'
import type { Db } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { importBatches, settings, verantwoordingslijst } from '../../db/schema.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { putGrantYear, updateGrant } from '../../db/repositories/grants.js'
import { getScheme } from '../../db/repositories/schemes.js'
import { getYearDefinitions, plainYear, upsertYearDefinitions } from '../../db/repositories/sisa.js'
import { createFoutOnzekerheid } from '../../db/repositories/sisa-values.js'
import { computeSisa } from '../../reports/sisa.js'
import { appendixSheet } from '../../reports/sisa-appendix.js'
import { eq } from 'drizzle-orm'
import { seedGennep, seedGrant, seedLingewaard, seedWageningen, seedZwolle, set } from '../fixtures/sisa/portfolio.js'

const checks = (db: Db, org: number, year: number) => computeSisa(db, org, year).findings
const only = (db: Db, org: number, year: number, check: string) => checks(db, org, year).filter((f) => f.check === check)

function withDb(t: { teardown: (fn: () => unknown) => void }): Db {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  return db
}

t.test('the published blocks raise no errors; the threshold output says it is UNCERTAIN', async (t) => {
  const db = withDb(t)
  const z = seedZwolle(db)
  const g = seedGennep(db)
  t.strictSame(
    checks(db, z.org, 2017).filter((f) => f.severity !== 'info'),
    [],
  )
  const f = checks(db, g.org, 2022)
  t.strictSame(
    f.map((x) => x.check),
    ['threshold-uncertain'],
  )
  t.match(f[0].message, /bron: UNCERTAIN/)
})

t.test('mandatory values missing: a single indicator and a per-project block without rows', async (t) => {
  const db = withDb(t)
  const g = seedGennep(db)
  set(db, g.a13, 2022, [{ indicator: 'A13/02', value: null }])
  t.match(only(db, g.org, 2022, 'mandatory-missing'), [
    { severity: 'fout', indicator: 'A13/02', message: /verplichte waarde A13\/02 \(Zelfstandige uitvoering \(Ja\/Nee\)\) ontbreekt/ },
  ])
  const l = seedLingewaard(db)
  set(
    db,
    l.c1,
    2020,
    [1, 2, 3, 4, 5, 6].flatMap((rowNo) => ['C1/03', 'C1/04', 'C1/05'].map((indicator) => ({ indicator, rowNo, value: null }))),
  )
  t.match(only(db, l.org, 2020, 'mandatory-missing'), [{ indicator: 'C1/03', rowNo: null, message: /geen regels \(project\) ingevuld/ }])
  set(db, l.c1, 2020, [{ indicator: 'C1/03', rowNo: 1, value: 'Maatwerkadviezen' }])
  t.strictSame(
    only(db, l.org, 2020, 'mandatory-missing').map((f) => [f.indicator, f.rowNo]),
    [
      ['C1/04', 1],
      ['C1/05', 1],
    ],
    'C1/06 is optional',
  )
})

t.test('cumulative(T) = cumulative(T-1) + besteding(T) + correctie(T-1)', async (t) => {
  const db = withDb(t)
  const g = seedGennep(db)
  set(db, g.a13, 2022, [{ indicator: 'A13/04', value: '€ 60.000' }])
  t.match(only(db, g.org, 2022, 'cumulative-mismatch'), [
    {
      severity: 'fout',
      indicator: 'A13/04',
      message:
        /€ 60\.000,00 ≠ cumulatief 2021 € 0,00 \(gerealiseerde lasten t\/m 2021\) \+ besteding € 68\.000,00 \+ correctie € 0,00 = € 68\.000,00/,
    },
  ])
  set(db, g.a13, 2022, [{ indicator: 'A13/03', valueCents: -800000 }])
  t.strictSame(only(db, g.org, 2022, 'cumulative-mismatch'), [], 'a correction of T-1 closes the gap')
})

t.test('a computed indicator that differs from its formula', async (t) => {
  const db = withDb(t)
  const w = seedWageningen(db)
  t.strictSame(only(db, w.org, 2023, 'computed-mismatch'), [])
  set(db, w.a16, 2023, [{ indicator: 'A16/09', valueCents: 600_000_000 }])
  t.match(only(db, w.org, 2023, 'computed-mismatch'), [
    {
      severity: 'fout',
      indicator: 'A16/09',
      message: /€ 6\.000\.000,00 maar de formule sum\(01,02,04,05,06,07,08\) geeft € 6\.078\.960,00/,
    },
  ])
})

t.test('values after a year with Eindverantwoording = Ja (from the grant and from a stored Ja)', async (t) => {
  const db = withDb(t)
  const org = createOrganisation(db, SYSTEM, { code: 'GM0001', name: 'Proef' }).id
  const a16 = seedGrant(db, {
    org,
    scheme: 'jenv-a16',
    title: 'Opvang',
    awarded: 1_000_000,
    from: '2022-03-01',
    to: '2023-12-31',
    finalAccountYear: 2022,
    lasten: { 2022: 500_000 },
  })
  set(db, a16, 2023, [{ indicator: 'A16/01', valueCents: 100 }])
  t.match(only(db, org, 2023, 'after-final-account'), [
    { severity: 'fout', grantId: a16, message: /in 2022 is al Eindverantwoording = Ja gegeven/ },
  ])
  const l = seedLingewaard(db)
  updateGrant(db, SYSTEM, l.c1, { finalAccountYear: null }, undefined, { today: '2026-11-28' })
  set(db, l.c1, 2020, [{ indicator: 'C1/02', value: 'Ja' }])
  const c1of2020 = plainYear(getYearDefinitions(db, 2020)!).regelingen.find((r) => r.sisaCode === 'C1')!
  upsertYearDefinitions(db, { sisaYear: 2021, formatDate: '2022-03-01', regelingen: [c1of2020] }, null)
  putGrantYear(db, SYSTEM, l.c1, 2021, { realisedLastenCents: 100 }, { today: '2026-11-28' })
  set(db, l.c1, 2021, [{ indicator: 'C1/02', value: 'Nee' }])
  t.match(only(db, l.org, 2021, 'after-final-account'), [{ message: /in 2020 is al Eindverantwoording = Ja gegeven/ }])
})

t.test('cumulative spending above the award minus the BTW-compensatiefonds part', async (t) => {
  const db = withDb(t)
  const g = seedGennep(db)
  updateGrant(db, SYSTEM, g.a13, { bcfCents: 500_000 }, undefined, { today: '2026-11-28' })
  t.match(only(db, g.org, 2022, 'cumulative-above-award'), [
    {
      severity: 'fout',
      indicator: 'A13/04',
      message: /€ 68\.000,00 is hoger dan de toekenning min het BCF-deel \(€ 68\.000,00 − € 5\.000,00 = € 63\.000,00\)/,
    },
  ])
})

t.test('SiSa besteding different from the realised lasten in the ledger', async (t) => {
  const db = withDb(t)
  const z = seedZwolle(db)
  putGrantYear(db, SYSTEM, z.d9, 2017, { realisedLastenCents: 130_000_000 }, { today: '2026-11-28' })
  t.match(only(db, z.org, 2017, 'ledger-mismatch'), [
    {
      severity: 'waarschuwing',
      indicator: 'D9/01',
      message: /€ 1\.284\.972,00 wijkt af van .* € 1\.300\.000,00 \(verschil € -15\.028,00\)/,
    },
  ])
})

t.test('on the verantwoordingslijst without SiSa values: a flagged grant and a list line without grant', async (t) => {
  const db = withDb(t)
  const org = createOrganisation(db, SYSTEM, { code: 'GM0002', name: 'Lijst' }).id
  const c1 = seedGrant(db, {
    org,
    scheme: 'bzk-c1-rrew',
    title: 'Energie',
    awarded: 50_000,
    from: '2020-01-01',
    to: '2021-12-31',
    lasten: {},
  })
  t.strictSame(only(db, org, 2020, 'listed-without-values'), [])
  updateGrant(db, SYSTEM, c1, { onVerantwoordingslijst: true }, undefined, { today: '2026-11-28' })
  t.match(only(db, org, 2020, 'listed-without-values'), [
    { severity: 'fout', grantId: c1, message: /staat op de verantwoordingslijst 2020 maar heeft geen SiSa-waarden/ },
  ])
  const batch = db
    .insert(importBatches)
    .values({ kind: 'schemes', format: 'verantwoordingslijst', fileName: 'l.xlsx', sha256: 'x', actor: 'test', source: 'test' })
    .returning()
    .get()
  db.insert(verantwoordingslijst)
    .values({
      organisationId: org,
      sisaYear: 2020,
      schemeId: getScheme(db, 'fin-gedupeerden-toeslagen-b1')!.id,
      regeling: 'Hulp gedupeerden',
      sisaCode: 'B1',
      beschikkingsnummer: 'FIN-1',
      batchId: batch.id,
    })
    .run()
  t.match(
    only(db, org, 2020, 'listed-without-values').filter((f) => f.grantId === null),
    [{ sisaCode: 'B1', message: /Hulp gedupeerden \(beschikking FIN-1\) staat op de verantwoordingslijst 2020 maar er is geen subsidie/ }],
  )
})

t.test('cents in the appendix: rounded half away from zero and said so', async (t) => {
  const db = withDb(t)
  const g = seedGennep(db)
  set(db, g.a13, 2022, [
    { indicator: 'A13/01', value: '68.000,50' },
    { indicator: 'A13/03', valueCents: -50 },
    { indicator: 'A13/04', valueCents: 6_800_000 },
  ])
  const d = computeSisa(db, g.org, 2022)
  t.match(
    d.findings.filter((f) => f.check === 'rounded'),
    [
      { severity: 'info', indicator: 'A13/01', message: /€ 68\.000,50 staat in de bijlage als € 68\.001 .*half van nul af/ },
      { indicator: 'A13/03', message: /€ -0,50 staat in de bijlage als € -1/ },
    ],
  )
  const grid = appendixSheet(d)
  const values = grid.rows.find((r) => r[5]?.format === 'wholeEuro')!
  t.strictSame([values[5]?.value, values[7]?.value], [6_800_100, -100], 'whole euros (in cents for the renderer)')
})

t.test('tabel fouten en onzekerheden against the (UNCERTAIN) rapporteringsgrens; the table is data', async (t) => {
  const db = withDb(t)
  const g = seedGennep(db)
  createFoutOnzekerheid(db, SYSTEM, g.org, 2022, {
    sisaCode: 'A13',
    indicatorNumber: '01',
    foutCents: 1_000_000,
    onzekerheidCents: 500_000,
    toelichting: 'ontbrekende facturen',
  })
  let d = computeSisa(db, g.org, 2022)
  t.match(d.foutenOnzekerheden, [{ lastenCents: 6_800_000, grensCents: 1_250_000, aboveGrens: true }])
  t.match(
    d.findings.filter((f) => f.check === 'above-threshold'),
    [{ severity: 'waarschuwing', indicator: 'A13/01', message: /€ 15\.000,00 liggen boven de rapporteringsgrens € 12\.500,00/ }],
  )
  db.update(settings)
    .set({ value: [{ upToCents: null, shareBp: 5000 }], source: 'Nota verwachtingen accountantscontrole SiSa 2025' })
    .where(eq(settings.key, 'sisa.rapporteringsgrens'))
    .run()
  d = computeSisa(db, g.org, 2022)
  t.match(d.foutenOnzekerheden, [{ grensCents: 3_400_000, aboveGrens: false }])
  t.strictSame(
    d.findings.filter((f) => f.check === 'threshold-uncertain' || f.check === 'above-threshold'),
    [],
  )
})

t.test('a year without definitions and a grant whose regeling the year does not define', async (t) => {
  const db = withDb(t)
  const org = createOrganisation(db, SYSTEM, { code: 'GM0003', name: 'Leeg' }).id
  seedGrant(db, { org, scheme: 'szw-g2', title: 'Participatie', awarded: 100_000, from: '2022-01-01', to: '2022-12-31', lasten: {} })
  t.match(only(db, org, 2030, 'no-definitions'), [{ severity: 'fout', message: /geen SiSa-definities voor 2030/ }])
  t.match(only(db, org, 2022, 'unknown-regeling'), [
    { severity: 'waarschuwing', sisaCode: 'G2', message: /G2 komt niet voor in de SiSa-definities van 2022/ },
  ])
})

t.test('the checks read earlier years once per run: 15 blocks make as many queries as 3', async (t) => {
  const queriesFor = (grants: number) => {
    const db = withDb(t)
    const g = seedGennep(db)
    for (let i = 1; i < grants; i++)
      seedGrant(db, {
        org: g.org,
        scheme: 'jenv-a13',
        title: `Controle ${i}`,
        awarded: 10_000 + i,
        from: '2022-01-01',
        to: '2022-12-31',
        lasten: { 2022: 10_000 + i },
      })
    const prepare = db.$client.prepare.bind(db.$client)
    let n = 0
    db.$client.prepare = ((sql: string) => {
      n++
      return prepare(sql)
    }) as typeof db.$client.prepare
    const d = computeSisa(db, g.org, 2022)
    t.equal(d.blocks.length, grants, `${grants} blocks`)
    return n
  }
  t.equal(queriesFor(15), queriesFor(3))
})
