// Uploads waiting between preview and confirm: tied to one session, gone after drop, expiry or close.
import t from 'tap'
import { existsSync, readdirSync } from 'node:fs'
import { PENDING_TTL_MS, PendingImports } from '../../../server/web/pending-imports.js'

t.test('a pending upload belongs to its session and expires', async (t) => {
  const p = new PendingImports()
  t.teardown(() => p.close())
  const now = Date.parse('2026-11-28T10:00:00Z')
  const meta = { sessionId: 's1', kind: 'actuals', orgCode: 'GM0001', year: 2025, map: {}, fileName: 'g.csv' }
  const id = p.put(meta, Buffer.from('abc'), now)
  t.match(id, /^[0-9a-f]{32}$/)
  t.equal(p.get(id, 's2', now), undefined, 'another session gets nothing')
  t.equal(p.get(id, 's1', now)!.bytes.toString(), 'abc')
  t.equal(p.get(id, 's1', now + PENDING_TTL_MS), undefined, 'expired after the TTL')
  t.equal(readdirSync(p.dir).length, 0, 'and its file is removed')
  const id2 = p.put(meta, Buffer.from('def'), now)
  p.drop(id2)
  t.equal(p.get(id2, 's1', now), undefined)
  t.equal(readdirSync(p.dir).length, 0)
  p.put(meta, Buffer.from('ghi'), now)
  p.close()
  t.notOk(existsSync(p.dir))
})
