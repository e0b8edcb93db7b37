// Every bad input of an import (docs/formats.md#inputs) gives a clear error with its place and writes nothing (not even an import record).
import t, { type Test } from 'tap'
import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { freshDb } from '../helpers.js'
import { runImport } from '../../importers/index.js'
import { auditLog, importBatches, schemes } from '../../db/schema.js'
import type { Db } from '../../db/client.js'
import type { ImportResult } from '../../importers/types.js'
import { catalogueXlsx, toBuffer } from '../fixtures/catalogue/workbooks.js'

const who = { actor: 'beheer@woud.test', source: 'cli' }
const SAMPLE = readFileSync('/work/shared/fixtures/bijlage-specifieke-uitkeringen-voorbeeld.csv', 'utf8')
const HEAD = 'code;naam;ministerie;beginjaar;aanvraag open;cofinanciering vast bedrag\n'

/** Import into a fresh database and prove that nothing at all was written. */
async function rejected(t: Test, bytes: Buffer, fileName = 'bestand.xlsx', maxBytes?: number): Promise<ImportResult> {
  const db: Db = freshDb()
  const state = () => [
    db.select().from(schemes).all().length,
    db.select().from(auditLog).all().length,
    db.select().from(importBatches).all().length,
  ]
  const before = state()
  const r = await runImport(db, { kind: 'schemes', fileName, bytes, who }, maxBytes)
  t.ok(r.rejected >= 1, 'rejected')
  t.ok(r.errors.length >= 1, 'with errors')
  t.strictSame(state(), before, 'nothing written')
  return r
}

t.test('an empty file', async (t) => {
  const r = await rejected(t, Buffer.alloc(0), 'leeg.csv')
  t.match(r.errors, [{ message: /leeg\.csv: het bestand is leeg/ }])
  const r2 = await rejected(t, Buffer.from('\ufeff  \n\n'), 'leeg.csv')
  t.match(r2.errors, [{ message: /leeg/ }])
})

t.test('a PDF or a zip renamed .xlsx', async (t) => {
  const pdf = await rejected(t, Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'catalogus.xlsx')
  t.match(pdf.errors, [{ message: /catalogus\.xlsx: dit is een PDF-bestand/ }])
  // A zip that is not a workbook: the local file header of an empty zip entry named readme.txt.
  const zip = Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0]),
    Buffer.from('readme.txt'),
    Buffer.from([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  ])
  const z = await rejected(t, zip, 'catalogus.xlsx')
  t.match(z.errors, [{ message: /catalogus\.xlsx: het Excel-bestand/ }])
})

t.test('a workbook with no recognisable sheet', async (t) => {
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('Begroting').addRow(['Post', 'Bedrag'])
  wb.getWorksheet('Begroting')!.addRow(['Huur', 1200])
  const r = await rejected(t, await toBuffer(wb))
  t.match(r.errors, [{ sheet: 'Begroting', row: 1, message: /geen herkenbaar werkblad.*Gevonden: werkblad 'Begroting': Post \| Bedrag/ }])
})

t.test('missing required columns name the headers found and the fields needed', async (t) => {
  const r = await rejected(t, Buffer.from('code;naam;beginjaar\nbzk-regio-deals-6;Regio Deals 6e ronde;2024\n'), 'catalogus.csv')
  t.match(r.errors, [
    {
      sheet: null,
      row: 1,
      message: /niet gevonden: ministry\. Gevonden kolomkoppen: 'code', 'naam', 'beginjaar'\. Nodig: code, name, ministry.*--map/,
    },
  ])
  const rbv = await rejected(
    t,
    Buffer.from('Overzicht (bedragen x € 1 mln.) OCW\nSiSa nr.;Onderdeel;Toelichting\nD8;Naam;OAB\n'),
    'bijlage.csv',
  )
  t.match(rbv.errors, [{ row: 2, message: /geen jaarkolommen/ }])
})

t.test('the same scheme code twice with different data (XLSX: sheet, row and column)', async (t) => {
  const row = (year: number) => ['szw-tozo-3', null, 'Tozo 3', 'SZW', 'spuk', null, null, 'incidenteel', year, null, null, null, null, null]
  const r = await rejected(t, await catalogueXlsx([row(2020), row(2021)]))
  t.match(r.errors, [
    { sheet: 'Catalogus', row: 3, column: 'A (Code)', message: /'szw-tozo-3' staat ook op werkblad Catalogus rij 2, met andere gegevens/ },
  ])
})

