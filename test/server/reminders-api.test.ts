// Reminder settings through the API: own preference, finance mailbox, owner and followers, the status route.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { createGrant } from '../../db/repositories/grants.js'
import { createToken, findUserByEmail } from '../../db/repositories/users.js'
import { planReminders } from '../../reports/reminders.js'
import { testApp } from '../helpers.js'
import { MONDAY, seedReminders, TODAY } from './reminders-fixture.js'

t.test('preferences, mailbox, owner and followers', async (t) => {
  const { api, db } = await testApp(t, { now: () => MONDAY })
  const s = seedReminders(db)
  const token = (email: string) => createToken(db, SYSTEM, findUserByEmail(db, email)!.id).token
  const eva = token('eigenaar@amsterdam.nl')
  const victor = token('volger@amsterdam.nl')

  await t.test('a user reads and sets their own preference per organisation', async (t) => {
    const url = '/api/v1/organisations/GM0363/reminders/preference'
    t.strictSame(
      (await api({ method: 'GET', url, token: eva })).json(),
      { organisation: 'GM0363', mode: 'lead', isDefault: true },
      'owners get lead-time reminders by default',
    )
    const bad = await api({ method: 'PUT', url, token: eva, payload: { mode: 'hourly' } })
    t.equal(bad.statusCode, 400)
    const set = await api({ method: 'PUT', url, token: eva, payload: { mode: 'none' } })
    t.strictSame(set.json(), { organisation: 'GM0363', mode: 'none', isDefault: false })
    t.equal(
      planReminders(db, [s.ams.id], TODAY).filter((p) => p.recipient.email === 'eigenaar@amsterdam.nl').length,
      0,
      'nothing is planned for a user who chose nothing',
    )
    await api({ method: 'PUT', url, token: eva, payload: { mode: 'lead' } })
    t.ok(planReminders(db, [s.ams.id], TODAY).some((p) => p.recipient.email === 'eigenaar@amsterdam.nl' && p.kind === 'lead:30'))
    t.equal(
      (await api({ method: 'GET', url: '/api/v1/organisations/GM0599/reminders/preference', token: eva })).statusCode,
      404,
      'not in an organisation where the user has no role',
    )
    const trail = (await api({ method: 'GET', url: '/api/v1/audit?entity=reminder_preference&id=' + `${s.owner.id}:${s.ams.id}` })).json()
    t.equal(trail.total, 2, 'each change is audited (none, then lead)')
  })

  await t.test('the finance mailbox: an address that is not one is refused', async (t) => {
    const url = '/api/v1/organisations/GM0363/reminders'
    t.strictSame((await api({ method: 'GET', url })).json(), { organisation: 'GM0363', financeMailbox: null, financeMode: 'digest' })
    const bad = await api({ method: 'PUT', url, payload: { financeMailbox: 'financien at amsterdam' } })
    t.equal(bad.statusCode, 400)
    t.match(bad.json(), { detail: /'financien at amsterdam' is geen e-mailadres/, errors: [{ field: 'financeMailbox' }] })
    const ok = await api({ method: 'PUT', url, payload: { financeMailbox: 'Financien@Amsterdam.nl' } })
    t.strictSame(ok.json(), { organisation: 'GM0363', financeMailbox: 'financien@amsterdam.nl', financeMode: 'digest' })
    t.equal((await api({ method: 'PUT', url, token: eva, payload: { financeMailbox: null } })).statusCode, 403, 'beheerder only')
    t.ok(planReminders(db, [s.ams.id], TODAY).some((p) => p.recipient.email === 'financien@amsterdam.nl' && p.kind === 'digest'))
  })

  await t.test('owner (grant field) and followers', async (t) => {
    const g = createGrant(db, SYSTEM, { orgCode: 'GM0363', schemeCode: 'vws-bosa', title: 'Nieuw veld' }, { today: TODAY })
    const etag = (await api({ method: 'GET', url: `/api/v1/grants/${g.id}` })).headers.etag as string
    const patched = await api({
      method: 'PATCH',
      url: `/api/v1/grants/${g.id}`,
      headers: { 'if-match': etag },
      payload: { owner: 'eigenaar@amsterdam.nl' },
    })
    t.equal(patched.json().owner, 'eigenaar@amsterdam.nl', 'the owner is set through the grant API')
    const url = `/api/v1/grants/${g.id}/followers`
    const foreign = await api({ method: 'PUT', url, token: eva, payload: { followers: ['piet@rotterdam.nl', 'geen-adres'] } })
    t.equal(foreign.statusCode, 400)
    t.match(foreign.json().errors, [
      { message: 'piet@rotterdam.nl is geen gebruiker van deze organisatie' },
      { message: "'geen-adres' is geen e-mailadres" },
    ])
    t.equal(
      (await api({ method: 'PUT', url, token: victor, payload: { followers: [] } })).statusCode,
      403,
      'a lezer cannot change followers',
    )
    const put = await api({ method: 'PUT', url, token: eva, payload: { followers: ['Volger@amsterdam.nl'] } })
    t.strictSame(put.json(), { grant: g.id, owner: 'eigenaar@amsterdam.nl', followers: ['volger@amsterdam.nl'] })
    t.strictSame((await api({ method: 'GET', url, token: victor })).json().followers, ['volger@amsterdam.nl'])
  })

  await t.test('status route: configuration, undelivered messages, owners who receive nothing', async (t) => {
    const url = '/api/v1/organisations/GM0363/reminders/status'
    t.equal((await api({ method: 'GET', url, token: eva })).statusCode, 403, 'controller and up')
    const st = (await api({ method: 'GET', url })).json()
    t.match(st, {
      today: TODAY,
      smtp: null,
      schedule: 'uit',
      organisation: 'GM0363',
      undelivered: 0,
      financeMailbox: 'financien@amsterdam.nl',
    })
    t.match(st.unreachableOwners, [{ grantId: s.geheim.id, owner: 'piet@rotterdam.nl' }])
  })
})
