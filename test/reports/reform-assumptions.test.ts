// Issue 16 item 7: the spuk-reform defaults are data with their sources and dates; the forecast workbook shows per
// scheme which assumption it used, where it comes from and whether the organisation set it; every change is audited.
import t from 'tap'
import { listAudit, type Actor } from '../../db/audit.js'
import { openDatabase, type Db } from '../../db/client.js'
import { DEFAULT_REFORM, REFORM_DEFAULTS_KEY } from '../../db/reference/settings-reports.js'
import {
  deleteReformAssumption,
  listReformAssumptions,
  reformDefaults,
  setReformAssumption,
  setReformDefaults,
} from '../../db/repositories/reform-assumptions.js'
import { forecastReport } from '../../reports/forecast-report.js'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { buildReportParams, findReportOrganisation } from '../../reports/report-params.js'
import { TEST_NOW, testApp } from '../helpers.js'
import { EUR, seedPortfolio } from '../fixtures/reports.js'
import { col, loadWorkbook, readTable } from '../fixtures/reports-xlsx.js'

const CONTROLLER: Actor = { actor: 'controller@gemeente.nl', source: 'api' }
const of = (db: Db, code: string) => listReformAssumptions(db).find((a) => a.schemeCode === code)!
const auditCount = (db: Db, entity: string, id: string) => listAudit(db, { entity, entityId: id }).total

t.test('defaults carry their documents, dates, standing and uncertainty', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const spuk = of(db, 'bzk-regio-deals-5')
  t.match(spuk, {
    origin: 'standaard',
    rule: { kind: 'instrument', key: 'spuk' },
    treatment: 'gemeentefonds',
    cutBp: 1000,
    fromYear: 2026,
    standing: 'kabinetsbeleid',
    uncertain: true,
    setBy: null,
  })
  t.strictSame(
    spuk.sources.map((s) => [s.reference ?? s.title, s.published]),
    [
      ['Hoofdlijnenakkoord 2024–2028 (PVV, VVD, NSC, BBB)', '2024-05-16'],
      ['Kamerstuk 36600-B nr. 45', '2025-05-21'],
      ['Kamerstuk 36800-B nr. 14', '2025-12-19'],
    ],
  )
  t.match(spuk.note, /Niet elke spuk verdwijnt/)
  t.match(of(db, 'szw-g2'), { rule: { kind: 'regeling', key: 'szw-g2' }, treatment: 'continues', cutBp: 0, uncertain: false })
  const du = of(db, 'szw-energietoeslag-2023')
  t.match(du, { treatment: 'bfu', fromYear: 2027, standing: 'wetsvoorstel', uncertain: true })
  t.strictSame(
    du.sources.map((s) => s.published),
    ['2026-01-09'],
    'the BFU is a bill sent to the Raad van State on 9 January 2026',
  )
  t.match(of(db, 'vws-bosa'), { rule: { kind: 'overig' }, treatment: 'continues', standing: 'aanname', sources: [] })
  const row = db.$client.prepare('SELECT source FROM settings WHERE key = ?').get(REFORM_DEFAULTS_KEY) as { source: string }
  t.match(row.source, /36800-B nr\. 14/, 'the settings row names its sources too')
})

