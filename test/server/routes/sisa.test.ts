// SiSa over HTTP: the year view with sources, manual overrides audited, bad values refused whole, roles, fouten en onzekerheden.
import t from 'tap'
import ExcelJS from 'exceljs'
import { testApp, userWithToken } from '../../helpers.js'
import { seedGennep, seedWageningen } from '../../fixtures/sisa/portfolio.js'

t.test('GET /api/v1/sisa/:year shows prefilled values with their source, manual ones, findings and the threshold note', async (t) => {
  const { db, api } = await testApp(t)
  seedGennep(db)
  const res = await api({ method: 'GET', url: '/api/v1/sisa/2022?org=GM0907' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, {
    year: 2022,
    organisation: 'GM0907',
    formatDate: '2023-02-07',
    total: 1,
    threshold: { source: 'UNCERTAIN', note: /UNCERTAIN/ },
  })
  const cells = Object.fromEntries(body.items[0].indicators.map((i: { code: string; cells: unknown[] }) => [i.code, i.cells[0]]))
  t.match(cells['A13/01'], { valueCents: 6_800_000, source: 'prefill:besteding', explanation: 'gerealiseerde lasten 2022' })
  t.match(cells['A13/02'], { valueBool: true, source: 'manual' })
  t.match(cells['A13/04'], { valueCents: 6_800_000, source: 'prefill:cumulatief' })
  t.match(cells['A13/05'], { valueBool: true, source: 'prefill:eindverantwoording', explanation: /2022/ })
  t.match(body.items[0].indicators[1], { aardControle: 'NVT', aardControleText: 'n.v.t.', dataType: 'janee' })
  t.match(body.findings, [{ check: 'threshold-uncertain' }])
  t.equal((await api({ method: 'GET', url: '/api/v1/sisa/2022?org=GM0907&foo=1' })).statusCode, 400, 'unknown query parameters are refused')
  t.equal((await api({ method: 'GET', url: '/api/v1/sisa/2022?org=GM9999' })).statusCode, 404)
})

t.test('PUT values: a manual value overrides the prefill, is audited with what it replaced, and null goes back', async (t) => {
  const { db, api } = await testApp(t)
  const { a13 } = seedGennep(db)
  const put = await api({
    method: 'PUT',
    url: `/api/v1/grants/${a13}/sisa/2022`,
    payload: { values: [{ indicator: 'A13/01', valueCents: 7_000_000 }] },
  })
  t.equal(put.statusCode, 200)
  t.match(put.json(), {
    created: 1,
    block: { sisaCode: 'A13' },
    findings: [{ check: 'cumulative-mismatch', indicator: 'A13/04' }, { check: 'ledger-mismatch' }],
  })
  const cell = put.json().block.indicators[0].cells[0]
  t.match(cell, {
    valueCents: 7_000_000,
    source: 'manual',
    prefill: { valueCents: 6_800_000 },
    explanation: /overschrijft vooringevulde waarde/,
  })
  const audit = await api({ method: 'GET', url: `/api/v1/audit?entity=sisa_value&id=${a13}:2022:A13/01:0` })
  t.equal(audit.statusCode, 200)
  t.match(audit.json().items, [
    {
      action: 'create',
      actor: 'beheer@woud.test',
      before: { prefill: { cents: 6_800_000, source: 'prefill:besteding' } },
      after: { valueCents: 7_000_000, source: 'manual' },
    },
  ])
  const again = await api({
    method: 'PUT',
    url: `/api/v1/grants/${a13}/sisa/2022`,
    payload: { values: [{ indicator: 'A13 / 01', valueCents: 7_000_000 }] },
  })
  t.match(again.json(), { created: 0, updated: 0, unchanged: 1 })
  const clear = await api({
    method: 'PUT',
    url: `/api/v1/grants/${a13}/sisa/2022`,
    payload: { values: [{ indicator: 'A13/01', value: null }] },
  })
  t.match(clear.json(), { deleted: 1, block: { indicators: [{ cells: [{ valueCents: 6_800_000, source: 'prefill:besteding' }] }] } })
})

t.test('PUT values: bad input is refused as a whole with a message per value', async (t) => {
  const { db, api } = await testApp(t)
  const { a13 } = seedGennep(db)
  const res = await api({
    method: 'PUT',
    url: `/api/v1/grants/${a13}/sisa/2022`,
    payload: {
      values: [
        { indicator: 'A13/01', valueCents: 100 },
        { indicator: 'A13-01', value: 5 },
        { indicator: 'A13/09', value: 5 },
        { indicator: 'A13/02', value: 'Misschien' },
        { indicator: 'A13/04', value: '1,234' },
        { indicator: 'A16/01', value: 5 },
        { indicator: 'A13/05', value: false, rowNo: 2 },
        { indicator: 'A13/03', value: { ja: true } },
      ],
    },
  })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.match(res.json().errors, [
    { field: 'body.values.1.indicator', message: /'A13-01' is geen indicatorcode/ },
    { field: 'body.values.2.indicator', message: /indicator A13\/09 bestaat niet in SiSa 2022/ },
    { field: 'body.values.3.value', message: /'Misschien' is geen Ja of Nee/ },
    { field: 'body.values.4.value', message: /dubbelzinnig/ },
    { field: 'body.values.5.indicator', message: /A16\/01 hoort niet bij deze subsidie \(uitkeringscode A13\)/ },
    { field: 'body.values.6.rowNo', message: /heeft geen regels/ },
    { field: 'body.values.7.value', message: /tekst, getal, Ja\/Nee of null/ },
  ])
  const view = (await api({ method: 'GET', url: '/api/v1/sisa/2022?org=GM0907' })).json()
  t.equal(view.items[0].indicators[0].cells[0].source, 'prefill:besteding', 'the good value in the refused batch was not written')
  const unknownField = await api({
    method: 'PUT',
    url: `/api/v1/grants/${a13}/sisa/2022`,
    payload: { values: [{ indicator: 'A13/01', valueCents: 1, extra: 1 }] },
  })
  t.equal(unknownField.statusCode, 400)
  t.equal(
    (await api({ method: 'PUT', url: '/api/v1/grants/999/sisa/2022', payload: { values: [{ indicator: 'A13/01', valueCents: 1 }] } }))
      .statusCode,
    404,
  )
  t.equal(
    (
      await api({ method: 'PUT', url: `/api/v1/grants/${a13}/sisa/2031`, payload: { values: [{ indicator: 'A13/01', valueCents: 1 }] } })
    ).json().errors[0].message,
    'er zijn geen SiSa-definities voor 2031',
  )
})

t.test('roles: lezer reads, medewerker may not set SiSa values, controller may; other organisations see 404', async (t) => {
  const { db, api } = await testApp(t)
  const { a13 } = seedGennep(db)
  seedWageningen(db)
  const lezer = userWithToken(db, 'lezer@gennep.test', [{ orgCode: 'GM0907', role: 'lezer' }])
  const medewerker = userWithToken(db, 'mw@gennep.test', [{ orgCode: 'GM0907', role: 'medewerker' }])
  const controller = userWithToken(db, 'ctl@gennep.test', [{ orgCode: 'GM0907', role: 'controller' }])
  const payload = { values: [{ indicator: 'A13/02', value: 'Nee' }] }
  t.equal((await api({ method: 'GET', url: '/api/v1/sisa/2022?org=GM0907', token: lezer })).statusCode, 200)
  t.equal((await api({ method: 'GET', url: '/api/v1/sisa/2023?org=GM0289', token: lezer })).statusCode, 404)
  t.equal((await api({ method: 'PUT', url: `/api/v1/grants/${a13}/sisa/2022`, token: medewerker, payload })).statusCode, 403)
  t.equal((await api({ method: 'PUT', url: `/api/v1/grants/${a13}/sisa/2022`, token: controller, payload })).statusCode, 200)
  t.equal(
    (
      await api({
        method: 'POST',
        url: '/api/v1/sisa/2022/fouten-onzekerheden?org=GM0907',
        token: medewerker,
        payload: { sisaCode: 'A13', foutCents: 1, onzekerheidCents: 0 },
      })
    ).statusCode,
    403,
  )
})

t.test('fouten en onzekerheden: create, list with the rapporteringsgrens, change, delete, bad codes refused', async (t) => {
  const { db, api } = await testApp(t)
  seedGennep(db)
  const url = '/api/v1/sisa/2022/fouten-onzekerheden?org=GM0907'
  const bad = await api({ method: 'POST', url, payload: { sisaCode: 'A99', foutCents: 100, onzekerheidCents: 0 } })
  t.equal(bad.statusCode, 400)
  t.match(bad.json().detail, /A99 komt niet voor in de SiSa-definities van 2022/)
  t.equal(
    (await api({ method: 'POST', url, payload: { sisaCode: 'A13', indicatorNumber: '07', foutCents: 100, onzekerheidCents: 0 } }))
      .statusCode,
    400,
  )
  t.equal((await api({ method: 'POST', url, payload: { sisaCode: 'A13', foutCents: -1, onzekerheidCents: 0 } })).statusCode, 400)
  const created = await api({
    method: 'POST',
    url,
    payload: { sisaCode: 'A13', indicatorNumber: '1', foutCents: 1_300_000, onzekerheidCents: 0, toelichting: 'dubbel geboekt' },
  })
  t.equal(created.statusCode, 201)
  t.match(created.json(), { sisaCode: 'A13', indicatorNumber: '01', lastenCents: 6_800_000, grensCents: 1_250_000, aboveGrens: true })
  const id = created.json().id
  const list = await api({ method: 'GET', url })
  t.match(list.json(), { total: 1, thresholdSource: 'UNCERTAIN', note: /UNCERTAIN/ })
  const changed = await api({
    method: 'PUT',
    url: `/api/v1/sisa/fouten-onzekerheden/${id}`,
    payload: { sisaCode: 'A13', foutCents: 100_000, onzekerheidCents: 0 },
  })
  t.match(changed.json(), { foutCents: 100_000, aboveGrens: false, indicatorNumber: null })
  t.equal((await api({ method: 'DELETE', url: `/api/v1/sisa/fouten-onzekerheden/${id}` })).statusCode, 204)
  t.equal((await api({ method: 'DELETE', url: `/api/v1/sisa/fouten-onzekerheden/${id}` })).statusCode, 404)
  const audit = await api({ method: 'GET', url: `/api/v1/audit?entity=sisa_fouten_onzekerheden&id=${id}` })
  t.strictSame(
    audit.json().items.map((a: { action: string }) => a.action),
    ['create', 'update', 'delete'],
  )
})

t.test('GET /api/v1/reports/sisa?format=xlsx gives the appendix, findings and fouten-en-onzekerheden sheets', async (t) => {
  const { db, api } = await testApp(t)
  seedGennep(db)
  const res = await api({ method: 'GET', url: '/api/v1/reports/sisa?org=GM0907&year=2022&format=xlsx' })
  t.equal(res.statusCode, 200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  t.strictSame(
    wb.worksheets.map((w) => w.name),
    ['SiSa-bijlage', 'Bevindingen', 'Fouten en onzekerheden', 'SiSa-definities'],
  )
  const fo = wb.getWorksheet('Fouten en onzekerheden')!
  const text: string[] = []
  fo.eachRow((r) => text.push(String(r.getCell(1).value)))
  t.ok(
    text.some((x) => /Rapporteringsgrens .*bron: UNCERTAIN/.test(x)),
    'the threshold source is printed above the table',
  )
})
