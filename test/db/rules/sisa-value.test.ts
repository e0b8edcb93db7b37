// The one SiSa value rule: what each data type accepts, what it refuses (with a message a controller can act on),
// and how inputs for one uitkering resolve to writes or to errors that name the input.
import t from 'tap'
import {
  checkSisaValue,
  isValidStoredValue,
  MAX_SISA_TEXT,
  resolveValueInputs,
  rowNoError,
  SisaInputError,
} from '../../../db/rules/sisa-value.js'
import { DomainError } from '../../../db/errors.js'
import type { StoredRegeling } from '../../../db/repositories/sisa.js'

t.test('checkSisaValue per data type', async (t) => {
  t.strictSame(checkSisaValue('euro', '€ 1.234,56'), { value: { cents: 123456 } })
  t.strictSame(checkSisaValue('euro', 1234.5), { value: { cents: 123450 } })
  t.strictSame(checkSisaValue('euro', -12), { value: { cents: -1200 } })
  t.match(checkSisaValue('euro', '1.234'), { error: /1\.234/ }, 'ambiguous notation is refused, never guessed')
  t.match(checkSisaValue('euro', true), { error: /geen bedrag/ })
  t.match(checkSisaValue('euro', 'veel'), { error: /geen bedrag/ })
  t.strictSame(checkSisaValue('count', 3), { value: { number: 3 } })
  t.strictSame(checkSisaValue('count', ' 12 '), { value: { number: 12 } })
  t.match(checkSisaValue('count', -1), { error: /geen aantal/ })
  t.match(checkSisaValue('count', 2.5), { error: /geen aantal/ })
  t.match(checkSisaValue('count', '3,0'), { error: /geen aantal/ })
  t.strictSame(checkSisaValue('janee', ' JA '), { value: { bool: true } })
  t.strictSame(checkSisaValue('janee', false), { value: { bool: false } })
  t.match(checkSisaValue('janee', 'j'), { error: /geen Ja of Nee/ }, 'a SiSa Ja/Nee cell is never guessed')
  t.match(checkSisaValue('janee', 1), { error: /geen Ja of Nee/ })
  t.strictSame(checkSisaValue('text', '  Maatwerk '), { value: { text: 'Maatwerk' } })
  t.strictSame(checkSisaValue('key', 42), { value: { text: '42' } })
  t.strictSame(checkSisaValue('text', '   '), { value: null }, 'empty text clears')
  t.match(checkSisaValue('text', 'x'.repeat(MAX_SISA_TEXT + 1)), { error: /langer dan 500/ })
  t.strictSame(checkSisaValue('text', 'x'.repeat(MAX_SISA_TEXT)), { value: { text: 'x'.repeat(MAX_SISA_TEXT) } })
  t.strictSame(checkSisaValue('euro', null), { value: null })
  t.match(checkSisaValue('euro', { a: 1 }), { error: /tekst, getal, Ja\/Nee/ })
})

t.test('checkSisaValue as an import reads cells: the table notation, grouped counts, date cells', async (t) => {
  t.strictSame(checkSisaValue('euro', '1.234', { notation: 'nl' }), { value: { cents: 123400 } }, 'a Dutch table: the dot groups thousands')
  t.strictSame(
    checkSisaValue('euro', '1.5', { notation: 'plain' }),
    { value: { cents: 150 } },
    'a plain table: the dot is the decimal point',
  )
  t.match(checkSisaValue('euro', '1.234'), { error: /dubbelzinnig/ }, 'without the table notation 1.234 is refused')
  t.strictSame(checkSisaValue('count', '1.234'), { value: { number: 1234 } })
  t.match(checkSisaValue('count', '1.23'), { error: /geen aantal/ })
  t.strictSame(checkSisaValue('text', new Date(Date.UTC(2025, 6, 15))), { value: { text: '2025-07-15' } })
  t.match(checkSisaValue('euro', new Date(Date.UTC(2025, 6, 15))), { error: /geen bedrag/ })
})

t.test('rowNoError: no rows for a single indicator, 1..999 for a per-project one, in the words of the input', async (t) => {
  t.equal(rowNoError({ rowDimension: 'none' }, 'C1/01', 0), null)
  t.equal(rowNoError({ rowDimension: 'none' }, 'C1/01', 2, 'Regel'), 'C1/01 heeft geen regels; laat Regel weg')
  t.equal(rowNoError({ rowDimension: 'project' }, 'C1/03', 1), null)
  t.equal(rowNoError({ rowDimension: 'project' }, 'C1/03', 999), null)
  t.equal(rowNoError({ rowDimension: 'project' }, 'C1/03', 0), 'C1/03 is per project: geef het regelnummer (rowNo 1..999)')
  t.ok(rowNoError({ rowDimension: 'gemeente' }, 'C1/03', 1000))
  t.ok(rowNoError({ rowDimension: 'gemeente' }, 'C1/03', 1.5))
})

