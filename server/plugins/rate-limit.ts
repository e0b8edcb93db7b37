// Throttling of failed authentication per client address: a token guesser is stopped after a few
// failures, while authenticated requests are never counted (normal traffic is never throttled).
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { Problem } from '../errors.js'

export interface AuthThrottleOptions {
  /** Failed authentications allowed per address within one window. */
  maxFailures?: number
  windowMs?: number
  /** Addresses remembered at most; the oldest are dropped first, so a flood cannot exhaust memory. */
  maxTracked?: number
}

interface Entry {
  failures: number
  windowEnds: number
}

/** A fixed-window counter of failures per key (the client address). */
export class FailureCounter {
  private entries = new Map<string, Entry>()
  constructor(
    readonly maxFailures: number,
    readonly windowMs: number,
    readonly maxTracked: number,
  ) {}

  fail(key: string, now: number): void {
    let e = this.entries.get(key)
    if (!e || e.windowEnds <= now) {
      this.entries.delete(key)
      e = { failures: 0, windowEnds: now + this.windowMs }
      this.entries.set(key, e)
      this.prune(now)
    }
    e.failures++
  }

  /** Milliseconds until the address may try again; 0 when it is not blocked. */
  blockedFor(key: string, now: number): number {
    const e = this.entries.get(key)
    if (!e || e.windowEnds <= now || e.failures < this.maxFailures) return 0
    return e.windowEnds - now
  }

  get size(): number {
    return this.entries.size
  }

  private prune(now: number): void {
    if (this.entries.size <= this.maxTracked) return
    for (const [k, e] of this.entries) if (e.windowEnds <= now) this.entries.delete(k)
    // Map iteration is insertion order: what is left over the cap is dropped oldest first.
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxTracked) break
      this.entries.delete(k)
    }
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    authThrottle: FailureCounter
  }
}

async function authThrottle(app: FastifyInstance, opts: AuthThrottleOptions): Promise<void> {
  const counter = new FailureCounter(opts.maxFailures ?? 20, opts.windowMs ?? 10 * 60_000, opts.maxTracked ?? 10_000)
  app.decorate('authThrottle', counter)
  // Checked before the token is looked at: a blocked address learns nothing about the tokens it sends,
  // otherwise 429-versus-200 would still tell a guesser when it hit.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return
    const wait = counter.blockedFor(req.ip, app.config.now().getTime())
    if (wait === 0) return
    req.log.warn({ ip: req.ip }, 'authentication throttled')
    reply.header('retry-after', String(Math.ceil(wait / 1000)))
    throw new Problem(429, 'Te veel mislukte aanmeldingen', 'Probeer het later opnieuw.')
  })
}

export default fp(authThrottle, { name: 'woud-auth-throttle' })
