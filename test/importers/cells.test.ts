// The one cell reader: exceljs values to primitives, header synonyms, typed readers with their places.
import t from 'tap'
import {
  cellToPrimitive,
  columnLetter,
  looksLikeFormula,
  matchHeaders,
  normaliseHeader,
  RowReader,
  type Cell,
  type HeaderMatch,
  type RowError,
} from '../../importers/cells.js'

type F = 'sisaCode' | 'name' | 'amount'
type G = 'bedrag' | 'datum' | 'tekst' | 'jaar' | 'mln' | 'jn'

t.test('exceljs cell values become one primitive', async (t) => {
  t.equal(cellToPrimitive({ formula: 'B2*2', result: 42 }), 42, 'a formula gives its cached result')
  t.equal(cellToPrimitive({ sharedFormula: 'A2', result: 'Gemeenten' }), 'Gemeenten')
  t.match(cellToPrimitive({ formula: 'SUM(A1:A3)' }), { error: /zonder berekende waarde/ }, 'no cached result is not an empty cell')
  t.match(
    cellToPrimitive({ formula: 'HYPERLINK("http://x.invalid","klik")', result: 'klik' }),
    { error: /HYPERLINK/ },
    'live links are never data',
  )
  t.match(cellToPrimitive({ formula: "cmd|' /C calc'!A0", result: 0 }), { error: /formule/ }, 'DDE')
  t.equal(cellToPrimitive({ richText: [{ text: 'Lokale ' }, { text: 'Aanpak Isolatie' }] }), 'Lokale Aanpak Isolatie')
  t.equal(cellToPrimitive({ text: 'RVO', hyperlink: 'https://www.rvo.nl' }), 'RVO')
  t.strictSame(cellToPrimitive({ error: '#N/A' }), { error: '#N/A' })
  t.equal(cellToPrimitive('   '), null)
  const d = new Date(Date.UTC(2025, 1, 13))
  t.equal(cellToPrimitive(d), d)
})

t.test('headers: case, accents, punctuation and synonyms; --map wins', async (t) => {
  t.equal(normaliseHeader(' Uitkerings-Code '), 'uitkeringscode')
  t.equal(normaliseHeader('Financiële grondslag'), 'financielegrondslag')
  t.equal(columnLetter(0), 'A')
  t.equal(columnLetter(27), 'AB')
  const rows: Cell[][] = [['Overzicht 2025'], [], ['SiSa nr.', 'Naam regeling', 'Bédrag', 'Vrij veld']]
  const m = matchHeaders<F>(rows, { sisaCode: ['sisa nr', 'uitkeringscode'], name: ['naam regeling'], amount: ['bedrag'] }, [
    'sisaCode',
    'name',
  ])!
  t.match(m, { headerRow: 3, col: { sisaCode: 0, name: 1, amount: 2 }, unknown: ['Vrij veld'], missing: [] })
  const mapped = matchHeaders<F>(rows, { sisaCode: ['sisa nr'], name: ['naam regeling'], amount: ['bedrag'] }, ['name'], {
    amount: 'Vrij veld',
  })!
  t.equal(mapped.col.amount, 3)
})

t.test('typed readers report sheet, 1-based row and column; ambiguity and formula text are errors', async (t) => {
  const errors: RowError[] = []
  const match: HeaderMatch<G> = {
    headerRow: 1,
    col: { bedrag: 0, datum: 1, tekst: 2, jaar: 3, mln: 4, jn: 5 },
    unknown: [],
    missing: [],
    headers: ['Bedrag', 'Datum', 'Tekst', 'Jaar', 'x mln', 'Ja/Nee'],
  }
  const read = (row: Cell[]) => new RowReader<G>('Blad1', 7, row, match, errors)
  t.equal(read(['€ 1.234,56']).money('bedrag'), 123456)
  t.equal(read(['1234.56']).money('bedrag'), 123456)
  t.equal(read([1234.56]).money('bedrag'), 123456, 'a number cell is exact')
  t.equal(read([null, null, null, null, '512,3']).money('mln', { unitEuros: 1_000_000 }), 51_230_000_000)
  t.equal(
    read([null, null, null, null, '1.234']).money('mln', { unitEuros: 1_000_000, ambiguousAsDecimal: true }),
    123_400_000,
    'the unit makes it unambiguous',
  )
  t.equal(errors.length, 0)
  t.equal(read(['1.234']).money('bedrag'), null)
  t.match(errors.pop(), { sheet: 'Blad1', row: 7, column: 'A (Bedrag)', message: /dubbelzinnig/ })
  t.equal(read([null, '31-02-2025']).date('datum'), null)
  t.match(errors.pop(), { column: 'B (Datum)', message: /geen bestaande datum/ })
  t.equal(read([null, new Date(Date.UTC(2025, 2, 17))]).date('datum'), '2025-03-17', 'an Excel date cell')
  t.equal(read([null, 45733]).date('datum'), '2025-03-17', 'an Excel serial number')
  t.equal(read([null, '17-3-2025']).date('datum'), '2025-03-17')
  t.equal(read([null, null, '=HYPERLINK("http://x.invalid")']).text('tekst'), null)
  t.match(errors.pop(), { column: 'C (Tekst)', message: /lijkt een formule/ })
  t.equal(read([null, null, null, 'twintig']).integer('jaar'), null)
  t.match(errors.pop(), { column: 'D (Jaar)', message: /geen geheel getal/ })
  t.equal(read(['-5,00']).money('bedrag', { allowNegative: false }), null)
  t.match(errors.pop(), { message: /negatief/ })
  t.equal(read([null, null, null, null, null, 'Ja']).bool('jn'), true)
  t.equal(errors.length, 0)
  t.ok(looksLikeFormula('@SUM(A1)'))
  t.notOk(looksLikeFormula('-1.234,56'))
})
