// Child of import-crash.ts: imports a file into a database file as `woud import schemes` does (openDatabase, then
// runImport), printing each phase on stdout as it starts ("phase write" once the write lock is held), so the parent
// can SIGKILL it inside a chosen phase. Pipes are synchronous on Linux: a line is out before the next statement runs.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { openDatabase } from '../../db/client.js'
import { runImport } from '../../importers/index.js'

const [dbPath, file] = process.argv.slice(2)
const db = openDatabase(dbPath)
const r = await runImport(db, {
  kind: 'schemes',
  fileName: basename(file),
  bytes: readFileSync(file),
  who: { actor: 'crash-test', source: 'cli' },
  onPhase: (p) => process.stdout.write(`phase ${p}\n`),
  onTiming: (t) => process.stdout.write(`timing ${JSON.stringify(t)}\n`),
})
db.$client.close()
process.exitCode = r.rejected ? 1 : 0
