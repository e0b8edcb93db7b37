// `woud import sisa-waarden FILE --org X --year T`: a filled SiSa appendix (the CBS layout as xlsx and CSV, Woud's own
// export, Woud's values table) stored as year T's values with their source; all or nothing, idempotent, audited.
import t from 'tap'
import ExcelJS from 'exceljs'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { cliOn, freshDb, testApp, userWithToken } from '../helpers.js'
import { form } from './upload.js'
import type { Db } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { auditLog, sisaValues } from '../../db/schema.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { listStoredValues } from '../../db/repositories/sisa-values.js'
import { runImport } from '../../importers/index.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { computeSisa } from '../../reports/sisa.js'
import { sisaReport } from '../../reports/sisa-report.js'
import { LINGEWAARD_PROJECTS, seedGrant, seedLingewaard } from '../fixtures/sisa/portfolio.js'

const E = (euros: number) => euros * 100
const who = { actor: 'controller@test', source: 'test' }

/** Gennep 2022 (domain guide §1.7): A13 as CBS prints it, plus an A16 block the test portfolio does not have. */
export function gennepRows(
  title = 'SiSa bijlage verantwoordingsinformatie 2022 op grond van artikel 3 van de Regeling informatieverstrekking sisa - d.d. 7-2-2023',
) {
  const pad = ['', '', '', '', '']
  return [
    [title],
    [],
    [
      'Verstrekker',
      'Uitkeringscode',
      'Specifieke uitkering',
      'Juridische grondslag',
      'Ontvanger',
      'Indicator',
      'Indicator',
      'Indicator',
      'Indicator',
      'Indicator',
    ],
    [
      'JenV',
      'A13',
      'Incidentele bijdrage ondersteuning naleving controle op coronatoegangsbewijzen',
      '',
      'Gemeenten',
      'Besteding in (jaar T) (zelfstandige uitvoering incl. uitvoering door andere partijen, niet zijnde medeoverheden)',
      'Zelfstandige uitvoering (Ja/Nee)',
      'Correctie besteding (jaar T-1) (vanaf SiSa 2023 van toepassing i.v.m. SiSa tussen medeoverheden)',
      'Cumulatieve besteding (t/m jaar T) inclusief uitvoering door andere medeoverheden vanaf SiSa 2023',
      'Eindverantwoording (Ja/Nee)',
    ],
    [...pad, 'Aard controle R', 'Aard controle n.v.t.', 'Aard controle R', 'Aard controle R', 'Aard controle n.v.t.'],
    [...pad, 'Indicator: A13/01', 'Indicator: A13/02', 'Indicator: A13/03', 'Indicator: A13/04', 'Indicator: A13/05'],
    [...pad, '€ 68.000', 'Ja', '€ 0', '€ 68.000', 'Nee'],
    [],
    [
      'JenV',
      'A16',
      'Bekostigingsregeling opvang ontheemden Oekraïne',
      '',
      'Gemeenten',
      'Besteding uitgekeerde verstrekkingen particuliere opvang (POO)',
    ],
    [...pad, 'Aard controle R'],
    [...pad, 'Indicator: A16/06'],
    [...pad, '€ 63.556'],
  ]
}

