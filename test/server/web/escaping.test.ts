// Escaping: markup typed into every user-editable text field comes back as text on every page that shows it, never
// as HTML. The fields are filled through the web forms themselves (and organisation/user names through the CLI-side
// repositories), then each page is fetched and checked.
import t, { type Test } from 'tap'
import { SYSTEM } from '../../../db/audit.js'
import { openDatabase } from '../../../db/client.js'
import { createOrganisation } from '../../../db/repositories/organisations.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { addUser, signInInject } from './web-helpers.js'

const NOW = new Date('2023-03-15T09:00:00Z')
const P1 = '<script>alert(1)</script>'
const P2 = '"><img src=x onerror=alert(2)>'
const X = `${P1}${P2}`
// preact-render-to-string escapes & < and " (enough in text and quoted attributes); > may stay as it is.
const ESCAPED = '&lt;script>alert(1)&lt;/script>&quot;>&lt;img src=x onerror=alert(2)>'
const esc = (prefix: string) => `${prefix} ${ESCAPED}`

const db = openDatabase(':memory:')
createOrganisation(db, SYSTEM, { code: 'GM0009', name: `Gemeente ${X}` })
createOrganisation(db, SYSTEM, { code: 'GM0010', name: `Tweede ${X}` })
addUser(db, 'x@woudstede.nl', `Naam ${X}`, [
  { orgCode: 'GM0009', role: 'controller' },
  { orgCode: 'GM0010', role: 'lezer' },
])
const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => NOW }), { db, logger: false })
t.teardown(async () => {
  await app.close()
  db.$client.close()
})

/** Neither payload appears as markup; the page does show it, escaped. */
function checkEscaped(t: Test, body: string, where: string) {
  t.notOk(body.includes(P1), `${where}: no raw <script>`)
  t.notOk(/<img src=x/i.test(body), `${where}: no raw <img onerror>`)
  t.ok(body.includes(ESCAPED), `${where}: the text is shown, escaped`)
}

t.test('payloads in every text field come back escaped on every page', async (t) => {
  const s = await signInInject(app, 'x@woudstede.nl')
  const created = await s.post('/subsidies', { scheme: 'jenv-a13', title: `Titel ${X}`, reference: `K-${X}`, owner: `eigenaar ${X}` })
  t.equal(created.statusCode, 303)
  const id = /subsidies\/(\d+)/.exec(String(created.headers.location))![1]
  const g = await s.get(`/subsidies/${id}`)
  const version = /name="version" value="(\d+)"/.exec(g.body)![1]
  const textFields = [
    'beschikkingsnummer',
    'spendUntilReason',
    'taakveld',
    'kostenplaats',
    'begrotingspost',
    'programma',
    'department',
    'natureReason',
    'notes',
  ]
  const edit = await s.post(`/subsidies/${id}`, {
    version,
    nature: 'incidenteel',
    title: `Titel ${X}`,
    reference: `K-${X}`,
    owner: `eigenaar ${X}`,
    ...Object.fromEntries(textFields.map((f) => [f, `${f} ${X}`])),
    periodFrom: '01-01-2022',
    periodTo: '31-12-2023',
  })
  // Some fields are validated (taakveld must exist): a refusal re-renders the typed payloads, which must be escaped too.
  checkEscaped(t, edit.body || (await s.get(`/subsidies/${id}`)).body, 'subsidie na wijzigen')
  const fine = await s.post(`/subsidies/${id}`, {
    version,
    nature: 'incidenteel',
    title: `Titel ${X}`,
    reference: `K-${X}`,
    owner: `eigenaar ${X}`,
    ...Object.fromEntries(textFields.filter((f) => f !== 'taakveld').map((f) => [f, `${f} ${X}`])),
    periodFrom: '01-01-2022',
    periodTo: '31-12-2023',
  })
  t.equal(fine.statusCode, 303, 'all text fields saved')
  t.equal(
    (
      await s.post(`/subsidies/${id}/betalingen`, {
        kind: 'betaling',
        paidOn: '01-02-2022',
        amountCents: '100,00',
        reference: `betaling ${X}`,
      })
    ).statusCode,
    303,
  )
  t.equal(
    (
      await s.post(`/subsidies/${id}/cofinanciering`, {
        source: 'derden',
        amountCents: '50,00',
        reservedInBegroting: 'nee',
        description: `cofin ${X}`,
      })
    ).statusCode,
    303,
  )
  t.equal(
    (await s.post(`/subsidies/${id}/deadlines`, { title: `deadline ${X}`, date: '01-04-2023', legalInstrument: 'praktijk' })).statusCode,
    303,
  )
  t.equal(
    (
      await s.post(`/subsidies/${id}/status`, {
        to: 'toegekend',
        on: '01-03-2023',
        beschikkingsnummer: `B ${X}`,
        amountCents: '1.000,00',
        note: `noot ${X}`,
        version: '0',
      })
    ).statusCode,
    303,
  )
  t.equal(
    (
      await s.post('/sisa/2022/fouten-onzekerheden', {
        sisaCode: 'A13',
        indicatorNumber: '01',
        foutCents: '10,00',
        onzekerheidCents: '0',
        toelichting: `fo ${X}`,
      })
    ).statusCode,
    303,
  )

  const page = (await s.get(`/subsidies/${id}`)).body
  // beschikkingsnummer was replaced by the award (B …); the reason of a spend-deadline change is kept only when it moves.
  for (const f of [
    ...textFields.filter((x) => !['taakveld', 'beschikkingsnummer', 'spendUntilReason'].includes(x)),
    'title',
    'reference',
    'owner',
  ]) {
    const prefix = f === 'title' ? 'Titel' : f === 'owner' ? 'eigenaar' : f
    t.ok(f === 'reference' ? page.includes(`K-${ESCAPED}`) : page.includes(esc(prefix)), `${f} shown escaped`)
  }
  for (const what of ['betaling', 'cofin', 'deadline', 'noot', 'B'])
    t.ok(page.includes(esc(what)), `${what} shown escaped on the grant page`)
  checkEscaped(t, page, 'subsidie')
  for (const url of [
    '/',
    '/portefeuille',
    '/portefeuille?q=Titel',
    '/deadlines',
    '/sisa/2022',
    '/regelingen',
    `/subsidies/nieuw?regeling=jenv-a13`,
  ]) {
    const r = await s.get(url)
    t.equal(r.statusCode, 200, url)
    checkEscaped(t, r.body, url)
  }
  const sisa = (await s.get('/sisa/2022')).body
  t.ok(sisa.includes(esc('fo')), 'fouten en onzekerheden toelichting escaped')
  const search = (await s.get(`/portefeuille?q=${encodeURIComponent(X)}`)).body
  checkEscaped(t, search, 'zoektekst teruggetoond')
  const notFound = await s.get(`/subsidies/${encodeURIComponent(P1)}`)
  t.equal(notFound.statusCode, 404)
  t.notOk(notFound.body.includes(P1), '404 page does not echo the path as markup')
  t.match(
    String((await s.get('/')).headers['content-security-policy']),
    /script-src 'self'/,
    'and a strict CSP as a second line of defence',
  )
})
