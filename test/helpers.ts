// Test helpers: a fresh app on its own in-memory database, an operator token, and seeding through repositories.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../server/app.js'
import { loadConfig, type Config } from '../server/config.js'
import { openDatabase, type Db } from '../db/client.js'
import { SYSTEM } from '../db/audit.js'
import { createOrganisation } from '../db/repositories/organisations.js'
import { createToken, createUser, type Role } from '../db/repositories/users.js'

export interface TestApp {
  app: FastifyInstance
  db: Db
  /** Bearer token of an operator (isAdmin): sees every organisation. */
  adminToken: string
  /** inject() with the operator's token unless headers.authorization is given. */
  api: (opts: InjectOptions & { token?: string | null }) => Promise<LightMyRequestResponse>
}

/** "Today" for tests that depend on the date: 28 November 2026, Amsterdam. */
export const TEST_NOW = new Date('2026-11-28T10:00:00Z')

export async function testApp(t: { teardown: (fn: () => unknown) => void }, overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = openDatabase(':memory:')
  const config = loadConfig({}, { dbPath: ':memory:', now: () => TEST_NOW, ...overrides })
  const app = await buildApp(config, { db, logger: false })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  const admin = createUser(db, SYSTEM, { email: 'beheer@woud.test', name: 'Beheer', isAdmin: true })
  const adminToken = createToken(db, SYSTEM, admin.id).token
  const api = (opts: InjectOptions & { token?: string | null }) => {
    const { token, ...rest } = opts
    const headers = { ...(rest.headers ?? {}) } as Record<string, string>
    if (token !== null && headers.authorization === undefined) headers.authorization = `Bearer ${token ?? adminToken}`
    return app.inject({ ...rest, headers })
  }
  return { app, db, adminToken, api }
}

/** A user with the given roles and an API token. */
export function userWithToken(db: Db, email: string, roles: { orgCode: string; role: Role }[]): string {
  const u = createUser(db, SYSTEM, { email, name: email, roles })
  return createToken(db, SYSTEM, u.id).token
}

export function seedOrganisation(db: Db, code = 'GM0363', name = 'Amsterdam', kind: 'gemeente' | 'gr' | 'provincie' = 'gemeente') {
  return createOrganisation(db, SYSTEM, { code, name, kind })
}

export function freshDb(): Db {
  return openDatabase(':memory:')
}

/** Read an xlsx Buffer back with exceljs (its typings predate Node's generic Buffer). */
export async function readWorkbook(buf: Buffer): Promise<import('exceljs').Workbook> {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  return wb
}

/**
 * The CLI on a given database with captured stdout/stderr and the pinned test clock:
 * `const run = cliOn(db); const r = await run('deadlines', '--org', 'GM0363', '--json')`.
 */
export function cliOn(db: Db, now: () => Date = () => TEST_NOW) {
  return async (...argv: string[]) => {
    const { runCli } = await import('../server/cli.js')
    const { CliContext } = await import('../server/cli/context.js')
    const { Writable } = await import('node:stream')
    let out = ''
    let err = ''
    const stdout = new Writable({
      write(c, _e, cb) {
        out += String(c)
        cb()
      },
    })
    const stderr = new Writable({
      write(c, _e, cb) {
        err += String(c)
        cb()
      },
    })
    const code = await runCli(argv, (opts) => {
      const c = new (class extends CliContext {
        override get db() {
          return db
        }
        override get readDb() {
          return db
        }
        override close() {}
      })(opts, stdout, stderr)
      c.now = now
      return c
    })
    return { code, out, err, json: () => JSON.parse(out) }
  }
}

/**
 * The environment for a child process that runs Woud through tsx (npm start, the CLI, a worker). Its coverage is
 * switched off: tap would merge the byte ranges of tsx's output with those of the test processes' own transpiler
 * for the same source file, and report lines that did run as not covered (measured: forecast.ts at 52 % in the
 * full suite, 100 % in its own test).
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, _TAPJS_PROCESSINFO_COVERAGE_: '0', ...extra }
}
