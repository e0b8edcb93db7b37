import t from 'tap'
import {
  applyBp,
  centsFromNumber,
  centsToEuroNumber,
  centsToWholeEuros,
  formatCents,
  MoneyError,
  parseMoney,
  parsePercentBp,
  splitLargestRemainder,
  sumCents,
  toPlainDecimal,
} from '../../db/money.js'

t.test('Dutch and plain notation parse into exact cents', async (t) => {
  const cases: [string, number][] = [
    ['1.234,56', 123456],
    ['€ 1.234', 123400],
    ['-1.234,5', -123450],
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['0,01', 1],
    ['12.50', 1250],
    ['€ 835.708', 83570800],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1.234.567', 123456700],
    ['  € -12,00 ', -1200],
    ['(1.234,56)', -123456],
    ['1.234,-', 123400],
    ['EUR 5', 500],
    ['euro 7,50', 750],
    ['12 EUR', 1200],
    ['230.000,00', 23000000],
    ['-1.234', -123400],
    ['-1.234.567', -123456700],
    ['€ -1.234', -123400],
    ['12.450,00', 1245000],
    ['0', 0],
    ['-0,00', 0],
  ]
  for (const [s, cents] of cases) t.equal(parseMoney(s), cents, s)
})

t.test('ambiguous, malformed and absurd amounts are rejected with a message', async (t) => {
  for (const s of [
    '1.234',
    '1,234',
    '12,345',
    '',
    'abc',
    '1.23.4',
    '12,3,4',
    '1,2.3',
    '1.2345,00',
    '12.3456',
    '1 2 3 4,5,6',
    '€',
    '--5',
    '0,001',
  ])
    t.throws(() => parseMoney(s), MoneyError, `'${s}' rejected`)
  t.throws(() => parseMoney('99999999999999999,00'), /onrealistisch/)
  t.throws(() => parseMoney('-5', { allowNegative: false }), /negatief/)
  try {
    parseMoney('1.234')
  } catch (e) {
    t.match((e as Error).message, /dubbelzinnig/)
  }
})

t.test('a known notation or unit makes a lone separator unambiguous', async (t) => {
  t.equal(parseMoney('1.234', { notation: 'nl' }), 123400)
  t.equal(parseMoney('1,234', { notation: 'plain' }), 123400)
  t.throws(() => parseMoney('1.234', { notation: 'plain' }), /fracties/, 'plain 1.234 would be fractions of a cent')
  t.equal(parseMoney('1.23', { notation: 'plain' }), 123)
  // x EUR 1 mln: 512,3 mln = 512 300 000 euro; "2.125" mln with a unit means 2,125 mln.
  t.equal(parseMoney('512,3', { unitEuros: 1_000_000 }), 51_230_000_000)
  t.equal(parseMoney('2.125', { unitEuros: 1_000_000, ambiguousAsDecimal: true }), 212_500_000)
  t.equal(parseMoney('0,000001', { unitEuros: 1_000_000 }), 100)
  t.equal(parseMoney('0,0000001', { unitEuros: 1_000_000 }), 10)
  t.throws(() => parseMoney('0,000000001', { unitEuros: 1_000_000 }), /fracties/)
})

t.test('numbers from spreadsheet cells go through their decimal text', async (t) => {
  t.equal(centsFromNumber(1234.56), 123456)
  t.equal(centsFromNumber(0.1 + 0.2, { round: true }), 30)
  t.throws(() => centsFromNumber(0.1 + 0.2), /decimalen/)
  t.equal(centsFromNumber(512.3, { unitEuros: 1_000_000 }), 51_230_000_000)
  t.equal(centsFromNumber(-2.675, { round: true }), -268, 'half away from zero')
  t.equal(centsFromNumber(1e21 / 1e10), 1e13)
  t.equal(toPlainDecimal(1.5e-7), '0.00000015')
  t.equal(toPlainDecimal(2e21), '2000000000000000000000')
  t.throws(() => centsFromNumber(Number.NaN))
})

t.test('percentages are exact basis points', async (t) => {
  t.equal(parsePercentBp('17,5'), 1750)
  t.equal(parsePercentBp('18 %'), 1800)
  t.equal(parsePercentBp(17.5), 1750)
  t.equal(parsePercentBp('0.25'), 25)
  t.throws(() => parsePercentBp('12,345'))
  t.throws(() => parsePercentBp('veel'))
  t.equal(applyBp(1000000, 1750), 175000)
  t.equal(applyBp(1, 5000), 1, 'half a cent rounds away from zero')
  t.equal(applyBp(-1, 5000), -1)
})

t.test('formatting and conversion', async (t) => {
  t.equal(formatCents(123456), '€ 1.234,56')
  t.equal(formatCents(-5), '€ -0,05')
  t.equal(formatCents(83570850, { decimals: false }), '€ 835.709')
  t.equal(formatCents(100000000000, { symbol: false }), '1.000.000.000,00')
  t.equal(centsToEuroNumber(123456789), 1234567.89)
  t.equal(centsToEuroNumber(-1), -0.01)
  t.equal(centsToWholeEuros(150), 2)
  t.equal(centsToWholeEuros(-150), -2)
  t.equal(centsToWholeEuros(149), 1)
  t.equal(centsToWholeEuros(-49), 0)
})

t.test('largest remainder split sums exactly', async (t) => {
  t.same(splitLargestRemainder(100, [1, 1, 1]), [34, 33, 33])
  t.same(splitLargestRemainder(-100, [1, 1, 1]), [-34, -33, -33])
  t.same(splitLargestRemainder(1000, [3, 0, 7]), [300, 0, 700])
  for (let total = 0; total < 500; total += 37) {
    const parts = splitLargestRemainder(total, [5, 3, 2, 9])
    t.equal(
      parts.reduce((a, b) => a + b, 0),
      total,
    )
  }
  t.throws(() => splitLargestRemainder(10, []))
  t.throws(() => splitLargestRemainder(10, [0, 0]))
  t.throws(() => splitLargestRemainder(10, [1.5]))
})

t.test('safe-integer guard', async (t) => {
  t.equal(sumCents([1, 2, 3]), 6)
  t.throws(() => sumCents([Number.MAX_SAFE_INTEGER, 1]), /veilige bereik/)
  t.throws(() => sumCents([0.5]))
})