async function xlsx(rows: unknown[][], name = 'SiSa-bijlage'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(name)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const csv = (rows: unknown[][]) => Buffer.from(rows.map((r) => r.map((c) => String(c ?? '')).join(';')).join('\r\n'))

function gennep(db: Db, extraA13 = false) {
  const org = createOrganisation(db, SYSTEM, { code: 'GM0907', name: 'Gennep' }).id
  const grant = (title: string) =>
    seedGrant(db, { org, scheme: 'jenv-a13', title, awarded: 68_000, from: '2022-01-01', to: '2023-12-31', lasten: { 2022: 68_000 } })
  const a13 = grant('Coronatoegangsbewijzen')
  const second = extraA13 ? grant('Coronatoegangsbewijzen tranche 2') : undefined
  return { org, a13, second }
}

const imp = (db: Db, bytes: Buffer, opts: { year?: number; dryRun?: boolean; map?: Record<string, string>; fileName?: string } = {}) =>
  runImport(db, {
    kind: 'sisa-waarden',
    fileName: opts.fileName ?? 'bijlage-2022.xlsx',
    bytes,
    orgCode: 'GM0907',
    year: opts.year ?? 2022,
    dryRun: opts.dryRun,
    map: opts.map,
    who,
  })

const valuesOf = (db: Db, grantId: number, year: number) =>
  Object.fromEntries(
    listStoredValues(db, [grantId], year).map((v) => [`${v.sisaCode}/${v.number}${v.rowNo ? `:${v.rowNo}` : ''}`, v.value]),
  )

t.test('the CBS layout (xlsx): values stored for year T with their source, unknown regeling reported, re-import unchanged', async (t) => {
  const db = freshDb()
  const { a13 } = gennep(db)
  const bytes = await xlsx(gennepRows())
  const dry = await imp(db, bytes, { dryRun: true })
  t.match(dry, { format: 'sisa-bijlage', dryRun: true, created: 5, rejected: 0, batchId: null })
  t.match((dry.details as { values: unknown[] }).values, [
    {
      grantId: a13,
      indicator: 'A13/01',
      before: null,
      after: '€ 68.000,00',
      outcome: 'created',
      sheet: 'SiSa-bijlage',
      row: 7,
      column: 'F',
    },
  ])
  t.strictSame(valuesOf(db, a13, 2022), {}, 'a dry run writes nothing')
  const r = await imp(db, bytes)
  t.match(r, { created: 5, updated: 0, unchanged: 0, rejected: 0 })
  t.strictSame(valuesOf(db, a13, 2022), {
    'A13/01': { cents: E(68_000) },
    'A13/02': { bool: true },
    'A13/03': { cents: 0 },
    'A13/04': { cents: E(68_000) },
    'A13/05': { bool: false },
  })
  t.equal(listStoredValues(db, [a13], 2022)[0].source, `import:${r.batchId}`, 'the stored value names its import')
  const unmatched = r.warnings.find((w) => /A16/.test(w.message))
  t.match(unmatched, {
    sheet: 'SiSa-bijlage',
    row: 9,
    column: 'B',
    message: /A16: 1 waarde\(n\) niet opgeslagen.*GM0907.*A16\/06 = € 63\.556,00/,
  })
  t.match((r.details as { unmatched: unknown[] }).unmatched, [{ indicator: 'A16/06', value: '€ 63.556,00' }])
  t.equal(db.select().from(auditLog).where(eq(auditLog.entity, 'sisa_value')).all().length, 5, 'every value audited')
  const again = await imp(db, bytes)
  t.match(again, { created: 0, updated: 0, unchanged: 5, rejected: 0 }, 'importing the same file twice changes nothing')
  // The SiSa view shows the imported values instead of the ledger prefill.
  const block = computeSisa(db, 1, 2022).blocks.find((b) => b.grantId === a13)!
  t.match(block.indicators.find((i) => i.code === 'A13/05')!.cells[0], { value: { bool: false }, source: 'manual' })
})

t.test('the CBS layout saved as CSV reads the same; a changed value is an update with before and after', async (t) => {
  const db = freshDb()
  const { a13 } = gennep(db)
  t.match(await imp(db, csv(gennepRows()), { fileName: 'bijlage.csv' }), { format: 'sisa-bijlage', created: 5, rejected: 0 })
  const rows = gennepRows()
  rows[6][8] = '€ 70.000'
  const r = await imp(db, csv(rows), { fileName: 'bijlage.csv' })
  t.match(r, { created: 0, updated: 1, unchanged: 4 })
  t.match((r.details as { changes: unknown[] }).changes, [
    { code: `A13/04 (subsidie #${a13})`, row: 7, outcome: 'updated', fields: { waarde: { before: '€ 68.000,00', after: '€ 70.000,00' } } },
  ])
  t.strictSame(valuesOf(db, a13, 2022)['A13/04'], { cents: E(70_000) })
})

t.test("Woud's own export read back into a new database gives the same appendix values (per project)", async (t) => {
  const db1 = freshDb()
  const { org } = seedLingewaard(db1)
  const params = { organisationId: org, orgCode: 'GM1705', orgName: 'Lingewaard', year: 2020, today: '2026-11-28', generatedAt: '' }
  const before = sisaReport.compute(db1, params)
  const bytes = await renderWorkbook(sisaReport.sheets(before, params))
  const db2 = freshDb()
  const org2 = createOrganisation(db2, SYSTEM, { code: 'GM1705', name: 'Lingewaard' }).id
  const total = LINGEWAARD_PROJECTS.reduce((a, [, v]) => a + v, 0)
  const c1 = seedGrant(db2, {
    org: org2,
    scheme: 'bzk-c1-rrew',
    title: 'Reductie Energiegebruik',
    awarded: 180_000,
    from: '2020-01-01',
    to: '2022-12-31',
    finalAccountYear: 2022,
    lasten: { 2020: total },
    payments: [['2020-02-01', 180_000]],
  })
  const r = await runImport(db2, { kind: 'sisa-waarden', fileName: 'sisa-2020.xlsx', bytes, orgCode: 'GM1705', year: 2020, who })
  t.strictSame(r.errors, [])
  t.equal(r.format, 'sisa-bijlage')
  const v = valuesOf(db2, c1, 2020)
  t.strictSame(v['C1/03:1'], { text: LINGEWAARD_PROJECTS[0][0] }, 'project rows keep their number')
  t.strictSame(v['C1/04:6'], { cents: E(LINGEWAARD_PROJECTS[5][1]) })
  const after = computeSisa(db2, org2, 2020)
  const cells = (d: typeof after) => d.blocks[0].indicators.map((i) => [i.code, i.cells.map((c) => c.value)])
  t.strictSame(cells(after), cells(before), 'every cell of the appendix is the same')
})

t.test("the values table (Woud's template): one row per value, Beschikkingsnummer picks the tranche", async (t) => {
  const db = freshDb()
  const { a13, second } = gennep(db, true)
  const table = [
    ['Jaar', 'Indicator', 'Regel', 'Waarde', 'Beschikkingsnummer'],
    [2022, 'A13/01', '', '€ 40.000', 'B-jenv-a13-2022'],
    [2022, 'A13 / 02', '', 'Ja', 'B-jenv-a13-2022'],
  ]
  // both grants got the same beschikkingsnummer from the fixture: make the second one distinct
  db.$client.prepare('UPDATE grants SET beschikkingsnummer = ? WHERE id = ?').run('B-jenv-a13-2022-t2', second)
  table.push([2022, 'A13/01', '', '28.000', 'B-jenv-a13-2022-t2'])
  const r = await imp(db, await xlsx(table, 'Waarden'))
  t.strictSame(r.errors, [])
  t.equal(r.format, 'sisa-waardentabel')
  t.strictSame(valuesOf(db, a13, 2022), { 'A13/01': { cents: E(40_000) }, 'A13/02': { bool: true } })
  t.strictSame(valuesOf(db, second!, 2022), { 'A13/01': { cents: E(28_000) } }, "a bare '28.000' in a Dutch appendix is 28 thousand")
})

t.test('bad input: each a clear error naming the place, nothing written', async (t) => {
  const db = freshDb()
  const { a13 } = gennep(db, true)
  const count = () => db.select().from(sisaValues).all().length
  // Two grants with A13: the block cannot be split over them.
  const two = await imp(db, await xlsx(gennepRows()))
  t.match(two.errors, [
    {
      sheet: 'SiSa-bijlage',
      row: 4,
      column: 'B',
      message: /A13 past bij meer dan één subsidie: #\d+ 'Coronatoegangsbewijzen'.*--map A13=BESCHIKKINGSNUMMER/,
    },
  ])
  t.equal(count(), 0)
  const chosen = await imp(db, await xlsx(gennepRows()), { map: { A13: String(a13) } })
  t.match(chosen, { created: 5, rejected: 0 }, '--map A13=<grant> resolves it')
  db.$client.prepare('DELETE FROM sisa_values').run()
  // An indicator the year does not define.
  const rows = gennepRows()
  rows[5][9] = 'Indicator: A13/09'
  const unknown = await imp(db, await xlsx(rows), { map: { A13: String(a13) } })
  t.match(unknown.errors, [
    { sheet: 'SiSa-bijlage', row: 6, column: 'J', message: /indicator A13\/09 bestaat niet in SiSa 2022 \(wel: A13\/01, .*A13\/05\)/ },
  ])
  // A regeling the year does not define.
  const c94 = gennepRows()
  c94[8][1] = 'C94'
  c94[10][5] = 'Indicator: C94/06'
  const noReg = await imp(db, await xlsx(c94), { map: { A13: String(a13) } })
  t.match(noReg.errors, [
    {
      sheet: 'SiSa-bijlage',
      row: 11,
      column: 'F',
      message: /uitkering C94 komt niet voor in de SiSa-definities van 2022 \(wel: A13, A16\)/,
    },
  ])
  // A file of another year.
  const other = await imp(
    db,
    await xlsx(gennepRows().map((r, i) => (i === 0 ? ['SiSa bijlage verantwoordingsinformatie 2021 - d.d. 1-3-2022'] : r))),
    {
      map: { A13: String(a13) },
    },
  )
  t.match(other.errors, [{ sheet: 'SiSa-bijlage', row: 1, column: 'A', message: /SiSa-jaar 2021, niet van --year 2022/ }])
  // A value of the wrong type.
  const bad = gennepRows()
  bad[6][6] = 'Misschien'
  const wrong = await imp(db, await xlsx(bad), { map: { A13: String(a13) } })
  t.ok(
    wrong.errors.some((e) => e.row === 7 && e.column === 'G' && /Misschien.*geen Ja of Nee/.test(e.message)),
    JSON.stringify(wrong.errors),
  )
  t.equal(count(), 0, 'nothing written by any of them')
  t.equal(
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'sisa_value'), eq(auditLog.action, 'create')))
      .all().length,
    5,
    'only the one accepted import is audited',
  )
})

