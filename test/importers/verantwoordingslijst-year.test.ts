// The SiSa year of a verantwoordingslijst comes from the file when it states one; a contradicting --year is refused.
import t from 'tap'
import { runImport } from '../../importers/index.js'
import { freshDb, seedOrganisation } from '../helpers.js'

const who = { actor: 'test', source: 'test' }
const LIST = Buffer.from(
  'Verantwoordingslijst SiSa 2024 - gemeente Amsterdam;;;\n' +
    'Ministerie;Uitkeringscode;Naam regeling;Beschikkingsnummer\nVRO;C94;Lokale Aanpak Isolatie;LAI-2024-0001\n',
)

t.test('the year in the title is taken; --year that contradicts it names both years', async (t) => {
  const db = freshDb()
  seedOrganisation(db)
  const wrong = await runImport(db, { kind: 'schemes', fileName: 'lijst.csv', who, bytes: LIST, orgCode: 'GM0363', year: 2023 })
  t.match(wrong.errors, [{ row: 1, message: /SiSa-jaar 2024, niet van --year 2023/ }])
  const r = await runImport(db, { kind: 'schemes', fileName: 'lijst.csv', who, bytes: LIST, orgCode: 'GM0363' })
  t.strictSame(r.errors, [])
  t.match(r, { format: 'verantwoordingslijst', details: { sisaYear: 2024 } })
  const col = Buffer.from(
    'Jaar;Uitkeringscode;Naam regeling;Beschikkingsnummer\n2024;C94;Lokale Aanpak Isolatie;LAI-2024-0001\n2025;C94;Lokale Aanpak Isolatie;LAI-2024-0002\n',
  )
  const mixed = await runImport(db, { kind: 'schemes', fileName: 'jaar.csv', who, bytes: col, orgCode: 'GM0363' })
  t.match(mixed.errors, [{ row: 3, message: /jaar 2025 wijkt af van 2024/ }])
})
