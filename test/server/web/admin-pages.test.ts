// Importeren (preview, confirm, cancel, errors), Rapporten, Beheer and Mijn tokens over HTTP with a real session:
// happy paths, role and organisation scoping (another organisation's user is the 404 page), CSRF refusal.
import t from 'tap'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { SYSTEM } from '../../../db/audit.js'
import { openDatabase } from '../../../db/client.js'
import { createGrant, getGrant } from '../../../db/repositories/grants.js'
import { principalForToken } from '../../../db/repositories/users.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { pendingImportsOf } from '../../../server/web/pages/importeren.js'
import { addUser, seedWeb, signInInject, type WebSessionClient } from './web-helpers.js'

const NOW = new Date('2026-11-28T10:00:00Z')
const LEDGER = readFileSync(new URL('../../fixtures/portfolio/grootboek-voorbeeld.csv', import.meta.url))

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer | string }) {
  const b = '----woud-web-test'
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  )
  if (file) {
    parts.push(
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="bestand"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    )
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content), Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${b}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } }
}

const upload = (
  app: Awaited<ReturnType<typeof buildApp>>,
  s: WebSessionClient,
  fields: Record<string, string>,
  file?: { name: string; content: Buffer | string },
  csrf = s.csrf,
) => {
  const m = multipart(fields, file)
  return app.inject({
    method: 'POST',
    url: `/importeren?_csrf=${encodeURIComponent(csrf)}`,
    payload: m.payload,
    headers: { ...m.headers, cookie: s.cookie },
  })
}
const formOf = (body: string, action: RegExp) => action.exec(body)?.[1]

