// Money as integer euro cents: strict parsing (Dutch and plain notation), formatting, exact scaling and splitting.
// No float ever touches an amount: text is parsed digit by digit with BigInt, numbers from spreadsheets go
// through their shortest round-trip decimal text first.

export const MAX_CENTS = 1_000_000_000_000_000 // EUR 10 trillion; CHECK constraints use the same bound

export class MoneyError extends Error {
  override name = 'MoneyError'
}

export type Notation = 'auto' | 'nl' | 'plain'

export interface ParseMoneyOptions {
  /** 'auto' (default) accepts both notations and rejects what could be either. */
  notation?: Notation
  /** The amount is in units of this many euros (e.g. 1_000_000 for "x EUR 1 mln"). Default 1. */
  unitEuros?: number
  /** Allow a leading minus. Default true. */
  allowNegative?: boolean
  /**
   * A lone separator followed by exactly three digits ("1.234", "1,234") is ambiguous in 'auto'.
   * With a large unit (x EUR 1 mln) the column makes it unambiguous: the separator is decimal.
   */
  ambiguousAsDecimal?: boolean
}

/** Decimal text such as "-1234.5" -> { negative, int, frac } with no float step. */
interface Decimal {
  negative: boolean
  int: string
  frac: string
}

const CURRENCY = /^(?:€|euro|eur)\s*|\s*(?:€|euro|eur)$/i

