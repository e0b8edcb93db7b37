// Collation ranks: sorting by rank must give the collator's own order, ties included.
import t from 'tap'
import { collationRanks, NL, NL_NUMERIC } from '../../reports/collate.js'

t.test('ranks follow the collator: numeric taakvelden, Dutch text, equal values share a rank', async (t) => {
  const taakvelden = ['2.10', '0.1', '2.9', '10.1', '2.9', '(geen taakveld)']
  const r = collationRanks(taakvelden, NL_NUMERIC)
  t.same(
    [...new Set(taakvelden)].sort((a, b) => r.get(a)! - r.get(b)!),
    [...new Set(taakvelden)].sort(NL_NUMERIC.compare),
  )
  t.ok(r.get('2.9')! < r.get('2.10')!, '2.9 before 2.10')
  t.equal(r.size, 5, 'one rank per distinct value')
  const words = ['Zorg', 'appel', 'Économie', 'economie', 'IJsselmonde', 'ijs']
  const w = collationRanks(words, NL)
  t.same(
    [...words].sort((a, b) => w.get(a)! - w.get(b)!),
    [...words].sort(NL.compare),
  )
  const loose = new Intl.Collator('nl', { sensitivity: 'base' })
  const l = collationRanks(['a', 'A', 'b'], loose)
  t.equal(l.get('a'), l.get('A'), 'values the collator calls equal share a rank')
  t.ok(l.get('b')! > l.get('a')!)
})
