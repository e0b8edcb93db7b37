// `woud reminders send|status` against a real SMTP server: envelope, subject and body, once a day, retries, scoping.
import t from 'tap'
import { SYSTEM } from '../../db/audit.js'
import { setFollowers, setMailbox, setPreferences } from '../../db/repositories/reminders.js'
import { cliOn, freshDb } from '../helpers.js'
import { MONDAY, seedReminders, startSmtp, to, TODAY } from './reminders-fixture.js'

const FROM = 'Woud <woud@amsterdam.nl>'
// Back-off between attempts stays real but short in tests.
process.env.SMTP_RETRY_DELAY_MS = '20'

t.test('reminders over SMTP', async (t) => {
  const smtp = await startSmtp()
  t.teardown(() => smtp.close())
  const env = { SMTP_URL: smtp.url, MAIL_FROM: FROM, PUBLIC_URL: 'https://woud.amsterdam.nl/' }
  const saved = { ...process.env }
  Object.assign(process.env, env)
  t.teardown(() => {
    process.env = saved
  })

  const db = freshDb()
  t.teardown(() => db.$client.close())
  const s = seedReminders(db)
  setMailbox(db, SYSTEM, s.ams.id, { email: 'financien@amsterdam.nl' })
  setFollowers(db, SYSTEM, s.dak.id, ['volger@amsterdam.nl'])
  setPreferences(db, SYSTEM, s.follower.id, s.ams.id, 'digest')
  const run = cliOn(db, () => MONDAY)

  await t.test('--dry-run lists what is due and sends nothing', async (t) => {
    const r = await run('--json', 'reminders', 'send', '--dry-run')
    t.equal(r.code, 0, r.err)
    const list = r.json().wouldSend as { recipient: string; kind: string }[]
    t.ok(list.length >= 4)
    t.equal(smtp.received.length, 0, 'nothing reached the SMTP server')
    t.equal((db.$client.prepare('SELECT count(*) AS n FROM reminder_messages').get() as { n: number }).n, 0, 'nothing recorded')
  })

  await t.test('send: each recipient gets what is theirs, over STARTTLS, in Dutch', async (t) => {
    const r = await run('--json', 'reminders', 'send')
    t.equal(r.code, 0, r.err)
    const result = r.json()
    t.equal(result.failed.length, 0)
    t.equal(smtp.received.length, result.sent.length)
    t.ok(
      smtp.received.every((m) => m.from === 'woud@amsterdam.nl' && m.secure),
      'MAIL FROM is MAIL_FROM; STARTTLS was used',
    )

    const owner = to(smtp.received, 'eigenaar@amsterdam.nl')
    t.match(
      owner.map((m) => m.mail.subject).sort(),
      [
        /^Woud: nog 30 dagen tot 30-12-2026: Bestedingstermijn verloopt: Sporthal dak \(Subsidieregeling stimulering/,
        /^Woud: nog 56 dagen tot 25-01-2027: Tussenrapportage sporthal$/,
      ],
      'the owner gets a lead-time reminder per deadline (60 and 30 days reached)',
    )
    const spend = owner.find((m) => m.mail.subject!.includes('Bestedingstermijn'))!
    t.strictSame(spend.to, ['eigenaar@amsterdam.nl'], 'one recipient per envelope')
    t.match(spend.mail.text, /^Beste Eva Eigenaar,/)
    t.match(spend.mail.text, /Deadline: Bestedingstermijn verloopt: Sporthal dak/)
    t.match(spend.mail.text, /Datum: woensdag 30 december 2026 \(30-12-2026, nog 30 dagen\)/)
    t.match(spend.mail.text, /Subsidie: Sporthal dak/)
    t.match(spend.mail.text, /Regeling: Subsidieregeling stimulering bouw en onderhoud sportaccommodaties \(BOSA\) \(vws-bosa\)/)
    t.match(spend.mail.text, /Wat is nodig: middelen besteden/)
    t.match(spend.mail.text, `Bekijk in Woud: https://woud.amsterdam.nl/subsidies/${s.dak.id}`)
    t.match(
      spend.mail.text,
      'Voorkeuren wijzigen (weekoverzicht, herinneringen of niets): https://woud.amsterdam.nl/instellingen/herinneringen',
    )
    t.notMatch(spend.mail.text, /Oorspronkelijke datum/, 'no nominal date when it equals the effective one')
    const html = String(spend.mail.html)
    t.match(html, `<a href="https://woud.amsterdam.nl/subsidies/${s.dak.id}">`)
    t.notMatch(html, /<img|pixel|utm_|track/i, 'no tracking: no images, no campaign parameters')
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    t.ok(hrefs.length > 0 && hrefs.every((h) => h.startsWith('https://woud.amsterdam.nl/')), 'links only into Woud')

    const atw = owner.find((m) => m.mail.subject!.includes('Tussenrapportage'))!
    t.match(atw.mail.text, /Datum: maandag 25 januari 2027 \(25-01-2027, nog 56 dagen\)/)
    t.match(
      atw.mail.text,
      /Oorspronkelijke datum: zaterdag 23 januari 2027 \(23-01-2027\); verschoven door de Algemene termijnenwet \(zaterdag, zondag\)/,
    )
    t.match(String(atw.mail.html), /verschoven door de Algemene termijnenwet \(zaterdag, zondag\)/)

    const follower = to(smtp.received, 'volger@amsterdam.nl')
    t.equal(follower.length, 1, 'the follower chose the weekly digest: one message on Monday')
    t.match(follower[0].mail.subject, /^Woud: weekoverzicht deadlines Amsterdam \(2\)$/)
    t.match(follower[0].mail.text, /Sporthal dak/)
    t.match(follower[0].mail.text, /Tussenrapportage sporthal/)
    t.notMatch(follower[0].mail.text, /zwembad/, 'a digest holds only the grants the user follows or owns')

    const box = to(smtp.received, 'financien@amsterdam.nl')
    t.equal(box.length, 1, 'the finance mailbox gets the weekly digest by default')
    t.match(box[0].mail.text, /Geheim Amsterdams zwembad/, 'the mailbox sees every deadline of the organisation')
    t.match(box[0].mail.text, /financiële mailbox van Amsterdam/)
    t.match(box[0].mail.text, /^Beste collega,/)

    const outsider = to(smtp.received, 'piet@rotterdam.nl')
    t.ok(outsider.length >= 1, 'the Rotterdam user gets Rotterdam reminders')
    t.ok(
      outsider.every((m) => !/Amsterdam|zwembad|Sporthal/.test(`${m.mail.subject} ${m.mail.text}`)),
      "a user of another organisation never receives this organisation's deadlines, even as the named owner",
    )
    t.ok(outsider.some((m) => /Rotterdamse kade/.test(m.mail.subject ?? '')))
  })

  await t.test('a second run the same day sends nothing twice', async (t) => {
    const before = smtp.received.length
    const r = await run('--json', 'reminders', 'send')
    t.equal(r.code, 0, r.err)
    t.strictSame(r.json().sent, [])
    t.equal(smtp.received.length, before)
    const dry = await run('--json', 'reminders', 'send', '--dry-run')
    t.strictSame(dry.json().wouldSend, [], 'and a dry run knows it')
  })

  await t.test('status: what was sent today and which owner receives nothing', async (t) => {
    const r = await run('--json', 'reminders', 'status', '--org', 'GM0363')
    t.equal(r.code, 0, r.err)
    const st = r.json()
    t.equal(st.today, TODAY)
    t.equal(st.smtp, smtp.url)
    const ams = st.organisations[0]
    t.equal(ams.organisation, 'GM0363')
    t.equal(ams.undelivered, 0)
    t.equal(ams.sentToday, to(smtp.received, 'eigenaar@amsterdam.nl').length + 2)
    t.match(ams.unreachableOwners, [
      { grantId: s.geheim.id, owner: 'piet@rotterdam.nl', reason: 'geen actieve gebruiker van deze organisatie' },
    ])
    const text = await run('reminders', 'status', '--org', 'GM0363')
    t.match(text.out, /eigenaar 'piet@rotterdam.nl' van subsidie \d+ \(Geheim Amsterdams zwembad\) ontvangt niets/)
  })
})

t.test('a refused delivery is retried with back-off, recorded, reported, and sent by the next run', async (t) => {
  const smtp = await startSmtp()
  t.teardown(() => smtp.close())
  const saved = { ...process.env }
  Object.assign(process.env, { SMTP_URL: smtp.url, MAIL_FROM: FROM })
  delete process.env.PUBLIC_URL
  t.teardown(() => {
    process.env = saved
  })
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedReminders(db)
  const run = cliOn(db, () => MONDAY)

  // First attempt for the owner: 451 (try again later). The mailer retries within the run and gets through.
  smtp.refuse((rcpt, n) => (rcpt === 'eigenaar@amsterdam.nl' && n === 1 ? { code: 451, text: 'Greylisted, probeer later' } : null))
  const first = await run('--json', 'reminders', 'send', '--org', 'GM0363')
  t.equal(first.code, 0, first.err)
  t.equal(first.json().failed.length, 0)
  t.equal(to(smtp.received, 'eigenaar@amsterdam.nl').length, 2, 'both reminders arrived after the retry')
  const attempts = db.$client
    .prepare("SELECT attempts FROM reminder_messages WHERE recipient = 'eigenaar@amsterdam.nl' ORDER BY id")
    .all()
    .map((r) => (r as { attempts: number }).attempts)
  t.strictSame(attempts, [2, 1], 'the refused one took two attempts')
  t.notMatch(to(smtp.received, 'eigenaar@amsterdam.nl')[0].mail.text, /Bekijk in Woud|https?:/, 'no links without PUBLIC_URL')
  t.match(to(smtp.received, 'eigenaar@amsterdam.nl')[0].mail.text, /PUT \/api\/v1\/organisations\/GM0363\/reminders\/preference/)

  // A permanent refusal (550) fails the message for this run: exit 3, recorded, in the status.
  const rdam = cliOn(db, () => MONDAY)
  smtp.refuse((rcpt) => (rcpt === 'piet@rotterdam.nl' ? { code: 550, text: 'Mailbox unavailable' } : null))
  const failed = await rdam('--json', 'reminders', 'send', '--org', 'GM0599')
  t.equal(failed.code, 3)
  t.match(failed.json().failed, [{ recipient: 'piet@rotterdam.nl', error: /SMTP-server weigert.*550 Mailbox unavailable/, attempts: 1 }])
  t.match(failed.err, /woud: herinnering niet afgeleverd aan piet@rotterdam\.nl \(GM0599\): SMTP-server weigert/, 'and on stderr')
  const st = await rdam('--json', 'reminders', 'status', '--org', 'GM0599')
  t.equal(st.code, 3, 'status exits non-zero while something is undelivered')
  t.match(st.json().organisations[0], {
    undelivered: 1,
    messages: [{ status: 'failed', recipient: 'piet@rotterdam.nl', lastError: /550/ }],
  })

  // The next run (the recipient is accepted again) delivers it; nothing was lost, nothing is doubled.
  smtp.refuse(null)
  const again = await rdam('--json', 'reminders', 'send', '--org', 'GM0599')
  t.equal(again.code, 0, again.err)
  t.equal(again.json().sent.length, 1)
  t.equal(to(smtp.received, 'piet@rotterdam.nl').length, 1)
  t.equal((await rdam('--json', 'reminders', 'status', '--org', 'GM0599')).json().organisations[0].undelivered, 0)
})

t.test('bad configuration and an unreachable server: clear errors, nothing lost', async (t) => {
  const saved = { ...process.env }
  t.teardown(() => {
    process.env = saved
  })
  const db = freshDb()
  t.teardown(() => db.$client.close())
  seedReminders(db)
  const run = cliOn(db, () => MONDAY)

  delete process.env.SMTP_URL
  let r0 = await run('reminders', 'send')
  t.equal(r0.code, 3)
  t.match(r0.err, /SMTP_URL is niet ingesteld/)
  r0 = await run('reminders', 'send', '--dry-run')
  t.equal(r0.code, 0, 'a dry run needs no mail server')
  Object.assign(process.env, { SMTP_URL: 'http://mail.example.nl', MAIL_FROM: FROM })
  let r = await run('reminders', 'send')
  t.equal(r.code, 3)
  t.match(r.err, /SMTP_URL moet beginnen met smtp:\/\/ of smtps:\/\//)
  process.env.SMTP_URL = 'smtp://gebruiker:geheim@'
  r = await run('reminders', 'status')
  t.match(r.out, /PROBLEEM: SMTP_URL .* is geen geldige URL/)
  t.notMatch(r.out + r.err, /geheim/, 'the password never appears')
  Object.assign(process.env, { SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: 'Woud zonder adres' })
  r = await run('reminders', 'send')
  t.match(r.err, /MAIL_FROM 'Woud zonder adres' bevat geen geldig e-mailadres/)

  // A closed port: every delivery fails, each is recorded as failed and shown by status --check.
  const closed = await startSmtp()
  const port = closed.port
  await closed.close()
  Object.assign(process.env, { SMTP_URL: `smtp://woud:geheim@127.0.0.1:${port}`, MAIL_FROM: FROM })
  r = await run('--json', 'reminders', 'send', '--org', 'GM0363')
  t.equal(r.code, 3)
  const failed = r.json().failed as { error: string; attempts: number }[]
  t.ok(failed.length >= 2)
  t.match(
    failed[0],
    { attempts: 3, error: /^SMTP-server niet bereikbaar \(smtp:\/\/woud:\*\*\*@127\.0\.0\.1:\d+\)/ },
    'the first message was tried three times; the error names the server without its password',
  )
  t.ok(
    failed.slice(1).every((f) => f.attempts === 0 && /^niet geprobeerd: SMTP-server niet bereikbaar/.test(f.error)),
    'the rest of the run is recorded as not attempted instead of waiting for each',
  )
  r = await run('reminders', 'status', '--org', 'GM0363', '--check')
  t.equal(r.code, 3)
  t.match(r.out, /PROBLEEM: SMTP-server niet bereikbaar/)
  t.match(r.out, /NIET AFGELEVERD \(failed, (3|0) poging\(en\), sinds 2026-11-30\) aan eigenaar@amsterdam\.nl/)
  t.notMatch(r.out, /geheim/)
})
