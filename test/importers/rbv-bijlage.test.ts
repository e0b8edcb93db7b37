// A departmental Bijlage specifieke uitkeringen (RBV model 1.37): blocks become schemes with legal basis,
// recipients, artikel, 'V' planned and national amounts x EUR 1 mln as exact cents; CSV and merged XLSX.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { freshDb } from '../helpers.js'
import { runImport } from '../../importers/index.js'
import { getScheme, listSchemes } from '../../db/repositories/schemes.js'
import type { Db } from '../../db/client.js'
import { rbvXlsx } from '../fixtures/catalogue/workbooks.js'

const SAMPLE = readFileSync('/work/shared/fixtures/bijlage-specifieke-uitkeringen-voorbeeld.csv')
const who = { actor: 'beheer@woud.test', source: 'cli' }
const imp = (db: Db, bytes: Buffer, dryRun = false) => runImport(db, { kind: 'schemes', fileName: 'bijlage', bytes, who, dryRun })
const amounts = (db: Db, code: string) => Object.fromEntries(getScheme(db, code)!.nationalAmounts.map((a) => [a.year, a.amountCents]))

t.test('the published sample CSV updates the bundled OAB and peuter schemes, matched by SiSa code and name', async (t) => {
  const db = freshDb()
  const r = await imp(db, SAMPLE)
  t.equal(r.format, 'rbv-bijlage')
  t.strictSame(r.errors, [])
  t.strictSame(r.warnings, [], 'the Totaal row agrees with the blocks')
  t.strictSame([r.created, r.updated], [0, 2])
  const oab = getScheme(db, 'ocw-oab-2019')!
  t.equal(oab.name, 'Specifieke uitkering gemeentelijk onderwijsachterstandenbeleid (OAB)', 'the catalogue name is kept')
  t.equal(oab.legalBasis, 'Wet op het primair onderwijs, art. 168a')
  t.equal(oab.recipients, 'Gemeenten')
  t.equal(oab.begrotingsartikel, '1')
  t.equal(oab.planned, false)
  t.match(oab.extra, {
    kortDuiding: /voor- en vroegschoolse educatie/,
    maatschappelijkeEffecten: 'Minder onderwijsachterstanden bij jonge kinderen',
    sources: Array,
  })
  t.strictSame(
    amounts(db, 'ocw-oab-2019'),
    { 2024: 51_230_000_000, 2025: 52_010_000_000, 2026: 52_010_000_000, 2027: 52_010_000_000, 2028: 52_010_000_000, 2029: 52_010_000_000 },
    '512,3 mln = 51 230 000 000 cents',
  )
  const ve = getScheme(db, 'ocw-ve-ontheemde-peuters')!
  t.equal(ve.planned, true, "'V' marks a voornemen")
  t.equal(ve.sisaCode, null)
  t.strictSame(amounts(db, 'ocw-ve-ontheemde-peuters'), { 2024: 350_000_000, 2025: 200_000_000, 2026: 0, 2027: 0, 2028: 0, 2029: 0 })

  const again = await imp(db, SAMPLE)
  t.strictSame([again.created, again.updated, again.unchanged], [0, 0, 2], 're-import changes nothing')
})

t.test('XLSX with title, intro, merged SiSa nr. and amount cells, Totaal and notes', async (t) => {
  const db = freshDb()
  const before = listSchemes(db, {}, 1000, 0).total
  const dry = await imp(db, await rbvXlsx(), true)
  t.strictSame([dry.format, dry.created, dry.updated, dry.dryRun], ['rbv-bijlage', 0, 3, true])
  t.equal(listSchemes(db, {}, 1000, 0).total, before, 'dry run writes nothing')
  const r = await imp(db, await rbvXlsx())
  t.strictSame(r.errors, [])
  t.strictSame(r.warnings, [])
  t.strictSame([r.created, r.updated, r.unchanged], [0, 3, 0])
  // D1 in the table names the RMC regeling with another wording than the catalogue: it joins the catalogue's D1
  // scheme (one scheme per spuk, issue 15), keeping the catalogue's name.
  t.equal(listSchemes(db, {}, 1000, 0).total, before, 'no second scheme for D1')
  const d1 = listSchemes(db, { sisaCode: 'D1' }, 10, 0).items
  t.equal(d1.length, 1)
  const created = d1[0]
  t.match(created, { ministry: 'OCW', recipients: 'Contactgemeenten', begrotingsartikel: '4', planned: false, sisaRequired: true })
  t.equal(amounts(db, created.code)[2025], 4_020_000_000, 'a formula cell gives its cached result')
  t.equal(amounts(db, 'ocw-oab-2019')[2030], 52_010_000_000)
  t.equal(getScheme(db, 'ocw-ve-ontheemde-peuters')!.planned, true)
  const again = await imp(db, await rbvXlsx())
  t.strictSame([again.created, again.updated, again.unchanged], [0, 0, 3])
})