t.test('the forecast workbook shows per scheme the assumption, its origin, source and date', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const f = seedPortfolio(db)
  setReformAssumption(db, CONTROLLER, 'ocw-oab-2019', {
    treatment: 'continues',
    fromYear: 2026,
    cutBp: 1000,
    note: 'Raadsbrief 12-03-2026',
  })
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, scenario: 'spuk-reform', now: TEST_NOW })
  const d = forecastReport.compute(db, p)
  const wb = await loadWorkbook(await renderWorkbook(forecastReport.sheets(d, p)))
  const ass = readTable(wb.getWorksheet('Aannames hervorming')!, 'Regeling')
  const rowOf = (code: string) => {
    const i = (col(ass, 'Regeling') as string[]).indexOf(code)
    t.ok(i >= 0, `${code} is on the sheet`)
    return Object.fromEntries(ass.header.map((h, j) => [h, ass.rows[i][j]]))
  }
  const oab = rowOf('ocw-oab-2019')
  t.match(oab, {
    Behandeling: 'Blijft spuk',
    Korting: 0.1,
    Herkomst: 'Vastgelegd door de organisatie',
    'Vastgelegd door': 'controller@gemeente.nl',
    Onzeker: 'Nee',
    Bron: 'zie toelichting',
    Toelichting: 'Raadsbrief 12-03-2026',
  })
  t.ok(oab['Vastgelegd op'] instanceof Date, 'the date it was set is a date cell')
  const rd = rowOf('bzk-regio-deals-5')
  t.match(rd, {
    Behandeling: 'Gemeentefonds',
    Herkomst: 'Standaard van Woud (regel voor instrument spuk)',
    Grondslag: 'kabinetsbeleid (Kamerbrief)',
    Onzeker: 'Ja',
    Bron: /Kamerstuk 36600-B nr\. 45 \(21-05-2025\).*Kamerstuk 36800-B nr\. 14 \(19-12-2025\)/,
  })
  t.strictSame(rd['Datum laatste bron'], new Date(Date.UTC(2025, 11, 19)), 'latest source as a date cell')
  t.equal(rd['Vastgelegd door'] ?? null, null)
  const pre = readTable(wb.getWorksheet('Prognose')!, 'Jaar').preamble.join('\n')
  t.match(pre, /ocw-oab-2019: vanaf 2026 blijft specifieke uitkering met 10 % korting/)
  t.match(pre, /Onzeker \(geen bron die het per regeling vastlegt\): .*bzk-regio-deals-5/)
  // The continuing OAB keeps 90 % of its EUR 300 k as spuk baten; the cut counts 10 %.
  const oabGrant = d.grants.find((g) => g.grantId === f.c)!
  t.equal(oabGrant.perYear[0], EUR(270_000))
  t.match(oabGrant.treatment, /blijft specifieke uitkering met 10 % korting/)
  t.equal(d.perYear[0].awardedCents, EUR(270_000), 'only the OAB stays a spuk in 2026')
  t.equal(d.perYear[0].cutCents, EUR(30_000 + 40_000), '10 % of the continuing OAB plus 10 % of the EUR 400 k converted')
  t.equal(d.perYear[0].gemeentefondsCents, EUR(360_000))

  const withCut = forecastReport.compute(db, { ...p, options: { cutBp: '2000' } })
  const rd2 = withCut.reform.find((a) => a.schemeCode === 'bzk-regio-deals-5')!
  t.match(rd2, { cutBp: 2000, cutOverridden: true })
  const wb2 = await loadWorkbook(await renderWorkbook(forecastReport.sheets(withCut, p)))
  const ass2 = readTable(wb2.getWorksheet('Aannames hervorming')!, 'Regeling')
  const i = (col(ass2, 'Regeling') as string[]).indexOf('bzk-regio-deals-5')
  t.match(col(ass2, 'Herkomst')[i], /korting opgegeven bij dit rapport/, 'an overridden cut says so')
  t.equal(withCut.reform.find((a) => a.schemeCode === 'ocw-oab-2019')!.cutBp, 1000, 'the override only touches gemeentefonds rules')
})

t.test('changes are audited; a repeat is a no-op; bad input changes nothing', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedPortfolio(db)
  const code = 'bzk-regio-deals-5'
  setReformAssumption(db, CONTROLLER, code, { treatment: 'continues', fromYear: 2026, cutBp: 1000 })
  t.equal(auditCount(db, 'reform_assumption', code), 1)
  setReformAssumption(db, CONTROLLER, code, { treatment: 'continues', fromYear: 2026, cutBp: 1000 })
  t.equal(auditCount(db, 'reform_assumption', code), 1, 'the same assumption again writes nothing')
  setReformAssumption(db, { actor: 'beheer@gemeente.nl', source: 'cli' }, code, { treatment: 'ends', fromYear: 2028 })
  const trail = listAudit(db, { entity: 'reform_assumption', entityId: code }).items
  t.match(trail[1], {
    actor: 'beheer@gemeente.nl',
    action: 'update',
    before: { treatment: 'continues', cutBp: 1000 },
    after: { treatment: 'ends', fromYear: 2028, cutBp: 0 },
  })
  t.equal(of(db, code).setBy, 'beheer@gemeente.nl', 'the last change names who set it')

  const bad: [Parameters<typeof setReformAssumption>[3], string, RegExp][] = [
    [{ treatment: 'ends', fromYear: 2027, cutBp: 1000 }, 'cutPct', /vervalt heeft geen korting/],
    [{ treatment: 'continues', fromYear: 2027, cutBp: 10001 }, 'cutPct', /tussen 0 en 100 %/],
    [{ treatment: 'bfu', fromYear: 2027, cutBp: -1 }, 'cutPct', /tussen 0 en 100 %/],
    [{ treatment: 'naar-de-maan' as 'ends', fromYear: 2027 }, 'treatment', /onbekende behandeling/],
    [{ treatment: 'ends', fromYear: 20270 }, 'fromYear', /geen jaartal/],
  ]
  for (const [input, field, message] of bad) {
    t.throws(() => setReformAssumption(db, CONTROLLER, code, input), { name: 'ReformInputError', field, message }, field)
  }
  t.equal(auditCount(db, 'reform_assumption', code), 2, 'no audit row for a refusal')
  t.match(of(db, code), { treatment: 'ends', fromYear: 2028 }, 'the stored assumption is unchanged')

  t.ok(deleteReformAssumption(db, CONTROLLER, code))
  t.match(listAudit(db, { entity: 'reform_assumption', entityId: code }).items[2], { action: 'delete', after: null })
  t.match(of(db, code), { origin: 'standaard', setBy: null })
})

