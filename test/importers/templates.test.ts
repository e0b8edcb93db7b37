// Templates: `woud template KIND --out FILE.xlsx` and GET /api/v1/imports/:kind/template give the headers the readers
// expect, an explanation sheet and list validation; a filled template imports without --map.
import t from 'tap'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGrant, getGrant, listGrants } from '../../db/repositories/grants.js'
import { listStoredValues } from '../../db/repositories/sisa-values.js'
import { SYSTEM } from '../../db/audit.js'
import { cliOn, readWorkbook, seedOrganisation, testApp, userWithToken } from '../helpers.js'
import { templateColumns } from '../../importers/templates.js'
import { PORTFOLIO_FIELDS } from '../../importers/formats/portfolio-sheet.js'

/** Fill row 2 of the template's first sheet by header, and save it under another name. */
async function fill(file: string, values: Record<string, unknown>, out: string): Promise<string> {
  const wb = await readWorkbook(readFileSync(file))
  const ws = wb.worksheets[0]
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String)
  for (const [h, v] of Object.entries(values)) {
    const i = headers.indexOf(h)
    if (i < 0) throw new Error(`no column ${h} in ${headers.join(', ')}`)
    ws.getCell(2, i + 1).value = v as never
  }
  writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()))
  return out
}

t.test('CLI and route templates; filled templates import without --map', async (t) => {
  const { db, api } = await testApp(t)
  seedOrganisation(db)
  const run = cliOn(db)
  const dir = mkdtempSync(join(tmpdir(), 'woud-tpl-'))
  const grantsFile = join(dir, 'portefeuille.xlsx')

  const made = await run('template', 'grants', '--out', grantsFile)
  t.equal(made.code, 0, made.err)
  t.ok(existsSync(grantsFile))
  const again = await run('template', 'grants', '--out', grantsFile)
  t.equal(again.code, 2, 'an existing file is refused')
  t.match(again.err, /bestaat al.*--force/)
  t.equal((await run('template', 'grants', '--out', grantsFile, '--force')).code, 0)
  t.equal((await run('template', 'onbekend', '--out', join(dir, 'x.xlsx'))).code, 2, 'no template for an unknown kind')

  const wb = await readWorkbook(readFileSync(grantsFile))
  t.strictSame(
    wb.worksheets.map((w) => w.name),
    ['Portefeuille', 'Toelichting'],
  )
  const headers = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1)
  t.equal(headers[0], 'Regeling', "headers are the readers' own first names")
  t.equal(headers.length, Object.keys(PORTFOLIO_FIELDS).length + 6, 'every portfolio field and the year columns')
  t.ok(headers.includes('Realisatie lasten 2026'), 'year columns for this year (test clock: 2026)')
  const statusCol = headers.indexOf('Status') + 1
  t.match(wb.worksheets[0].getCell(2, statusCol).dataValidation, { type: 'list', formulae: [/toegekend/] })
  const doc = wb.getWorksheet('Toelichting')!
  t.strictSame((doc.getRow(1).values as unknown[]).slice(1), ['Kolom', 'Verplicht', 'Formaat', 'Voorbeeld', 'Toegestane waarden'])
  t.strictSame((doc.getRow(2).values as unknown[]).slice(1, 3), ['Regeling', 'Ja'])
  t.equal(doc.rowCount, headers.length + 1, 'one line per column')

  const filled = await fill(
    grantsFile,
    {
      Regeling: 'szw-g2',
      Titel: 'Uit het sjabloon',
      Kenmerk: 'T-1',
      Status: 'toegekend',
      Beschikking: 'SZW-9',
      Toegekend: 50000,
      Van: '01-01-2026',
      Tot: '31-12-2026',
      'Baten 2026': 50000,
      'Lasten 2026': 50000,
    },
    join(dir, 'gevuld.xlsx'),
  )
  const imp = await run('import', 'grants', filled, '--org', 'GM0363', '--json')
  t.equal(imp.code, 0, imp.out)
  t.match(imp.json(), { created: 1, warnings: [] }, 'no unknown-column warnings: every header is read')
  const id = listGrants(db, { organisationIds: 'all' }, { limit: 5, offset: 0, figuresYear: 2026 }).items[0].id
  t.match(getGrant(db, id), { reference: 'T-1', status: 'toegekend', awardedCents: 50000_00, beschikkingsnummer: 'SZW-9' })

  // actuals: from the route (same access as importing: a controller of the organisation)
  const controller = userWithToken(db, 'c@woud.test', [{ orgCode: 'GM0363', role: 'controller' }])
  const res = await api({ method: 'GET', url: '/api/v1/imports/actuals/template?org=GM0363', token: controller })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /spreadsheetml/)
  t.match(res.headers['content-disposition'], /woud-sjabloon-actuals\.xlsx/)
  const lezer = userWithToken(db, 'l@woud.test', [{ orgCode: 'GM0363', role: 'lezer' }])
  t.equal((await api({ method: 'GET', url: '/api/v1/imports/actuals/template?org=GM0363', token: lezer })).statusCode, 403)
  t.equal((await api({ method: 'GET', url: '/api/v1/imports/actuals/template', token: controller })).statusCode, 400, 'org is required')
  const actualsFile = join(dir, 'grootboek.xlsx')
  writeFileSync(actualsFile, res.rawPayload)
  const ledger = await fill(
    actualsFile,
    { Boekjaar: 2026, Beschikkingsnummer: 'SZW-9', Soort: 'Lasten', Bedrag: 1234.5 },
    join(dir, 'gb.xlsx'),
  )
  const act = await run('import', 'actuals', ledger, '--org', 'GM0363', '--year', '2026', '--json')
  t.equal(act.code, 0, act.out)
  t.equal(getGrant(db, id)!.years.find((y) => y.year === 2026)!.realisedLastenCents, 1234_50)

  // schemes: the catalogue template, filled, imports too
  const schemesFile = join(dir, 'regelingen.xlsx')
  t.equal((await run('template', 'schemes', '--out', schemesFile)).code, 0)
  const cat = await fill(
    schemesFile,
    { 'Woud code': 'tst-sjabloon', Naam: 'Sjabloonregeling', Ministerie: 'BZK', Soort: 'spuk', 'Sisa verplicht': 'Nee' },
    join(dir, 'cat.xlsx'),
  )
  const ci = await run('import', 'schemes', cat, '--json')
  t.equal(ci.code, 0, ci.out)
  t.match(ci.json(), { format: 'woud-catalogue', created: 1 })
  t.ok(
    templateColumns('schemes', 2026)
      .find((c) => c.field === 'sisaRequired')
      ?.list?.includes('Ja'),
    'Ja/Nee lists',
  )
})

