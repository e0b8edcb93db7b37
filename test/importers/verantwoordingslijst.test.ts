// The verantwoordingslijst import: every line linked to a scheme and a grant of the organisation (created when
// missing), kept per SiSa year, compared with the previous year; headers found by synonyms or --map.
import t from 'tap'
import { and, eq } from 'drizzle-orm'
import { freshDb, seedOrganisation } from '../helpers.js'
import { runImport } from '../../importers/index.js'
import { createGrant } from '../../db/repositories/grants.js'
import { findSchemeByCode } from '../../db/repositories/schemes.js'
import { grants, schemes, verantwoordingslijst } from '../../db/schema.js'
import { SYSTEM } from '../../db/audit.js'
import type { Db } from '../../db/client.js'
import type { VlDetails } from '../../importers/kinds/verantwoordingslijst-apply.js'
import { C94, VL_2023, VL_2024, vlXlsx } from '../fixtures/catalogue/workbooks.js'

const who = { actor: 'controller@amsterdam.test', source: 'cli' }
const imp = (db: Db, bytes: Buffer, o: { org?: string; year?: number; dryRun?: boolean; map?: Record<string, string> } = {}) =>
  runImport(db, {
    kind: 'schemes',
    fileName: 'verantwoordingslijst.xlsx',
    bytes,
    who,
    orgCode: 'org' in o ? o.org : 'GM0363',
    year: 'year' in o ? o.year : 2024,
    dryRun: o.dryRun,
    map: o.map,
  })
const lines = (db: Db, year: number) => db.select().from(verantwoordingslijst).where(eq(verantwoordingslijst.sisaYear, year)).all()

function setup() {
  const db = freshDb()
  const org = seedOrganisation(db)
  // The portfolio already knows the C94 beschikking and an OAB beschikking that no list carries.
  const lai = createGrant(db, SYSTEM, {
    organisationId: org.id,
    schemeCode: 'vro-lai-isolatie-t1',
    title: 'Lokale aanpak isolatie tranche 1',
    status: 'toegekend',
    beschikkingsnummer: 'LAI-2023-0363',
    awardedCents: 438_000_000,
    periodFrom: '2023-03-01',
  })
  const oab = createGrant(db, SYSTEM, {
    organisationId: org.id,
    schemeCode: 'ocw-oab-2019',
    title: 'OAB 2024',
    status: 'toegekend',
    beschikkingsnummer: 'DUO-OAB-2024-0363',
    awardedCents: 2_100_000_000,
    periodFrom: '2024-01-01',
    periodTo: '2024-12-31',
  })
  return { db, org, lai, oab }
}

t.test('a list links lines to schemes and grants, creating what is missing; re-import changes nothing', async (t) => {
  const { db, org, lai } = setup()
  const r = await imp(db, await vlXlsx(VL_2023), { year: 2023 })
  t.equal(r.format, 'verantwoordingslijst')
  t.strictSame(r.errors, [])
  t.strictSame([r.created, r.updated, r.unchanged], [3, 0, 0])
  const d = r.details as VlDetails
  t.match(d, { organisation: 'GM0363', sisaYear: 2023, lines: 3, grantsLinked: 1, schemesCreated: [], comparedWith: null })
  t.match(d.grantsCreated, [
    { beschikkingsnummer: 'WBI-T3-0412', scheme: 'vro-woningbouwimpuls' },
    { beschikkingsnummer: 'OOO-2023-0363', scheme: 'jenv-a16' },
  ])
  const rows = lines(db, 2023)
  t.equal(rows.find((l) => l.beschikkingsnummer === 'LAI-2023-0363')!.grantId, lai.id, 'C94 line linked to the existing grant')
  t.equal(rows.find((l) => l.beschikkingsnummer === 'LAI-2023-0363')!.amountCents, 438_000_000)
  t.equal(rows.find((l) => l.beschikkingsnummer === 'LAI-2023-0363')!.regeling, C94)
  t.ok(db.select().from(grants).where(eq(grants.id, lai.id)).get()!.onVerantwoordingslijst, 'the existing grant is marked as listed')
  const wbi = db.select().from(grants).where(eq(grants.beschikkingsnummer, 'WBI-T3-0412')).get()!
  t.match(wbi, {
    organisationId: org.id,
    status: 'toegekend',
    awardedCents: 1_250_000_000,
    onVerantwoordingslijst: true,
    title: 'Specifieke uitkering woningbouwimpuls',
  })
  const a16 = db.select().from(grants).where(eq(grants.beschikkingsnummer, 'OOO-2023-0363')).get()!
  t.match(a16, { status: 'toegekend', awardedCents: null, onVerantwoordingslijst: true }, 'a line without an amount still gets its grant')

  const again = await imp(db, await vlXlsx(VL_2023), { year: 2023 })
  t.strictSame([again.created, again.updated, again.unchanged], [0, 0, 3])
  t.strictSame((again.details as VlDetails).grantsCreated, [])
})

