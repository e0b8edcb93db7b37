// npm run test:crash: kill a large catalogue import with SIGKILL at random moments (at least 20 times) and check
// that the database is intact (integrity_check, foreign_key_check) and every table is either as before or as
// after the import. The child reports each phase as it starts; two kills in three are aimed inside the write
// transaction (a random moment within 1.1x the write time the reference run measured, so some land just after the
// commit), the others at a random moment of reading and preparing.
// Reports where each kill landed. Prints "N passed, N failed" as its last line; exit 1 on any failure.
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { openDatabase } from '../../db/client.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const KILLS = Number(process.env.CRASH_KILLS ?? 20)
const ROWS = Number(process.env.CRASH_ROWS ?? 10_000)

/** Row count and a content hash per table: enough to tell "before" from "after" from anything in between. */
function state(path: string): { tables: Record<string, string>; integrity: string; fk: number } {
  const db = new Database(path, { readonly: true })
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
    const tables: Record<string, string> = {}
    for (const n of names) {
      const r = db.prepare(`SELECT count(*) AS c, total(length(CAST(t.rowid AS TEXT))) + total(rowid) AS h FROM "${n}" t`).get() as
        { c: number; h: number } | undefined
      tables[n] = r ? `${r.c}:${r.h}` : 'n/a'
    }
    const integrity = String(db.pragma('integrity_check', { simple: true }))
    const fk = (db.pragma('foreign_key_check') as unknown[]).length
    return { tables, integrity, fk }
  } finally {
    db.close()
  }
}

type Phase = 'start' | 'read' | 'prepare' | 'write' | 'done'
interface Run {
  code: number | null
  signal: string | null
  ms: number
  /** The last phase the child had reported when the kill was sent. */
  killedIn: Phase | null
  timing: { readMs: number; prepareMs: number; writeMs: number }
}

/** Run the child; kill it `afterMs` after it reports the start of phase `from`. */
function runImport(dbPath: string, file: string, kill?: { afterMs: number; from: 'read' | 'write' }): Promise<Run> {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  const started = Date.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/crash/import-child.ts', dbPath, file], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  let phase: Phase = 'start'
  let killedIn: Phase | null = null
  let timing = { readMs: 0, prepareMs: 0, writeMs: 0 }
  const killNow = () => {
    killedIn = phase
    child.kill('SIGKILL')
  }
  let buf = ''
  child.stdout.on('data', (chunk: Buffer) => {
    buf += chunk.toString()
    let nl
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl)
      buf = buf.slice(nl + 1)
      if (line.startsWith('phase ')) {
        phase = line.slice(6) as Phase
        if (kill?.from === phase) setTimeout(killNow, kill.afterMs)
      } else if (line.startsWith('timing ')) timing = JSON.parse(line.slice(7)) as Run['timing']
    }
  })
  return new Promise((res) => child.on('exit', (code, signal) => res({ code, signal, ms: Date.now() - started, killedIn, timing })))
}

const dir = mkdtempSync(join(tmpdir(), 'woud-crash-'))
let passed = 0
let failed = 0
try {
  const base = join(dir, 'base.db')
  openDatabase(base).$client.close()
  const file = join(dir, 'catalogus.csv')
  writeFileSync(
    file,
    ['code;naam;ministerie;beginjaar'].concat(Array.from({ length: ROWS }, (_, i) => `crash-${i};Regeling ${i};BZK;2025`)).join('\n'),
  )
  const before = state(base)
  const full = join(dir, 'full.db')
  copyFileSync(base, full)
  const ref = await runImport(full, file)
  if (ref.code !== 0) throw new Error(`the reference import failed (exit ${ref.code})`)
  const landed: Record<string, number> = {}
  const after = state(full)
  const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b)
  process.stderr.write(
    `reference import: ${ref.ms} ms, read ${Math.round(ref.timing.readMs)} ms, prepare ${Math.round(ref.timing.prepareMs)} ms, write ${Math.round(ref.timing.writeMs)} ms; killing ${KILLS} times\n`,
  )
  for (let i = 0; i < KILLS; i++) {
    const db = join(dir, `kill-${i}.db`)
    copyFileSync(base, db)
    // Two in three inside the write transaction, the others while reading and preparing.
    const from = i % 3 === 2 ? 'read' : 'write'
    const t = ref.timing
    const at = Math.round(Math.random() * (from === 'write' ? 1.1 * t.writeMs : t.readMs + t.prepareMs))
    const r = await runImport(db, file, { afterMs: at, from })
    const s = state(db)
    const problems: string[] = []
    if (s.integrity !== 'ok') problems.push(`integrity_check: ${s.integrity}`)
    if (s.fk) problems.push(`${s.fk} foreign key violations`)
    const which = same(s.tables, before.tables) ? 'before' : same(s.tables, after.tables) ? 'after' : null
    if (!which) problems.push('tables are neither as before nor as after the import')
    const where = r.signal ? (r.killedIn ?? 'unknown') : 'not killed (finished first)'
    const key = `${where} -> ${which ?? 'MIXED'}`
    landed[key] = (landed[key] ?? 0) + 1
    const label = `kill ${i + 1} at ${at} ms into the ${from === 'write' ? 'write phase' : 'read phase'}, in phase ${where} (${r.signal ?? `exit ${r.code}`}): ${which ?? 'MIXED'}`
    if (problems.length) {
      failed++
      process.stdout.write(`not ok ${label}: ${problems.join('; ')}\n`)
    } else {
      passed++
      process.stdout.write(`ok ${label}\n`)
    }
    rmSync(db, { force: true })
    rmSync(`${db}-wal`, { force: true })
    rmSync(`${db}-shm`, { force: true })
  }
  process.stdout.write(`# kills by phase -> state: ${JSON.stringify(landed)}\n`)
  if (!Object.keys(landed).some((k) => k.startsWith('write ->'))) {
    failed++
    process.stdout.write('not ok no kill landed in the write phase\n')
  }
} catch (e) {
  failed++
  process.stdout.write(`not ok crash script: ${e instanceof Error ? e.message : String(e)}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.stdout.write(`${passed} passed, ${failed} failed\n`)
process.exitCode = failed ? 1 : 0
