// Static assets of the web pages, all local: the Utrecht (NL Design System) component CSS and design tokens plus the
// Woud theme as one stylesheet, htmx, and woud.js. Each is read once, hashed (the URL carries the hash so browsers
// may cache it for a year) and gzipped once.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'

const require = createRequire(import.meta.url)
const here = (f: string) => new URL(`./static/${f}`, import.meta.url)

interface Asset {
  body: Buffer
  gz: Buffer
  type: string
  hash: string
}

const SOURCES: Record<string, { type: string; files: () => (string | URL)[] }> = {
  'woud.css': {
    type: 'text/css; charset=utf-8',
    files: () => [
      require.resolve('@utrecht/design-tokens/dist/theme.css'),
      require.resolve('@utrecht/component-library-css/dist/index.css'),
      here('woud.css'),
    ],
  },
  'htmx.min.js': { type: 'text/javascript; charset=utf-8', files: () => [require.resolve('htmx.org/dist/htmx.min.js')] },
  'woud.js': { type: 'text/javascript; charset=utf-8', files: () => [here('woud.js')] },
}

let cache: Map<string, Asset> | undefined

function load(): Map<string, Asset> {
  if (cache) return cache
  cache = new Map()
  for (const [name, src] of Object.entries(SOURCES)) {
    const body = Buffer.concat(src.files().map((f) => Buffer.concat([readFileSync(f), Buffer.from('\n')])))
    cache.set(name, {
      body,
      gz: gzipSync(body, { level: 9 }),
      type: src.type,
      hash: createHash('sha256').update(body).digest('hex').slice(0, 12),
    })
  }
  return cache
}

/** The URL of an asset, with its content hash so a new version is fetched at once. */
export function assetUrl(name: keyof typeof SOURCES & string): string {
  const a = load().get(name)
  return `/assets/${name}?v=${a?.hash ?? '0'}`
}

/** Bytes a browser downloads for an asset (gzipped), for the page-weight measurement. */
export function assetWireSize(name: string): number {
  return load().get(name)?.gz.length ?? 0
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  load()
  app.get<{ Params: { name: string } }>('/assets/:name', { schema: { hide: true } }, async (req, reply) => {
    const a = load().get(req.params.name)
    if (!a) return reply.status(404).type('text/plain; charset=utf-8').send('Niet gevonden')
    const etag = `"${a.hash}"`
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'accept-encoding')
      .type(a.type)
    if (req.headers['if-none-match'] === etag) return reply.status(304).send()
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(a.gz)
    return reply.send(a.body)
  })
}
