// The shipped example of a CBS "SiSa-bijlage op maat" (test/fixtures/sisa/bijlage-op-maat-2023-voorbeeld.*, linked from
// the README): read empty as the definitions of 2023 (its F&O tab left alone), and filled in as the values of 2023.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { freshDb, readWorkbook } from '../helpers.js'
import { createOrganisation } from '../../db/repositories/organisations.js'
import { SYSTEM } from '../../db/audit.js'
import { listStoredValues } from '../../db/repositories/sisa-values.js'
import { runImport } from '../../importers/index.js'
import { computeSisa } from '../../reports/sisa.js'
import { seedGrant } from '../fixtures/sisa/portfolio.js'

const who = { actor: 'beheer@test', source: 'test' }
const file = (ext: string) => readFileSync(new URL(`../fixtures/sisa/bijlage-op-maat-2023-voorbeeld.${ext}`, import.meta.url))
// Wageningen 2023 (domain guide §12.4); A16/05 and A16/06 are not quoted there: chosen so that A16/09 adds up.
const WAGENINGEN = ['€ 5.114.377', '€ 720.477', '€ 0', '€ 85.910', '€ 0', '€ 95.616', '€ 0', '€ 62.580', '€ 6.078.960', '€ 9.060.578']

t.test('the example, empty, is the bijlage layout of 2023: the same definitions as shipped, in xlsx and CSV', async (t) => {
  for (const ext of ['xlsx', 'csv']) {
    const db = freshDb()
    const r = await runImport(db, { kind: 'sisa', fileName: `voorbeeld.${ext}`, bytes: file(ext), year: 2023, who })
    t.strictSame(r.errors, [], ext)
    t.match(r, { format: 'sisa-bijlage', created: 0, updated: 0, unchanged: 11 }, `${ext}: A16 and its ten indicators, unchanged`)
    db.$client.close()
  }
})

t.test('the example, filled in, imports as the values of 2023', async (t) => {
  const wb = await readWorkbook(file('xlsx'))
  const ws = wb.getWorksheet('SiSa-bijlage')!
  WAGENINGEN.forEach((v, i) => {
    ws.getCell(i < 6 ? 8 : 12, 6 + (i % 6)).value = v
  })
  const filled = Buffer.from(await wb.xlsx.writeBuffer())
  const db = freshDb()
  const org = createOrganisation(db, SYSTEM, { code: 'GM0289', name: 'Wageningen' }).id
  const grant = seedGrant(db, {
    org,
    scheme: 'jenv-a16',
    title: 'Opvang Oekraïne',
    awarded: 10_000_000,
    from: '2022-03-01',
    to: '2024-12-31',
    lasten: {},
  })
  const r = await runImport(db, {
    kind: 'sisa-waarden',
    fileName: 'wageningen-2023.xlsx',
    bytes: filled,
    orgCode: 'GM0289',
    year: 2023,
    who,
  })
  t.strictSame(r.errors, [])
  t.match(r, { format: 'sisa-bijlage', created: 10, rejected: 0 })
  t.strictSame(
    listStoredValues(db, [grant], 2023).map((v) => [v.number, v.value.cents]),
    [
      ['01', 511_437_700],
      ['02', 72_047_700],
      ['03', 0],
      ['04', 8_591_000],
      ['05', 0],
      ['06', 9_561_600],
      ['07', 0],
      ['08', 6_258_000],
      ['09', 607_896_000],
      ['10', 906_057_800],
    ],
  )
  t.notOk(
    computeSisa(db, org, 2023).findings.some((f) => f.check === 'computed-mismatch'),
    'A16/09 as filled in is the sum Woud computes',
  )
})
