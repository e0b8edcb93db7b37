// A tiny published RBV table whose amounts decide no notation by themselves ('1.000', '2.500'): in a Dutch table the
// dot groups thousands, and the unit of the heading (x € 1 mln, x € 1.000, in euro's) scales them, in integer cents.
import t from 'tap'
import ExcelJS from 'exceljs'
import { runImport } from '../../importers/index.js'
import { unitOf } from '../../importers/formats/rbv-bijlage.js'
import { getScheme } from '../../db/repositories/schemes.js'
import { freshDb } from '../helpers.js'

const who = { actor: 'test', source: 'test' }

const csv = (heading: string, a: string, b: string) =>
  Buffer.from(
    [
      `${heading};;;;`,
      'SiSa nr.;Onderdeel;Toelichting;2025;2026',
      `G3;Naam;Besluit bijstandverlening zelfstandigen 2004;${a};${b}`,
      ';Ontvangende partijen;Gemeenten;;',
      '',
    ].join('\n'),
  )

const bbzAmounts = async (bytes: Buffer, fileName = 'klein.csv') => {
  const db = freshDb()
  const r = await runImport(db, { kind: 'schemes', fileName, who, bytes })
  const amounts = getScheme(db, 'szw-g3')?.nationalAmounts
  db.$client.close()
  return { r, amounts }
}

t.test('x € 1.000: 1.000 is one thousand thousand euro, not one', async (t) => {
  const { r, amounts } = await bbzAmounts(csv('Overzicht specifieke uitkeringen SZW (bedragen x € 1.000)', '1.000', '2.500'))
  t.strictSame(r.errors, [])
  t.strictSame(amounts, [
    { year: 2025, amountCents: 100_000_000 },
    { year: 2026, amountCents: 250_000_000 },
  ])
})

t.test('x € 1 mln: 1.000 is a thousand million', async (t) => {
  const { r, amounts } = await bbzAmounts(csv('Overzicht specifieke uitkeringen SZW (bedragen x € 1 mln.)', '1.000', '‒ 1.250'))
  t.strictSame(r.errors, [])
  t.strictSame(amounts, [
    { year: 2025, amountCents: 100_000_000_000 },
    { year: 2026, amountCents: -125_000_000_000 },
  ])
})

t.test("bedragen in euro's: 1.000 is one thousand euro", async (t) => {
  const { r, amounts } = await bbzAmounts(csv("Overzicht specifieke uitkeringen SZW (bedragen in euro's)", '1.000', '12.345.678'))
  t.strictSame(r.errors, [])
  t.strictSame(amounts, [
    { year: 2025, amountCents: 100_000 },
    { year: 2026, amountCents: 1_234_567_800 },
  ])
})

t.test('a decimal comma elsewhere in the table keeps 1.000 a thousand; a plain decimal makes it one', async (t) => {
  const nl = await bbzAmounts(csv('Overzicht SZW (bedragen x € 1 mln.)', '1.000', '3,1'))
  t.strictSame(nl.amounts, [
    { year: 2025, amountCents: 100_000_000_000 },
    { year: 2026, amountCents: 310_000_000 },
  ])
  const plain = await bbzAmounts(csv('Overzicht SZW (bedragen x € 1 mln.)', '1.000', '3.1'))
  t.strictSame(plain.amounts, [
    { year: 2025, amountCents: 100_000_000 },
    { year: 2026, amountCents: 310_000_000 },
  ])
})

t.test('a lone comma before three digits could be either: refused with its place, nothing written', async (t) => {
  const { r, amounts } = await bbzAmounts(csv('Overzicht SZW (bedragen x € 1 mln.)', '1,000', '2'))
  t.equal(r.rejected, 1)
  t.match(r.errors, [{ row: 3, column: /^D/, message: /dubbelzinnig/ }])
  t.strictSame(
    amounts?.filter((a) => a.year >= 2025),
    [],
    'the bundled scheme has no amounts written',
  )
})

t.test('the same tiny table as xlsx: text cells read as Dutch, number cells as they are', async (t) => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Tabel 138')
  ws.addRow(['Overzicht specifieke uitkeringen (SPUKS) (bedragen x € 1.000)'])
  ws.addRow(['SiSa nr.', 'Onderdeel', 'Toelichting', 2025, 2026])
  ws.addRow(['G3', 'Naam', 'Besluit bijstandverlening zelfstandigen 2004', '1.000', 2500])
  const { r, amounts } = await bbzAmounts(Buffer.from(await wb.xlsx.writeBuffer()), 'klein.xlsx')
  t.strictSame(r.errors, [])
  t.strictSame(amounts, [
    { year: 2025, amountCents: 100_000_000 },
    { year: 2026, amountCents: 250_000_000 },
  ])
})

t.test('units read from the heading', async (t) => {
  t.equal(unitOf('(bedragen x € 1 mln.)'), 1_000_000)
  t.equal(unitOf('bedragen x €1.000.000'), 1_000_000)
  t.equal(unitOf('(bedragen in € 1.000)'), 1_000)
  t.equal(unitOf('bedragen x EUR 1 000'), 1_000)
  t.equal(unitOf('bedragen in duizenden euro'), 1_000)
  t.equal(unitOf("(bedragen in euro's)"), 1)
  t.equal(unitOf('(bedragen x € 1)'), 1)
  t.equal(unitOf('middelen voor 1.000 scholen'), undefined, 'a number in a text is no unit')
})
