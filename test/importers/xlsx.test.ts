// The xlsx scanner (importers/xlsx.ts) against exceljs reading the same workbook, and on hand-written XML that
// exceljs's writer never produces (namespace prefixes, single quotes, phonetic runs, OOXML escapes, rows without r).
import t from 'tap'
import ExcelJS from 'exceljs'
import { centsFromNumber } from '../../db/money.js'
import { trimRows, viaExceljs } from '../fixtures/xlsx-compare.js'
import { readFile } from '../../importers/read.js'
import { zip } from '../fixtures/bad/zip.js'

t.test('the same cells as exceljs read them: strings, rich text, numbers, dates, formulas, errors, links, merges', async (t) => {
  for (const date1904 of [false, true]) {
    const wb = new ExcelJS.Workbook()
    wb.properties.date1904 = date1904
    const ws = wb.addWorksheet('Gegevens & co')
    ws.addRow(['code', 'naam', 'bedrag', 'datum', 'tijd', 'ja', 'formule', 'fout'])
    ws.addRow([
      'D8',
      'Financiën <€> "quotes" & \'apos\'',
      1234.56,
      new Date(Date.UTC(2025, 1, 13)),
      new Date(Date.UTC(2025, 1, 13, 14, 30)),
      true,
    ])
    ws.getCell('D2').numFmt = 'dd-mm-yyyy'
    ws.getCell('E2').numFmt = 'h:mm'
    ws.getCell('G2').value = { formula: 'C2*2', result: 2469.12 }
    ws.getCell('H2').value = { error: '#N/A' }
    ws.getCell('A3').value = { richText: [{ text: 'rijk ', font: { bold: true } }, { text: 'tekst' }] }
    ws.getCell('B3').value = { text: 'een link', hyperlink: 'https://example.org' }
    ws.getCell('C3').value = { formula: 'HYPERLINK("https://x.nl")', result: 'x' }
    ws.getCell('D3').value = { formula: 'TODAY()' }
    ws.getCell('E3').value = 45474
    ws.getCell('E3').numFmt = 'd-mmm-yy'
    ws.getCell('F3').value = false
    ws.getCell('G3').value = { formula: 'C3&"!"', result: '' }
    ws.getCell('A5').value = 'na een lege rij'
    ws.getCell('A6').value = 'samengevoegd'
    ws.mergeCells('A6:C7')
    ws.getCell('H9').value = '  '
    wb.addWorksheet('Leeg')
    const second = wb.addWorksheet('Tweede')
    second.getCell('B2').value = 'één'
    for (const shared of [false, true]) {
      const bytes = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: shared } as ExcelJS.XlsxWriteOptions))
      const ours = await readFile(bytes)
      const theirs = await viaExceljs(bytes)
      t.strictSame(
        ours.sheets.map((s) => ({ name: s.name, rows: trimRows(s.rows) })),
        theirs.map((s) => ({ name: s.name, rows: trimRows(s.rows) })),
        `date1904 ${date1904}, shared strings ${shared}`,
      )
      const rows = ours.sheets[0].rows
      t.equal((rows[1][3] as Date).toISOString(), '2025-02-13T00:00:00.000Z')
      t.strictSame(rows[1][7], { error: '#N/A' })
      t.strictSame(rows[2][2], { error: 'formule =HYPERLINK("https://x.nl")' }, 'a live link is never data')
      t.strictSame(rows[2][3], { error: 'formule =TODAY() zonder berekende waarde' })
    }
  }
})

