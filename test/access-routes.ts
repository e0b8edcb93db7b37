// The route table of the access matrix: every /api/v1 route with the least role it needs and how to call it
// for the caller's own organisation and for another one. Extend this table when a route is added.
import type { Role } from '../db/repositories/users.js'

export type Target = 'own' | 'other'
export interface Call { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> | string; headers?: Record<string, string> }

/** A multipart/form-data upload as a browser or curl -F sends it. */
export function upload(url: string, fields: Record<string, string>, file: { name: string; content: string }): Call {
  const b = '----woud-matrix-boundary'
  const parts = Object.entries(fields).map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
  parts.push(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n--${b}--\r\n`)
  return { method: 'POST', url, payload: parts.join(''), headers: { 'content-type': `multipart/form-data; boundary=${b}` } }
}

/** What the matrix needs from the world: organisation codes and fresh records made by the operator. */
export interface Fixture {
  code: Record<Target, string>
  schemeCode: string
  /** A grant that stays as it is (for reads). */
  grant: Record<Target, number>
  /** A new grant in the organisation, for a write that changes it. */
  freshGrant: (t: Target) => Promise<number>
  /** A custom deadline key ('custom:n') in the organisation. */
  deadline: Record<Target, string>
  /** A grant of a scheme with SiSa definitions in SISA_YEAR. */
  sisaGrant: Record<Target, number>
  /** A call with the given caller's token (null: the operator); status and JSON body, whatever the outcome. */
  as: (token: string | null, method: Call['method'], url: string, payload?: Record<string, unknown>) => Promise<{ status: number; body: Record<string, unknown> }>
  /** A call made by the operator that must succeed; its JSON body. */
  operator: (method: Call['method'], url: string, payload?: Record<string, unknown>) => Promise<Record<string, unknown>>
}

/** A SiSa year and scheme the bundled definitions cover (A16, indicator 01 is an amount). */
export const SISA_YEAR = 2023
export const SISA_SCHEME = 'jenv-a16'
const fo = { sisaCode: 'A16', foutCents: 10000, onzekerheidCents: 0 }

export interface RouteCase {
  name: string
  /**
   * shared: the catalogue, open to every authenticated user · any: needs `min` in some organisation ·
   * operator: installation operators only · org: needs `min` in the target organisation, else 404 ·
   * list: a list over what the caller may see (200 for all; the other organisation must not show up).
   */
  scope: 'shared' | 'any' | 'operator' | 'org' | 'list'
  min?: Role
  ok: number
  /** The request for one cell; `caller` is the token the cell is sent with, for fixtures that must be the caller's own. */
  call: (f: Fixture, t: Target, caller: string) => Call | Promise<Call>
  /** Cells whose answer is fixed by validation before any access decision. */
  always?: number
}

const today = '2026-11-28'

export const ROUTES: RouteCase[] = [
  // catalogue and organisations
  { name: 'GET schemes', scope: 'shared', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/schemes' }) },
  { name: 'GET schemes/:code', scope: 'shared', ok: 200, call: (f) => ({ method: 'GET', url: `/api/v1/schemes/${f.schemeCode}` }) },
  { name: 'GET organisations', scope: 'list', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/organisations' }) },
  { name: 'POST organisations', scope: 'operator', ok: 201, call: () => ({ method: 'POST', url: '/api/v1/organisations', payload: { code: `GM${String(Math.floor(Math.random() * 9000) + 1000)}`, name: 'Nieuw' } }) },

  // grants
  { name: 'GET grants', scope: 'list', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/grants' }) },
  { name: 'GET grants?org=', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/grants?org=${f.code[t]}` }) },
  { name: 'GET grants/:id', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/grants/${f.grant[t]}` }) },
  { name: 'POST grants', scope: 'org', min: 'medewerker', ok: 201, call: (f, t) => ({ method: 'POST', url: '/api/v1/grants', payload: { organisation: f.code[t], scheme: f.schemeCode, title: 'Matrix' } }) },
  { name: 'PATCH grants/:id', scope: 'org', min: 'medewerker', ok: 200, call: async (f, t) => ({ method: 'PATCH', url: `/api/v1/grants/${await f.freshGrant(t)}`, payload: { title: 'Gewijzigd' }, headers: { 'if-match': '"1"' } }) },
  { name: 'PATCH grants/:id moving it to another organisation', scope: 'org', always: 400, ok: 400, call: (f, t) => ({ method: 'PATCH', url: `/api/v1/grants/${f.grant[t]}`, payload: { organisation: f.code.other }, headers: { 'if-match': '"1"' } }) },
  { name: 'POST grants/:id/archive', scope: 'org', min: 'medewerker', ok: 200, call: async (f, t) => ({ method: 'POST', url: `/api/v1/grants/${await f.freshGrant(t)}/archive`, payload: {} }) },
  { name: 'POST grants/:id/unarchive', scope: 'org', min: 'medewerker', ok: 200, call: async (f, t) => {
    const id = await f.freshGrant(t)
    await f.operator('POST', `/api/v1/grants/${id}/archive`)
    return { method: 'POST', url: `/api/v1/grants/${id}/unarchive` }
  } },
  { name: 'DELETE grants/:id', scope: 'org', min: 'medewerker', ok: 204, call: async (f, t) => {
    // Another grant after it, so the deleted id is not the highest and SQLite does not hand it out again.
    const id = await f.freshGrant(t)
    await f.freshGrant(t)
    return { method: 'DELETE', url: `/api/v1/grants/${id}` }
  } },
  { name: 'POST grants/:id/transitions', scope: 'org', min: 'medewerker', ok: 200, call: async (f, t) => ({ method: 'POST', url: `/api/v1/grants/${await f.freshGrant(t)}/transitions`, payload: { to: 'in_voorbereiding', on: today } }) },
  { name: 'PUT grants/:id/years/:year', scope: 'org', min: 'medewerker', ok: 201, call: async (f, t) => ({ method: 'PUT', url: `/api/v1/grants/${await f.freshGrant(t)}/years/2026`, payload: { plannedLastenCents: 100000 } }) },
  { name: 'POST grants/:id/payments', scope: 'org', min: 'medewerker', ok: 201, call: async (f, t) => ({ method: 'POST', url: `/api/v1/grants/${await f.freshGrant(t)}/payments`, payload: { kind: 'voorschot', paidOn: today, amountCents: 5000 } }) },
  { name: 'POST grants/:id/cofinancing', scope: 'org', min: 'medewerker', ok: 201, call: async (f, t) => ({ method: 'POST', url: `/api/v1/grants/${await f.freshGrant(t)}/cofinancing`, payload: { source: 'eigen_middelen', amountCents: 5000, reservedInBegroting: true } }) },

  // deadlines and the calendar feed
  { name: 'GET deadlines', scope: 'list', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/deadlines?from=2026-01-01&to=2027-12-31' }) },
  { name: 'GET deadlines?org=', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/deadlines?org=${f.code[t]}` }) },
  { name: 'POST grants/:id/deadlines', scope: 'org', min: 'medewerker', ok: 201, call: (f, t) => ({ method: 'POST', url: `/api/v1/grants/${f.grant[t]}/deadlines`, payload: { title: 'Tussenrapportage', date: '2027-03-01', legalInstrument: 'regeling' } }) },
  { name: 'POST deadlines/:id/done', scope: 'org', min: 'medewerker', ok: 200, call: (f, t) => ({ method: 'POST', url: `/api/v1/deadlines/${f.deadline[t]}/done`, payload: {} }) },
  { name: 'POST deadlines/:id/done naming a different organisation', scope: 'org', always: 404, ok: 404, call: (f, t) => ({ method: 'POST', url: `/api/v1/deadlines/${f.deadline[t]}/done`, payload: { org: f.code[t === 'own' ? 'other' : 'own'] } }) },
  { name: 'DELETE deadlines/:id/done', scope: 'org', min: 'medewerker', ok: 200, call: (f, t) => ({ method: 'DELETE', url: `/api/v1/deadlines/${f.deadline[t]}/done`, payload: {} }) },
  { name: 'GET organisations/:code/deadlines.ics', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/organisations/${f.code[t]}/deadlines.ics` }) },
  { name: 'POST organisations/:code/feed-tokens', scope: 'org', min: 'lezer', ok: 201, call: (f, t) => ({ method: 'POST', url: `/api/v1/organisations/${f.code[t]}/feed-tokens`, payload: {} }) },

  { name: 'DELETE organisations/:code/feed-tokens/:id', scope: 'org', min: 'lezer', ok: 204, call: async (f, t, caller) => {
    // The caller's own feed token where it may make one; else the operator's, which is not the caller's to revoke.
    const own = await f.as(caller, 'POST', `/api/v1/organisations/${f.code[t]}/feed-tokens`, {})
    const id = own.status === 201 ? own.body.id : (await f.operator('POST', `/api/v1/organisations/${f.code[t]}/feed-tokens`, {})).id
    return { method: 'DELETE', url: `/api/v1/organisations/${f.code[t]}/feed-tokens/${id}` }
  } },

  // SiSa
  { name: 'GET sisa/:year?org=', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/sisa/${SISA_YEAR}?org=${f.code[t]}` }) },
  { name: 'PUT grants/:id/sisa/:year', scope: 'org', min: 'controller', ok: 200, call: (f, t) => ({ method: 'PUT', url: `/api/v1/grants/${f.sisaGrant[t]}/sisa/${SISA_YEAR}`, payload: { values: [{ indicator: 'A16/01', valueCents: 123400 }] } }) },
  { name: 'GET sisa/:year/fouten-onzekerheden?org=', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/sisa/${SISA_YEAR}/fouten-onzekerheden?org=${f.code[t]}` }) },
  { name: 'POST sisa/:year/fouten-onzekerheden?org=', scope: 'org', min: 'controller', ok: 201, call: (f, t) => ({ method: 'POST', url: `/api/v1/sisa/${SISA_YEAR}/fouten-onzekerheden?org=${f.code[t]}`, payload: fo }) },
  { name: 'PUT sisa/fouten-onzekerheden/:id', scope: 'org', min: 'controller', ok: 200, call: async (f, t) => ({ method: 'PUT', url: `/api/v1/sisa/fouten-onzekerheden/${(await f.operator('POST', `/api/v1/sisa/${SISA_YEAR}/fouten-onzekerheden?org=${f.code[t]}`, fo)).id}`, payload: { ...fo, foutCents: 20000 } }) },
  { name: 'DELETE sisa/fouten-onzekerheden/:id', scope: 'org', min: 'controller', ok: 204, call: async (f, t) => ({ method: 'DELETE', url: `/api/v1/sisa/fouten-onzekerheden/${(await f.operator('POST', `/api/v1/sisa/${SISA_YEAR}/fouten-onzekerheden?org=${f.code[t]}`, fo)).id}` }) },

  // reports: JSON for readers, workbooks (exports) for controllers
  ...['portfolio', 'deadlines', 'cofinancing', 'bbv', 'sisa', 'forecast', 'controller'].map((name): RouteCase => ({
    name: `GET reports/${name} json`, scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/reports/${name}?org=${f.code[t]}&year=2026` }),
  })),
  { name: 'GET reports/controller xlsx', scope: 'org', min: 'controller', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/reports/controller?org=${f.code[t]}&year=2026&format=xlsx` }) },
  { name: 'GET reports/portfolio xlsx', scope: 'org', min: 'controller', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/reports/portfolio?org=${f.code[t]}&year=2026&format=xlsx` }) },
  { name: 'GET reform-assumptions', scope: 'shared', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/reform-assumptions' }) },
  { name: 'PUT reform-assumptions/:scheme', scope: 'any', min: 'beheerder', ok: 200, call: (f) => ({ method: 'PUT', url: `/api/v1/reform-assumptions/${f.schemeCode}`, payload: { treatment: 'gemeentefonds', fromYear: 2028, cutPct: 10 } }) },
  { name: 'DELETE reform-assumptions/:scheme', scope: 'any', min: 'beheerder', ok: 204, call: async (f) => {
    await f.operator('PUT', `/api/v1/reform-assumptions/${f.schemeCode}`, { treatment: 'ends', fromYear: 2028 })
    return { method: 'DELETE', url: `/api/v1/reform-assumptions/${f.schemeCode}` }
  } },

  // imports (dry runs: the answer shows the access decision, the database stays as it is)
  { name: 'POST imports/grants (org field)', scope: 'org', min: 'medewerker', ok: 200, call: (f, t) => upload('/api/v1/imports/grants', { org: f.code[t], dryRun: 'true' }, { name: 'portefeuille.csv', content: `Regeling;Titel;Kenmerk\n${f.schemeCode};Uit de import;IMP-1\n` }) },
  { name: 'POST imports/actuals (org field)', scope: 'org', min: 'controller', ok: 200, call: (f, t) => upload('/api/v1/imports/actuals', { org: f.code[t], year: '2026', dryRun: 'true' }, { name: 'grootboek.csv', content: `Boekjaar;Kenmerk;Debet;Credit\n2026;REF-${t};100,00;\n` }) },
  { name: 'POST imports/schemes (catalogue)', scope: 'any', min: 'beheerder', ok: 200, call: (f) => upload('/api/v1/imports/schemes', { dryRun: 'true' }, { name: 'catalogus.csv', content: `code;name;ministry\n${f.schemeCode}-matrix;Matrixregeling;BZK\n` }) },
  // import templates (issue 15): the same access as importing that kind
  { name: 'GET imports/grants/template?org=', scope: 'org', min: 'medewerker', ok: 200,
    call: (f, t) => ({ method: 'GET', url: `/api/v1/imports/grants/template?org=${f.code[t]}` }) },
  { name: 'GET imports/actuals/template?org=', scope: 'org', min: 'controller', ok: 200,
    call: (f, t) => ({ method: 'GET', url: `/api/v1/imports/actuals/template?org=${f.code[t]}` }) },
  { name: 'GET imports/schemes/template', scope: 'any', min: 'beheerder', ok: 200,
    call: () => ({ method: 'GET', url: '/api/v1/imports/schemes/template' }) },

  // reminders by e-mail (issue 17): the finance mailbox, the caller's own preference, followers, the status
  { name: 'GET organisations/:code/reminders', scope: 'org', min: 'lezer', ok: 200,
    call: (f, t) => ({ method: 'GET', url: `/api/v1/organisations/${f.code[t]}/reminders` }) },
  { name: 'PUT organisations/:code/reminders', scope: 'org', min: 'beheerder', ok: 200,
    call: (f, t) => ({ method: 'PUT', url: `/api/v1/organisations/${f.code[t]}/reminders`,
      payload: { financeMailbox: 'financien@gemeente.nl' } }) },
  { name: 'GET organisations/:code/reminders/preference', scope: 'org', min: 'lezer', ok: 200,
    call: (f, t) => ({ method: 'GET', url: `/api/v1/organisations/${f.code[t]}/reminders/preference` }) },
  { name: 'PUT organisations/:code/reminders/preference', scope: 'org', min: 'lezer', ok: 200,
    call: (f, t) => ({ method: 'PUT', url: `/api/v1/organisations/${f.code[t]}/reminders/preference`, payload: { mode: 'digest' } }) },
  { name: 'GET organisations/:code/reminders/status', scope: 'org', min: 'controller', ok: 200,
    call: (f, t) => ({ method: 'GET', url: `/api/v1/organisations/${f.code[t]}/reminders/status` }) },
  { name: 'GET grants/:id/followers', scope: 'org', min: 'lezer', ok: 200,
    call: (f, t) => ({ method: 'GET', url: `/api/v1/grants/${f.grant[t]}/followers` }) },
  { name: 'PUT grants/:id/followers', scope: 'org', min: 'medewerker', ok: 200,
    call: async (f, t) => ({ method: 'PUT', url: `/api/v1/grants/${await f.freshGrant(t)}/followers`, payload: { followers: [] } }) },
  // users (beheerders for their organisations) and the caller's own tokens
  ...usersRoutes(),

  // audit trail
  { name: 'GET audit of a grant', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/audit?entity=grant&id=${f.grant[t]}` }) },
  { name: 'GET audit of an organisation', scope: 'org', min: 'lezer', ok: 200, call: (f, t) => ({ method: 'GET', url: `/api/v1/audit?entity=organisation&id=${f.code[t]}` }) },
]

/** A user made by the operator with one role in the target organisation: the subject of a user-admin call. */
async function someone(f: Fixture, t: Target, disabled = false): Promise<number> {
  const email = `u${Math.random().toString(36).slice(2)}@matrix.nl`
  const made = await f.operator('POST', '/api/v1/users', { email, name: 'Iemand', roles: [{ organisation: f.code[t], role: 'lezer' }] })
  const id = made.id as number
  if (disabled) await f.operator('POST', `/api/v1/users/${id}/disable`)
  return id
}

function usersRoutes(): RouteCase[] {
  const email = () => `n${Math.random().toString(36).slice(2)}@matrix.nl`
  const user = (url: string, method: Call['method'] = 'GET', payload?: Record<string, unknown>, disabled = false) =>
    async (f: Fixture, t: Target): Promise<Call> => {
      const id = await someone(f, t, disabled)
      return { method, url: url.replace('ID', String(id)).replace('ORG', f.code[t]), payload }
    }
  return [
    { name: 'GET users', scope: 'any', min: 'beheerder', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/users' }) },
    { name: 'GET users?org=', scope: 'org', min: 'beheerder', ok: 200,
      call: (f, t) => ({ method: 'GET', url: `/api/v1/users?org=${f.code[t]}` }) },
    { name: 'POST users', scope: 'org', min: 'beheerder', ok: 201, call: (f, t) => ({
      method: 'POST', url: '/api/v1/users', payload: { email: email(), name: 'Nieuw', roles: [{ organisation: f.code[t], role: 'lezer' }] },
    }) },
    { name: 'GET users/:id', scope: 'org', min: 'beheerder', ok: 200, call: user('/api/v1/users/ID') },
    { name: 'PUT users/:id/roles/:org', scope: 'org', min: 'beheerder', ok: 200,
      call: user('/api/v1/users/ID/roles/ORG', 'PUT', { role: 'medewerker' }) },
    { name: 'DELETE users/:id/roles/:org', scope: 'org', min: 'beheerder', ok: 204, call: user('/api/v1/users/ID/roles/ORG', 'DELETE') },
    { name: 'POST users/:id/disable', scope: 'org', min: 'beheerder', ok: 200, call: user('/api/v1/users/ID/disable', 'POST') },
    { name: 'POST users/:id/enable', scope: 'org', min: 'beheerder', ok: 200,
      call: user('/api/v1/users/ID/enable', 'POST', undefined, true) },
    { name: 'GET me', scope: 'shared', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/me' }) },
    { name: 'GET me/tokens', scope: 'shared', ok: 200, call: () => ({ method: 'GET', url: '/api/v1/me/tokens' }) },
    { name: 'POST me/tokens', scope: 'shared', ok: 201,
      call: () => ({ method: 'POST', url: '/api/v1/me/tokens', payload: { label: 'matrix' } }) },
    { name: 'POST me/tokens (feed)', scope: 'org', min: 'lezer', ok: 201, call: (f, t) => ({
      method: 'POST', url: '/api/v1/me/tokens', payload: { kind: 'feed', organisation: f.code[t] },
    }) },
    { name: 'DELETE me/tokens/:id', scope: 'shared', ok: 204, call: async (f, _t, caller) => {
      const own = await f.as(caller, 'POST', '/api/v1/me/tokens', { label: 'weg' })
      return { method: 'DELETE', url: `/api/v1/me/tokens/${own.body.id}` }
    } },
  ]
}
