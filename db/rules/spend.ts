// What a grant itself paid for: a year's lasten minus the co-financing booked on them (the organisation's own part).
// One rule for everything a controller signs about spending: the SiSa besteding prefill and its checks, the expected
// repayment (forecast) and the overlopende passiva (BBV). Before, the SiSa prefill counted all lasten while the
// repayment and the passiva counted this part, so one co-financed grant showed two different spendings.
//
// Whether a regeling's SiSa indicator "Besteding (jaar T)" means the spuk-funded part or the whole project is not
// settled by a source for every regeling (domain guide: UNCERTAIN); the spuk-funded part is the reading that agrees
// with the vaststelling and the balance sheet, and a controller overrides the prefill where a regeling asks otherwise.
import { assertCents } from '../money.js'

export interface SpendFigures {
  lastenCents: number
  cofinancingCents: number
}

/** The grant-funded part of one year's lasten, in cents. Not clamped: a correction year may be negative. */
export function grantFundedCents(f: SpendFigures): number {
  return assertCents(assertCents(f.lastenCents) - assertCents(f.cofinancingCents))
}

/** The grant-funded spending of a year, never below zero (what the repayment and the passiva count as spent). */
export function grantFundedSpentCents(f: SpendFigures): number {
  return Math.max(0, grantFundedCents(f))
}