t.test('the next year: merged regeling cells, a code with brackets, a provincial scheme, and the differences', async (t) => {
  const { db, oab } = setup()
  await imp(db, await vlXlsx(VL_2023), { year: 2023 })
  const r = await imp(db, await vlXlsx(VL_2024, { merge: [[4, 5]] }), { year: 2024 })
  t.strictSame(r.errors, [])
  t.equal(r.created, 5)
  const d = r.details as VlDetails
  t.equal(d.comparedWith, 2023)
  t.strictSame(d.new.map((i) => i.beschikkingsnummer).sort(), ['A18B-2024-13', 'LAI-2024-0363', 'OOO-2024-0363', 'PNH-2024-77'])
  t.strictSame(d.ended.map((i) => i.beschikkingsnummer).sort(), ['OOO-2023-0363', 'WBI-T3-0412'])
  // The OAB beschikking no list ever carried, and the two of 2023 that this list no longer has.
  t.strictSame(d.missing.map((m) => m.beschikkingsnummer).sort(), ['DUO-OAB-2024-0363', 'OOO-2023-0363', 'WBI-T3-0412'])
  t.match(
    d.missing.find((m) => m.grantId === oab.id),
    { beschikkingsnummer: 'DUO-OAB-2024-0363', scheme: 'ocw-oab-2019', sisaCode: 'D8', title: 'OAB 2024' },
  )
  const second = lines(db, 2024).find((l) => l.beschikkingsnummer === 'LAI-2024-0363')!
  t.match(second, { sisaCode: 'C94', regeling: C94, amountCents: 219_000_000 }, 'merged cells: the regeling of the row above')
  t.equal(findSchemeByCode(db, 'jenv-a18b')!.sisaCode, 'A18B', 'A18(B) found by name and the catalogue completed with the code')
  t.strictSame(d.schemesCoded, ['jenv-a18b'])
  const prov = d.schemesCreated.map((c) => findSchemeByCode(db, c)!)
  t.match(prov, [{ instrument: 'provinciaal_middel', name: 'Programma Bereikbaarheid Noord-Holland', ministry: 'Provincie Noord-Holland' }])
})

t.test('an imported year replaced by a corrected list: withdrawn lines are removed; dry run changes nothing', async (t) => {
  const { db } = setup()
  await imp(db, await vlXlsx(VL_2023), { year: 2023 })
  const corrected = VL_2023.filter((l) => l.code !== 'A16').map((l) => (l.code === 'C9' ? { ...l, bedrag: 13_000_000 } : l))
  const dry = await imp(db, await vlXlsx(corrected), { year: 2023, dryRun: true })
  t.strictSame([dry.created, dry.updated, dry.unchanged], [0, 1, 1])
  t.match((dry.details as VlDetails).removed, [{ sisaCode: 'A16', beschikkingsnummer: 'OOO-2023-0363' }])
  t.equal(lines(db, 2023).length, 3, 'dry run: unchanged')
  await imp(db, await vlXlsx(corrected), { year: 2023 })
  t.strictSame(
    lines(db, 2023)
      .map((l) => l.beschikkingsnummer)
      .sort(),
    ['LAI-2023-0363', 'WBI-T3-0412'],
  )
})