/** Parse a money string into integer cents, or throw a MoneyError with a Dutch message. */
export function parseMoney(input: string, opts: ParseMoneyOptions = {}): number {
  const notation = opts.notation ?? 'auto'
  let s = input.replace(/[\u00a0\u202f\s]+/g, ' ').trim()
  if (s === '') throw new MoneyError('leeg bedrag')
  let negative = false
  // Accounting style "(1.234,56)" and trailing minus "1.234,56-" are negative too.
  if (/^\(.*\)$/.test(s)) {
    negative = true
    s = s.slice(1, -1).trim()
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative
    s = s.slice(1).trim()
  }
  // A euro sign, a Dutch ',-' or a minus before dot-grouped digits ('-1.234', docs/formats.md) marks a written
  // Dutch amount: '€ 1.234' and '-1.234' are one thousand two hundred thirty-four euro; a bare '1.234' stays
  // ambiguous (issue: it could be either) and is refused.
  const hadCurrency = CURRENCY.test(s)
  s = s.replace(CURRENCY, '').trim()
  let signs = negative ? 1 : 0
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative
    signs++
    s = s.slice(1).trim()
  }
  if (s.endsWith('-') && !s.endsWith(',-')) {
    negative = !negative
    signs++
    s = s.slice(0, -1).trim()
  }
  if (signs > 1) throw new MoneyError(`'${input}' heeft meer dan één minteken`)
  const dutchWhole = /,-{1,2}$/.test(s)
  s = s.replace(/,-{1,2}$/, '') // "1.234,-" is a whole amount in Dutch
  s = s.replace(/ /g, '')
  if (!/^[0-9.,']+$/.test(s) || !/[0-9]/.test(s)) throw new MoneyError(`'${input}' is geen bedrag`)
  const dec = splitDecimal(
    s,
    notation === 'auto' && (hadCurrency || dutchWhole || (negative && /^\d{1,3}(\.\d{3})+$/.test(s))) ? 'nl' : notation,
    opts.ambiguousAsDecimal ?? false,
    input,
  )
  dec.negative = negative
  if (negative && opts.allowNegative === false) throw new MoneyError(`negatief bedrag '${input}' is hier niet toegestaan`)
  return decimalToCents(dec, opts.unitEuros ?? 1, input)
}

function splitDecimal(s: string, notation: Notation, ambiguousAsDecimal: boolean, input: string): Decimal {
  const dots = count(s, '.')
  const commas = count(s, ',')
  s = s.replace(/'/g, '') // Swiss-style thousands apostrophe
  let decimalSep: '.' | ',' | null
  if (notation === 'nl') decimalSep = commas ? ',' : null
  else if (notation === 'plain') decimalSep = dots ? '.' : null
  else if (dots && commas) decimalSep = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.'
  else if (dots + commas === 0) decimalSep = null
  else {
    const sep = dots ? '.' : ','
    const n = dots || commas
    const after = s.length - s.lastIndexOf(sep) - 1
    if (n > 1)
      decimalSep = null // "1.234.567": only thousands separators
    else if (after !== 3)
      decimalSep = sep // "1234,5" / "12.50"
    else if (ambiguousAsDecimal) decimalSep = sep
    else throw new MoneyError(`'${input}' is dubbelzinnig: duizendtal-scheiding of decimalen? Schrijf bijvoorbeeld 1.234,00 of 1234.00`)
  }
  const thousandsSep = decimalSep === ',' ? '.' : decimalSep === '.' ? ',' : dots ? '.' : ','
  if (decimalSep && count(s, decimalSep) > 1) throw new MoneyError(`'${input}' heeft meer dan één decimaalteken`)
  const [intRaw, frac = ''] = decimalSep ? s.split(decimalSep) : [s]
  const groups = intRaw.split(thousandsSep)
  if (groups.length > 1 && (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) {
    throw new MoneyError(`'${input}' heeft een onjuiste duizendtal-scheiding`)
  }
  const int = groups.join('')
  if (!/^[0-9]*$/.test(int) || !/^[0-9]*$/.test(frac) || int + frac === '') throw new MoneyError(`'${input}' is geen bedrag`)
  return { negative: false, int: int || '0', frac }
}

function decimalToCents(d: Decimal, unitEuros: number, input: string): number {
  if (!Number.isSafeInteger(unitEuros) || unitEuros < 1) throw new MoneyError('ongeldige eenheid')
  // value = int.frac * unitEuros euros = (int.frac * unitEuros * 100) cents, computed exactly.
  const scaleDigits = d.frac.length
  const numerator = BigInt(d.int + d.frac) * BigInt(unitEuros) * 100n
  const denominator = 10n ** BigInt(scaleDigits)
  if (numerator % denominator !== 0n) {
    throw new MoneyError(`'${input}' heeft meer dan twee decimalen (fracties van een cent)`)
  }
  const cents = numerator / denominator
  if (cents > BigInt(MAX_CENTS)) throw new MoneyError(`'${input}' is onrealistisch groot`)
  const n = Number(cents)
  return d.negative && n !== 0 ? -n : n
}

/**
 * A number from a spreadsheet cell (a binary double) to cents, via its shortest round-trip decimal text.
 * More than two decimals (a formula's result such as 1234.5600000001) are rounded half away from zero
 * when `round` is set, else rejected.
 */
export function centsFromNumber(n: number, opts: { unitEuros?: number; round?: boolean } = {}): number {
  if (!Number.isFinite(n)) throw new MoneyError(`'${n}' is geen bedrag`)
  const text = toPlainDecimal(n)
  const negative = text.startsWith('-')
  const [int, frac = ''] = text.replace('-', '').split('.')
  const unit = BigInt(opts.unitEuros ?? 1)
  const scaled = BigInt(int + frac) * unit * 100n
  const denominator = 10n ** BigInt(frac.length)
  let cents = scaled / denominator
  const rem = scaled % denominator
  if (rem !== 0n) {
    if (!opts.round) throw new MoneyError(`'${text}' heeft meer dan twee decimalen (fracties van een cent)`)
    if (rem * 2n >= denominator) cents += 1n
  }
  if (cents > BigInt(MAX_CENTS)) throw new MoneyError(`'${text}' is onrealistisch groot`)
  const v = Number(cents)
  return negative && v !== 0 ? -v : v
}

/** Shortest round-trip decimal text of a double, without exponent notation. */
export function toPlainDecimal(n: number): string {
  const s = String(n)
  if (!/e/i.test(s)) return s
  const [mant, expText] = s.toLowerCase().split('e')
  const exp = Number(expText)
  const negative = mant.startsWith('-')
  const [i, f = ''] = mant.replace('-', '').split('.')
  const digits = i + f
  const point = i.length + exp
  let out: string
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length)
  else out = digits.slice(0, point) + '.' + digits.slice(point)
  return (negative ? '-' : '') + out
}

/** Percentages as basis points (17,5 % -> 1750), exact. */
export function parsePercentBp(input: string | number): number {
  const text = typeof input === 'number' ? toPlainDecimal(input) : input.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text)) throw new MoneyError(`'${input}' is geen percentage`)
  const [int, frac = ''] = text.replace('-', '').split('.')
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) throw new MoneyError(`'${input}' heeft te veel decimalen voor een percentage`)
  const bp = Number(int) * 100 + Number((frac + '00').slice(0, 2))
  return text.startsWith('-') ? -bp : bp
}

export function bpToPercentText(bp: number): string {
  const sign = bp < 0 ? '-' : ''
  const a = Math.abs(bp)
  const frac = a % 100
  return `${sign}${Math.trunc(a / 100)}${frac ? ',' + String(frac).padStart(2, '0').replace(/0$/, '') : ''}`
}

/** cents * bp / 10000, rounded half away from zero, exact. */
export function applyBp(cents: number, bp: number): number {
  assertCents(cents)
  if (!Number.isSafeInteger(bp)) throw new MoneyError(`'${bp}' is geen geheel aantal basispunten`)
  // Fast path: a product within 2^53 is exact in a double, and so are its remainder and the exact quotient after it.
  const p = cents * bp
  if (Math.abs(p) <= Number.MAX_SAFE_INTEGER) {
    const r = p % 10000
    const q = (p - r) / 10000
    const adj = Math.abs(r) * 2 >= 10000 ? (p < 0 ? -1 : 1) : 0
    return q + adj + 0
  }
  const b = BigInt(cents) * BigInt(bp)
  const q = b / 10000n
  const r = b % 10000n
  const abs = r < 0n ? -r : r
  const adj = abs * 2n >= 10000n ? (b < 0n ? -1n : 1n) : 0n
  return Number(q + adj)
}

