// Child process of bad-corpus.test.ts: feeds every corpus file to every import kind through the CLI (runCli
// in-process) and the upload route (inject), then prints the outcomes, table counts and its own peak RSS as JSON.
import { basename } from 'node:path'
import { SYSTEM } from '../../db/audit.js'
import { upsertScheme } from '../../db/repositories/schemes.js'
import { cliOn, testApp, seedOrganisation } from '../helpers.js'
import { formFromFile } from './upload.js'

const files = process.argv.slice(2)
const teardowns: (() => unknown)[] = []
const { api, db } = await testApp({ teardown: (fn) => teardowns.push(fn) })
seedOrganisation(db)
upsertScheme(db, { code: 'rbv-x', name: 'Regeling X', ministry: 'BZK', sisaCode: 'C1' }, SYSTEM, 'api')

function counts(): Record<string, number> {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[]
  return Object.fromEntries(tables.map((t) => [t, db.$client.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]))
}

const KINDS: Record<string, { cli: string[]; fields: [string, string][] }> = {
  schemes: { cli: [], fields: [] },
  grants: { cli: ['--org', 'GM0363'], fields: [['org', 'GM0363']] },
  actuals: {
    cli: ['--org', 'GM0363', '--year', '2025'],
    fields: [
      ['org', 'GM0363'],
      ['year', '2025'],
    ],
  },
  sisa: { cli: ['--year', '2025'], fields: [['year', '2025']] },
}

interface Place {
  sheet?: string | null
  row?: number
  column?: string
  message: string
}
const before = counts()
const run = cliOn(db)
const results: { file: string; kind: string; via: string; code: number; errors: Place[] }[] = []
const perFile: { file: string; ms: number; rssMb: number }[] = []
for (const file of files) {
  const t0 = performance.now()
  const name = basename(file)
  for (const [kind, o] of Object.entries(KINDS)) {
    const r = await run('--json', 'import', kind, file, ...o.cli)
    const doc = JSON.parse(r.out.trim().split('\n').at(-1) || '{}') as { errors?: Place[]; error?: string }
    results.push({ file: name, kind, via: 'cli', code: r.code, errors: doc.errors ?? (doc.error ? [{ message: doc.error }] : []) })
    const h = await api({ method: 'POST', url: `/api/v1/imports/${kind}`, ...formFromFile(o.fields, file) })
    const p = h.json() as { errors?: Place[]; detail?: string }
    results.push({ file: name, kind, via: 'http', code: h.statusCode, errors: p.errors?.length ? p.errors : [{ message: p.detail ?? '' }] })
  }
  perFile.push({ file: name, ms: Math.round(performance.now() - t0), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })
}
const after = counts()
for (const fn of teardowns) await fn()
process.stdout.write(
  JSON.stringify({ results, perFile, before, after, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
)
