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

// The reference: the BigInt arithmetic applyBp and splitLargestRemainder used before their double fast paths.
function applyBpBig(cents: number, bp: number): number {
  const p = BigInt(cents) * BigInt(bp)
  const r = p % 10000n
  const adj = (r < 0n ? -r : r) * 2n >= 10000n ? (p < 0n ? -1n : 1n) : 0n
  return Number(p / 10000n + adj)
}
function splitBig(total: number, weights: number[]): number[] {
  const sign = total < 0 ? -1n : 1n
  const t = BigInt(Math.abs(total))
  const W = BigInt(weights.reduce((a, b) => a + b, 0))
  const base = weights.map((w) => (t * BigInt(w)) / W)
  const rems = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % W }))
  let left = t - base.reduce((a, b) => a + b, 0n)
  rems.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))
  for (const { i } of rems) {
    if (left === 0n) break
    base[i] += 1n
    left -= 1n
  }
  return base.map((b) => Number(b * sign))
}

t.test('the double fast paths give exactly what BigInt arithmetic gives, on both sides of 2^53', async (t) => {
  // A fixed-seed generator: the same cases every run, spread over small, realistic and huge amounts.
  let seed = 20261202
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const amount = () => {
    const scale = [100, 1e6, 1e10, 1e13, 1e15, 9e15][Math.floor(rand() * 6)]
    return Math.floor(rand() * scale) * (rand() < 0.2 ? -1 : 1)
  }
  let bad = 0
  for (let k = 0; k < 20000; k++) {
    const c = amount()
    const bp = [0, 1, 25, 1750, 5000, 9999, 10000, 100000, -2500][k % 9]
    if (applyBp(c, bp) !== applyBpBig(c, bp)) bad++
    const ws = Array.from({ length: 1 + (k % 6) }, (): number => (rand() < 0.1 ? 0 : Math.floor(rand() * [10, 1e6, 1e12][k % 3])))
    if (!ws.some((w) => w > 0)) ws[0] = 1
    const got = splitLargestRemainder(c, ws)
    if (JSON.stringify(got) !== JSON.stringify(splitBig(c, ws))) bad++
  }
  t.equal(bad, 0, '20,000 cases of each, none differs')
  t.ok(Object.is(applyBp(-1, 1), 0), 'no negative zero')
  t.same(splitLargestRemainder(-5, [0, 1]), [0, -5])
  t.ok(Object.is(splitLargestRemainder(-5, [0, 1])[0], 0), 'no negative zero in a split')
})

t.test('safe-integer guard', async (t) => {
  t.equal(sumCents([1, 2, 3]), 6)
  t.throws(() => sumCents([Number.MAX_SAFE_INTEGER, 1]), /veilige bereik/)
  t.throws(() => sumCents([0.5]))
})