t.test('a text where a number belongs', async (t) => {
  const r = await rejected(t, Buffer.from(HEAD + 'szw-tozo-3;Tozo 3;SZW;tweeduizend;;\n'), 'catalogus.csv')
  t.match(r.errors, [{ row: 2, column: 'D (beginjaar)', message: /startYear: 'tweeduizend' is geen jaartal/ }])
  const rbv = await rejected(t, Buffer.from(SAMPLE.replace('512,3', 'vijfhonderd')), 'bijlage.csv')
  t.match(rbv.errors, [{ sheet: null, row: 3, column: 'D (2024)', message: /'vijfhonderd' is geen bedrag/ }])
})

t.test('a date like 31-02-2025', async (t) => {
  const r = await rejected(t, Buffer.from(HEAD + 'szw-tozo-3;Tozo 3;SZW;2020;31-02-2025;\n'), 'catalogus.csv')
  t.match(r.errors, [{ row: 2, column: 'E (aanvraag open)', message: /'31-02-2025' is geen bestaande datum/ }])
})

t.test('negative or absurd amounts', async (t) => {
  const neg = await rejected(t, Buffer.from(HEAD + 'szw-tozo-3;Tozo 3;SZW;2020;;-1.000,00\n'), 'catalogus.csv')
  t.match(neg.errors, [{ row: 2, column: 'F (cofinanciering vast bedrag)', message: /negatief/ }])
  const huge = await rejected(t, Buffer.from(HEAD + 'szw-tozo-3;Tozo 3;SZW;2020;;€ 250.000.000.000,00\n'), 'catalogus.csv')
  t.match(huge.errors, [{ row: 2, message: /onrealistisch groot/ }])
  // A negative RBV amount is valid as published (repayments above payments): test/importers/rbv-published.test.ts.
  const rbvHuge = await rejected(t, Buffer.from(SAMPLE.replace('512,3', '512.300,0')), 'bijlage.csv')
  t.match(rbvHuge.errors, [{ row: 3, column: 'D (2024)', message: /onrealistisch groot/ }])
})

t.test('a file above the size limit', async (t) => {
  const r = await rejected(t, Buffer.from(HEAD + 'szw-tozo-3;Tozo 3;SZW;2020;;\n'), 'catalogus.csv', 20)
  t.match(r.errors, [{ message: /catalogus\.csv: het bestand is groter dan/ }])
})

t.test('a cell holding =HYPERLINK(...) or other formula text', async (t) => {
  const asText = await rejected(t, Buffer.from(HEAD + 'szw-tozo-3;=HYPERLINK("http://x.invalid","Tozo 3");SZW;2020;;\n'), 'catalogus.csv')
  t.match(asText.errors, [{ row: 2, column: 'B (naam)', message: /lijkt een formule/ }])
  const row = [
    'szw-tozo-3',
    null,
    { formula: 'HYPERLINK("http://x.invalid","Tozo 3")', result: 'Tozo 3' },
    'SZW',
    'spuk',
    null,
    null,
    null,
    { formula: 'WEBSERVICE("http://x.invalid")' },
    null,
    null,
    null,
    null,
    '@SUM(A1)',
  ]
  const live = await rejected(t, await catalogueXlsx([row]))
  t.match(live.errors, [
    { sheet: 'Catalogus', row: 2, column: 'C (Naam)', message: /formule =HYPERLINK/ },
    { sheet: 'Catalogus', row: 2, column: 'I (Beginjaar)', message: /formule =WEBSERVICE/ },
    { sheet: 'Catalogus', row: 2, column: 'N (Link)', message: /lijkt een formule/ },
  ])
  const rbv = await rejected(t, Buffer.from(SAMPLE.replace('512,3', '=SUM(1;2)')), 'bijlage.csv')
  t.match(rbv.errors, [{ row: 3, column: 'D (2024)', message: /formule/ }])
})

t.test('a SiSa nr. that is neither a code nor V, and a block without a name', async (t) => {
  const r = await rejected(
    t,
    Buffer.from(SAMPLE.replace('D8;Naam;Specifieke uitkering gemeentelijk onderwijsachterstandenbeleid', 'D-acht;Naam;')),
    'bijlage.csv',
  )
  t.match(r.errors, [
    { row: 3, column: 'A (SiSa nr.)', message: /'D-acht' is geen SiSa-code/ },
    { row: 3, column: 'C (Toelichting)', message: /naam .* ontbreekt/ },
  ])
})
