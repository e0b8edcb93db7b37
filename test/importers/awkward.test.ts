// Awkward but valid files are read right (Windows-1252, UTF-16 with BOM), wrong ones refused with both columns
// named (a repeated header), and a dry run says dryRun: true whether or not the file was rejected.
import t from 'tap'
import { runImport } from '../../importers/index.js'
import { getScheme } from '../../db/repositories/schemes.js'
import { freshDb } from '../helpers.js'

const who = { actor: 'test', source: 'test' }
const cp1252 = (s: string) =>
  Buffer.from(
    [...s].map(
      (ch) =>
        (({ '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, ë: 0xeb }) as Record<string, number>)[ch] ?? ch.charCodeAt(0),
    ),
  )

t.test("Excel's Windows CSV (cp1252): the euro sign and curly quotes are stored as such", async (t) => {
  const db = freshDb()
  const r = await runImport(db, {
    kind: 'schemes',
    fileName: 'win.csv',
    who,
    bytes: cp1252('code;naam;ministerie;opmerkingen\nw-1;Regeling ‘Groen’ – fase 2;Financiën;“max € 5 mln”\n'),
  })
  t.strictSame(r.errors, [])
  t.match(getScheme(db, 'w-1'), { name: 'Regeling ‘Groen’ – fase 2', ministry: 'Financiën', notes: '“max € 5 mln”' })
})

t.test('"Unicode-tekst" (UTF-16 LE with BOM, tab separated) is read, not called binary', async (t) => {
  const db = freshDb()
  const text = 'code\tnaam\tministerie\nu-1\tRegeling € Ünicode\tBZK\n'
  for (const [bom, enc] of [
    [[0xff, 0xfe], 'utf16le'],
    [[0xfe, 0xff], 'utf16be'],
  ] as const) {
    const body = enc === 'utf16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16()
    const r = await runImport(db, { kind: 'schemes', fileName: 'unicode.txt', who, bytes: Buffer.concat([Buffer.from(bom), body]) })
    t.strictSame(r.errors, [], enc)
  }
  t.equal(getScheme(db, 'u-1')?.name, 'Regeling € Ünicode')
})

t.test('a repeated column header is an error naming both columns, not a silent choice', async (t) => {
  const db = freshDb()
  const r = await runImport(db, {
    kind: 'schemes',
    fileName: 'dup.csv',
    who,
    bytes: Buffer.from('code;naam;ministerie;Naam\nd-1;Eerste;BZK;Tweede\n'),
  })
  t.match(r.errors, [{ row: 1, column: 'B (naam), D (Naam)', message: /kolommen B \('naam'\) en D \('Naam'\) zijn allebei name/ }])
  t.equal(getScheme(db, 'd-1'), undefined)
})

t.test('NUL in text is refused with its line; header-only gets one answer in every kind', async (t) => {
  const db = freshDb()
  const nul = await runImport(db, {
    kind: 'schemes',
    fileName: 'nul.csv',
    who,
    bytes: Buffer.from('code;naam;ministerie\nn-1;Re\u0000geling;BZK\n'),
  })
  t.match(nul.errors, [{ row: 2, message: /regel 2 bevat een NUL-teken/ }])
  const heads: Record<string, string> = {
    schemes: 'code;naam;ministerie\n',
    grants: 'regeling;titel;status\n',
    actuals: 'kenmerk;boekjaar;soort;bedrag\n',
  }
  const { createOrganisation } = await import('../../db/repositories/organisations.js')
  createOrganisation(db, who, { code: 'GM0363', name: 'Amsterdam', kind: 'gemeente' })
  for (const [kind, head] of Object.entries(heads)) {
    const r = await runImport(db, {
      kind,
      fileName: 'kop.csv',
      who,
      bytes: Buffer.from(head),
      orgCode: kind === 'schemes' ? undefined : 'GM0363',
      year: 2025,
    })
    t.match(r.errors, [{ row: 1, message: /^het werkblad heeft kolomkoppen maar geen / }], kind)
  }
})

t.test('dryRun: true in the result whether or not the file was rejected', async (t) => {
  const db = freshDb()
  const ok = await runImport(db, {
    kind: 'schemes',
    fileName: 'c.csv',
    who,
    dryRun: true,
    bytes: Buffer.from('code;naam;ministerie\nr-1;Regeling;BZK\n'),
  })
  t.match(ok, { dryRun: true, created: 1, batchId: null })
  t.equal(getScheme(db, 'r-1'), undefined, 'nothing written')
  const bad = await runImport(db, { kind: 'schemes', fileName: 'c.csv', who, dryRun: true, bytes: Buffer.from('code;naam\n') })
  t.match(bad, { dryRun: true, rejected: 1 })
  const unreadable = await runImport(db, {
    kind: 'schemes',
    fileName: 'c.xlsx',
    who,
    dryRun: true,
    bytes: Buffer.from('PK\u0003\u0004kapot'),
  })
  t.match(unreadable, { dryRun: true, rejected: 1 })
})

t.test('a dry run shows per scheme what would change (field: before -> after), in the result and the CLI text', async (t) => {
  const db = freshDb()
  await runImport(db, {
    kind: 'schemes',
    fileName: 'c.csv',
    who,
    bytes: Buffer.from('code;naam;ministerie;beginjaar\nr-1;Regeling;BZK;2024\n'),
  })
  const dry = await runImport(db, {
    kind: 'schemes',
    fileName: 'c.csv',
    who,
    dryRun: true,
    bytes: Buffer.from('code;naam;ministerie;beginjaar\nr-1;Regeling twee;BZK;2025\n'),
  })
  t.match(dry, {
    dryRun: true,
    updated: 1,
    details: {
      changes: [
        {
          code: 'r-1',
          outcome: 'updated',
          fields: { name: { before: 'Regeling', after: 'Regeling twee' }, startYear: { before: 2024, after: 2025 } },
        },
      ],
    },
  })
  const { formatImportResult } = await import('../../server/cli/import.js')
  t.match(formatImportResult(dry), /Gewijzigd r-1: name: Regeling → Regeling twee; startYear: 2024 → 2025/)
  t.equal(getScheme(db, 'r-1')?.name, 'Regeling', 'nothing written')
})
