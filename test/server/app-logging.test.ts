import t from 'tap'
import { Writable } from 'node:stream'
import { buildApp, maskTokens } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { openDatabase } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { createToken, createUser, hashToken } from '../../db/repositories/users.js'
import { TEST_NOW } from '../helpers.js'

t.test('any logger a caller passes still gets token redaction', async (t) => {
  const db = openDatabase(':memory:')
  const u = createUser(db, SYSTEM, { email: 'x@woud.test', name: 'X', isAdmin: true })
  const { token } = createToken(db, SYSTEM, u.id)
  let log = ''
  const stream = new Writable({
    write(c, _e, cb) {
      log += c
      cb()
    },
  })
  // Only level and stream: no redaction options of the caller's own.
  const app = await buildApp(loadConfig({}, { dbPath: ':memory:', now: () => TEST_NOW }), { db, logger: { level: 'debug', stream } })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  await app.inject({ url: '/api/v1/schemes', headers: { authorization: `Bearer ${token}` } })
  await app.inject({ url: `/api/v1/organisations/GM0363/deadlines.ics?token=${token}` })
  const pasted = await app.inject({ url: `/api/v1/${token}`, headers: { authorization: `Bearer ${token}` } })
  t.equal(pasted.statusCode, 404)
  t.notMatch(pasted.body, token, 'a token pasted into a path is not echoed')
  t.ok(log.includes('incoming request'), 'the log is not empty')
  t.notOk(log.includes(token), 'no token in any log line')
  t.notOk(log.includes(hashToken(token)), 'no token hash in any log line')
})

t.test('maskTokens', async (t) => {
  t.equal(
    maskTokens('/api/v1/organisations/GM0363/deadlines.ics?token=woudf_abc123456789&x=1'),
    '/api/v1/organisations/GM0363/deadlines.ics?token=[verborgen]&x=1',
  )
  t.equal(maskTokens('/api/v1/woud_abcdefghijkl'), '/api/v1/[verborgen]')
})
