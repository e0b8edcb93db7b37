// The Ja/Nee words, once (db/rules/words.ts): a SiSa answer is read strictly, an import column as a flag.
import t from 'tap'
import { jaNee, parseFlag, parseJaNee } from '../../../db/rules/words.js'

t.test('written one way', async (t) => {
  t.equal(jaNee(true), 'Ja')
  t.equal(jaNee(false), 'Nee')
})

t.test('a SiSa answer is Ja or Nee, in any case, never a guess', async (t) => {
  for (const s of ['Ja', ' ja ', 'JA']) t.equal(parseJaNee(s), true, s)
  for (const s of ['Nee', 'nee ']) t.equal(parseJaNee(s), false, s)
  for (const s of ['x', '1', 'true', 'j', 'yes', '', 'misschien']) t.equal(parseJaNee(s), undefined, `'${s}' is no SiSa answer`)
})

t.test('an import flag also takes what spreadsheets use for yes and no', async (t) => {
  for (const s of ['Ja', 'j', 'x', 'X', '1', 'true', 'WAAR', 'yes', 'y']) t.equal(parseFlag(s), true, s)
  for (const s of ['Nee', 'n', '0', 'false', 'onwaar', 'no']) t.equal(parseFlag(s), false, s)
  for (const s of ['', '2', 'misschien', 'ja nee']) t.equal(parseFlag(s), undefined, `'${s}' is neither`)
})
