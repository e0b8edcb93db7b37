// The bad-input corpus (test/fixtures/bad/: committed small files plus large ones generated here) fed to every
// import kind through the CLI and the upload route, all in ONE child process whose peak RSS is measured.
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { smallFiles, writeLarge } from '../fixtures/bad/corpus.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const CHILD = join(ROOT, 'test', 'importers', 'bad-corpus-child.ts')

/** Where the message must point for files whose place is known (beyond the file itself). */
/** The same, for one kind only. */
const KIND_PLACE: Record<string, [string, RegExp]> = {
  'duplicate-headers.csv': ['schemes', /\|\|1\|A \(code\), D \(code\)\|kolommen A \('code'\) en D \('code'\)/],
  'duplicate-headers-portfolio.csv': ['grants', /kolommen B \('titel'\) en C \('titel'\) zijn allebei title/],
  'header-only-catalogue.csv': ['schemes', /\|\|1\|\|het werkblad heeft kolomkoppen maar geen regelingen/],
  'header-only-portfolio.csv': ['grants', /\|\|1\|\|het werkblad heeft kolomkoppen maar geen subsidies/],
  'header-only-ledger.csv': ['actuals', /\|\|1\|\|het werkblad heeft kolomkoppen maar geen boekingen/],
  'dutch-plain-clash.csv': ['grants', /\|\|[234]\|D \(toegekend\)\|/],
  'negative-amount.csv': ['grants', /\|\|2\|D \(toegekend\)\|.*negatief/],
  'impossible-date.csv': ['schemes', /\|\|2\|E \(aanvraag open\)\|.*geen bestaande datum/],
  'formula-text.csv': ['schemes', /\|\|2\|B \(naam\)\|.*formule/],
}

const PLACE: Record<string, RegExp> = {
  'xxe.xlsx': /blad Blad1, rij 0: XML-entiteiten/,
  'entity-expansion.xlsx': /onderdeel xl\/sharedStrings\.xml: XML-entiteiten/,
  'zip-bomb.xlsx': /onderdeel xl\/worksheets\/sheet1\.xml: uitgepakt 150 MB/,
  'zip-ratio.xlsx': /onderdeel xl\/worksheets\/sheet1\.xml: compressieverhouding/,
  'zip-bomb-lying.xlsx': /onderdeel xl\/worksheets\/sheet1\.xml: pakt uit tot meer/,
  'lying-sizes.xlsx': /onderdeel xl\/worksheets\/sheet1\.xml/,
  'too-many-columns.xlsx': /\|Blad1\|1\|ZZ\|.*MAX_COLUMNS/,
  'too-many-rows.xlsx': /\|Blad1\|100001\|.*MAX_ROWS/,
  'too-many-rows.csv': /\|\|100001\|.*MAX_ROWS/,
  'million-columns.csv': /\|\|1\|.*(MAX_COLUMNS|MAX_LINE_CHARS)/,
  'one-long-line.csv': /regel 1 is langer dan/,
  'long-cell.csv': /\|\|2\|2\|.*MAX_CELL_CHARS/,
  'nul-in-text.csv': /regel 2 bevat een NUL-teken/,

  'jsonl-broken-line.jsonl': /regel 2: geen geldige JSON/,
  'unclosed-quote.csv': /\|\|2\|.*aanhalingsteken/,
  'over-20mb.csv': /20 MB|groter dan/,
}

/** Without tap's loader and coverage hooks, which would count in the child's memory. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  for (const k of Object.keys(env)) if (k === 'NODE_OPTIONS' || k.startsWith('NODE_V8_COVERAGE') || k.startsWith('TAP')) delete env[k]
  // glibc's per-thread malloc arenas hold freed upload buffers as RSS; two arenas is the usual server setting (README).
  env.MALLOC_ARENA_MAX = '2'
  // tap's processinfo follows spawned children whatever NODE_OPTIONS says; its coverage of tsx's output would be
  // merged into the test processes' own and undercount (test/helpers.ts childEnv).
  env._TAPJS_PROCESSINFO_COVERAGE_ = '0'
  return env
}

const PEAK_RSS_BOUND_MB = 400

t.test('every bad file, every kind, CLI and upload: refused with its place, nothing written, bounded memory', async (t) => {
  const dir = t.testdir({})
  const files = [...smallFiles(), ...writeLarge(dir)]
  t.ok(files.length >= 40, `${files.length} files in the corpus`)
  // The child's heap is capped as a server's would be: an import that needed more memory would crash it.
  const res = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', CHILD, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 240_000,
    env: cleanEnv(),
  })
  t.equal(res.status, 0, `child ran: ${res.stderr.slice(-2000)}`)
  const doc = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as {
    results: {
      file: string
      kind: string
      via: string
      code: number
      errors: { sheet?: string | null; row?: number; column?: string; message: string }[]
    }[]
    before: Record<string, number>
    after: Record<string, number>
    peakRssMb: number
  }
  t.equal(doc.results.length, files.length * 8, 'each file through 4 kinds x (CLI, upload)')
  t.strictSame(doc.after, doc.before, 'row counts of every table unchanged')
  // One process through 58 files x 4 kinds x CLI and upload: measured 277-310 MB once uploads were streamed from disk
  // as a browser sends them (390-430 MB while each upload was built as one more 19 MB buffer in this process).
  t.ok(doc.peakRssMb < PEAK_RSS_BOUND_MB, `peak RSS of the corpus process ${doc.peakRssMb} MB < ${PEAK_RSS_BOUND_MB} MB`)
  const bad: string[] = []
  for (const r of doc.results) {
    const where = `${r.file} ${r.kind} ${r.via}`
    const okCode = r.via === 'cli' ? r.code === 1 : r.code === 422 || (r.code === 413 && r.file === 'over-20mb.csv')
    if (!okCode) bad.push(`${where}: exit/status ${r.code}`)
    if (!r.errors.length || r.errors.some((e) => !e.message)) bad.push(`${where}: no message`)
    const text = r.errors.map((e) => `|${e.sheet ?? ''}|${e.row ?? ''}|${e.column ?? ''}|${e.message}`).join('\n')
    if (/undefined|\[object Object\]/.test(text)) bad.push(`${where}: ${text}`)
    // The place: a row, sheet or column (a JSON path), or the file (or zip part) named in the message.
    const placed = r.errors.some(
      (e) => (e.row ?? 0) > 0 || e.sheet || e.column || e.message.includes(basename(r.file)) || /onderdeel |regel \d/.test(e.message),
    )
    // A 413 is about the request: the upload limit is its place.
    if (!placed && r.code !== 413) bad.push(`${where}: no place in ${text}`)
    const want = PLACE[r.file]
    if (want && !want.test(text) && !(r.file === 'over-20mb.csv')) bad.push(`${where}: expected ${want} in ${text}`)
    const kp = KIND_PLACE[r.file]
    if (kp && kp[0] === r.kind && !kp[1].test(text)) bad.push(`${where}: expected ${kp[1]} in ${text}`)
    if (r.file === 'over-20mb.csv' && !want.test(text)) bad.push(`${where}: expected the upload limit in ${text}`)
  }
  t.strictSame(bad, [], 'every outcome as expected')
})
