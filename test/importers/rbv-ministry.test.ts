// --ministry (issue 15 item 2): the ministry of a published RBV table that does not name its own. Without it the
// import stops naming the block; with it the new spuk gets that ministry; a table that names another ministry is
// not overruled. The CLI and the upload route both take it; an unknown ministry is a usage error.
import t from 'tap'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { getScheme } from '../../db/repositories/schemes.js'
import { cliOn, testApp } from '../helpers.js'
import { form } from './upload.js'

const FILE = fileURLToPath(new URL('../fixtures/rbv/zonder-ministerie.csv', import.meta.url))
const NAMED = fileURLToPath(new URL('../fixtures/rbv/szw-2023-bijlage2-negatief.csv', import.meta.url))
const CODE = 'rbv-vws-v-spuk-lokale-inclusie-agenda'

t.test('--ministry for a table without one', async (t) => {
  const { db, api } = await testApp(t)
  const run = cliOn(db)
  const count = () => db.$client.prepare('SELECT count(*) FROM schemes').pluck().get()
  const before = count()
  const without = await run('import', 'schemes', FILE, '--json')
  t.equal(without.code, 1)
  t.match(without.json().errors, [{ row: 3, message: /ministerie van 'SPUK Lokale inclusie-agenda' is niet te bepalen.*--ministry/ }])
  t.equal(count(), before, 'nothing written')

  t.equal((await run('import', 'schemes', FILE, '--ministry', 'Ministerie van Niks')).code, 2, 'an unknown ministry is a usage error')
  const contradicts = await run('import', 'schemes', NAMED, '--ministry', 'VWS', '--json')
  t.equal(contradicts.code, 1)
  t.match(contradicts.json().errors, [{ row: 4, message: /noemt ministerie SZW, --ministry zegt VWS/ }])
  t.equal(count(), before, 'nothing written')

  const dry = await run('import', 'schemes', FILE, '--ministry', 'volksgezondheid', '--dry-run', '--json')
  t.equal(dry.code, 0, dry.out)
  t.match(dry.json(), { dryRun: true, created: 1 })
  t.equal(getScheme(db, CODE), undefined, 'a dry run writes nothing')

  const f = form([['ministry', 'VWS']], { bytes: readFileSync(FILE), filename: 'bijlage.csv' })
  const res = await api({ method: 'POST', url: '/api/v1/imports/schemes', payload: f.payload, headers: f.headers })
  t.equal(res.statusCode, 200, res.body)
  t.match(getScheme(db, CODE), {
    ministry: 'VWS',
    instrument: 'spuk',
    nationalAmounts: [
      { year: 2025, amountCents: 125_050_000 },
      { year: 2026, amountCents: -25_000_000 },
    ],
  })
  const bad = form([['ministry', 'XYZ']], { bytes: readFileSync(FILE), filename: 'bijlage.csv' })
  t.equal((await api({ method: 'POST', url: '/api/v1/imports/schemes', payload: bad.payload, headers: bad.headers })).statusCode, 400)
})
