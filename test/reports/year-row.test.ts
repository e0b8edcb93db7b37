// yearRow: a grant year looked up by index must find exactly what a search finds, with gaps and out-of-range years.
import t from 'tap'
import { yearRow, type GrantYear } from '../../reports/report-data.js'

const row = (year: number): GrantYear => ({
  grantId: 1,
  year,
  plannedBatenCents: year,
  plannedLastenCents: 0,
  realisedBatenCents: 0,
  realisedLastenCents: 0,
  structuralLastenCents: 0,
  cofinancingPlannedCents: 0,
  cofinancingRealisedCents: 0,
})

t.test('consecutive, with gaps, empty: the same row as a search, for years before, inside and after', async (t) => {
  const cases = [[], [2026], [2024, 2025, 2026, 2027, 2028], [2024, 2026, 2029], [2020, 2021, 2030]]
  let checked = 0
  for (const years of cases) {
    const g = { years: years.map(row) }
    for (let y = 2018; y <= 2032; y++) {
      t.equal(
        yearRow(g, y),
        g.years.find((r) => r.year === y),
        `${years.join(',') || 'geen jaren'}: ${y}`,
      )
      checked++
    }
  }
  t.equal(checked, 75)
})
