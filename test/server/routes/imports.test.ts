// POST /api/v1/imports/:kind over real HTTP injection: multipart upload, 200 / 422 / 413, fields, and who may import what.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { testApp, seedOrganisation, userWithToken } from '../../helpers.js'
import { getScheme } from '../../../db/repositories/schemes.js'
import { VL_2023, vlXlsx } from '../../fixtures/catalogue/workbooks.js'

const SAMPLE = readFileSync('/work/shared/fixtures/bijlage-specifieke-uitkeringen-voorbeeld.csv')
const CSV = readFileSync(new URL('../../fixtures/catalogue/catalogue-nl.csv', import.meta.url))

/** A multipart/form-data body by hand: what a browser or curl -F sends. */
function form(fields: [string, string][], file?: { bytes: Buffer; filename?: string; field?: string }) {
  const boundary = '----woudtest' + Math.random().toString(16).slice(2)
  const parts: Buffer[] = []
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename ?? 'upload.csv'}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    )
    parts.push(file.bytes, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

t.test('a catalogue upload: 200 with the result, then unchanged; dry run', async (t) => {
  const { api, db } = await testApp(t)
  const dry = await api({
    method: 'POST',
    url: '/api/v1/imports/schemes',
    ...form([['dryRun', 'true']], { bytes: CSV, filename: 'catalogus.csv' }),
  })
  t.equal(dry.statusCode, 200)
  t.match(dry.json(), { format: 'woud-catalogue', created: 3, dryRun: true, batchId: null })
  t.equal(getScheme(db, 'bzk-regio-deals-6'), undefined)
  const r = await api({ method: 'POST', url: '/api/v1/imports/schemes', ...form([], { bytes: CSV, filename: 'catalogus.csv' }) })
  t.equal(r.statusCode, 200)
  t.match(r.json(), {
    format: 'woud-catalogue',
    created: 3,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    warnings: [{ column: 'P (Bedrag per woning)' }],
    dryRun: false,
    batchId: Number,
  })
  t.match(getScheme(db, 'bzk-regio-deals-6'), { name: 'Regio Deals 6e ronde', provenance: `import:${r.json().batchId}` })
  // The Dutch word users see names the kind as well as the key does.
  const again = await api({ method: 'POST', url: '/api/v1/imports/regelingen', ...form([], { bytes: CSV }) })
  t.equal(again.statusCode, 200)
  t.match(again.json(), { created: 0, unchanged: 3 })
  const unknown = await api({ method: 'POST', url: '/api/v1/imports/begrotingen', ...form([], { bytes: CSV }) })
  t.equal(unknown.statusCode, 400)
  t.match(JSON.stringify(unknown.json()), /regelingen/, 'a rejected kind lists the allowed ones')
  const audit = await api({ method: 'GET', url: '/api/v1/audit?entity=scheme&id=bzk-regio-deals-6' })
  t.equal(audit.statusCode, 200)
  t.match(audit.json().items, [{ actor: 'beheer@woud.test', source: `import:${r.json().batchId}`, action: 'create' }])
})

t.test('a departmental table and a rejected file: 422 problem with the errors and the result', async (t) => {
  const { api } = await testApp(t)
  const ok = await api({ method: 'POST', url: '/api/v1/imports/schemes', ...form([], { bytes: SAMPLE, filename: 'bijlage.csv' }) })
  t.match(ok.json(), { format: 'rbv-bijlage', updated: 2 })
  const bad = await api({
    method: 'POST',
    url: '/api/v1/imports/schemes',
    ...form([], { bytes: Buffer.from(SAMPLE.toString('utf8').replace('512,3', 'veel')), filename: 'bijlage.csv' }),
  })
  t.equal(bad.statusCode, 422)
  t.match(bad.headers['content-type'], /application\/problem\+json/)
  t.match(bad.json(), {
    status: 422,
    title: 'Import afgewezen',
    format: 'rbv-bijlage',
    rejected: 1,
    created: 0,
    errors: [{ sheet: null, row: 3, column: 'D (2024)', message: /'veel' is geen bedrag/ }],
  })
  const pdf = await api({
    method: 'POST',
    url: '/api/v1/imports/schemes',
    ...form([], { bytes: Buffer.from('%PDF-1.4 ...'), filename: 'lijst.xlsx' }),
  })
  t.equal(pdf.statusCode, 422)
  t.match(pdf.json().errors, [{ message: /lijst\.xlsx: dit is een PDF-bestand/ }])
})

t.test('above the upload cap: 413', async (t) => {
  const { api } = await testApp(t, { uploadMaxBytes: 200 })
  const r = await api({ method: 'POST', url: '/api/v1/imports/schemes', ...form([], { bytes: CSV }) })
  t.equal(r.statusCode, 413)
  t.match(r.json(), { status: 413 })
})

t.test('a verantwoordingslijst with org and year; the fields are checked', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  const file = await vlXlsx(VL_2023)
  const r = await api({
    method: 'POST',
    url: '/api/v1/imports/schemes',
    ...form(
      [
        ['org', 'GM0363'],
        ['year', '2023'],
      ],
      { bytes: file, filename: 'lijst.xlsx' },
    ),
  })
  t.equal(r.statusCode, 200)
  t.match(r.json(), {
    format: 'verantwoordingslijst',
    created: 3,
    details: { organisation: 'GM0363', sisaYear: 2023, grantsCreated: Array },
  })
  const mapped = await api({
    method: 'POST',
    url: '/api/v1/imports/schemes',
    ...form(
      [
        ['org', 'GM0363'],
        ['year', '2023'],
        ['map', 'beschikkingsnummer=Beschikkingsnummer'],
        ['map', 'bedrag=Bedrag'],
      ],
      { bytes: file },
    ),
  })
  t.match(mapped.json(), { unchanged: 3 }, 'map is repeatable')
  const noYear = await api({ method: 'POST', url: '/api/v1/imports/schemes', ...form([['org', 'GM0363']], { bytes: file }) })
  t.equal(noYear.statusCode, 422)
  t.match(noYear.json().errors, [{ message: /--year/ }])
  for (const [fields, field] of [
    [[['year', '20x4']], 'year'],
    [[['dryRun', 'misschien']], 'dryRun'],
    [[['map', 'zonder-is']], 'map'],
    [[['wie', 'ik']], 'wie'],
  ] as [[string, string][], string][]) {
    const res = await api({ method: 'POST', url: '/api/v1/imports/schemes', ...form(fields, { bytes: CSV }) })
    t.equal(res.statusCode, 400, field)
    t.match(res.json(), { errors: [{ field }] })
  }
  const noFile = await api({ method: 'POST', url: '/api/v1/imports/schemes', ...form([['dryRun', 'true']]) })
  t.equal(noFile.statusCode, 400)
  const json = await api({ method: 'POST', url: '/api/v1/imports/schemes', payload: { file: 'x' } })
  t.equal(json.statusCode, 415)
  const kind = await api({ method: 'POST', url: '/api/v1/imports/bestanden', ...form([], { bytes: CSV }) })
  t.equal(kind.statusCode, 400)
})

