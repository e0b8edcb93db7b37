// Money cells hold cents / 100: the same double as the decimal text of the amount, for every safe number of cents.
import t from 'tap'
import { centsToEuroNumber } from '../../../db/money.js'

/** The reference: the decimal text '-1234.56' parsed, as a spreadsheet would read a typed amount. */
function viaText(cents: number): number {
  const a = Math.abs(cents)
  return Number(`${cents < 0 ? '-' : ''}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`)
}

t.test('centsToEuroNumber is the decimal amount exactly', async (t) => {
  const edges = [0, 1, -1, 5, 10, 99, 100, 101, 123456, -123456, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 52 + 7, 4503599627370497, 90071992547409]
  for (const c of edges) t.equal(centsToEuroNumber(c), viaText(c), `${c} cents`)
  let seed = 42
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  let bad = 0
  for (let i = 0; i < 200_000; i++) {
    const digits = 1 + Math.floor(rand() * 16)
    const c = Math.floor(rand() * 10 ** digits) * (rand() < 0.3 ? -1 : 1)
    if (Number.isSafeInteger(c) && centsToEuroNumber(c) !== viaText(c)) bad++
  }
  t.equal(bad, 0, 'no difference over 200,000 amounts of 1 to 16 digits')
  t.throws(() => centsToEuroNumber(1.5), /geen geheel aantal centen/)
})