t.test('unknown headers: the error lists what was found, --map fixes it; several numbers in one cell', async (t) => {
  const { db } = setup()
  const headers = ['Departement', 'Code SiSa', 'Titel', 'Kenmerken', 'Euro', 'Notitie']
  const rows = [{ verstrekker: 'VRO', code: 'C94', regeling: C94, bsn: 'LAI-2023-0363; LAI-2024-0363', bedrag: 6570000 }]
  const refused = await imp(db, await vlXlsx(rows, { headers }))
  t.equal(refused.rejected, 1)
  t.match(refused.errors[0], {
    sheet: 'Verantwoordingslijst',
    message: /niet gevonden: .*beschikkingsnummer.*Gevonden kolomkoppen: .*'Departement', 'Code SiSa', 'Titel', 'Kenmerken'.*--map/,
  })
  const r = await imp(db, await vlXlsx(rows, { headers }), {
    map: { beschikkingsnummer: 'Kenmerken', sisaCode: 'Code SiSa', regeling: 'Titel', bedrag: 'Euro' },
  })
  t.strictSame(r.errors, [])
  t.equal(r.created, 2)
  const l = lines(db, 2024)
  t.strictSame(
    l.map((x) => [x.beschikkingsnummer, x.amountCents]),
    [
      ['LAI-2023-0363', 657_000_000],
      ['LAI-2024-0363', null],
    ],
    'the amount belongs to the regeling, kept once',
  )
})

t.test('refusals: no --org, unknown org, no --year, another recipient, bad code, ambiguous amount; nothing written', async (t) => {
  const { db } = setup()
  const file = await vlXlsx(VL_2023)
  const count = () => [
    db.select().from(verantwoordingslijst).all().length,
    db.select().from(grants).all().length,
    db.select().from(schemes).all().length,
  ]
  const before = count()
  t.match((await imp(db, file, { org: undefined })).errors, [{ message: /--org/ }])
  t.match((await imp(db, file, { org: 'GM9999' })).errors, [{ message: /organisatie 'GM9999' bestaat niet/ }])
  t.match((await imp(db, file, { year: undefined })).errors, [{ message: /--year/ }])
  const other = await imp(
    db,
    await vlXlsx([{ ...VL_2023[0], opmerking: 'GM0599 Rotterdam' }], {
      headers: ['Verstrekker', 'Uitkeringscode', 'Regeling', 'Beschikkingsnummer', 'Bedrag', 'Ontvanger'],
    }),
  )
  t.match(other.errors, [{ sheet: 'Verantwoordingslijst', row: 4, column: 'F (Ontvanger)', message: /voor GM0599, niet voor GM0363/ }])
  const bad = await imp(
    db,
    await vlXlsx([
      { ...VL_2023[0], code: 'C-94-X' },
      { ...VL_2023[1], bedrag: '1.250' },
    ]),
  )
  t.match(bad.errors, [
    { row: 4, column: 'B (Uitkeringscode)', message: /'C-94-X' is geen uitkeringscode/ },
    { row: 5, column: 'E (Bedrag)', message: /dubbelzinnig/ },
  ])
  t.strictSame(count(), before)
  t.equal(
    db
      .select()
      .from(verantwoordingslijst)
      .where(and(eq(verantwoordingslijst.sisaYear, 2024)))
      .all().length,
    0,
  )
})

t.test('the write transaction only writes: every lookup happens while planning, before the lock', async (t) => {
  const { db, lai } = setup()
  await imp(db, await vlXlsx(VL_2023), { year: 2023 })
  // The same list with one amount changed and one line gone: an update, a delete and their audit rows.
  const changed = [{ ...VL_2023[0], bedrag: 4390000 }, VL_2023[1]]
  const client = db.$client
  const prepare = client.prepare.bind(client)
  const transaction = client.transaction.bind(client)
  let inWrite = false
  const reads: string[] = []
  client.prepare = ((source: string) => {
    if (inWrite && /^\s*select\b/i.test(source)) reads.push(source)
    return prepare(source)
  }) as typeof client.prepare
  client.transaction = ((fn: (...a: unknown[]) => unknown) =>
    transaction((...a: unknown[]) => {
      inWrite = true
      try {
        return fn(...a)
      } finally {
        inWrite = false
      }
    })) as typeof client.transaction
  t.teardown(() => {
    client.prepare = prepare
    client.transaction = transaction
  })
  const r = await imp(db, await vlXlsx(changed), { year: 2023 })
  t.strictSame(r.errors, [])
  t.strictSame([r.created, r.updated, r.unchanged], [0, 1, 1])
  t.strictSame(
    (r.details as VlDetails).removed.map((i) => i.beschikkingsnummer),
    ['OOO-2023-0363'],
  )
  t.strictSame(reads, [], 'no SELECT prepared inside the write transaction')
  const row = lines(db, 2023).find((l) => l.beschikkingsnummer === 'LAI-2023-0363')!
  t.match(row, { amountCents: 439_000_000, grantId: lai.id })
})
