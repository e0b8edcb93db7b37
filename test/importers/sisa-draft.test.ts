// SiSa definitions of a year not yet published: T-1's taken over as a draft, marked and configurable (issue 15 item 4);
// the bijlage op maat replaces it, also as CBS CSV; values of T-1 imported with sisa-waarden roll forward into T.
import t from 'tap'
import { eq } from 'drizzle-orm'
import { freshDb } from '../helpers.js'
import type { Db } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { settings, sisaValues } from '../../db/schema.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { getPublishedYearDefinitions, getYearDefinitions } from '../../db/repositories/sisa.js'
import { listStoredValues } from '../../db/repositories/sisa-values.js'
import { SISA_DRAFT_KEY } from '../../db/sisa-draft.js'
import { runImport } from '../../importers/index.js'
import { computeSisa } from '../../reports/sisa.js'
import { seedGrant, set } from '../fixtures/sisa/portfolio.js'

const who = { actor: 'beheer@test', source: 'test' }
const E = (euros: number) => euros * 100

function withGrant(db: Db, scheme: string, from: string, to: string, lasten: Record<number, number>) {
  const org = createOrganisation(db, SYSTEM, { code: 'GM0289', name: 'Wageningen' }).id
  const grant = seedGrant(db, { org, scheme, title: 'Opvang', awarded: 1_000_000, from, to, lasten })
  return { org, grant }
}

const findings = (db: Db, org: number, year: number) => computeSisa(db, org, year).findings

t.test('a year without definitions uses T-1 as a draft, marked in the definitions and the findings', async (t) => {
  const db = freshDb()
  t.equal(getPublishedYearDefinitions(db, 2024), undefined, 'nothing shipped for 2024')
  const y = getYearDefinitions(db, 2024)!
  t.match(y, { sisaYear: 2024, formatDate: '2024-02-07', draftOf: 2023 })
  t.strictSame(
    y.regelingen.map((r) => [r.sisaCode, r.draftOf]),
    [['A16', 2023]],
  )
  t.equal(getYearDefinitions(db, 2023)!.draftOf, undefined, 'a published year is not a draft')
  const { org, grant } = withGrant(db, 'jenv-a16', '2024-01-01', '2024-12-31', { 2024: 100_000 })
  const data = computeSisa(db, org, 2024)
  t.equal(data.blocks[0].grantId, grant, 'the grant gets its block instead of an unknown-regeling warning')
  t.match(
    data.findings.filter((f) => f.check === 'definities-concept'),
    [
      {
        severity: 'waarschuwing',
        sisaCode: 'A16',
        message: /SiSa-definities 2024 overgenomen uit 2023, controleren.*woud import sisa BESTAND --year 2024/,
      },
    ],
  )
  t.notOk(
    data.findings.some((f) => f.check === 'no-definitions' || f.check === 'unknown-regeling'),
    'the draft is used instead of stopping',
  )
  const table = Buffer.from('Indicator;Waarde\nA16/08;€ 500\n')
  const values = await runImport(db, { kind: 'sisa-waarden', fileName: 'w.csv', bytes: table, orgCode: 'GM0289', year: 2024, who })
  t.match(values, { created: 1, rejected: 0, details: { draftDefinitions: ['A16'] } })
  t.match(
    values.warnings,
    [{ message: /SiSa-definities 2024 van A16 zijn overgenomen uit 2023, controleren/ }],
    'values imported against a draft say so',
  )
})

