// No response body, header or log line ever contains a token or its hash, whatever the request does.
import t from 'tap'
import type { InjectOptions } from 'fastify'
import { Writable } from 'node:stream'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'
import { openDatabase } from '../../../db/client.js'
import { SYSTEM } from '../../../db/audit.js'
import { createToken, createUser, hashToken, revokeToken } from '../../../db/repositories/users.js'
import { seedOrganisation, TEST_NOW } from '../../helpers.js'

// The options server/app.ts applies to its own logger; a caller-supplied logger replaces them (see the report).
const redaction = {
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[verborgen]' },
  serializers: {
    req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.replace(/([?&]token=)[^&]*/g, '$1[verborgen]') }),
  },
}

t.test('tokens and hashes stay out of responses and debug logs', async (t) => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk))
      done()
    },
  })
  const db = openDatabase(':memory:')
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => TEST_NOW }), {
    db,
    logger: { level: 'debug', stream, ...redaction },
  })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  const org = seedOrganisation(db)
  const u = createUser(db, SYSTEM, { email: 'a@gemeente.nl', name: 'A', roles: [{ orgCode: 'GM0363', role: 'beheerder' }] })
  const good = createToken(db, SYSTEM, u.id).token
  const expired = createToken(db, SYSTEM, u.id, { expiresOn: '2026-01-01' }).token
  const revoked = createToken(db, SYSTEM, u.id)
  revokeToken(db, SYSTEM, revoked.id)
  const feed = createToken(db, SYSTEM, u.id, { kind: 'feed', organisationId: org.id }).token
  const secrets = [good, expired, revoked.token, feed, 'woud_neverissued0000000000000000000000000000']
  const forbidden = [...secrets, ...secrets.map(hashToken)]

  const requests: (InjectOptions & { method: 'GET' | 'POST'; url: string })[] = [
    { method: 'GET', url: '/api/v1/schemes', headers: { authorization: `Bearer ${good}` } },
    { method: 'GET', url: '/api/v1/schemes', headers: { authorization: `Bearer ${expired}` } },
    { method: 'GET', url: '/api/v1/schemes', headers: { authorization: `Bearer ${revoked.token}` } },
    { method: 'GET', url: '/api/v1/schemes', headers: { authorization: `Bearer ${secrets[4]}` } },
    { method: 'GET', url: `/api/v1/schemes?token=${good}`, headers: { authorization: `Bearer ${good}` } },
    { method: 'GET', url: `/api/v1/schemes?token=${feed}` },
    { method: 'GET', url: `/api/v1/organisations/GM0363/deadlines.ics?token=${feed}` },
    { method: 'GET', url: `/api/v1/organisations/GM0363/deadlines.ics?token=${expired}` },
    { method: 'GET', url: `/api/v1/organisations/GM0599/deadlines.ics?token=${feed}` },
    {
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { authorization: `Bearer ${good}` },
      payload: { code: 'GM0599', name: 'Rotterdam', token: good },
    },
    {
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { authorization: `Bearer ${good}`, 'content-type': 'application/json' },
      payload: `{"code": "${good}"`,
    },
  ]
  const leaks: string[] = []
  for (const r of requests) {
    const res = await app.inject(r)
    const everything = res.body + JSON.stringify(res.headers)
    for (const s of forbidden) if (everything.includes(s)) leaks.push(`${r.method} ${r.url.slice(0, 40)} -> ${res.statusCode}`)
  }
  t.strictSame(leaks, [], 'no response contains a secret or its hash')
  const log = lines.join('')
  t.ok(lines.length >= requests.length * 2, `the log is not empty (${lines.length} lines)`)
  t.match(log, /authentication failed/)
  t.match(log, /incoming request/, 'debug logging shows every request')
  for (const s of forbidden)
    t.notOk(log.includes(s), `no log line contains ${s.startsWith('woud') ? 'a token' : 'a hash'}`, {
      lines: lines.filter((l) => l.includes(s)),
    })
})
