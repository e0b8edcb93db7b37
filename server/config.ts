// Runtime configuration from the environment (docs/cli.md#configuration): WOUD_DB, PORT, HOST, LOG_LEVEL.
import { resolve } from 'node:path'
import { loadMailConfig, type MailConfig } from './mail/config.js'

export interface Config {
  dbPath: string
  host: string
  port: number
  logLevel: string
  /** Upload cap for imports, in bytes (also applied to request bodies). */
  uploadMaxBytes: number
  /** JSON body cap, in bytes. */
  bodyMaxBytes: number
  /**
   * Trust X-Forwarded-For from these proxies (TRUST_PROXY: 'true', a hop count, or addresses/CIDRs), so that
   * the throttling of failed authentication sees the client, not the reverse proxy. Off by default.
   */
  trustProxy: boolean | number | string
  /** The clock; tests pin "today" through it. */
  now: () => Date
  /** SMTP, sender, PUBLIC_URL and the reminder schedule (server/mail/config.ts). */
  mail: MailConfig
}

export const DEFAULT_DB = './data/woud.db'

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = env.PORT ? Number(env.PORT) : 3000
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT '${env.PORT}' is geen geldig poortnummer`)
  return {
    dbPath: resolve(env.WOUD_DB || DEFAULT_DB),
    host: env.HOST || '127.0.0.1',
    port,
    logLevel: env.LOG_LEVEL || 'info',
    uploadMaxBytes: 20 * 1024 * 1024,
    bodyMaxBytes: 1024 * 1024,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    now: () => new Date(),
    mail: loadMailConfig(env),
    ...overrides,
  }
}

function parseTrustProxy(v: string | undefined): boolean | number | string {
  if (!v || v === 'false') return false
  if (v === 'true') return true
  if (/^\d+$/.test(v)) return Number(v)
  return v
}