t.test('web admin pages', async (t) => {
  const db = openDatabase(':memory:')
  const seeded = seedWeb(db, '2026-11-28')
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => NOW }), { db, logger: false })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  const award = (nr: string) =>
    createGrant(
      db,
      SYSTEM,
      {
        organisationId: seeded.own.id,
        schemeCode: 'ocw-oab-2019',
        title: `Grant ${nr}`,
        status: 'toegekend',
        beschikkingsnummer: nr,
        awardedCents: 1_000_000_00,
        awardedOn: '2025-01-15',
        periodFrom: '2025-01-01',
        periodTo: '2026-12-31',
      },
      { today: '2026-11-28' },
    )
  const oab = award('OAB-2025-0142')
  award('SPUK-GALA-2023-0877')
  award('C94-2023-1133')
  const controller = await signInInject(app, 'controller@woudstede.nl')
  addUser(db, 'beheer@woudstede.nl', 'Bea Beheer', [{ orgCode: 'GM0001', role: 'beheerder' }])
  addUser(db, 'lezer@woudstede.nl', 'Lex Lezer', [{ orgCode: 'GM0001', role: 'lezer' }])
  const anders = addUser(db, 'beheer@anderdorp.nl', 'Ander', [{ orgCode: 'GM0002', role: 'beheerder' }])
  const beheer = await signInInject(app, 'beheer@woudstede.nl')
  const lezer = await signInInject(app, 'lezer@woudstede.nl')

  await t.test('Importeren: a ledger file, preview with counts and changes, then confirm', async (t) => {
    const form = await controller.get('/importeren')
    t.equal(form.statusCode, 200)
    t.match(form.body, /Grootboek/)
    t.notMatch(form.body, /Woud-catalogus/, 'a controller is not offered the catalogue import (beheerder)')
    const preview = await upload(app, controller, { soort: 'actuals', jaar: '2025' }, { name: 'grootboek.csv', content: LEDGER })
    t.equal(preview.statusCode, 200, preview.body.slice(0, 500))
    t.match(preview.body, /Voorbeeld van de import/)
    t.match(preview.body, /data-count="created">6</)
    t.match(preview.body, /€ 12\.450,00/, 'amounts in the per-row changes as euros')
    t.match(preview.body, /Gerealiseerde lasten/, 'per-row outcome of the ledger import')
    t.equal(getGrant(db, oab.id)!.years.find((y) => y.year === 2025)?.realisedLastenCents ?? 0, 0, 'a preview writes nothing')
    const pending = pendingImportsOf(db)!
    t.equal(pending.size, 1, 'the upload waits server-side')
    const confirm = formOf(preview.body, /action="(\/importeren\/[0-9a-f]{32}\/bevestigen)"/)!
    t.ok(confirm)
    t.equal((await lezer.post(confirm, {})).statusCode, 403, 'a lezer cannot confirm (role)')
    t.equal((await beheer.post(confirm, {})).statusCode, 404, "another session cannot confirm someone else's upload")
    t.equal((await controller.post(confirm, {}, { csrf: 'vals' })).statusCode, 403, 'CSRF refused')
    const done = await controller.post(confirm, {})
    t.equal(done.statusCode, 200, done.body.slice(0, 400))
    t.match(done.body, /Import opgeslagen/)
    t.equal(getGrant(db, oab.id)!.years.find((y) => y.year === 2025)!.realisedLastenCents, 12_450_00)
    t.equal(pending.size, 0, 'the file is gone after confirming')
    t.equal((await controller.post(confirm, {})).statusCode, 404, 'confirming twice: 404 page')
    const again = await upload(app, controller, { soort: 'actuals', jaar: '2025' }, { name: 'grootboek.csv', content: LEDGER })
    t.match(again.body, /data-count="unchanged">6</, 'the same file again: all unchanged')
    const cancel = formOf(again.body, /action="(\/importeren\/[0-9a-f]{32}\/annuleren)"/)!
    const cancelled = await controller.post(cancel, {})
    t.equal(cancelled.statusCode, 303)
    t.equal(cancelled.headers.location, '/importeren?melding=import-geannuleerd')
    t.equal(pending.size, 0, 'cancel removes the file')
  })

  await t.test('Importeren: field errors next to the fields, file errors with sheet/row/column, CSRF', async (t) => {
    const missing = await upload(app, controller, { soort: 'actuals', jaar: '' })
    t.equal(missing.statusCode, 400)
    t.match(missing.body, /id="veld-jaar-fout"[^>]*>Het jaar is verplicht/)
    t.match(missing.body, /id="veld-bestand-fout"[^>]*>Kies een bestand/)
    const bad = await upload(
      app,
      controller,
      { soort: 'actuals', jaar: '2025' },
      { name: 'grootboek.csv', content: 'Boekjaar;Beschikkingsnummer;Debet;Credit\n2025;ONBEKEND-1;12,00;\n2025;OAB-2025-0142;1.2.3;\n' },
    )
    t.equal(bad.statusCode, 422)
    t.match(bad.body, /er is niets opgeslagen/)
    t.match(bad.body, /<td class="utrecht-table__cell">2<\/td>/, 'the row number of the error')
    t.notMatch(bad.body, /bevestigen/, 'a rejected file cannot be confirmed')
    t.equal(pendingImportsOf(db)!.size, 0)
    t.equal(
      (await upload(app, controller, { soort: 'actuals', jaar: '2025' }, { name: 'g.csv', content: LEDGER }, 'vals')).statusCode,
      403,
      'CSRF refused',
    )
    const role = await upload(app, controller, { soort: 'schemes' }, { name: 'c.csv', content: 'code;name;ministry\nx;y;BZK\n' })
    t.equal(role.statusCode, 400, 'a kind above the role is refused')
    t.equal((await lezer.get('/importeren')).statusCode, 403)
  })

  await t.test('Rapporten: every workbook for the chosen year and scenario; downloads for controllers', async (t) => {
    const page = await controller.get('/rapporten?jaar=2026&scenario=awarded-only')
    t.equal(page.statusCode, 200)
    for (const n of ['portfolio', 'deadlines', 'cofinancing', 'bbv', 'sisa', 'forecast', 'controller'])
      t.match(page.body, new RegExp(`href="/rapporten/${n}\\.xlsx\\?jaar=2026`))
    t.match(page.body, /\/rapporten\/forecast\.xlsx\?jaar=2026&amp;scenario=awarded-only/)
    const link = /href="(\/rapporten\/controller\.xlsx[^"]*)"/.exec(page.body)![1].replace(/&amp;/g, '&')
    const dl = await controller.get(link)
    t.equal(dl.statusCode, 200)
    t.match(dl.headers['content-type'], /spreadsheetml/)
    const forLezer = await lezer.get('/rapporten')
    t.equal(forLezer.statusCode, 200)
    t.notMatch(forLezer.body, /\.xlsx\?/, 'no download links for a lezer')
    t.match((await controller.get('/rapporten?jaar=1800')).body, /Vul een getal van/)
  })

  await t.test('Beheer: add a user, change and remove a role, disable; other organisations are a 404', async (t) => {
    t.equal((await controller.get('/beheer')).statusCode, 403, 'a controller is not a beheerder')
    const page = await beheer.get('/beheer')
    t.equal(page.statusCode, 200)
    t.match(page.body, /lezer@woudstede\.nl/)
    t.notMatch(page.body, /anderdorp/, 'users of another organisation are not shown')
    const bad = await beheer.post('/beheer/gebruikers', { email: 'geen-adres', name: '', role: 'lezer' })
    t.equal(bad.statusCode, 400)
    t.match(bad.body, /id="nieuw-name-fout"[^>]*>De naam is verplicht/)
    t.match(bad.body, /value="geen-adres"/, 'what was typed is kept')
    const bad2 = await beheer.post('/beheer/gebruikers', { email: 'geen-adres', name: 'X', role: 'lezer' })
    t.match(bad2.body, /id="nieuw-email-fout"[^>]*>[^<]*geen e-mailadres/)
    const made = await beheer.post('/beheer/gebruikers', { email: 'nieuw@woudstede.nl', name: 'Nina Nieuw', role: 'medewerker' })
    t.equal(made.statusCode, 303)
    const list = (await beheer.get('/beheer?melding=gebruiker-aangemaakt')).body
    t.match(list, /De gebruiker is aangemaakt/)
    const id = /action="\/beheer\/gebruikers\/(\d+)\/rol"[^]*?Nina Nieuw/.exec(list)
      ? Number(/\/beheer\/gebruikers\/(\d+)\/uitschakelen"[^>]*>(?:(?!<\/form>)[^])*Nina Nieuw uitschakelen/.exec(list)![1])
      : 0
    t.ok(id > 0)
    t.equal((await beheer.post(`/beheer/gebruikers/${id}/rol`, { role: 'controller' })).headers.location, '/beheer?melding=rol-gewijzigd')
    t.equal((await beheer.post(`/beheer/gebruikers/${id}/uitschakelen`, {})).headers.location, '/beheer?melding=gebruiker-uitgeschakeld')
    t.match((await beheer.get('/beheer')).body, /uitgeschakeld/)
    t.equal((await beheer.post(`/beheer/gebruikers/${id}/inschakelen`, {})).statusCode, 303)
    t.equal((await beheer.post(`/beheer/gebruikers/${id}/rol`, { role: 'geen' })).headers.location, '/beheer?melding=rol-ingetrokken')
    const foreign = await beheer.post(`/beheer/gebruikers/${anders.id}/uitschakelen`, {})
    t.equal(foreign.statusCode, 404, 'a user of another organisation: the 404 page')
    t.match(foreign.headers['content-type'], /text\/html/)
    t.equal((await beheer.post(`/beheer/gebruikers/${anders.id}/rol`, { role: 'lezer' })).statusCode, 404)
    t.equal((await beheer.post(`/beheer/gebruikers/${id}/uitschakelen`, {}, { csrf: null })).statusCode, 403, 'CSRF refused')
  })

  await t.test('Mijn tokens: an API token and a feed shown once, then revoked', async (t) => {
    t.equal((await lezer.get('/mijn-tokens')).statusCode, 200)
    const bad = await lezer.post('/mijn-tokens', { kind: 'api', label: 'x', expiresOn: '31-02-2027' })
    t.equal(bad.statusCode, 400)
    t.match(bad.body, /id="veld-expiresOn-fout"/)
    const past = await lezer.post('/mijn-tokens', { kind: 'api', label: 'x', expiresOn: '01-01-2020' })
    t.match(past.body, /id="veld-expiresOn-fout"[^>]*>kies vandaag of een latere datum/)
    const made = await lezer.post('/mijn-tokens', { kind: 'api', label: 'Power BI', expiresOn: '31-12-2027' })
    t.equal(made.statusCode, 200)
    const secret = /id="nieuw-geheim">(woud_[A-Za-z0-9_-]+)</.exec(made.body)![1]
    t.ok(principalForToken(db, secret, '2026-11-28'), 'the shown token works')
    const list = await lezer.get('/mijn-tokens')
    t.notOk(list.body.includes(secret), 'shown once: not on the list page')
    t.match(list.body, /Power BI/)
    const feed = await lezer.post('/mijn-tokens', { kind: 'feed', organisation: 'GM0001' })
    t.match(feed.body, /deadlines\.ics\?token=woudf_/)
    t.equal((await lezer.post('/mijn-tokens', { kind: 'feed', organisation: 'GM0002' })).statusCode, 404, 'not for another organisation')
    const id = /action="\/mijn-tokens\/(\d+)\/intrekken"/.exec(list.body)![1]
    t.equal((await beheer.post(`/mijn-tokens/${id}/intrekken`, {})).statusCode, 404, "someone else's token: 404 page")
    t.equal((await lezer.post(`/mijn-tokens/${id}/intrekken`, {})).headers.location, '/mijn-tokens?melding=token-ingetrokken')
    t.equal(principalForToken(db, secret, '2026-11-28'), undefined, 'revoked at once')
    t.equal((await lezer.post(`/mijn-tokens/${id}/intrekken`, {}, { csrf: 'vals' })).statusCode, 403)
  })

  await t.test('escaping: script and attribute breakers in names, labels and file names stay text', async (t) => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    t.equal((await beheer.post('/beheer/gebruikers', { email: 'kwaad@woudstede.nl', name: evil, role: 'lezer' })).statusCode, 303)
    const made = await lezer.post('/mijn-tokens', { kind: 'api', label: evil })
    const preview = await upload(
      app,
      controller,
      { soort: 'actuals', jaar: '2025', koppeling: evil },
      { name: '<img src=x onerror=alert(2)>.csv', content: LEDGER },
    )
    for (const [page, body] of [
      ['beheer', (await beheer.get('/beheer')).body],
      ['mijn tokens (new)', made.body],
      ['mijn tokens', (await lezer.get('/mijn-tokens')).body],
      ['import form', preview.body],
    ] as const) {
      t.notOk(body.includes('<script>alert') || body.includes('<img src=x'), `${page}: no markup from input`)
      t.match(
        body,
        page === 'import form' ? /&lt;img src=x onerror=alert\(2\)>\.csv/ : /&lt;script>alert\(1\)&lt;\/script>/,
        `${page}: shown as text`,
      )
    }
  })

  const dir = pendingImportsOf(db)!.dir
  const before = readdirSync(dir).length
  await upload(app, controller, { soort: 'actuals', jaar: '2025' }, { name: 'grootboek.csv', content: LEDGER })
  t.equal(readdirSync(dir).length, before + 1, 'an unconfirmed upload is a file in the private directory')
  await app.close()
  t.notOk(existsSync(dir), 'closing the app removes the waiting uploads')
})
