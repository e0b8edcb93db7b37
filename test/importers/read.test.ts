// Bytes to sheets: the file type from the content, CSV separators and BOM, JSON and JSON Lines, XLSX round trips.
import t from 'tap'
import ExcelJS from 'exceljs'
import { FileError, readFile } from '../../importers/read.js'

t.test('CSV: ; or , detected, BOM stripped, quotes honoured, empty cells null', async (t) => {
  const semi = await readFile(Buffer.from('\ufeffcode;naam\nD8;"OAB; gemeentelijk"\n;\n'))
  t.match(semi, {
    kind: 'csv',
    sheets: [
      {
        name: null,
        rows: [
          ['code', 'naam'],
          ['D8', 'OAB; gemeentelijk'],
        ],
      },
    ],
  })
  t.equal(semi.sheets[0].rows.length, 2, 'a line of only separators is blank and skipped')
  const comma = await readFile(Buffer.from('code,naam\r\nC94,"Lokale Aanpak Isolatie, tranche 1"\r\n'))
  t.strictSame(comma.sheets[0].rows[1], ['C94', 'Lokale Aanpak Isolatie, tranche 1'])
  const cp1252 = await readFile(Buffer.from([0x6e, 0x61, 0x61, 0x6d, 0x0a, 0x46, 0x69, 0x6e, 0x61, 0x6e, 0x63, 0x69, 0xeb, 0x6e]))
  t.equal(cp1252.sheets[0].rows[1][0], 'Financiën', 'Windows-1252 text is accepted')
})

t.test('JSON array and JSON Lines keep the line of each record', async (t) => {
  t.match(await readFile(Buffer.from('[{"code":"a"},{"code":"b"}]')), { kind: 'json', records: [{ code: 'a' }, { code: 'b' }] })
  const jl = await readFile(Buffer.from('{"code":"a"}\n\n{"code":"b"}\n'))
  t.match(jl, { kind: 'jsonl', records: [{ code: 'a' }, { code: 'b' }], recordLines: [1, 3] })
  await t.rejects(readFile(Buffer.from('{"code":"a"}\n{kapot\n')), { name: 'FileError', message: /regel 2: geen geldige JSON/ })
})

t.test('refusals: empty, PDF, old .xls, binary, zip that is no workbook', async (t) => {
  await t.rejects(readFile(Buffer.alloc(0)), FileError)
  await t.rejects(readFile(Buffer.from('%PDF-1.7')), { message: /PDF/ })
  await t.rejects(readFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])), { message: /\.xls/ })
  await t.rejects(readFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe])), { message: /binaire inhoud/ })
  await t.rejects(readFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5])), { message: /onvolledig of beschadigd/ })
})

t.test('XLSX round trip: sheets in order, 1-based rows, merged cells give the value in their first cell', async (t) => {
  const wb = new ExcelJS.Workbook()
  const a = wb.addWorksheet('Toelichting')
  a.getCell('A3').value = 'derde rij'
  const b = wb.addWorksheet('Bijlage')
  b.getCell('A1').value = 'D8'
  b.mergeCells('A1:A3')
  b.getCell('B2').value = 512.3
  b.getCell('C2').value = new Date(Date.UTC(2025, 1, 13))
  b.getCell('C2').numFmt = 'dd-mm-yyyy'
  const progress: number[] = []
  const f = await readFile(Buffer.from(await wb.xlsx.writeBuffer()), (n) => progress.push(n))
  t.equal(f.kind, 'xlsx')
  t.strictSame(
    f.sheets.map((s) => s.name),
    ['Toelichting', 'Bijlage'],
  )
  t.equal(f.sheets[0].rows.length, 3)
  t.strictSame(f.sheets[0].rows[2], ['derde rij'], 'row 3 stays row 3; blank rows are holes')
  const rows = f.sheets[1].rows
  t.equal(rows[0][0], 'D8')
  t.equal(rows[2]?.[0] ?? null, null, 'a merged cell holds its value once, in the top-left cell')
  t.equal(rows[1][1], 512.3)
  t.ok(rows[1][2] instanceof Date, 'date cells come back as dates')
  t.equal((rows[1][2] as Date).toISOString().slice(0, 10), '2025-02-13')
  t.ok(progress.length >= 1, 'progress reported')
})
