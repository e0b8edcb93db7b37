// The ministerie filter of the Portefeuille (web form, its xlsx download) and of GET /api/v1/grants?ministry=,
// over HTTP on a real SQLite file: both answer from the same listGrants query.
import t from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { createGrant } from '../../../db/repositories/grants.js'
import { createToken } from '../../../db/repositories/users.js'
import { readWorkbook } from '../../helpers.js'
import { fileApp, signInInject } from './web-helpers.js'

const NOW = new Date('2026-11-28T10:00:00Z')

const { app, seeded } = await fileApp(t, NOW, (db, s) => {
  const grant = (organisationId: number, schemeCode: string, title: string, status: 'verkenning' | 'aangevraagd' = 'verkenning') =>
    createGrant(
      db,
      SYSTEM,
      { organisationId, schemeCode, title, status, periodFrom: '2026-01-01', periodTo: '2026-12-31' },
      { today: '2026-11-28' },
    )
  grant(s.own.id, 'ocw-oab-2019', 'Onderwijsachterstanden 2026')
  grant(s.own.id, 'ocw-rmc-vsv', 'RMC-functie 2026', 'aangevraagd')
  grant(s.own.id, 'vws-sport-2025', 'Sportakkoord Woudstede')
  grant(s.own.id, 'jenv-a13', 'Toegangsbewijzen Woudstede')
  grant(s.other.id, 'ocw-oab-2019', 'Onderwijs Anderdorp')
})
const token = createToken(app.db, SYSTEM, seeded.user.id).token
const api = (qs: string) => app.inject({ url: `/api/v1/grants${qs}`, headers: { authorization: `Bearer ${token}` } })
const titles = (r: { json: () => { items: { title: string }[] } }) =>
  r
    .json()
    .items.map((g) => g.title)
    .sort()

t.test('API: ?ministry= filters on the scheme ministry, case-insensitive, within the caller’s organisations', async (t) => {
  const all = await api('')
  t.equal(all.statusCode, 200)
  t.equal(all.json().total, 4, 'without the filter: every visible grant, as before')
  const ocw = await api('?ministry=ocw')
  t.equal(ocw.statusCode, 200)
  t.strictSame(
    titles(ocw),
    ['Onderwijsachterstanden 2026', 'RMC-functie 2026'],
    'OCW only; the other organisation’s OCW grant stays hidden',
  )
  t.equal(ocw.json().total, 2)
  t.strictSame(titles(await api('?ministry=OCW&status=aangevraagd')), ['RMC-functie 2026'], 'combines with the other filters')
  t.strictSame(titles(await api('?ministry=JenV&org=GM0001')), ['Toegangsbewijzen Woudstede'])
  const none = await api('?ministry=DEF')
  t.strictSame([none.statusCode, none.json().total], [200, 0], 'an unknown ministry is an empty list')
})

t.test('API: a bad ministry is a 400 problem naming the field; unknown parameters stay refused', async (t) => {
  const long = await api(`?ministry=${'X'.repeat(21)}`)
  t.equal(long.statusCode, 400)
  t.equal(long.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.match(JSON.stringify(long.json().errors), /ministry/)
  t.equal((await api('?ministry=')).statusCode, 400, 'an empty ministry is refused')
  t.equal((await api('?minister=OCW')).statusCode, 400, 'a misspelt parameter is still an error, not ignored')
})

t.test('OpenAPI documents the new parameter', async (t) => {
  const doc = (await app.inject({ url: '/openapi.json' })).json()
  const params = doc.paths['/api/v1/grants'].get.parameters as { name: string; in: string }[]
  t.ok(
    params.some((p) => p.name === 'ministry' && p.in === 'query'),
    'ministry is a query parameter',
  )
  t.ok(
    params.some((p) => p.name === 'scheme'),
    'the existing parameters are still there',
  )
})

t.test('Portefeuille: a Ministerie select with the ministries of the own grants, filtering the list', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const page = await s.get('/portefeuille')
  t.equal(page.statusCode, 200)
  t.match(page.body, /<label class="utrecht-form-label" for="filter-ministerie">Ministerie \(optioneel\)<\/label>/, 'a labelled field')
  const options = [...page.body.matchAll(/<select[^>]*id="filter-ministerie"[^>]*>([\s\S]*?)<\/select>/g)][0][1]
  t.strictSame(
    [...options.matchAll(/<option value(?:="([^"]*)")?/g)].map((m) => m[1] ?? ''),
    ['', 'JenV', 'OCW', 'VWS'],
    'all ministries, then only those of this organisation’s grants, sorted',
  )
  const ocw = await s.get('/portefeuille?ministerie=OCW')
  t.equal(ocw.statusCode, 200)
  t.match(ocw.body, /2 subsidies\./)
  t.match(ocw.body, /Onderwijsachterstanden 2026/)
  t.match(ocw.body, /RMC-functie 2026/)
  t.notMatch(ocw.body, /Sportakkoord Woudstede|Onderwijs Anderdorp/)
  t.match(ocw.body, /<option value="OCW" selected>OCW<\/option>/, 'the chosen ministry stays selected')
  t.match(ocw.body, /href="\/portefeuille\.xlsx\?ministerie=OCW"/, 'the download link keeps the selection')
  const sorted = await s.get('/portefeuille?ministerie=VWS&sort=-title')
  t.match(sorted.body, /1 subsidies\./)
  t.match(sorted.body, /href="\/portefeuille\?ministerie=VWS&amp;sort=title"/, 'sort links keep the ministry')
  const bad = await s.get('/portefeuille?ministerie=Defensie')
  t.match(
    bad.body,
    /id="filter-ministerie-fout">Kies een van de mogelijkheden\./,
    'a ministry that is not a choice is named next to the field',
  )
  t.match(bad.body, /0 subsidies\./)
})

t.test('Portefeuille: the xlsx download of a ministry selection holds only those rows; an invalid one is refused', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await s.get('/portefeuille.xlsx?ministerie=OCW')
  t.equal(r.statusCode, 200)
  const wb = await readWorkbook(r.rawPayload)
  const texts: string[] = []
  wb.worksheets[0].eachRow((row) => row.eachCell((c) => void texts.push(String(c.value))))
  t.ok(texts.includes('Onderwijsachterstanden 2026'))
  t.ok(texts.includes('RMC-functie 2026'))
  t.notOk(texts.includes('Sportakkoord Woudstede'), 'another ministry is not in the download')
  const bad = await s.get('/portefeuille.xlsx?ministerie=Defensie')
  t.equal(bad.statusCode, 400, 'never the whole portfolio for a selection that is not valid')
  t.match(bad.headers['content-type'], /text\/html/)
})