t.test('isValidStoredValue: the shape the data type asks for', async (t) => {
  t.ok(isValidStoredValue('euro', { cents: 5 }))
  t.notOk(isValidStoredValue('euro', { bool: true }))
  t.ok(isValidStoredValue('janee', { bool: false }))
  t.notOk(isValidStoredValue('janee', { cents: 100 }))
  t.ok(isValidStoredValue('count', { number: 0 }))
  t.notOk(isValidStoredValue('count', { number: -2 }))
  t.notOk(isValidStoredValue('text', { text: 'x'.repeat(MAX_SISA_TEXT + 1) }))
  t.notOk(isValidStoredValue('text', {}))
})

const ind = (id: number, number: string, dataType: 'euro' | 'count' | 'janee' | 'text', rowDimension: 'none' | 'project' = 'none') => ({
  id,
  sisaCode: 'C1',
  number,
  label: `indicator ${number}`,
  dataType,
  rowDimension,
  aardControle: 'R',
  mandatory: true,
  role: null,
  formula: null,
  position: id,
})
const reg = {
  id: 1,
  sisaCode: 'C1',
  indicators: [ind(1, '01', 'euro'), ind(2, '02', 'janee'), ind(3, '03', 'text', 'project')],
} as unknown as StoredRegeling

t.test('resolveValueInputs: writes for good inputs, an error naming each bad one, nothing dropped', async (t) => {
  const ok = resolveValueInputs(reg, 2025, 'C1', [
    { indicator: 'C1 / 01', value: '€ 10,00' },
    { indicator: 'Indicator: C1/02', value: 'Nee' },
    { indicator: 'C1/03', rowNo: 2, value: 'Project B' },
    { indicator: 'C1/01', valueCents: null },
  ])
  t.strictSame(ok.errors, [{ field: 'values.3', message: 'C1/01 regel 0 staat twee keer in de invoer' }])
  t.strictSame(
    ok.writes.map((w) => [w.indicatorId, w.code, w.rowNo, w.value]),
    [
      [1, 'C1/01', 0, { cents: 1000 }],
      [2, 'C1/02', 0, { bool: false }],
      [3, 'C1/03', 2, { text: 'Project B' }],
    ],
  )
  const bad = resolveValueInputs(reg, 2025, 'C1', [
    { indicator: 'C1-01', value: 1 },
    { indicator: 'C2/01', value: 1 },
    { indicator: 'C1/09', value: 1 },
    { indicator: 'C1/01', rowNo: 1, value: 1 },
    { indicator: 'C1/03', value: 'x' },
    { indicator: 'C1/02', value: 'misschien' },
    { indicator: 'C1/03', rowNo: 3, valueCents: 100 },
    { indicator: 'C1/01', valueCents: 1.5 },
    { indicator: 'C1/03', rowNo: 1 },
  ])
  t.equal(bad.writes.length, 0)
  t.strictSame(
    bad.errors.map((e) => e.field),
    [
      'values.0.indicator',
      'values.1.indicator',
      'values.2.indicator',
      'values.3.rowNo',
      'values.4.rowNo',
      'values.5.value',
      'values.6.valueCents',
      'values.7.valueCents',
      'values.8',
    ],
  )
  t.match(bad.errors[2].message, /C1\/09 bestaat niet in SiSa 2025 \(wel: C1\/01, C1\/02, C1\/03\)/)
  t.match(bad.errors[5].message, /C1\/02 \(C1\): 'misschien' is geen Ja of Nee/)
  const none = resolveValueInputs(undefined, 2025, 'Z9', [{ indicator: 'Z9/01', value: 1 }])
  t.match(none.errors, [{ message: /uitkering Z9 komt niet voor in de SiSa-definities van 2025/ }])
})

t.test('SisaInputError is a DomainError of kind invalid, so the CLI and the API map it without a special case', async (t) => {
  const e = new SisaInputError([{ field: 'values.0.value', message: 'fout' }])
  t.ok(e instanceof DomainError)
  t.equal(e.kind, 'invalid')
  t.strictSame(e.errors, [{ field: 'values.0.value', message: 'fout' }])
})
