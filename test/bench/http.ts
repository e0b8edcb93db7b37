// Shared by the API benches: load generation in a separate process (autocannon's CLI), so the server under test
// has the event loop to itself, and the bare anchor every API figure is measured against.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import Fastify, { type FastifyInstance } from 'fastify'

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js')

export interface Load {
  rps: number
  p50ms: number
  p99ms: number
  errors: number
  bytesPerRequest: number
}

/** autocannon against `url` for `seconds`, in a child process; one short warm-up run first. */
export async function load(url: string, headers: Record<string, string>, seconds: number, connections = 4): Promise<Load> {
  const args = (d: number) => [
    AUTOCANNON,
    '-j',
    '-c',
    String(connections),
    '-d',
    String(d),
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    url,
  ]
  await run(args(1))
  const r = JSON.parse(await run(args(seconds))) as {
    requests: { average: number; total: number }
    latency: { p50: number; p99: number }
    errors: number
    non2xx: number
    throughput: { total: number }
  }
  return {
    rps: Number((r.requests.total / seconds).toFixed(1)),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    errors: r.errors + r.non2xx,
    bytesPerRequest: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
  }
}

/**
 * Woud and its anchor measured in alternation, `rounds` times each: on a shared machine the load of the moment
 * moves both, so each figure is the best of its rounds and the ratio compares like with like.
 */
export async function compare(
  woudUrl: string,
  headers: Record<string, string>,
  anchorUrl: string,
  seconds: number,
  rounds = 3,
  connections = 4,
) {
  let woud: Load | undefined
  let anchor: Load | undefined
  for (let i = 0; i < rounds; i++) {
    const w = await load(woudUrl, headers, seconds, connections)
    const a = await load(anchorUrl, {}, seconds, connections)
    if (!woud || w.rps > woud.rps) woud = w
    if (!anchor || a.rps > anchor.rps) anchor = a
  }
  return { woud: woud!, anchor: anchor!, ratio: Number((woud!.rps / Math.max(anchor!.rps, 1e-9)).toFixed(2)), goal: 0.75 }
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`autocannon exited with ${code}`))))
  })
}

/**
 * The anchor: a bare Fastify handler (no auth, no validation, no response schema) that answers `path` with
 * what `handler` returns, serialised by Fastify's default JSON.stringify. Returns its base URL.
 */
export async function bareServer(path: string, handler: () => unknown): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false })
  app.get(path, async () => handler())
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, url }
}