const sheetXml = (data: string, tail = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${data}</x:sheetData>${tail}</x:worksheet>`

function handWritten(sheet: string, strings = '', styles = '', store = false): Buffer {
  const parts = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name='A &amp; B' sheetId='1' r:id='rId7'/></x:sheets></x:workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/data.xml', data: Buffer.from(sheet) },
  ]
  if (strings) parts.push({ name: 'xl/sharedStrings.xml', data: Buffer.from(strings) })
  if (styles) parts.push({ name: 'xl/styles.xml', data: Buffer.from(styles) })
  return zip(parts.map((x) => ({ ...x, store })))
}

t.test('hand-written XML: prefixes, single quotes, phonetic runs, escapes, rows and cells without r', async (t) => {
  const strings = `<sst xmlns="x"><si><t>regel_x000D_een</t></si><si><r><t xml:space="preserve">kan </t></r><r><t>ji</t></r><rPh sb="0" eb="1"><t>KANA</t></rPh></si><si/></sst>`
  const styles = `<styleSheet><numFmts><numFmt numFmtId="170" formatCode="&quot;Datum&quot; dd/mm/yyyy"/><numFmt numFmtId="171" formatCode="[Red]0.00&quot;d&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="170"/><xf numFmtId="171"/><xf numFmtId="14"/></cellXfs></styleSheet>`
  const data =
    `<x:row r='1'><x:c r='A1' t='s'><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:t>a &lt; b &#8364; &#x20AC; &#x110000;</x:t></x:is></x:c></x:row>` +
    `<x:row r="3"/>` +
    `<x:row><x:c r="A4" s="1"><x:v>45474</x:v></x:c><x:c r="B4" s="2"><x:v>1.5</x:v></x:c><x:c r="C4" s="3"><x:v>45474</x:v></x:c><x:c r="D4" t="d"><x:v>2025-02-13T00:00:00Z</x:v></x:c></x:row>` +
    `<x:row r="5"><x:c r="A5"><x:f t="shared" ref="A5:A6" si="0">HYPERLINK("x")</x:f><x:v>1</x:v></x:c><x:c r="B5" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c></x:row>` +
    `<x:row r="6"><x:c r="A6"><x:f t="shared" si="0"/><x:v>2</x:v></x:c><x:c r="B6" t="b"><x:v>1</x:v></x:c><x:c r="C6" t="e"><x:v>#DIV/0!</x:v></x:c></x:row>`
  const f = await readFile(handWritten(sheetXml(data), strings, styles))
  t.equal(f.sheets[0].name, 'A & B')
  const rows = f.sheets[0].rows
  t.strictSame(rows[0], ['regel\reen', 'kan ji', null, 'a < b € € \ufffd'], 'escapes decoded, phonetic run left out, empty item null')
  t.equal(rows[1], undefined, 'row 2 is absent')
  t.equal(rows[2], undefined, 'an empty row is a hole')
  t.equal((rows[3][0] as Date).toISOString(), '2024-07-01T00:00:00.000Z', 'a custom date format with quoted text')
  t.equal(rows[3][1], 1.5, 'a format whose only date letter is quoted is a number')
  t.equal((rows[3][2] as Date).toISOString(), '2024-07-01T00:00:00.000Z', 'built-in date format 14')
  t.equal((rows[3][3] as Date).toISOString(), '2025-02-13T00:00:00.000Z', 'an ISO date cell')
  t.strictSame(rows[4], [{ error: 'formule =HYPERLINK("x")' }, 'ab'])
  t.strictSame(rows[5], [{ error: 'formule =HYPERLINK("x")' }, true, { error: '#DIV/0!' }], 'a shared formula is its master formula')
})

t.test('an amount cell becomes exact cents: the double of the cell, in BigInt, never float arithmetic', async (t) => {
  // Excel writes some doubles with 17 digits; the cell still is the amount the user typed.
  const data =
    `<x:row r="1"><x:c r="A1"><x:v>1234.5599999999999</x:v></x:c><x:c r="B1"><x:v>0.1</x:v></x:c>` +
    `<x:c r="C1"><x:v>-2.5E-1</x:v></x:c><x:c r="D1"><x:v>1234.565</x:v></x:c></x:row>`
  const [a, b, c, d] = (await readFile(handWritten(sheetXml(data)))).sheets[0].rows[0] as number[]
  t.equal(centsFromNumber(a), 123456)
  t.equal(centsFromNumber(b), 10)
  t.equal(centsFromNumber(c), -25, 'exponent notation')
  t.throws(() => centsFromNumber(d), /fracties van een cent/, 'a fraction of a cent is refused, not rounded away')
})

t.test('limits with their place: rows, columns and cell length', async (t) => {
  const many = Array.from({ length: 100_001 }, (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"><x:v>1</x:v></x:c></x:row>`).join('')
  await t.rejects(readFile(handWritten(sheetXml(many))), { message: /meer dan 100000 rijen/, place: { sheet: 'A & B', row: 100_001 } })
  await t.rejects(readFile(handWritten(sheetXml(`<x:row r="7"><x:c r="SZ7" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>`))), {
    message: /meer dan 500 kolommen/,
  })
  const long = 'x'.repeat(32_768)
  await t.rejects(readFile(handWritten(sheetXml(`<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>${long}</x:t></x:is></x:c></x:row>`))), {
    message: /langer dan 32767 tekens/,
    place: { sheet: 'A & B', row: 2, column: 'B2' },
  })
})

t.test('a merged range keeps its value in the top-left cell only, also when the other cells carry one', async (t) => {
  const data = `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>kop</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>weg</x:t></x:is></x:c></x:row>`
  const f = await readFile(handWritten(sheetXml(data, '<x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells>')))
  t.strictSame(f.sheets[0].rows[0], ['kop', null])
})

t.test('hostile XML is read in linear time: an element without its end tag is refused with the sheet', async (t) => {
  // 200,000 start tags that never close: a backtracking scan would take hours here. Stored, not deflated, so the
  // zip check's ratio limit does not refuse it first.
  const open = '<x:c r="A1" t="inlineStr"><x:is><x:t>x'.repeat(200_000)
  await t.rejects(readFile(handWritten(sheetXml(`<x:row r="1">${open}</x:row>`), '', '', true)), {
    message: /blad A & B: het XML-element <x:c> wordt niet gesloten/,
    place: { sheet: 'A & B' },
  })
  const strings = `<sst>${'<si><t>x'.repeat(200_000)}</sst>`
  await t.rejects(readFile(handWritten(sheetXml(''), strings, '', true)), {
    message: /onderdeel xl\/sharedStrings\.xml: het XML-element <si> wordt niet gesloten/,
  })
  const head = `<x:row r="1"><x:c r="A1" ${'a'.repeat(70_000)}/></x:row>`
  await t.rejects(readFile(handWritten(sheetXml(head), '', '', true)), { message: /<x:c> is afgebroken of onleesbaar/ })
})
