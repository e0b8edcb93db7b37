// Issue 16, bad input: co-financing is part of a year's lasten, so a year whose co-financing exceeds its lasten is a
// split that does not add up. Refused with a Dutch message naming the field (HTTP 400, import row error), nothing written.
import t from 'tap'
import ExcelJS from 'exceljs'
import { listAudit } from '../../../db/audit.js'
import { GrantInputError, putGrantYear } from '../../../db/repositories/grants.js'
import { listYears } from '../../../db/repositories/grant-years.js'
import { runImport } from '../../../importers/index.js'
import { testApp } from '../../helpers.js'

const who = { actor: 'controller@woud.test', source: 'api' }

t.test('PUT years: planned or realised co-financing above the lasten is a 400 naming the field; nothing changes', async (t) => {
  const { db, api } = await testApp(t)
  await api({ method: 'POST', url: '/api/v1/organisations', payload: { code: 'GM0363', name: 'Amsterdam', kind: 'gemeente' } })
  const id = (
    await api({
      method: 'POST',
      url: '/api/v1/grants',
      payload: { organisation: 'GM0363', scheme: 'bzk-regio-deals-5', title: 'RD', periodFrom: '2025-01-01', periodTo: '2028-12-31' },
    })
  ).json().id
  const put = (year: number, payload: object) => api({ method: 'PUT', url: `/api/v1/grants/${id}/years/${year}`, payload })
  t.equal((await put(2026, { plannedLastenCents: 500_000_00, cofinancingPlannedCents: 250_000_00 })).statusCode, 201)
  const version = (await api({ method: 'GET', url: `/api/v1/grants/${id}` })).json().version
  const audits = listAudit(db, { entity: 'grant', entityId: String(id) }).total

  const cases: [number, object, string, RegExp][] = [
    [
      2026,
      { cofinancingPlannedCents: 600_000_00 },
      'cofinancingPlannedCents',
      /de geplande cofinanciering \(€ 600\.000,00\) is groter dan de geplande lasten van 2026 \(€ 500\.000,00\)/,
    ],
    [
      2026,
      { plannedLastenCents: 200_000_00 },
      'plannedLastenCents',
      /geplande cofinanciering \(€ 250\.000,00\) is groter dan de geplande lasten/,
    ],
    [2027, { plannedLastenCents: 100_00, cofinancingPlannedCents: 100_01 }, 'cofinancingPlannedCents', /€ 100,01.*€ 100,00/],
    [
      2025,
      { realisedLastenCents: 400_000_00, cofinancingRealisedCents: 400_000_01 },
      'cofinancingRealisedCents',
      /de gerealiseerde cofinanciering \(€ 400\.000,01\) is groter dan de gerealiseerde lasten van 2025 \(€ 400\.000,00\)/,
    ],
  ]
  for (const [year, payload, field, detail] of cases) {
    const r = await put(year, payload)
    t.equal(r.statusCode, 400, field)
    t.match(r.headers['content-type'], /application\/problem\+json/)
    t.match(r.json().errors, [{ field: new RegExp(`${field}$`), message: detail }], field)
  }
  const g = (await api({ method: 'GET', url: `/api/v1/grants/${id}` })).json()
  t.equal(g.version, version, 'the grant did not move')
  t.strictSame(
    g.years.map((y: { year: number; plannedLastenCents: number; cofinancingPlannedCents: number }) => [
      y.year,
      y.plannedLastenCents,
      y.cofinancingPlannedCents,
    ]),
    [[2026, 500_000_00, 250_000_00]],
    'no year written or changed',
  )
  t.equal(listAudit(db, { entity: 'grant', entityId: String(id) }).total, audits, 'no audit row')

  // Equal parts add up; a ledger may bring realised lasten after the co-financing was recorded.
  t.equal((await put(2026, { cofinancingPlannedCents: 500_000_00 })).statusCode, 200, 'all of the lasten co-financed is fine')
  t.equal((await put(2025, { cofinancingRealisedCents: 50_000_00 })).statusCode, 201, 'realised co-financing alone is accepted')
  t.equal((await put(2025, { realisedLastenCents: 80_000_00 })).statusCode, 200)
  t.throws(() => putGrantYear(db, who, id, 2027, { plannedLastenCents: 1, cofinancingPlannedCents: 2 }), GrantInputError)
})

t.test('portfolio import: a row whose co-financing exceeds its lasten rejects the file with sheet, row and column', async (t) => {
  const { db } = await testApp(t)
  const { createOrganisation } = await import('../../../db/repositories/organisations.js')
  createOrganisation(db, who, { code: 'GM0363', name: 'Amsterdam', kind: 'gemeente' })
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Portefeuille')
  ws.addRow(['Kenmerk', 'Regeling', 'Titel', 'Status', 'Van', 'Tot', 'Baten 2026', 'Lasten 2026', 'Cofinanciering 2026'])
  ws.addRow(['P-1', 'bzk-regio-deals-5', 'Goed', 'aangevraagd', '01-01-2026', '31-12-2027', 100, 200, 100])
  ws.addRow(['P-2', 'bzk-regio-deals-5', 'Fout', 'aangevraagd', '01-01-2026', '31-12-2027', 100, 200, 300])
  const bytes = Buffer.from(await wb.xlsx.writeBuffer())
  const r = await runImport(db, { kind: 'grants', fileName: 'p.xlsx', bytes, orgCode: 'GM0363', who })
  t.equal(r.rejected, 1)
  t.match(r.errors, [
    { sheet: 'Portefeuille', row: 3, column: 'Cofinanciering 2026', message: /geplande cofinanciering \(€ 300,00\) is groter/ },
  ])
  t.equal(
    (db.$client.prepare('SELECT count(*) AS n FROM grants').get() as { n: number }).n,
    0,
    'all or nothing: the good row is not written either',
  )
  t.equal(listYears(db, 1).length, 0)
})
