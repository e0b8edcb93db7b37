// SiSa override and reset of one indicator: with htmx only the row comes back (validated, audited, the typed value kept
// next to its error), and without JavaScript the same form posts and redirects. Over HTTP on a real SQLite file.
import t from 'tap'
import { SYSTEM, listAudit } from '../../../db/audit.js'
import { createGrant } from '../../../db/repositories/grants.js'
import { putGrantYear } from '../../../db/repositories/grant-years.js'
import { computeSisa } from '../../../reports/sisa.js'
import { addUser, fileApp, signInInject } from './web-helpers.js'

const NOW = new Date('2023-03-15T09:00:00Z')
let grantId = 0
const { app, db } = await fileApp(t, NOW, (db, s) => {
  grantId = createGrant(
    db,
    SYSTEM,
    {
      organisationId: s.own.id,
      schemeCode: 'jenv-a13',
      title: 'Controle coronatoegangsbewijzen',
      status: 'toegekend',
      beschikkingsnummer: 'JENV-2022-0042',
      awardedCents: 12_500_00,
      awardedOn: '2022-02-15',
      periodFrom: '2022-01-01',
      periodTo: '2022-12-31',
    },
    { today: '2023-03-15' },
  ).id
  putGrantYear(db, SYSTEM, grantId, 2022, { realisedLastenCents: 4_321_09 })
  addUser(db, 'medewerker@woudstede.nl', 'Mo Medewerker', [{ orgCode: 'GM0001', role: 'medewerker' }])
})
const cell = () => `cel-${grantId}-01-0`
const HX = { 'hx-request': 'true', 'hx-target': 'x' }
const rowOf = (html: string) => new RegExp(`<tr id="${cell()}">[\\s\\S]*?</tr>`).exec(html)?.[0] ?? ''
const audits = () => listAudit(db, {}, 1000).items.filter((a) => a.entity.startsWith('sisa'))

t.test('the page: each editable row is a form that posts without JavaScript and swaps itself with htmx', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const page = await s.get('/sisa/2022')
  t.equal(page.statusCode, 200)
  const row = rowOf(page.body)
  t.match(row, /€ 4\.321,09/, 'A13/01 prefilled from the realised lasten')
  t.match(row, /<form method="post" action="\/sisa\/2022\/waarde"/, 'a plain form post without JavaScript')
  t.match(row, new RegExp(`hx-post="/sisa/2022/waarde" hx-target="#${cell()}" hx-swap="outerHTML"`), 'htmx swaps the row itself')
  t.match(row, /<label class="woud-visually-hidden" for="cel-\d+-01-0-invoer">Nieuwe waarde A13\/01<\/label>/, 'the input has a label')
  t.match(page.body, /<div id="sisa-melding" role="status" aria-live="polite"><\/div>/, 'a live region for the confirmation')
  t.match(page.body, /&quot;code&quot;:&quot;400&quot;,&quot;swap&quot;:true/, 'htmx is told to swap a 400 (the row with its error)')
})

t.test('htmx override: the row comes back alone, with the new value, its source, and an audit entry', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const before = audits().length
  const r = await s.post(
    '/sisa/2022/waarde',
    { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: '4.000,00', actie: 'opslaan' },
    { headers: HX },
  )
  t.equal(r.statusCode, 200)
  t.equal(r.headers['content-type'], 'text/html; charset=utf-8')
  t.notMatch(r.body, /<!DOCTYPE|<html|<main/, 'a fragment, not a page')
  t.match(r.body, new RegExp(`^<tr id="${cell()}">`), 'the row is the root, with the same id as the one it replaces')
  t.match(r.body, /€ 4\.000,00[\s\S]*handmatig[\s\S]*vooringevuld: € 4\.321,09/)
  t.match(r.body, /autofocus/, 'the keyboard focus returns to the row')
  t.match(r.body, /Terug naar vooringevuld/, 'the reset button now appears')
  t.match(
    r.body,
    /<template><div id="sisa-melding" hx-swap-oob="innerHTML"><p class="utrecht-paragraph woud-notice">A13\/01: de waarde is opgeslagen\.<\/p><\/div><\/template>/,
    'the confirmation goes out of band into the live region',
  )
  t.match(
    r.body,
    new RegExp(
      `<template><tr id="cel-${grantId}-02-0" hx-swap-oob="true">[\\s\\S]*<tr id="cel-${grantId}-04-0" hx-swap-oob="true">[\\s\\S]*besteding € 4\\.000,00[\\s\\S]*</template>`,
    ),
    'the other rows of the grant come along out of band, with findings that follow from the new value (A13/04)',
  )
  t.equal(r.body.match(/<tr id="[^"]+" hx-swap-oob="true"/g)?.length, 4, 'A13/02 to A13/05')
  const added = audits().slice(before)
  t.equal(added.length, 1, 'one audit entry')
  t.match(added[0], { actor: 'controller@woudstede.nl', source: 'web' })
  t.match(JSON.stringify(added[0].after), /400000/)
  t.match(rowOf((await s.get('/sisa/2022')).body), /€ 4\.000,00[\s\S]*handmatig/, 'saved: the page shows it too')
})

