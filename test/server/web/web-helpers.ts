// Shared by the web tests: a seeded database (two organisations, a controller with a password, a grant of the other
// organisation), a web session through the real sign-in form, and form posts with the session's CSRF token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { SYSTEM } from '../../../db/audit.js'
import { openDatabase, type Db } from '../../../db/client.js'
import { setPassword } from '../../../db/repositories/passwords.js'
import { createGrant } from '../../../db/repositories/grants.js'
import { createOrganisation } from '../../../db/repositories/organisations.js'
import { createUser, type Role } from '../../../db/repositories/users.js'
import { buildApp } from '../../../server/app.js'
import { loadConfig } from '../../../server/config.js'

export const PASSWORD = 'correct-paard-batterij-nietje'

export function seedWeb(db: Db, today: string) {
  const own = createOrganisation(db, SYSTEM, { code: 'GM0001', name: 'Woudstede' })
  const other = createOrganisation(db, SYSTEM, { code: 'GM0002', name: 'Anderdorp' })
  const third = createOrganisation(db, SYSTEM, { code: 'GM0003', name: 'Bosrijk' })
  const user = addUser(db, 'controller@woudstede.nl', 'Carla Controller', [
    { orgCode: 'GM0001', role: 'controller' },
    { orgCode: 'GM0003', role: 'lezer' },
  ])
  const foreign = createGrant(
    db,
    SYSTEM,
    { organisationId: other.id, schemeCode: 'jenv-a13', title: 'Geheim project Anderdorp' },
    { today },
  )
  return { own, other, third, user, foreignGrantId: foreign.id }
}

export function addUser(db: Db, email: string, name: string, roles: { orgCode: string; role: Role }[]) {
  const u = createUser(db, SYSTEM, { email, name, roles })
  setPassword(db, SYSTEM, u.id, PASSWORD)
  return u
}

export interface WebSessionClient {
  cookie: string
  csrf: string
  get: (url: string) => Promise<LightMyRequestResponse>
  post: (
    url: string,
    form: Record<string, string>,
    opts?: { csrf?: string | null; headers?: Record<string, string> },
  ) => Promise<LightMyRequestResponse>
}

const encode = (form: Record<string, string>) => new URLSearchParams(form).toString()

/** Signs in through GET + POST /aanmelden, as a browser does, and returns a client bound to that session. */
export async function signInInject(app: FastifyInstance, email: string, password = PASSWORD): Promise<WebSessionClient> {
  const page = await app.inject({ url: '/aanmelden' })
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]
  const pre = String(page.headers['set-cookie']).split(';')[0]
  const r = await app.inject({
    method: 'POST',
    url: '/aanmelden',
    headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
    payload: encode({ _csrf: token, email, password }),
  })
  if (r.statusCode !== 303) throw new Error(`sign-in failed: ${r.statusCode}`)
  const cookie = ([] as string[])
    .concat(r.headers['set-cookie'] as string[])
    .find((c) => c.startsWith('woud_sessie='))!
    .split(';')[0]
  const home = await app.inject({ url: '/', headers: { cookie } })
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ url, headers: { cookie } }),
    post: (url, form, opts = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers ?? {}) },
        payload: encode(opts.csrf === null ? form : { _csrf: opts.csrf ?? csrf, ...form }),
      }),
  }
}

/**
 * A Woud on a real SQLite file (WAL, as in production) in a tap testdir, seeded with seedWeb(); closed at teardown.
 * `seed` adds more rows through repositories before the app is built.
 */
export async function fileApp(
  t: { testdir: () => string; teardown: (fn: () => unknown) => void },
  now: Date,
  seed: (db: Db, seeded: ReturnType<typeof seedWeb>) => void = () => {},
) {
  const dbPath = `${t.testdir()}/woud.sqlite`
  const db = openDatabase(dbPath)
  const seeded = seedWeb(db, now.toISOString().slice(0, 10))
  seed(db, seeded)
  const app = await buildApp(loadConfig({}, { dbPath, now: () => now }), { db, logger: false })
  t.teardown(async () => {
    await app.close()
    db.$client.close()
  })
  return { app, db, seeded, dbPath }
}

/** POST /importeren as the browser's multipart form does (the CSRF token in the query string). */
export function uploadInject(
  app: FastifyInstance,
  s: WebSessionClient,
  fields: Record<string, string>,
  file: { name: string; content: Buffer | string },
) {
  const b = '----woud-web-test'
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  )
  parts.push(
    Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="bestand"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
  )
  parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content), Buffer.from(`\r\n--${b}--\r\n`))
  return app.inject({
    method: 'POST',
    url: `/importeren?_csrf=${encodeURIComponent(s.csrf)}`,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${b}`, cookie: s.cookie },
  })
}