t.test('the defaults themselves: changed as data, audited, refused whole when a rule is wrong', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const mine = structuredClone(DEFAULT_REFORM)
  mine.bySchemeCode['bzk-regio-deals-5'] = {
    treatment: 'continues',
    cutBp: 1000,
    note: 'Regio Deals blijven',
    sources: [{ title: 'Kamerbrief voortzetting', reference: 'Kamerstuk 36800-B nr. 14', published: '2025-12-19' }],
    standing: 'kabinetsbeleid',
  }
  setReformDefaults(db, CONTROLLER, mine, 'eigen keuze na Kamerstuk 36800-B nr. 14')
  t.match(of(db, 'bzk-regio-deals-5'), { origin: 'standaard', rule: { kind: 'regeling' }, treatment: 'continues', cutBp: 1000 })
  t.match(listAudit(db, { entity: 'setting', entityId: REFORM_DEFAULTS_KEY }).items, [
    { actor: 'controller@gemeente.nl', action: 'update', after: { source: 'eigen keuze na Kamerstuk 36800-B nr. 14' } },
  ])

  const broken = structuredClone(mine)
  broken.byInstrument.spuk.cutBp = 12000
  t.throws(() => setReformDefaults(db, CONTROLLER, broken, 'x'), { field: 'byInstrument.spuk.cutPct', message: /^byInstrument\.spuk: / })
  const undated = structuredClone(mine)
  undated.bySchemeCode['bzk-regio-deals-5'].sources![0].published = '19-12-2025'
  t.throws(() => setReformDefaults(db, CONTROLLER, undated, 'x'), {
    field: 'bySchemeCode.bzk-regio-deals-5.sources[0].published',
    message: /geen publicatiedatum/,
  })
  t.strictSame(reformDefaults(db), mine, 'the refused defaults left the stored ones alone')
  t.equal(listAudit(db, { entity: 'setting', entityId: REFORM_DEFAULTS_KEY }).total, 1)
})

t.test('over HTTP: a continuing spuk keeps its cut; a cut on an ending scheme is a 400 naming cutPct', async (t) => {
  const { db, api } = await testApp(t)
  seedPortfolio(db)
  const put = (body: object) => api({ method: 'PUT', url: '/api/v1/reform-assumptions/ocw-oab-2019', payload: body })
  const ok = await put({ treatment: 'continues', fromYear: 2026, cutPct: 10 })
  t.equal(ok.statusCode, 200)
  t.match(ok.json(), { treatment: 'continues', cutPct: 10, origin: 'vastgelegd' })
  const bad = await put({ treatment: 'ends', fromYear: 2027, cutPct: 10 })
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /problem\+json/)
  t.match(bad.json(), { detail: /vervalt heeft geen korting/, errors: [{ field: 'body.cutPct' }] })
  const list = await api({ method: 'GET', url: '/api/v1/reform-assumptions?scheme=ocw-oab-2019' })
  t.match(list.json().items, [{ treatment: 'continues', cutPct: 10 }], 'nothing changed')
  const f = await api({ method: 'GET', url: '/api/v1/reports/forecast?org=GM0363&year=2026&scenario=spuk-reform' })
  t.equal(f.statusCode, 200)
  t.match(
    f.json().data.reform.find((a: { schemeCode: string }) => a.schemeCode === 'ocw-oab-2019'),
    {
      origin: 'vastgelegd',
      setBy: 'beheer@woud.test',
    },
  )
  t.match(
    f.json().data.reform.find((a: { schemeCode: string }) => a.schemeCode === 'bzk-regio-deals-5'),
    {
      sources: [{ published: '2024-05-16' }, { published: '2025-05-21' }, { published: '2025-12-19' }],
    },
  )
})

t.test('the controller workbook in the reform scenario carries the same assumptions sheet', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  seedPortfolio(db)
  const { controllerReport } = await import('../../reports/controller-report.js')
  const p = buildReportParams(db, findReportOrganisation(db, 'GM0363'), { year: 2026, scenario: 'spuk-reform', now: TEST_NOW })
  const d = controllerReport.compute(db, p)
  const wb = await loadWorkbook(await renderWorkbook(controllerReport.sheets(d, p)))
  const ass = readTable(wb.getWorksheet('Aannames hervorming')!, 'Regeling')
  t.strictSame(
    col(ass, 'Regeling'),
    d.forecast.reform.map((a) => a.schemeCode),
  )
  t.ok(
    (col(ass, 'Bron') as string[]).every((b) => /\(\d\d-\d\d-\d{4}\)/.test(b)),
    'every default in this portfolio names a dated source',
  )
  let scenario: unknown
  wb.getWorksheet('Voorblad')!.eachRow((row) => {
    const v = row.values as unknown[]
    if (v[1] === 'Scenario prognose') scenario = v[2]
  })
  t.equal(scenario, 'Hervorming specifieke uitkeringen')
})
