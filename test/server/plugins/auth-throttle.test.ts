// Throttling of failed authentication: guessing is stopped per address, authenticated traffic never counts.
import t from 'tap'
import { FailureCounter } from '../../../server/plugins/rate-limit.js'
import { testApp } from '../../helpers.js'

const BAD = { authorization: 'Bearer woud_' + 'x'.repeat(43) }

t.test('20 failures from one address block it for the rest of the window; other addresses go on', async (t) => {
  let now = new Date('2026-11-28T10:00:00Z').getTime()
  const { app, adminToken } = await testApp(t, { now: () => new Date(now) })
  const attacker = '203.0.113.7'
  const good = { authorization: `Bearer ${adminToken}` }
  const authenticated: number[] = []
  for (let i = 0; i < 150; i++) {
    authenticated.push(
      (await app.inject({ method: 'GET', url: '/api/v1/organisations', headers: good, remoteAddress: attacker })).statusCode,
    )
  }
  t.strictSame(authenticated, Array(150).fill(200), '150 authenticated requests in a row are never throttled')
  const anonymous: number[] = []
  for (let i = 0; i < 30; i++)
    anonymous.push((await app.inject({ method: 'GET', url: '/api/v1/schemes', remoteAddress: attacker })).statusCode)
  t.strictSame(anonymous, Array(30).fill(401), 'requests without any credential are refused but not counted as guesses')
  const statuses: number[] = []
  for (let i = 0; i < 25; i++)
    statuses.push((await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: BAD, remoteAddress: attacker })).statusCode)
  t.strictSame(statuses, [...Array(20).fill(401), ...Array(5).fill(429)])
  const blocked = await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: good, remoteAddress: attacker })
  t.equal(blocked.statusCode, 429, 'a blocked address learns nothing, not even from a good token')
  t.match(blocked.json(), { status: 429, type: 'https://woud.invalid/problems/rate-limited' })
  t.equal(blocked.headers['retry-after'], '600')
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: good, remoteAddress: '198.51.100.1' })).statusCode,
    200,
    'another address is not affected',
  )
  t.equal((await app.inject({ method: 'GET', url: '/healthz', remoteAddress: attacker })).statusCode, 200, '/healthz stays open')
  now += 5 * 60_000
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: good, remoteAddress: attacker })).headers['retry-after'],
    '300',
  )
  now += 5 * 60_000
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: good, remoteAddress: attacker })).statusCode,
    200,
    'after the window the address may try again',
  )
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/schemes', headers: BAD, remoteAddress: attacker })).statusCode,
    401,
    'and starts counting afresh',
  )
})

t.test('the counter forgets the oldest addresses first, so a flood of addresses cannot exhaust memory', async (t) => {
  const c = new FailureCounter(2, 1000, 100)
  for (let i = 0; i < 1000; i++) c.fail(`10.0.${i >> 8}.${i & 255}`, 0)
  t.ok(c.size <= 101)
  c.fail('192.0.2.1', 0)
  c.fail('192.0.2.1', 1)
  t.equal(c.blockedFor('192.0.2.1', 2), 998)
  t.equal(c.blockedFor('192.0.2.1', 1000), 0, 'the window ends')
  t.equal(c.blockedFor('10.0.0.0', 2), 0, 'the oldest entries are gone')
})
