// The SiSa value rule is one rule: the write path refuses what it refuses, and the report flags a stored value
// that no longer fits it (kept from an earlier format date in which the indicator had another data type).
import t from 'tap'
import { freshDb } from '../helpers.js'
import { getYearDefinitions, plainYear, upsertYearDefinitions } from '../../db/repositories/sisa.js'
import { checkSisaValue } from '../../db/rules/sisa-value.js'
import { computeSisa } from '../../reports/sisa.js'
import { SisaInputError } from '../../reports/sisa-input.js'
import { seedGennep, set } from '../fixtures/sisa/portfolio.js'

t.test('a stored Ja/Nee value under a newer format date that makes the indicator an amount is a finding', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const g = seedGennep(db)
  t.strictSame(
    computeSisa(db, g.org, 2022).findings.filter((f) => f.check === 'invalid-value'),
    [],
  )
  const y = plainYear(getYearDefinitions(db, 2022)!)
  const a13 = y.regelingen.find((r) => r.sisaCode === 'A13')!
  const changed = { ...a13, indicators: a13.indicators.map((i) => (i.number === '02' ? { ...i, dataType: 'euro' as const } : i)) }
  upsertYearDefinitions(db, { sisaYear: 2022, formatDate: '2099-01-01', regelingen: [changed] }, null)
  t.match(
    computeSisa(db, g.org, 2022).findings.filter((f) => f.check === 'invalid-value'),
    [
      {
        severity: 'fout',
        indicator: 'A13/02',
        message: /opgeslagen waarde van A13\/02 past niet bij het gegevenstype bedrag in SiSa 2022/,
      },
    ],
  )
})

t.test('the write path refuses exactly what the rule refuses, with the rule message and nothing written', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const g = seedGennep(db)
  const rule = checkSisaValue('janee', 'misschien')
  t.ok('error' in rule)
  const e = (() => {
    try {
      set(db, g.a13, 2022, [{ indicator: 'A13/02', value: 'misschien' }])
    } catch (x) {
      return x
    }
  })()
  t.ok(e instanceof SisaInputError)
  t.match((e as SisaInputError).errors, [{ field: 'values.0.value', message: `A13/02 (A13): ${(rule as { error: string }).error}` }])
  const cell = computeSisa(db, g.org, 2022).blocks[0].indicators.find((i) => i.code === 'A13/02')!.cells[0]
  t.strictSame(cell.value, { bool: true }, 'the earlier value stays')
})
