// Real workbooks written by other programs than exceljs (LibreOffice Calc) and every xlsx fixture: the import scanner
// (importers/xlsx.ts) reads the same cells as exceljs does, and a SiSa-bijlage saved by LibreOffice imports as the
// original. Guards the scanner against writers whose XML differs from exceljs's own (README: why imports scan xlsx).
import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readFile } from '../../importers/read.js'
import { runImport } from '../../importers/index.js'
import { SYSTEM } from '../../db/audit.js'
import { freshDb } from '../helpers.js'
import { trimRows, viaExceljs } from '../fixtures/xlsx-compare.js'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')
const files = ['xlsx-writers', 'sisa'].flatMap((d) =>
  readdirSync(join(FIXTURES, d))
    .filter((f) => f.endsWith('.xlsx'))
    .map((f) => join(FIXTURES, d, f)),
)

t.test('every xlsx fixture, LibreOffice-written ones included, reads as exceljs reads it', async (t) => {
  t.ok(
    files.some((f) => f.includes('libreoffice')),
    'workbooks of another writer are among them',
  )
  for (const f of files) {
    const bytes = readFileSync(f)
    const ours = await readFile(bytes)
    const theirs = await viaExceljs(bytes)
    t.strictSame(
      ours.sheets.map((s) => ({ name: s.name, rows: trimRows(s.rows) })),
      theirs.map((s) => ({ name: s.name, rows: trimRows(s.rows) })),
      f.slice(FIXTURES.length + 1),
    )
  }
})

t.test('a SiSa-bijlage saved by LibreOffice imports as the original does', async (t) => {
  for (const [original, saved, year] of [
    ['sisa/bijlage-op-maat-2023-voorbeeld.xlsx', 'xlsx-writers/bijlage-op-maat-2023-libreoffice.xlsx', 2023],
    ['sisa/zwolle-2017-indicatornummer.xlsx', 'xlsx-writers/zwolle-2017-libreoffice.xlsx', 2017],
  ] as const) {
    const outcome = async (file: string) => {
      const db = freshDb()
      try {
        const r = await runImport(db, {
          kind: 'sisa',
          fileName: file,
          bytes: readFileSync(join(FIXTURES, file)),
          year,
          dryRun: true,
          who: SYSTEM,
        })
        const { format, created, updated, unchanged, rejected, errors } = r
        return { format, created, updated, unchanged, rejected, errors: errors.map((e) => e.message) }
      } finally {
        db.$client.close()
      }
    }
    const a = await outcome(original)
    t.same(await outcome(saved), a, `${saved}: the same import result as ${original}`)
    t.equal(a.rejected, 0, `${original} imports cleanly`)
  }
})

t.test('the catalogue saved by LibreOffice (Dutch locale) imports as its CSV does', async (t) => {
  const dry = async (file: string, bytes: Buffer) => {
    const db = freshDb()
    try {
      const r = await runImport(db, { kind: 'schemes', fileName: file, bytes, dryRun: true, who: SYSTEM })
      return {
        created: r.created,
        updated: r.updated,
        unchanged: r.unchanged,
        rejected: r.rejected,
        errors: r.errors.map((e) => e.message),
      }
    } finally {
      db.$client.close()
    }
  }
  const csv = await dry('catalogue-nl.csv', readFileSync(join(FIXTURES, 'catalogue', 'catalogue-nl.csv')))
  const xlsx = await dry('regelingen-libreoffice.xlsx', readFileSync(join(FIXTURES, 'xlsx-writers', 'regelingen-libreoffice.xlsx')))
  t.same(xlsx, csv)
  t.ok(csv.created > 0 && csv.rejected === 0, 'the catalogue imports')
})