t.test('the draft policy is data in the settings table: off, or a code excluded', async (t) => {
  const db = freshDb()
  const row = db.select().from(settings).where(eq(settings.key, SISA_DRAFT_KEY)).get()!
  t.match(row.value, { fromPreviousYear: true, scope: 'year', exclude: [] }, 'loaded from db/reference/sisa-definitions.json')
  const put = (value: unknown) => db.update(settings).set({ value }).where(eq(settings.key, SISA_DRAFT_KEY)).run()
  put({ fromPreviousYear: true, scope: 'year', exclude: ['A16'] })
  t.equal(getYearDefinitions(db, 2024), undefined, 'an excluded code is not taken over')
  put({ fromPreviousYear: false })
  t.equal(getYearDefinitions(db, 2024), undefined)
  const { org } = withGrant(db, 'jenv-a16', '2024-01-01', '2024-12-31', {})
  t.match(
    findings(db, org, 2024).map((f) => f.check),
    ['no-definitions', 'unknown-regeling'],
  )
  put({ fromPreviousYear: true, scope: 'regeling', exclude: [] })
  t.strictSame(
    getYearDefinitions(db, 2023)!.regelingen.map((r) => [r.sisaCode, r.draftOf]),
    [
      ['A13', 2022],
      ['A16', undefined],
    ],
    "scope 'regeling' also drafts a regeling a published year lacks",
  )
})

t.test("T's own definitions replace the draft; values typed against the draft stay, never twice", async (t) => {
  const db = freshDb()
  const { org, grant } = withGrant(db, 'jenv-a16', '2024-01-01', '2024-12-31', {})
  set(db, grant, 2024, [{ indicator: 'A16/06', value: '€ 1.000' }])
  const bijlage = JSON.stringify({
    sisaYear: 2024,
    formatDate: '2025-01-15',
    regelingen: [
      {
        sisaCode: 'A16',
        verstrekker: 'JenV',
        name: 'Bekostigingsregeling opvang ontheemden Oekraïne',
        indicators: [
          { code: 'A16/06', label: 'Besteding uitgekeerde verstrekkingen particuliere opvang (POO)', dataType: 'euro', aardControle: 'R' },
        ],
      },
    ],
  })
  const r = await runImport(db, { kind: 'sisa', fileName: 'op-maat-2024.json', bytes: Buffer.from(bijlage), year: 2024, who })
  t.match(r, { rejected: 0, created: 2 })
  t.equal(getYearDefinitions(db, 2024)!.draftOf, undefined)
  t.notOk(
    findings(db, org, 2024).some((f) => f.check === 'definities-concept'),
    'no draft finding once the year is published',
  )
  const cell = () => computeSisa(db, org, 2024).blocks[0].indicators.find((i) => i.code === 'A16/06')!.cells[0]
  t.match(cell(), { value: { cents: E(1_000) }, source: 'manual' }, 'the value typed against the draft is still shown')
  set(db, grant, 2024, [{ indicator: 'A16/06', value: '€ 2.000' }])
  t.equal(
    db.select().from(sisaValues).where(eq(sisaValues.grantId, grant)).all().length,
    1,
    'updated in place and re-pointed, not a second row',
  )
  t.match(cell(), { value: { cents: E(2_000) } })
})

