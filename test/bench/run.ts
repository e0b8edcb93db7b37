// npm run bench: runs every test/bench/*.bench.ts in turn and writes the figures to bench-results/latest.json.
// Benchmarks measure; tests never time anything.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import os from 'node:os'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
const results: Record<string, unknown> = {}
for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, '')
  process.stderr.write(`bench ${name} …\n`)
  const mod = (await import(join(here, f))) as { run: () => Promise<Record<string, unknown>> }
  const started = Date.now()
  try {
    results[name] = { ...(await mod.run()), wallMs: Date.now() - started }
  } catch (e) {
    results[name] = { error: e instanceof Error ? e.message : String(e) }
  }
  process.stderr.write(`${JSON.stringify(results[name])}\n`)
}
const out = join(here, '..', '..', 'bench-results', 'latest.json')
mkdirSync(dirname(out), { recursive: true })
const doc = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, results }
writeFileSync(out, JSON.stringify(doc, null, 2) + '\n')
process.stdout.write(JSON.stringify(doc, null, 2) + '\n')