t.test('a Totaal that does not add up is reported as a warning', async (t) => {
  const db = freshDb()
  const csv = SAMPLE.toString('utf8').replace(';Totaal;;515,8;', ';Totaal;;516,8;')
  const r = await imp(db, Buffer.from(csv))
  t.strictSame(r.errors, [])
  t.match(r.warnings, [
    { row: 15, column: 'D (2024)', message: /Totaal 2024 is € 516\.800\.000,00, de som van de regelingen € 515\.800\.000,00/ },
  ])
})

t.test('plain notation in a table is read as such; in a table mixing notations a 1.234 is ambiguous', async (t) => {
  const db = freshDb()
  const plain = SAMPLE.toString('utf8').replace(/(\d),(\d)/g, '$1.$2')
  const r = await imp(db, Buffer.from(plain))
  t.strictSame(r.errors, [])
  t.equal(amounts(db, 'ocw-oab-2019')[2024], 51_230_000_000)
  const mixed = SAMPLE.toString('utf8').replace('512,3;520,1', '1.234;520.1')
  const before = amounts(db, 'ocw-oab-2019')
  const bad = await imp(db, Buffer.from(mixed))
  t.equal(bad.rejected, 1)
  t.match(bad.errors, [{ sheet: null, row: 3, column: 'D (2024)', message: /2024: '1\.234' is dubbelzinnig/ }])
  t.strictSame(amounts(db, 'ocw-oab-2019'), before, 'nothing written')
})

t.test('thousands in Dutch notation are read as thousands when the table writes decimals with a comma', async (t) => {
  const db = freshDb()
  const csv = SAMPLE.toString('utf8').replace('512,3;520,1', '6.123;520,1').replace(';Totaal;;515,8;', ';Totaal;;6.126,5;')
  const r = await imp(db, Buffer.from(csv))
  t.strictSame(r.errors, [])
  t.equal(amounts(db, 'ocw-oab-2019')[2024], 612_300_000_000)
})

t.test(
  'a table without any decimals is Dutch as published: a dot before three digits groups thousands, also under x EUR 1 mln',
  async (t) => {
    const db = freshDb()
    const csv =
      'Overzicht specifieke uitkeringen (bedragen x € 1 mln.) OCW\nSiSa nr.;Onderdeel;Toelichting;2025;2026\nD8;Naam;Specifieke uitkering gemeentelijk onderwijsachterstandenbeleid;1.234;500\n;Totaal;;1.234;500\n'
    const r = await imp(db, Buffer.from(csv))
    t.strictSame(r.errors, [])
    t.equal(amounts(db, 'ocw-oab-2019')[2025], 123_400_000_000, '1.234 x € 1 mln is 1 234 million euro')
  },
)

t.test('the ministry comes from the title when no SiSa code tells it', async (t) => {
  const db = freshDb()
  const csv =
    'Ministerie van Volksgezondheid, Welzijn en Sport: specifieke uitkeringen (bedragen x € 1 mln.)\nSiSa nr.;Onderdeel;Toelichting;2026\nV;Naam;Specifieke uitkering sportakkoord III;25\n;Juridische grondslag;Financiële-verhoudingswet, art. 17;\n'
  const r = await imp(db, Buffer.from(csv))
  t.strictSame(r.errors, [])
  const s = getScheme(db, 'rbv-vws-v-specifieke-uitkering-sportakkoord-iii')!
  t.match(s, { ministry: 'VWS', planned: true, legalBasis: 'Financiële-verhoudingswet, art. 17' })
  const noMinistry = csv
    .replace('Ministerie van Volksgezondheid, Welzijn en Sport: specifieke', 'Specifieke')
    .replace('sportakkoord III', 'iets nieuws')
  const bad = await imp(freshDb(), Buffer.from(noMinistry))
  t.match(bad.errors, [{ row: 3, message: /ministerie .* niet te bepalen/ }])
})