t.test('last year filled in (sisa-waarden) rolls forward: the cumulative check of T+1 starts from it', async (t) => {
  const db = freshDb()
  const defs = {
    sisaYear: 2030,
    formatDate: '2031-01-15',
    regelingen: [
      {
        sisaCode: 'A13',
        verstrekker: 'JenV',
        name: 'Regeling A13',
        indicators: [
          { code: 'A13/01', label: 'Besteding (jaar T)', dataType: 'euro', aardControle: 'R', role: 'besteding' },
          { code: 'A13/02', label: 'Cumulatieve besteding (t/m jaar T)', dataType: 'euro', aardControle: 'R', role: 'cumulatief' },
        ],
      },
    ],
  }
  t.match(await runImport(db, { kind: 'sisa', fileName: 'd.json', bytes: Buffer.from(JSON.stringify(defs)), year: 2030, who }), {
    rejected: 0,
  })
  // A municipality new to Woud: its ledger starts in 2031, the 2030 figures come from last year's appendix.
  const { org, grant } = withGrant(db, 'jenv-a13', '2030-01-01', '2031-12-31', { 2031: 20_000 })
  const mismatch = () => findings(db, org, 2031).filter((f) => f.check === 'cumulative-mismatch')
  set(db, grant, 2031, [{ indicator: 'A13/02', value: '€ 70.000' }])
  t.match(mismatch(), [{ message: /gerealiseerde lasten t\/m 2030/ }], 'without last year, the ledger alone does not add up')
  const values = Buffer.from('Indicator;Waarde\nA13/01;€ 50.000\nA13/02;€ 50.000\n')
  const r = await runImport(db, { kind: 'sisa-waarden', fileName: 'sisa-2030.csv', bytes: values, orgCode: 'GM0289', year: 2030, who })
  t.match(r, { format: 'sisa-waardentabel', created: 2, rejected: 0 })
  t.strictSame(
    listStoredValues(db, [grant], 2030).map((v) => [v.number, v.value]),
    [
      ['01', { cents: E(50_000) }],
      ['02', { cents: E(50_000) }],
    ],
  )
  t.strictSame(mismatch(), [], '2030 cumulative 50.000 + besteding 2031 20.000 = 70.000')
  set(db, grant, 2031, [{ indicator: 'A13/02', value: '€ 75.000' }])
  t.match(mismatch(), [{ message: /cumulatief 2030 € 50\.000,00 \(SiSa 2030\)/ }])
  set(db, grant, 2031, [{ indicator: 'A13/02', value: null }])
  t.match(
    computeSisa(db, org, 2031).blocks[0].indicators.find((i) => i.code === 'A13/02')!.cells[0],
    {
      value: { cents: E(70_000) },
      source: 'prefill:cumulatief',
      explanation: /cumulatief 2030 uit SiSa 2030 plus gerealiseerde lasten 2031/,
    },
    'the prefill itself rolls forward from the imported 2030 value',
  )
  t.strictSame(mismatch(), [])
  t.match(
    findings(db, org, 2031).filter((f) => f.check === 'definities-concept'),
    [{ sisaCode: 'A13' }],
    '2031 runs on the 2030 definitions as a draft',
  )
})

t.test("the CBS bijlage op maat saved as CSV is read as the bijlage layout, not as Woud's definitions table", async (t) => {
  const db = freshDb()
  const pad = ';;;;'
  const cbs = [
    'SiSa bijlage verantwoordingsinformatie 2022 op grond van artikel 3 van de Regeling informatieverstrekking sisa - d.d. 7-2-2023',
    '',
    'Verstrekker;Uitkeringscode;Specifieke uitkering;Juridische grondslag;Ontvanger;Indicator;Indicator;Indicator;Indicator;Indicator',
    'JenV;A13;Incidentele bijdrage ondersteuning naleving controle op coronatoegangsbewijzen;;Gemeenten;' +
      'Besteding in (jaar T) (zelfstandige uitvoering incl. uitvoering door andere partijen, niet zijnde medeoverheden);' +
      'Zelfstandige uitvoering (Ja/Nee);' +
      'Correctie besteding (jaar T-1) (vanaf SiSa 2023 van toepassing i.v.m. SiSa tussen medeoverheden);' +
      'Cumulatieve besteding (t/m jaar T) inclusief uitvoering door andere medeoverheden vanaf SiSa 2023;' +
      'Eindverantwoording (Ja/Nee)',
    `${pad};Aard controle R;Aard controle n.v.t.;Aard controle R;Aard controle R;Aard controle n.v.t.`,
    `${pad};Indicator: A13/01;Indicator: A13/02;Indicator: A13/03;Indicator: A13/04;Indicator: A13/05`,
    `${pad};;;;;`,
  ].join('\r\n')
  const r = await runImport(db, { kind: 'sisa', fileName: 'sisa-bijlage-op-maat-2022.csv', bytes: Buffer.from(cbs), year: 2022, who })
  t.strictSame(r.errors, [])
  t.match(r, { format: 'sisa-bijlage', created: 0, updated: 0 }, 'the same as the shipped 2022 definitions of A13')
  const table = 'Uitkeringscode;Indicator;Omschrijving\nA13;A13/01;Besteding\n'
  const near = await runImport(db, { kind: 'sisa', fileName: 'definities.csv', bytes: Buffer.from(table), year: 2022, who })
  t.match(
    near.errors,
    [{ message: /niet gevonden: dataType, aardControle/ }],
    "a definitions table missing columns still says which, not 'no blocks'",
  )
})