t.test('CLI: woud import sisa-waarden FILE --org --year, exit codes 0, 1 and 2', async (t) => {
  const db = freshDb()
  gennep(db)
  const dir = t.testdir({})
  const file = join(dir, 'gennep-2022.xlsx')
  writeFileSync(file, await xlsx(gennepRows()))
  const run = cliOn(db)
  const ok = await run('--json', 'import', 'sisa-waarden', file, '--org', 'GM0907', '--year', '2022')
  t.equal(ok.code, 0, ok.err)
  t.match(ok.json(), { format: 'sisa-bijlage', created: 5, rejected: 0 })
  const human = await run('import', 'sisa-waarden', file, '--org', 'GM0907', '--year', '2022', '--dry-run')
  t.match(human.out, /Ongewijzigd: 5/)
  t.equal((await run('import', 'sisa-waarden', file, '--year', '2022')).code, 2, 'no --org: usage')
  t.equal((await run('import', 'sisa-waarden', file, '--org', 'GM0907')).code, 2, 'no --year: usage')
  const wrongYear = await run('import', 'sisa-waarden', file, '--org', 'GM0907', '--year', '2021')
  t.equal(wrongYear.code, 1)
  t.match(wrongYear.out, /SiSa-jaar 2022, niet van --year 2021/)
})

