// The Woud catalogue import: JSON, JSON Lines, CSV (; and , with and without BOM) and XLSX; only the columns a
// file has are written; re-import changes nothing; dry runs roll back; every import is recorded.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { eq } from 'drizzle-orm'
import { freshDb } from '../helpers.js'
import { runImport } from '../../importers/index.js'
import { CATALOGUE_FILE } from '../../db/seed.js'
import { getScheme } from '../../db/repositories/schemes.js'
import { auditLog, importBatches, schemes } from '../../db/schema.js'
import type { Db } from '../../db/client.js'
import { catalogueXlsx } from '../fixtures/catalogue/workbooks.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/catalogue/${name}`, import.meta.url))
const who = { actor: 'beheer@woud.test', source: 'cli' }
const imp = (db: Db, bytes: Buffer, o: { fileName?: string; dryRun?: boolean; map?: Record<string, string> } = {}) =>
  runImport(db, { kind: 'schemes', fileName: o.fileName ?? 'catalogus', bytes, who, dryRun: o.dryRun, map: o.map })
const count = (db: Db) => db.select().from(schemes).all().length

t.test('the bundled catalogue re-imported as JSON changes nothing', async (t) => {
  const db = freshDb()
  const before = count(db)
  const r = await imp(db, readFileSync(CATALOGUE_FILE), { fileName: 'catalogue.json' })
  t.equal(r.format, 'woud-catalogue')
  t.strictSame([r.created, r.updated, r.rejected], [0, 0, 0])
  t.equal(r.unchanged, before)
  t.equal(getScheme(db, 'ocw-oab-2019')!.provenance, 'bundled', 'an unchanged scheme keeps its provenance')
})

t.test('Dutch CSV with BOM and semicolons: synonyms, accents, unknown column kept as extra with a warning', async (t) => {
  const db = freshDb()
  const r = await imp(db, fixture('catalogue-nl.csv'), { fileName: 'catalogus.csv' })
  t.equal(r.format, 'woud-catalogue')
  t.strictSame(r.errors, [])
  t.equal(r.created, 3)
  t.match(r.warnings, [{ sheet: null, row: 1, column: /P \(Bedrag per woning\)/, message: /onbekende kolom 'Bedrag per woning'/ }])
  const rd = getScheme(db, 'bzk-regio-deals-6')!
  t.equal(rd.rijksShareBp, 5000)
  t.equal(rd.executor, 'RVO')
  t.equal(rd.url, 'https://zoek.officielebekendmakingen.nl/stb-2024-219.html')
  const wbi = getScheme(db, 'vro-woningbouwimpuls-t4')!
  t.equal(wbi.sisaCode, 'C9')
  t.match(wbi.windows, [{ opensOn: '2022-08-19', closesOn: '2022-09-25' }])
  t.strictSame(getScheme(db, 'vro-lai-isolatie-t3')!.extra, { 'Bedrag per woning': '€ 1.460' })

  const again = await imp(db, fixture('catalogue-nl.csv'), { fileName: 'catalogus.csv' })
  t.strictSame([again.created, again.updated, again.unchanged], [0, 0, 3], 're-import: all unchanged')
})

t.test('English CSV with commas and quoted fields, no BOM', async (t) => {
  const db = freshDb()
  const r = await imp(db, fixture('catalogue-en.csv'))
  t.strictSame(r.errors, [])
  t.equal(r.created, 2)
  const vv = getScheme(db, 'ienw-verkeersveiligheid-t1-2025')!
  t.equal(vv.name, 'Regeling stimulering verkeersveiligheidsmaatregelen 2025–2030, tranche 1')
  t.equal(vv.cofinancingBp, 5000)
  t.equal(getScheme(db, 'vws-sport-2026')!.nature, 'terugkerend')
})

t.test('JSON Lines: records with nested windows; blank lines skipped', async (t) => {
  const db = freshDb()
  const r = await imp(db, fixture('catalogue.jsonl'))
  t.equal(r.format, 'woud-catalogue')
  t.strictSame(r.errors, [])
  t.equal(r.created, 2)
  t.match(getScheme(db, 'szw-tozo-2')!.windows, [{ tranche: 'Tozo 2', opensOn: '2020-06-01', closesOn: '2020-09-30' }])
})

t.test('XLSX: the catalogue sheet is found behind an explanation sheet; rich text, hyperlinks, formulas, dates', async (t) => {
  const db = freshDb()
  const r = await imp(db, await catalogueXlsx(), { fileName: 'catalogus.xlsx' })
  t.equal(r.format, 'woud-catalogue')
  t.strictSame(r.errors, [])
  t.match(r.warnings, [{ sheet: 'Toelichting', message: /overgeslagen/ }])
  const rd = getScheme(db, 'bzk-regio-deals-6')!
  t.equal(rd.legalBasis, 'Besluit spuk Regio Deals vierde, vijfde en zesde tranche', 'rich text joined')
  t.equal(rd.url, 'https://zoek.officielebekendmakingen.nl/stb-2024-219.html', 'a hyperlink cell gives its text')
  t.match(rd.windows, [{ opensOn: '2024-07-01', closesOn: '2024-10-31' }], 'Excel date cells')
  t.equal(rd.cofinancingBp, 5000)
  const wbi = getScheme(db, 'vro-woningbouwimpuls-t5')!
  t.equal(wbi.startYear, 2023, "a formula's cached result")
  t.match(wbi.windows, [{ opensOn: '2023-02-15', closesOn: null }])
})

