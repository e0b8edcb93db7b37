// Sorting many rows by Dutch collation: a collator call per comparison was a visible part of a 5,000-grant workbook,
// yet the compared values are few (programma's, taakvelden, ministries). Each distinct value is collated once, into a
// rank, and rows compare ranks.

/** Dutch order of text; numeric: '2.10' after '2.9' (taakvelden). */
export const NL = new Intl.Collator('nl')
export const NL_NUMERIC = new Intl.Collator('nl', { numeric: true })

/** The rank of each distinct value in the collator's order (equal-collating values share a rank). */
export function collationRanks(values: Iterable<string>, collator: Intl.Collator): Map<string, number> {
  const distinct = [...new Set(values)].sort(collator.compare)
  const ranks = new Map<string, number>()
  let rank = 0
  distinct.forEach((v, i) => {
    if (i > 0 && collator.compare(distinct[i - 1], v) !== 0) rank++
    ranks.set(v, rank)
  })
  return ranks
}
