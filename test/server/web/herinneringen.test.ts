// Instellingen › Herinneringen: view and change one's own reminder preference per organisation; CSRF-protected,
// validated all or nothing, audited, and the same preference the API and the reminder run use. Real SQLite file.
import t from 'tap'
import { SYSTEM, listAudit } from '../../../db/audit.js'
import { getPreferences } from '../../../db/repositories/reminders.js'
import { createToken } from '../../../db/repositories/users.js'
import { addUser, fileApp, signInInject } from './web-helpers.js'

const { app, db, seeded } = await fileApp(t, new Date('2026-11-28T10:00:00Z'), (db) => {
  addUser(db, 'nieuw@woudstede.nl', 'Nog Geen Rol', [])
})
const URL = '/instellingen/herinneringen'
const audits = () => listAudit(db, { entity: 'reminder_preference' }).items
const pref = (orgId: number) => getPreferences(db, seeded.user.id, orgId)

t.test('a visitor is sent to the sign-in page and back', async (t) => {
  const r = await app.inject({ url: URL })
  t.equal(r.statusCode, 303)
  t.equal(r.headers.location, `/aanmelden?terug=${encodeURIComponent(URL)}`)
})

t.test('the page: one labelled radio group per organisation, the current choice checked, the default marked', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  t.match(
    (await s.get('/portefeuille')).body,
    /<a class="utrecht-link" href="\/instellingen\/herinneringen">Herinneringen<\/a>/,
    'linked from every page',
  )
  const r = await s.get(URL)
  t.equal(r.statusCode, 200)
  t.match(r.body, /^<!DOCTYPE html>/)
  t.match(r.body, /<h1 class="utrecht-heading-1">Herinneringen per e-mail<\/h1>/)
  const legends = [...r.body.matchAll(/<legend class="utrecht-form-fieldset__legend[^"]*">([^<]+)<\/legend>/g)].map((m) => m[1])
  t.strictSame(legends, ['Woudstede', 'Bosrijk'], 'the organisations where the user has a role, by code')
  t.match(
    r.body,
    /<input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="veld-modus-GM0001-lead" name="modus-GM0001" value="lead" checked/,
  )
  t.match(
    r.body,
    /<label class="utrecht-form-label utrecht-form-label--radio" for="veld-modus-GM0001-lead">Herinneringen per deadline \(standaard\)<\/label>/,
  )
  t.match(r.body, /for="veld-modus-GM0001-digest">Weekoverzicht<\/label>/)
  t.match(r.body, /for="veld-modus-GM0001-none">Geen e-mail<\/label>/)
  t.match(
    r.body,
    /<form method="post" action="\/instellingen\/herinneringen"[^>]*><input type="hidden" name="_csrf"/,
    'a CSRF-protected form',
  )
})

t.test('without the CSRF token nothing changes', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await s.post(URL, { 'modus-GM0001': 'none', 'modus-GM0003': 'lead' }, { csrf: null })
  t.equal(r.statusCode, 403)
  t.equal(pref(seeded.own.id).isDefault, true)
  t.equal(audits().length, 0)
})

t.test('a bad or missing choice: 400 with the message next to its group, and nothing saved (also not the valid one)', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const bad = await s.post(URL, { 'modus-GM0001': 'digest', 'modus-GM0003': 'spam' })
  t.equal(bad.statusCode, 400)
  t.match(bad.body, /<div class="utrecht-form-field-error-message" id="veld-modus-GM0003-fout">Kies een van de mogelijkheden\.<\/div>/)
  t.match(
    bad.body,
    /<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--invalid" id="veld-modus-GM0003" aria-describedby="veld-modus-GM0003-fout">/,
  )
  t.match(bad.body, /<a class="utrecht-link" href="#veld-modus-GM0003">/, 'the error summary links to the group')
  t.match(bad.body, /value="digest" checked/, 'what the user chose is kept')
  const missing = await s.post(URL, { 'modus-GM0001': 'digest' })
  t.equal(missing.statusCode, 400)
  t.match(missing.body, /De keuze voor Bosrijk is verplicht\./)
  t.equal(pref(seeded.own.id).mode, 'lead', 'nothing half-saved')
  t.equal(audits().length, 0)
})

t.test('saving: only what changed is written and audited; the API and a second visit show it', async (t) => {
  const s = await signInInject(app, 'controller@woudstede.nl')
  const r = await s.post(URL, { 'modus-GM0001': 'digest', 'modus-GM0003': 'lead', 'modus-GM0002': 'none' })
  t.equal(r.statusCode, 303)
  t.equal(r.headers.location, `${URL}?melding=opgeslagen`)
  t.match(pref(seeded.own.id), { mode: 'digest', isDefault: false })
  t.match(pref(seeded.third.id), { mode: 'lead', isDefault: true }, 'an unchanged choice is not written')
  t.equal(pref(seeded.other.id).isDefault, true, 'a field for an organisation without a role is ignored')
  const a = audits()
  t.equal(a.length, 1, 'one audit entry')
  t.match(a[0], {
    actor: 'controller@woudstede.nl',
    source: 'web',
    entityId: `${seeded.user.id}:${seeded.own.id}`,
    after: { mode: 'digest' },
  })
  t.match(a[0].before, { mode: 'lead', isDefault: true })
  const page = await s.get(String(r.headers.location))
  t.match(page.body, /De wijzigingen zijn opgeslagen\./)
  t.match(page.body, /name="modus-GM0001" value="digest" checked/)
  t.notMatch(page.body, /GM0001-lead">Herinneringen per deadline \(standaard\)/, 'no longer marked as the default')
  const token = createToken(db, SYSTEM, seeded.user.id).token
  const api = await app.inject({ url: '/api/v1/organisations/GM0001/reminders/preference', headers: { authorization: `Bearer ${token}` } })
  t.match(api.json(), { organisation: 'GM0001', mode: 'digest', isDefault: false }, 'the API reads the same preference')
  await s.post(URL, { 'modus-GM0001': 'digest', 'modus-GM0003': 'lead' })
  t.equal(audits().length, 1, 'saving again without a change writes nothing')
})

t.test('a user without any organisation is told so, without a form', async (t) => {
  const s = await signInInject(app, 'nieuw@woudstede.nl')
  const r = await s.get(URL)
  t.equal(r.statusCode, 200)
  t.match(r.body, /U heeft nog geen rol in een organisatie/)
  t.notMatch(r.body, /type="radio"/)
})