t.test('permissions: catalogue needs a beheerder somewhere, a list the controller of that organisation', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const controller = userWithToken(db, 'controller@amsterdam.test', [{ orgCode: 'GM0363', role: 'controller' }])
  const medewerker = userWithToken(db, 'medewerker@amsterdam.test', [{ orgCode: 'GM0363', role: 'medewerker' }])
  const beheerder = userWithToken(db, 'beheer@rotterdam.test', [{ orgCode: 'GM0599', role: 'beheerder' }])
  const post = (token: string, fields: [string, string][], bytes: Buffer) =>
    api({ method: 'POST', url: '/api/v1/imports/schemes', token, ...form(fields, { bytes }) })
  t.equal((await post(controller, [], CSV)).statusCode, 403, 'a controller does not change the shared catalogue')
  t.equal((await post(beheerder, [], CSV)).statusCode, 200, 'a beheerder of any organisation does')
  const list = await vlXlsx(VL_2023)
  t.equal(
    (
      await post(
        medewerker,
        [
          ['org', 'GM0363'],
          ['year', '2023'],
        ],
        list,
      )
    ).statusCode,
    403,
  )
  t.equal(
    (
      await post(
        controller,
        [
          ['org', 'GM0599'],
          ['year', '2023'],
        ],
        list,
      )
    ).statusCode,
    404,
    'another organisation does not exist for the caller',
  )
  t.equal(
    (
      await post(
        controller,
        [
          ['org', 'GM0363'],
          ['year', '2023'],
        ],
        list,
      )
    ).statusCode,
    200,
  )
  const sneaky = await post(controller, [['org', 'GM0363']], CSV)
  t.equal(sneaky.statusCode, 422, 'org with a catalogue file is refused, not imported')
  t.match(sneaky.json().errors, [{ message: /--org hoort alleen bij een verantwoordingslijst/ }])
  const grants = await api({ method: 'POST', url: '/api/v1/imports/grants', token: controller, ...form([], { bytes: CSV }) })
  t.equal(grants.statusCode, 400, 'grants need org')
  const sisa = await api({ method: 'POST', url: '/api/v1/imports/sisa', token: controller, ...form([['year', '2024']], { bytes: CSV }) })
  t.equal(sisa.statusCode, 403, 'SiSa definitions are shared: beheerder')
  const actuals = await api({
    method: 'POST',
    url: '/api/v1/imports/actuals',
    token: medewerker,
    ...form(
      [
        ['org', 'GM0363'],
        ['year', '2024'],
      ],
      { bytes: CSV },
    ),
  })
  t.equal(actuals.statusCode, 403, 'actuals need a controller')
})

t.test('the route is in the OpenAPI document', async (t) => {
  const { app } = await testApp(t)
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const op = doc.paths['/api/v1/imports/{kind}'].post
  t.ok(op.requestBody.content['multipart/form-data'])
  t.ok(op.responses['200'] && op.responses['422'] && op.responses['413'])
})
