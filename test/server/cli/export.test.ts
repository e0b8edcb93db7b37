// woud export REPORT --org --year --out FILE.xlsx [--scenario] [--cut]: the workbook on disk equals the report's data.
import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../../db/client.js'
import { REPORTS } from '../../../reports/index.js'
import { buildReportParams, findReportOrganisation } from '../../../reports/report-params.js'
import { TEST_NOW, cliOn } from '../../helpers.js'
import { seedPortfolio } from '../../fixtures/reports.js'
import { col, euro, loadWorkbook, readTable } from '../../fixtures/reports-xlsx.js'

const cli = (db: Db) => cliOn(db)

const db = openDatabase(':memory:')
t.teardown(() => db.$client.close())
seedPortfolio(db)
const run = cli(db)

t.test('export writes the workbook the API would send, and prints a JSON summary (Dutch report and scenario names)', async (t) => {
  const dir = t.testdir({})
  const out = join(dir, 'prognose.xlsx')
  const r = await run(
    '--json',
    'export',
    'prognose', // the Dutch words work as the keys do (forecast, spuk-reform)
    '--org',
    'gm0363',
    '--year',
    '2026',
    '--out',
    out,
    '--scenario',
    'hervorming',
    '--cut',
    '15',
  )
  t.equal(r.code, 0, r.err)
  t.match(JSON.parse(r.out), {
    report: 'forecast',
    organisation: 'GM0363',
    year: 2026,
    scenario: 'spuk-reform',
    file: out,
    sheets: ['Prognose'],
  })
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, scenario: 'spuk-reform', cut: '15', now: TEST_NOW })
  const data = REPORTS.forecast.compute(db, p) as { perYear: { gemeentefondsCents: number; cutCents: number }[] }
  const tab = readTable((await loadWorkbook(readFileSync(out))).getWorksheet('Prognose')!, 'Jaar')
  t.strictSame(
    col(tab, 'Naar gemeentefonds'),
    data.perYear.map((y) => euro(y.gemeentefondsCents)),
  )
  t.strictSame(
    col(tab, 'Korting'),
    data.perYear.map((y) => euro(y.cutCents)),
  )
  t.ok(tab.preamble.some((l) => /15 % korting/.test(l)))
})

t.test('controller export without --json says where the file went', async (t) => {
  const out = join(t.testdir({}), 'controller.xlsx')
  const r = await run('export', 'controller', '--org', 'GM0363', '--year', '2026', '--out', out)
  t.equal(r.code, 0, r.err)
  t.match(r.out, /Controllersoverzicht van GM0363 \(2026\) geschreven naar .*controller\.xlsx/)
  const wb = await loadWorkbook(readFileSync(out))
  t.equal(wb.worksheets[0].name, 'Voorblad')
})

t.test('bad input: exit codes and no file', async (t) => {
  const dir = t.testdir({})
  const cases: [string[], number, RegExp][] = [
    [['export', 'winst', '--org', 'GM0363', '--year', '2026', '--out', join(dir, 'a.xlsx')], 2, /Rapport 'winst' bestaat niet/],
    [['export', 'bbv', '--org', 'GM9999', '--year', '2026', '--out', join(dir, 'b.xlsx')], 1, /GM9999 bestaat niet/],
    [['export', 'bbv', '--org', 'GM0363', '--year', '2040', '--out', join(dir, 'c.xlsx')], 1, /valt buiten de gegevens/],
    [
      [
        'export',
        'forecast',
        '--org',
        'GM0363',
        '--year',
        '2026',
        '--scenario',
        'spuk-reform',
        '--cut',
        '101',
        '--out',
        join(dir, 'd.xlsx'),
      ],
      1,
      /buiten 0–100 %/,
    ],
    [['export', 'bbv', '--org', 'GM0363', '--year', '2026', '--out', join(dir, 'e.csv')], 2, /moet op \.xlsx eindigen/],
    [['export', 'bbv', '--org', 'GM0363', '--year', '2026'], 2, /.*/],
  ]
  for (const [argv, code, msg] of cases) {
    const r = await run(...argv)
    t.equal(r.code, code, argv.join(' '))
    t.match(r.err, msg)
  }
  for (const f of ['a', 'b', 'c', 'd']) t.notOk(existsSync(join(dir, `${f}.xlsx`)), `${f}.xlsx not written`)
  const r = await run('export', 'bbv', '--org', 'GM0363', '--year', '2026', '--out', join(dir, 'nope', 'x.xlsx'))
  t.equal(r.code, 3, 'an unwritable path is a failure')
  t.notOk(existsSync(join(dir, 'nope')))
})