t.test('htmx validation: a bad amount is a 400 with the row, the typed value and the message; nothing saved', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const before = audits().length
  const r = await s.post(
    '/sisa/2022/waarde',
    { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: 'vier<b>', actie: 'opslaan' },
    { headers: HX },
  )
  t.equal(r.statusCode, 400)
  t.match(r.body, new RegExp(`^<tr id="${cell()}">`))
  t.match(r.body, /value="vier&lt;b>"/, 'the typed value is kept, escaped')
  t.match(r.body, /aria-invalid="true"/)
  t.match(r.body, new RegExp(`<div class="utrecht-form-field-error-message" id="${cell()}-fout">Vul een bedrag in zoals 1\\.234,56`))
  t.match(r.body, new RegExp(`aria-describedby="${cell()}-fout"`), 'the message is tied to the input')
  t.notMatch(r.body, /sisa-melding/, 'no confirmation')
  t.notMatch(r.body, /hx-swap-oob/, 'nothing else changes')
  t.equal(audits().length, before, 'nothing written')
  t.match(rowOf((await s.get('/sisa/2022')).body), /€ 4\.000,00/, 'the value is unchanged')
})

t.test('htmx reset: back to the prefilled value, audited', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const before = audits().length
  const r = await s.post(
    '/sisa/2022/waarde',
    { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: '4.000,00', actie: 'herstel' },
    { headers: HX },
  )
  t.equal(r.statusCode, 200)
  t.match(r.body, /€ 4\.321,09[\s\S]*vooringevuld/)
  t.notMatch(r.body, /handmatig|Terug naar vooringevuld/)
  t.match(r.body, /A13\/01: de vooringevulde waarde is teruggezet\./)
  t.equal(audits().length, before + 1)
})

t.test('without JavaScript: the same form posts, redirects to the page with a notice, and shows errors on the page', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await s.post('/sisa/2022/waarde', {
    grant: String(grantId),
    indicator: 'A13/01',
    rowNo: '0',
    value: '3.999,99',
    actie: 'opslaan',
  })
  t.equal(r.statusCode, 303)
  t.equal(r.headers.location, `/sisa/2022?melding=opgeslagen#${cell()}`)
  const after = await s.get(String(r.headers.location))
  t.match(after.body, /De wijzigingen zijn opgeslagen\./)
  t.match(rowOf(after.body), /€ 3\.999,99/)
  const bad = await s.post('/sisa/2022/waarde', { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: 'x', actie: 'opslaan' })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, /^<!DOCTYPE html>/, 'the whole page')
  t.match(rowOf(bad.body), /value="x"[\s\S]*Vul een bedrag in/)
})

t.test('refused: an unknown indicator (page with the message), no CSRF token, a role below controller, another organisation', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const before = audits().length
  const unknown = await s.post(
    '/sisa/2022/waarde',
    { grant: String(grantId), indicator: 'A13/99', rowNo: '0', value: '1' },
    { headers: HX },
  )
  t.equal(unknown.statusCode, 400)
  t.equal(unknown.headers['hx-retarget'], 'body', 'no such row: htmx shows the whole page with the message')
  t.match(unknown.body, /A13\/99/)
  const noCsrf = await s.post(
    '/sisa/2022/waarde',
    { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: '1' },
    { csrf: null, headers: HX },
  )
  t.equal(noCsrf.statusCode, 403)
  const m = await signInInject(app, 'medewerker@woudstede.nl')
  t.notMatch(rowOf((await m.get('/sisa/2022')).body), /<form/, 'a medewerker sees no form')
  t.equal(
    (await m.post('/sisa/2022/waarde', { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: '1' }, { headers: HX }))
      .statusCode,
    403,
  )
  const foreign = await s.post('/sisa/2022/waarde', { grant: '1', indicator: 'A13/01', rowNo: '0', value: '1' }, { headers: HX })
  t.equal(foreign.statusCode, 404, "another organisation's grant")
  t.equal(audits().length, before, 'nothing written by any of them')
})

t.test('htmx save: the findings at the top of the page come along out of band, as the page would now show them', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const page = await s.get('/sisa/2022')
  t.match(page.body, /<div id="sisa-bevindingen">/, 'the page has the place, also when it is empty')
  const r = await s.post(
    '/sisa/2022/waarde',
    { grant: String(grantId), indicator: 'A13/01', rowNo: '0', value: '4.100,00', actie: 'opslaan' },
    { headers: HX },
  )
  t.equal(r.statusCode, 200)
  const oob = /<div id="sisa-bevindingen" hx-swap-oob="true">([\s\S]*?)<\/div><\/template>/.exec(r.body)
  t.ok(oob, 'the findings block is sent out of band')
  const org = db.$client.prepare("SELECT id FROM organisations WHERE code = 'GM0001'").pluck().get() as number
  const expected = computeSisa(db, org, 2022)
    .findings.filter((f) => !f.indicator)
    .map((f) => f.message)
  const shown = [...(oob?.[1] ?? '').matchAll(/<li class="woud-finding">([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<'),
  )
  t.strictSame(shown, expected, 'the same general findings as a reload would show')
  await s.post('/sisa/2022/waarde', { grant: String(grantId), indicator: 'A13/01', rowNo: '0', actie: 'herstel' }, { headers: HX })
})
