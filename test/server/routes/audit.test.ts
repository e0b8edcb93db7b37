// The audit trail: every create, change, transition and import is a row with actor, source, before and after;
// GET /api/v1/audit shows a record's history to whoever may read it; rows cannot be changed or removed.
import t from 'tap'
import { runImport } from '../../../importers/index.js'
import { seedOrganisation, testApp, userWithToken } from '../../helpers.js'

t.test('the history of a grant', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  seedOrganisation(db, 'GM0599', 'Rotterdam')
  const id = (
    await api({
      method: 'POST',
      url: '/api/v1/grants',
      payload: {
        organisation: 'GM0363',
        scheme: 'szw-g2',
        title: 'G2',
        reference: 'K-1',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      },
    })
  ).json().id
  await api({ method: 'PATCH', url: `/api/v1/grants/${id}`, headers: { 'if-match': '"1"' }, payload: { owner: 'Piet' } })
  await api({
    method: 'POST',
    url: `/api/v1/grants/${id}/transitions`,
    payload: { to: 'aangevraagd', on: '2026-02-01', requestedCents: 500 },
  })
  await runImport(db, {
    kind: 'actuals',
    fileName: 'a.csv',
    bytes: Buffer.from('Jaar;Kenmerk;Debet;Credit\n2026;K-1;10,00;\n'),
    orgCode: 'GM0363',
    who: { actor: 'ctrl@woud.test', source: 'cli' },
  })
  const r = await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${id}` })
  t.equal(r.statusCode, 200)
  const items = r.json().items
  t.strictSame(
    items.map((e: { action: string }) => e.action),
    ['create', 'update', 'transition', 'year'],
  )
  t.match(items[0], {
    actor: 'beheer@woud.test',
    source: 'api',
    entity: 'grant',
    entityId: String(id),
    before: null,
    after: { title: 'G2' },
  })
  t.match(items[1], { before: { owner: null }, after: { owner: 'Piet', version: 2 } })
  t.match(items[2], { before: { status: 'verkenning' }, after: { status: 'aangevraagd', on: '2026-02-01' } })
  t.match(items[3], { actor: 'ctrl@woud.test', source: /^import:\d+$/, after: { year: 2026, realisedLastenCents: 1000 } })
  t.match(items[0].at, /^\d{4}-\d{2}-\d{2}T/)

  const other = userWithToken(db, 'r@rdam.test', [{ orgCode: 'GM0599', role: 'controller' }])
  t.equal(
    (await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${id}`, token: other })).statusCode,
    404,
    "another organisation's history does not exist for them",
  )
  t.equal((await api({ method: 'GET', url: '/api/v1/audit', token: other })).statusCode, 400, 'non-operators ask for one record')
  const reader = userWithToken(db, 'l@adam.test', [{ orgCode: 'GM0363', role: 'lezer' }])
  t.equal((await api({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${id}`, token: reader })).json().total, 4)
  t.equal((await api({ method: 'GET', url: '/api/v1/audit?entity=grant&id=1&nope=1' })).statusCode, 400)
})

t.test('audit rows cannot be updated or deleted', async (t) => {
  const { api, db } = await testApp(t)
  seedOrganisation(db)
  await api({ method: 'POST', url: '/api/v1/grants', payload: { organisation: 'GM0363', scheme: 'szw-g2', title: 'G2' } })
  t.throws(() => db.$client.prepare("UPDATE audit_log SET actor = 'x'").run())
  t.throws(() => db.$client.prepare('DELETE FROM audit_log').run())
  t.ok((db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'grant'").get() as { n: number }).n >= 1)
})
