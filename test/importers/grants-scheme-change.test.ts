// Portfolio re-import with another scheme for an existing grant: an error naming the row, or with
// --allow-scheme-change / allowSchemeChange an update with a warning; and the per-row changes (field: before -> after)
// of a grants import in the CLI text, --json and the upload result, dry run included.
import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { getGrant, listGrants } from '../../db/repositories/grants.js'
import { cliOn, seedOrganisation, testApp, userWithToken } from '../helpers.js'
import { form } from './upload.js'

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Portefeuille')
  ws.addRow(['Kenmerk', 'Regeling', 'Titel', 'Status', 'Aangevraagd', 'Baten 2026'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

t.test('a changed scheme code is refused with its place, or applied with a warning when allowed', async (t) => {
  const { db, api } = await testApp(t)
  seedOrganisation(db)
  const dir = mkdtempSync(join(tmpdir(), 'woud-scheme-'))
  const file = (name: string, b: Buffer) => {
    const p = join(dir, name)
    writeFileSync(p, b)
    return p
  }
  const run = cliOn(db)
  const first = await run(
    'import',
    'grants',
    file('a.xlsx', await sheet([['P-1', 'szw-g2', 'Re-integratie', 'verkenning', 1000, 500]])),
    '--org',
    'GM0363',
  )
  t.equal(first.code, 0, first.err)
  t.match(first.out, /Nieuw P-1 \(rij 2\): .*schemeCode: szw-g2/)
  const id = listGrants(db, { organisationIds: 'all' }, { limit: 5, offset: 0, figuresYear: 2026 }).items[0].id

  const moved = file('b.xlsx', await sheet([['P-1', 'bzk-regio-deals-5', 'Re-integratie', 'verkenning', 1200, 500]]))
  const refused = await run('import', 'grants', moved, '--org', 'GM0363', '--json')
  t.equal(refused.code, 1, 'rejected')
  const rj = refused.json()
  t.match(rj.errors, [
    {
      sheet: 'Portefeuille',
      row: 2,
      column: /B \(Regeling\)/,
      message: /hoort bij regeling 'szw-g2'.*'bzk-regio-deals-5'.*--allow-scheme-change/,
    },
  ])
  t.equal(rj.dryRun, false)
  t.match(getGrant(db, id), { schemeCode: 'szw-g2', requestedCents: 1000_00 }, 'nothing written, not even the other field')

  const dry = await run('import', 'grants', moved, '--org', 'GM0363', '--allow-scheme-change', '--dry-run', '--json')
  t.equal(dry.code, 0, dry.out)
  const dj = dry.json()
  t.match(dj, {
    dryRun: true,
    updated: 1,
    warnings: [{ row: 2, column: /Regeling/, message: /gewijzigd van 'szw-g2' naar 'bzk-regio-deals-5'/ }],
  })
  t.strictSame(dj.details.changes[0].fields.schemeCode, { before: 'szw-g2', after: 'bzk-regio-deals-5' })
  t.strictSame(dj.details.changes[0].fields.requestedCents, { before: 1000_00, after: 1200_00 })
  t.match(dj.details.changes[0], { code: 'P-1', row: 2, outcome: 'updated' })
  t.match(getGrant(db, id), { schemeCode: 'szw-g2' }, 'a dry run writes nothing')

  const text = await run('import', 'grants', moved, '--org', 'GM0363', '--allow-scheme-change', '--dry-run')
  t.match(text.out, /Gewijzigd P-1 \(rij 2\): .*schemeCode: szw-g2 → bzk-regio-deals-5/)
  t.match(text.out, /requestedCents: 100000 → 120000/)
  t.match(text.out, /Let op Portefeuille, rij 2, kolom B \(Regeling\): regeling van subsidie 'P-1' gewijzigd/)

  // The upload route: refused without the field (422 with the place), applied with it.
  const token = userWithToken(db, 'mw@woud.test', [{ orgCode: 'GM0363', role: 'medewerker' }])
  const bytes = await sheet([['P-1', 'bzk-regio-deals-5', 'Re-integratie', 'verkenning', 1200, 700]])
  const up = (fields: [string, string][]) => {
    const f = form([['org', 'GM0363'], ...fields], { bytes, filename: 'c.xlsx' })
    return api({ method: 'POST', url: '/api/v1/imports/grants', token, payload: f.payload, headers: f.headers })
  }
  const no = await up([])
  t.equal(no.statusCode, 422)
  t.match(no.json().errors, [{ row: 2, column: /Regeling/, message: /--allow-scheme-change/ }])
  const bad = await up([['allowSchemeChange', 'misschien']])
  t.equal(bad.statusCode, 400)
  const yes = await up([['allowSchemeChange', 'true']])
  t.equal(yes.statusCode, 200, yes.body)
  t.match(yes.json(), { updated: 1, dryRun: false, warnings: [{ row: 2, message: /gewijzigd/ }] })
  t.match(yes.json().details.changes[0].fields, {
    schemeCode: { before: 'szw-g2', after: 'bzk-regio-deals-5' },
    '2026 plannedBatenCents': { before: 500_00, after: 700_00 },
  })
  const g = getGrant(db, id)!
  t.match(g, { schemeCode: 'bzk-regio-deals-5', requestedCents: 1200_00, nature: 'incidenteel' }, 'the nature follows the new scheme')

  // The same file again: nothing to change, no warning.
  const again = await up([])
  t.equal(again.statusCode, 200)
  t.match(again.json(), { unchanged: 1, warnings: [] })
})
