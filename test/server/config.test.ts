import t from 'tap'
import { resolve } from 'node:path'
import { loadConfig } from '../../server/config.js'

t.test('defaults: 127.0.0.1:3000 and ./data/woud.db', async (t) => {
  const c = loadConfig({})
  t.equal(c.host, '127.0.0.1', 'binds to loopback unless told otherwise')
  t.equal(c.port, 3000)
  t.equal(c.dbPath, resolve('./data/woud.db'))
  t.equal(c.logLevel, 'info')
})

t.test('environment: WOUD_DB, PORT, HOST, LOG_LEVEL', async (t) => {
  const c = loadConfig({ WOUD_DB: '/tmp/x.db', PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'debug' })
  t.same([c.dbPath, c.port, c.host, c.logLevel], ['/tmp/x.db', 8080, '0.0.0.0', 'debug'])
  t.throws(() => loadConfig({ PORT: 'http' }), /poortnummer/)
  t.throws(() => loadConfig({ PORT: '70000' }), /poortnummer/)
})