t.test('upload route: multipart, controller of the organisation, 422 when rejected, 400 without year', async (t) => {
  const { api, db } = await testApp(t)
  gennep(db)
  const controller = userWithToken(db, 'c@gennep.test', [{ orgCode: 'GM0907', role: 'controller' }])
  const medewerker = userWithToken(db, 'm@gennep.test', [{ orgCode: 'GM0907', role: 'medewerker' }])
  const bytes = await xlsx(gennepRows())
  const post = (token: string, fields: [string, string][], b = bytes) =>
    api({ method: 'POST', url: '/api/v1/imports/sisa-waarden', token, ...form(fields, { bytes: b, filename: 'gennep.xlsx' }) })
  const fields: [string, string][] = [
    ['org', 'GM0907'],
    ['year', '2022'],
  ]
  t.equal((await post(medewerker, fields)).statusCode, 403, 'values of the appendix are a controller matter')
  t.equal((await post(controller, [['org', 'GM0907']])).statusCode, 400, 'year is required')
  const dry = await post(controller, [...fields, ['dryRun', 'true']])
  t.equal(dry.statusCode, 200)
  t.match(dry.json(), { dryRun: true, created: 5, details: { values: [{ indicator: 'A13/01', before: null, after: '€ 68.000,00' }] } })
  const ok = await post(controller, fields)
  t.equal(ok.statusCode, 200, ok.body)
  t.match(ok.json(), { format: 'sisa-bijlage', created: 5 })
  const bad = gennepRows()
  bad[5][9] = 'Indicator: A13/09'
  const rejected = await post(controller, fields, await xlsx(bad))
  t.equal(rejected.statusCode, 422)
  t.match(rejected.json().errors, [{ sheet: 'SiSa-bijlage', row: 6, column: 'J' }])
})
