// woud reform defaults: show the spuk-reform defaults in the API's form, replace them from a file; refusals name the
// file and field and change nothing; the change is audited with the CLI user.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../../db/client.js'
import { listAudit } from '../../../db/audit.js'
import { cliOn } from '../../helpers.js'

t.test('show, replace from the edited output, and refuse what does not fit', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  const run = cliOn(db)
  const dir = t.testdir({})

  const shown = await run('--json', 'reform', 'defaults')
  t.equal(shown.code, 0, shown.err)
  const doc = shown.json()
  t.match(doc, { defaults: { fromYear: Number, byInstrument: { spuk: { treatment: String } } }, source: /Domain guide/ })
  const human = await run('reform', 'defaults')
  t.same(JSON.parse(human.out), doc, 'without --json the same document, indented')

  // Edit the output as a controller would: a new cut for spuks from 2027, with its Kamerstuk.
  doc.defaults.fromYear = 2027
  doc.defaults.byInstrument.spuk = {
    treatment: 'gemeentefonds',
    cutPct: 12.5,
    sources: [{ title: 'Kamerbrief hervorming', reference: '36800-B nr. 20', published: '2026-11-20' }],
    standing: 'kabinetsbeleid',
  }
  const file = join(dir, 'hervorming.json')
  writeFileSync(file, JSON.stringify(doc))
  t.equal((await run('reform', 'defaults', '--set', file)).code, 2, '--source is required')
  const ok = await run('reform', 'defaults', '--set', file, '--source', 'Raadsbesluit 2026-14')
  t.equal(ok.code, 0, ok.err)
  t.match(ok.out, /vervangen \(bron: Raadsbesluit 2026-14\)/)
  const after = (await run('--json', 'reform', 'defaults')).json()
  t.same(after, { defaults: doc.defaults, source: 'Raadsbesluit 2026-14' })
  t.match(listAudit(db, { entity: 'setting', entityId: 'reports.reform.defaults' }).items, [{ actor: /^cli:/, action: 'update' }])

  const bad = join(dir, 'fout.json')
  writeFileSync(bad, JSON.stringify({ ...doc.defaults, byInstrument: { spuk: { treatment: 'weg', cutPct: 10 } }, extra: true }))
  const refused = await run('reform', 'defaults', '--set', bad, '--source', 'x')
  t.equal(refused.code, 1)
  t.match(
    refused.err,
    /fout\.json heeft niet de vorm van de standaardaannames: .*fout\.json\.byInstrument\.spuk\.treatment: is geen toegestane waarde/,
  )
  t.match(refused.err, /onbekend veld/)
  const undated = join(dir, 'zonder-datum.json')
  writeFileSync(
    undated,
    JSON.stringify({ ...doc.defaults, other: { treatment: 'ends', sources: [{ title: 'Brief', published: 'ooit' }] } }),
  )
  const u = await run('reform', 'defaults', '--set', undated, '--source', 'x')
  t.equal(u.code, 1)
  t.match(u.err, /other\.sources\[0\]: 'ooit' is geen publicatiedatum/)
  writeFileSync(join(dir, 'kapot.json'), '{ "fromYear": ')
  t.match((await run('reform', 'defaults', '--set', join(dir, 'kapot.json'), '--source', 'x')).err, /kapot\.json is geen geldige JSON/)
  t.same((await run('--json', 'reform', 'defaults')).json(), after, 'nothing refused changed anything')
})