t.test('SiSa templates: the definitions table and the values table, filled, import without --map', async (t) => {
  const { db, api } = await testApp(t)
  const org = seedOrganisation(db, 'GM0907', 'Gennep')
  const grant = createGrant(
    db,
    SYSTEM,
    {
      organisationId: org.id,
      schemeCode: 'jenv-a13',
      title: 'Coronatoegangsbewijzen',
      status: 'toegekend',
      beschikkingsnummer: 'A13-1',
      awardedCents: 68_000_00,
    },
    { today: '2026-11-28' },
  )
  const run = cliOn(db)
  const dir = mkdtempSync(join(tmpdir(), 'woud-tpl-sisa-'))
  const defsFile = join(dir, 'definities.xlsx')
  t.equal((await run('template', 'sisa', '--out', defsFile)).code, 0)
  const defsBook = await readWorkbook(readFileSync(defsFile))
  t.strictSame(
    defsBook.worksheets.map((w) => w.name),
    ['SiSa-definities', 'Toelichting'],
  )
  const aardCol = (defsBook.worksheets[0].getRow(1).values as unknown[]).slice(1).indexOf('Aard controle') + 1
  t.match(defsBook.worksheets[0].getCell(2, aardCol).dataValidation, { type: 'list', formulae: [/R,D1,D2,N,n\.v\.t\./] })
  const defs = await fill(
    defsFile,
    {
      Jaar: 2030,
      Formaatdatum: '15-01-2031',
      Verstrekker: 'JenV',
      Uitkeringscode: 'A13',
      'Specifieke uitkering': 'Regeling A13',
      Indicator: 'A13/01',
      Omschrijving: 'Besteding (jaar T)',
      Gegevenstype: 'euro',
      'Aard controle': 'R',
      'Vooringevuld uit': 'besteding',
    },
    join(dir, 'def-gevuld.xlsx'),
  )
  const di = await run('import', 'sisa', defs, '--year', '2030', '--json')
  t.equal(di.code, 0, di.out)
  t.match(di.json(), { created: 2, warnings: [] })

  // sisa-waarden: from the route, with the access of importing it (a controller of the organisation, org required)
  const controller = userWithToken(db, 'c@gennep.test', [{ orgCode: 'GM0907', role: 'controller' }])
  t.equal(
    (await api({ method: 'GET', url: '/api/v1/imports/sisa-waarden/template', token: controller })).statusCode,
    400,
    'org is required',
  )
  const res = await api({ method: 'GET', url: '/api/v1/imports/sisa-waarden/template?org=GM0907', token: controller })
  t.equal(res.statusCode, 200)
  const valuesFile = join(dir, 'waarden.xlsx')
  writeFileSync(valuesFile, res.rawPayload)
  const book = await readWorkbook(res.rawPayload)
  t.strictSame((book.worksheets[0].getRow(1).values as unknown[]).slice(1), ['Jaar', 'Indicator', 'Regel', 'Waarde', 'Beschikkingsnummer'])
  const filled = await fill(
    valuesFile,
    { Jaar: 2030, Indicator: 'A13/01', Waarde: '€ 12.500', Beschikkingsnummer: 'A13-1' },
    join(dir, 'w.xlsx'),
  )
  const vi = await run('import', 'sisa-waarden', filled, '--org', 'GM0907', '--year', '2030', '--json')
  t.equal(vi.code, 0, vi.out)
  t.match(vi.json(), { format: 'sisa-waardentabel', created: 1, warnings: [] })
  t.strictSame(
    listStoredValues(db, [grant.id], 2030).map((v) => v.value),
    [{ cents: 12_500_00 }],
  )
})
