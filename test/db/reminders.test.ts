// Reminder settings and the outbox in the database: defaults, validation, who counts as a member, claims.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { DomainError } from '../../db/errors.js'
import { updateGrant } from '../../db/repositories/grants.js'
import { claimForSending, recordPending, undelivered } from '../../db/repositories/reminder-outbox.js'
import {
  getMailbox,
  getPreferences,
  listFollowers,
  listPreferences,
  membersForReminders,
  setFollowers,
  setMailbox,
  setPreferences,
} from '../../db/repositories/reminders.js'
import { disableUser } from '../../db/repositories/users.js'
import { freshDb } from '../helpers.js'
import { seedReminders, TODAY } from '../server/reminders-fixture.js'

/** The DomainError a call throws (kind and items), or undefined. */
function thrown(fn: () => unknown): DomainError | undefined {
  try {
    fn()
  } catch (e) {
    if (e instanceof DomainError) return e
    throw e
  }
  return undefined
}

t.test('preferences and the finance mailbox', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const s = seedReminders(db)
  t.strictSame(getPreferences(db, s.owner.id, s.ams.id), { organisationId: s.ams.id, mode: 'lead', isDefault: true })
  t.strictSame(setPreferences(db, SYSTEM, s.owner.id, s.ams.id, 'digest'), { organisationId: s.ams.id, mode: 'digest', isDefault: false })
  t.strictSame(listPreferences(db, s.owner.id), [
    { organisationId: s.ams.id, mode: 'digest', isDefault: false, organisation: 'GM0363', name: 'Amsterdam' },
  ])
  t.equal(thrown(() => setPreferences(db, SYSTEM, s.owner.id, s.ams.id, 'sometimes'))?.kind, 'invalid')
  t.equal(
    thrown(() => setPreferences(db, SYSTEM, s.outsider.id, s.ams.id, 'lead'))?.kind,
    'not-found',
    'no preference in an organisation the user does not belong to',
  )
  t.strictSame(getMailbox(db, s.ams.id), { email: null, mode: 'digest' })
  t.throws(() => setMailbox(db, SYSTEM, s.ams.id, { email: 'financien@' }), /'financien@' is geen e-mailadres/)
  t.strictSame(setMailbox(db, SYSTEM, s.ams.id, { email: ' FIN@amsterdam.nl ', mode: 'lead' }), { email: 'fin@amsterdam.nl', mode: 'lead' })
  t.strictSame(setMailbox(db, SYSTEM, s.ams.id, { email: null }), { email: null, mode: 'digest' }, 'null removes the mailbox')
})

t.test('members: owners matched by e-mail, followers, disabled users left out', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const s = seedReminders(db)
  updateGrant(db, SYSTEM, s.geheim.id, { owner: 'Volger@Amsterdam.NL' }, undefined, { today: TODAY })
  setFollowers(db, SYSTEM, s.dak.id, ['volger@amsterdam.nl'])
  t.strictSame(listFollowers(db, s.dak.id), ['volger@amsterdam.nl'])
  const members = new Map(membersForReminders(db, s.ams.id).map((m) => [m.email, [...m.grantIds].sort()]))
  t.strictSame(members.get('volger@amsterdam.nl'), [s.dak.id, s.geheim.id].sort(), 'owner by e-mail (any case) and follower')
  t.strictSame(members.get('eigenaar@amsterdam.nl'), [s.dak.id])
  t.notOk(members.has('piet@rotterdam.nl'), 'a user of another organisation is no member here')
  disableUser(db, SYSTEM, 'volger@amsterdam.nl', '2026-11-30T09:00:00Z')
  t.notOk(
    membersForReminders(db, s.ams.id).some((m) => m.email === 'volger@amsterdam.nl'),
    'a disabled user receives nothing',
  )
  t.match(
    thrown(() => setFollowers(db, SYSTEM, s.dak.id, ['piet@rotterdam.nl'])),
    { kind: 'invalid', errors: [{ field: 'followers', message: 'piet@rotterdam.nl is geen gebruiker van deze organisatie' }] },
  )
})

t.test('the outbox: recorded once, claimed by one run only', async (t) => {
  const db = freshDb()
  t.teardown(() => db.$client.close())
  const s = seedReminders(db)
  const m = {
    organisationId: s.ams.id,
    recipient: 'eigenaar@amsterdam.nl',
    kind: 'lead:30',
    item: `spend:${s.dak.id}`,
    itemDate: '2026-12-30',
    dueOn: TODAY,
    subject: 'x',
    bodyText: 'x',
    bodyHtml: '<p>x</p>',
  }
  recordPending(db, [m])
  recordPending(db, [m])
  const rows = undelivered(db, [s.ams.id])
  t.equal(rows.length, 1, 'the same message is recorded once')
  const at = '2026-11-30T08:00:00.000Z'
  t.equal(claimForSending(db, rows[0].id, at), true)
  t.equal(claimForSending(db, rows[0].id, at), false, 'a second run at the same time does not get it')
  t.equal(claimForSending(db, rows[0].id, '2026-11-30T08:20:00.000Z'), true, 'a claim of a run that died expires')
})