/** Integer cents to whole euros, rounding half away from zero (SiSa appendix amounts). */
export function centsToWholeEuros(cents: number): number {
  assertCents(cents)
  const sign = cents < 0 ? -1 : 1
  const a = Math.abs(cents)
  const euros = Math.trunc(a / 100) + (a % 100 >= 50 ? 1 : 0)
  return sign * euros === 0 ? 0 : sign * euros
}

/** Format cents as Dutch money text: 123456 -> "€ 1.234,56". */
export function formatCents(cents: number, opts: { symbol?: boolean; decimals?: boolean } = {}): string {
  assertCents(cents)
  const negative = cents < 0
  const a = Math.abs(cents)
  const whole = opts.decimals === false ? Math.trunc(a / 100) + (a % 100 >= 50 ? 1 : 0) : Math.trunc(a / 100)
  const int = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  const body = opts.decimals === false ? int : `${int},${String(a % 100).padStart(2, '0')}`
  const sign = negative && (opts.decimals !== false || whole !== 0) ? '-' : ''
  return (opts.symbol === false ? '' : '€ ') + sign + body
}

/**
 * Cents as the decimal euro number a spreadsheet cell holds (1234.56): the double nearest to cents / 100. IEEE
 * division is correctly rounded, so it is the same double as parsing the decimal text, without the text.
 */
export function centsToEuroNumber(cents: number): number {
  assertCents(cents)
  return cents / 100
}

/**
 * Split `total` cents over `weights` with the largest-remainder method: the parts sum to `total` exactly,
 * each part is within one cent of its exact share; ties go to the earliest weight.
 */
export function splitLargestRemainder(total: number, weights: number[]): number[] {
  assertCents(total)
  const n = weights.length
  if (n === 0) throw new MoneyError('geen verdeelsleutel')
  let sum = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i]
    if (!Number.isSafeInteger(w) || w < 0) throw new MoneyError('verdeelsleutel moet uit gehele, niet-negatieve getallen bestaan')
    sum += w
  }
  if (!Number.isSafeInteger(sum)) throw new MoneyError('verdeelsleutel is te groot')
  if (sum === 0) throw new MoneyError('verdeelsleutel is nul')
  const abs = Math.abs(total)
  // Every product total × weight is at most total × sum: within 2^53 all of it is exact in doubles.
  const { base, rems, left } = abs * sum <= Number.MAX_SAFE_INTEGER ? splitExact(abs, weights, sum) : splitBig(abs, weights, sum)
  // Fewer than n cents are left over: one each to the largest remainders, ties to the earliest weight.
  for (let k = 0; k < left; k++) {
    let best = -1
    for (let i = 0; i < n; i++) if (rems[i] !== null && (best < 0 || rems[i]! > rems[best]!)) best = i
    base[best] += 1
    rems[best] = null
  }
  if (total < 0) for (let i = 0; i < n; i++) base[i] = base[i] === 0 ? 0 : -base[i]
  return base
}

interface Split {
  base: number[]
  /** Remainder of each share (null once it got its extra cent). */
  rems: (number | bigint | null)[]
  left: number
}

function splitExact(abs: number, weights: number[], sum: number): Split {
  const base: number[] = []
  const rems: (number | null)[] = []
  let left = abs
  for (const w of weights) {
    const p = abs * w
    const r = p % sum
    base.push((p - r) / sum)
    rems.push(r)
    left -= (p - r) / sum
  }
  return { base, rems, left }
}

function splitBig(abs: number, weights: number[], sum: number): Split {
  const t = BigInt(abs)
  const W = BigInt(sum)
  const base: number[] = []
  const rems: (bigint | null)[] = []
  let rest = t
  for (const w of weights) {
    const p = t * BigInt(w)
    const b = p / W
    base.push(Number(b))
    rems.push(p % W)
    rest -= b
  }
  return { base, rems, left: Number(rest) }
}

/** Safe-integer guard for every sum of cents. */
export function assertCents(n: number): number {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`bedrag ${n} is geen geheel aantal centen binnen het veilige bereik`)
  return n
}

export function sumCents(values: Iterable<number>): number {
  let s = 0
  if (Array.isArray(values)) {
    // Indexed: a report sums tens of thousands of small arrays, and an iterator per call was most of the cost.
    for (let i = 0; i < values.length; i++) s = assertCents(s + assertCents(values[i] as number))
    return s
  }
  for (const v of values) s = assertCents(s + assertCents(v))
  return s
}

function count(s: string, ch: string): number {
  let n = 0
  for (const c of s) if (c === ch) n++
  return n
}
