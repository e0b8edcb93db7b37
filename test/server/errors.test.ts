import t from 'tap'
import { DomainError, busy, conflict, invalid, notFound, stale } from '../../db/errors.js'
import { testApp } from '../helpers.js'

t.test('domain error kinds become problem responses in one place', async (t) => {
  const { app, api } = await testApp(t)
  const thrown: Record<string, DomainError | Error> = {
    invalid: invalid('Veld klopt niet.', [{ field: 'body.to', message: 'moet na van liggen' }]),
    'not-found': notFound('Subsidie 9 bestaat niet.'),
    conflict: conflict('Bestaat al.'),
    stale: stale('Iemand anders was u voor.', { currentVersion: 4 }),
    busy: busy(),
    sqliteBusy: Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
  }
  app.get('/boom/:kind', async (req) => {
    throw thrown[(req.params as { kind: string }).kind]
  })
  const expect: Record<string, number> = { invalid: 400, 'not-found': 404, conflict: 409, stale: 412, busy: 503, sqliteBusy: 503 }
  for (const [kind, status] of Object.entries(expect)) {
    const r = await api({ url: `/boom/${kind}` })
    t.equal(r.statusCode, status, kind)
    t.match(r.headers['content-type'], /application\/problem\+json/, kind)
    t.notMatch(r.body, /database is locked/, `${kind}: no driver text`)
    if (status === 503) t.equal(r.headers['retry-after'], '2', `${kind}: Retry-After`)
  }
  const inv = (await api({ url: '/boom/invalid' })).json()
  t.same(inv.errors, [{ field: 'body.to', message: 'moet na van liggen' }])
  t.equal((await api({ url: '/boom/stale' })).json().currentVersion, 4)
})
