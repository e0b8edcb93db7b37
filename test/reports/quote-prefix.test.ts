// Text that begins with = + - @ stays text when retyped: its cell style carries quotePrefix="1" in styles.xml
// (exceljs drops the flag; reports/render/quote-prefix.ts carries it). Read from the xlsx XML itself.
import t from 'tap'
import { renderWorkbook } from '../../reports/render/workbook.js'
import { zipEntry } from './zip.js'

t.test('quote-prefixed text cells point at an <xf quotePrefix="1"> and plain text does not', async (t) => {
  const texts = ['=HYPERLINK("http://x")', '+31 20 123', '-5 korting', '@SUM(A1)', 'gewone tekst']
  const buf = await renderWorkbook([
    {
      kind: 'table',
      name: 'Blad',
      columns: [
        { key: 'v', header: 'Waarde', type: 'text' },
        { key: 'n', header: 'Bedrag', type: 'money' },
      ],
      rows: texts.map((v, i) => ({ v, n: i * 100 })),
    },
  ])
  const styles = zipEntry(buf, 'xl/styles.xml')!
  const sheet = zipEntry(buf, 'xl/worksheets/sheet1.xml')!
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!
  const quoted = new Set(cellXfs.flatMap((xf, i) => (/quotePrefix="1"/.test(xf) ? [i] : [])))
  t.ok(quoted.size >= 1, 'styles.xml has a quote-prefixed style')
  // The streaming writer writes inline strings: <c r="A2" s="N" t="inlineStr"><is><t>…</t></is></c>
  const cells = [...sheet.matchAll(/<c r="A(\d+)"(?: s="(\d+)")?[^>]*>([\s\S]*?)<\/c>/g)].map((m) => ({
    row: Number(m[1]),
    s: Number(m[2] ?? 0),
    xml: m[3],
  }))
  for (const [i, text] of texts.entries()) {
    const c = cells.find((x) => x.row === i + 2)!
    const escaped = text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
    t.ok(c.xml.includes(escaped) || c.xml.includes(text), `row ${i + 2} holds ${text}`)
    t.equal(quoted.has(c.s), text !== 'gewone tekst', `${text}: quotePrefix ${text !== 'gewone tekst'}`)
  }
  t.notOk(/<f>/.test(sheet.split('<row r="7"')[0]), 'no text became a formula')
})