t.test('a file with only some columns updates only those fields', async (t) => {
  const db = freshDb()
  const before = getScheme(db, 'ocw-oab-2019')!
  const r = await imp(
    db,
    Buffer.from(
      'code;naam;ministerie;eindjaar\nocw-oab-2019;Specifieke uitkering gemeentelijk onderwijsachterstandenbeleid (OAB);OCW;2026\n',
    ),
  )
  t.strictSame([r.updated, r.rejected], [1, 0])
  const after = getScheme(db, 'ocw-oab-2019')!
  t.equal(after.endYear, 2026)
  t.equal(after.legalBasis, before.legalBasis, 'absent column left alone')
  t.equal(after.nature, 'structureel', 'absent column does not fall back to a default')
  t.strictSame(after.extra, before.extra)
  t.equal(after.provenance, `import:${r.batchId}`)
  const audit = db.select().from(auditLog).where(eq(auditLog.entityId, 'ocw-oab-2019')).all().at(-1)!
  t.match(audit, { action: 'update', source: `import:${r.batchId}`, after: { endYear: 2026 } })
})

t.test('--map names a column the synonyms do not know', async (t) => {
  const db = freshDb()
  const csv = Buffer.from('Regelingnummer;Naam;Vakdepartement\nbzk-regio-deals-6;Regio Deals 6e ronde;BZK\n')
  const refused = await imp(db, csv)
  t.equal(refused.rejected, 1)
  t.match(refused.errors[0].message, /geen herkenbaar werkblad.*Gevonden: Regelingnummer \| Naam \| Vakdepartement.*--map/)
  const r = await imp(db, csv, { map: { code: 'Regelingnummer', ministry: 'Vakdepartement' } })
  t.strictSame(r.errors, [])
  t.equal(getScheme(db, 'bzk-regio-deals-6')!.ministry, 'BZK')
})

t.test('dry run reports what would change and writes nothing; a real run is recorded', async (t) => {
  const db = freshDb()
  const before = count(db)
  const dry = await imp(db, fixture('catalogue-nl.csv'), { dryRun: true })
  t.strictSame([dry.created, dry.dryRun, dry.batchId], [3, true, null])
  t.equal(count(db), before)
  t.equal(db.select().from(importBatches).all().length, 0)
  const real = await imp(db, fixture('catalogue-nl.csv'), { fileName: 'catalogus.csv' })
  const batch = db.select().from(importBatches).where(eq(importBatches.id, real.batchId!)).get()!
  t.match(batch, {
    kind: 'schemes',
    format: 'woud-catalogue',
    fileName: 'catalogus.csv',
    sha256: /^[0-9a-f]{64}$/,
    created: 3,
    actor: 'beheer@woud.test',
  })
})

t.test('the same code twice: identical is read once, different is an error', async (t) => {
  const db = freshDb()
  const row = 'bzk-regio-deals-6;Regio Deals 6e ronde;BZK;2024'
  const same = await imp(db, Buffer.from(`code;naam;ministerie;beginjaar\n${row}\n${row}\n`))
  t.strictSame([same.created, same.rejected], [1, 0])
  t.match(same.warnings, [{ row: 3, message: /ook op rij 2 \(gelijk\)/ }])
  const before = count(db)
  const diff = await imp(db, Buffer.from(`code;naam;ministerie;beginjaar\nszw-tozo-3;Tozo 3;SZW;2020\nszw-tozo-3;Tozo 3;SZW;2021\n`))
  t.equal(diff.rejected, 1)
  t.match(diff.errors, [{ sheet: null, row: 3, column: 'A (code)', message: /ook op rij 2, met andere gegevens/ }])
  t.equal(count(db), before, 'nothing written')
})

t.test('the audit rows encoded while planning: a new scheme with its id, an update with only what changed', async (t) => {
  const db = freshDb()
  const csv = (name: string, year: number) => Buffer.from(`code;naam;ministerie;beginjaar\nx-audit;${name};BZK;${year}\n`)
  const first = await imp(db, csv('Regeling 1', 2025), { fileName: 'a.csv' })
  await imp(db, csv('Regeling één', 2026), { fileName: 'a.csv' })
  const rows = db.select().from(auditLog).where(eq(auditLog.entityId, 'x-audit')).all()
  const id = db.select({ id: schemes.id }).from(schemes).where(eq(schemes.code, 'x-audit')).get()!.id
  t.strictSame(
    rows.map((r) => [r.action, r.before, r.after]),
    [
      ['create', null, { name: 'Regeling 1', ministry: 'BZK', startYear: 2025, code: 'x-audit', id }],
      ['update', { name: 'Regeling 1', startYear: 2025 }, { name: 'Regeling één', startYear: 2026 }],
    ],
  )
  t.equal(rows[0].source, `import:${first.batchId}`)
})

t.test('phases are reported as they start: the write only for a file that passed reading and preparing', async (t) => {
  const db = freshDb()
  const phases: string[] = []
  const run = (bytes: Buffer) => runImport(db, { kind: 'schemes', fileName: 'a.csv', bytes, who, onPhase: (p) => phases.push(p) })
  await run(Buffer.from('code;naam;ministerie\nx-phase;Regeling;BZK\n'))
  t.strictSame(phases.splice(0), ['read', 'prepare', 'write', 'done'])
  await run(Buffer.from('code;naam;ministerie\nx-phase;;BZK\n'))
  t.strictSame(phases.splice(0), ['read', 'prepare'], 'a refused file never takes the write lock')
})
