// HTTP plumbing of the grant routes: DTOs, repository errors to problems, If-Match / ETag, access to one grant.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../../db/client.js'
import { allowedTransitions } from '../../db/lifecycle.js'
import {
  getGrant, GrantConflictError, GrantInputError, GrantNotFoundError, GrantStaleError, type GrantDetail, type GrantListItem, type GrantRow,
} from '../../db/repositories/grants.js'
import type { Role } from '../../db/repositories/users.js'
import { requireOrgRole } from '../access.js'
import { Problem } from '../errors.js'

type Codes = { organisationCode: string; schemeCode: string }

export function grantDto(g: GrantRow & Codes) {
  const { organisationId: _o, schemeId: _s, organisationCode, schemeCode, archivedAt, ...rest } = g
  return { ...rest, organisation: organisationCode, scheme: schemeCode, archived: archivedAt !== null }
}

export function listItemDto(g: GrantListItem) {
  return { ...grantDto(g), yearFigures: g.yearFigures }
}

export function detailDto(g: GrantDetail) {
  return {
    ...grantDto(g),
    years: g.years,
    payments: g.payments,
    commitments: g.commitments,
    beschikkingen: g.beschikkingen,
    transitions: g.transitions.map((t) => ({ from: t.fromStatus, to: t.toStatus, event: t.event, on: t.onDate, actor: t.actor, note: t.note })),
    spendDeadlines: g.spendDeadlines,
    cofinancing: g.cofinancing,
    allowedTransitions: [...allowedTransitions(g.status)],
  }
}

/** Repository errors become problems: bad input 400 (with the fields), lifecycle or history 409, stale 412. */
export function grantProblem(e: unknown): unknown {
  if (e instanceof GrantInputError) return new Problem(400, 'Ongeldige invoer', e.message, e.errors)
  if (e instanceof GrantConflictError) return new Problem(409, 'Conflict', e.message, undefined, e.extra)
  if (e instanceof GrantStaleError) return new Problem(412, 'Verouderde versie', `${e.message}. Haal de subsidie opnieuw op en probeer het nog eens.`, undefined, { currentVersion: e.currentVersion })
  if (e instanceof GrantNotFoundError) return new Problem(404, 'Niet gevonden', e.message)
  return e
}

export function guard<T>(fn: () => T): T {
  try { return fn() } catch (e) { throw grantProblem(e) }
}

export const etagOf = (version: number) => `"${version}"`

/**
 * The version an If-Match names: '"3"' or '3'; '*' matches any version (undefined). A header
 * that names no version of ours can never match: a 412.
 */
export function ifMatchVersion(req: FastifyRequest, required: boolean): number | undefined {
  const h = req.headers['if-match']
  if (h === undefined || h === '') {
    if (required) throw new Problem(428, 'Versie vereist', 'Stuur de header If-Match met de ETag van de subsidie (GET /api/v1/grants/:id), zodat twee gebruikers elkaars wijziging niet ongemerkt overschrijven.')
    return undefined
  }
  const first = String(h).split(',')[0].trim()
  if (first === '*') return undefined
  // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches.
  const m = /^"?(\d{1,9})"?$/.exec(first)
  if (!m) throw new Problem(412, 'Verouderde versie', `If-Match '${first}' is geen versie van deze subsidie.`)
  return Number(m[1])
}

/** Load a grant and require a role in its organisation (404 when the caller has none, as if it did not exist). */
export function grantFor(db: Db, req: FastifyRequest, id: number, role: Role): GrantDetail {
  const g = getGrant(db, id)
  if (!g) throw new Problem(404, 'Niet gevonden', `Subsidie ${id} bestaat niet`)
  requireOrgRole(req, g.organisationId, role, `Subsidie ${id}`)
  return g
}

export function sendDetail(reply: FastifyReply, db: Db, id: number, status = 200) {
  const g = getGrant(db, id)!
  return reply.status(status).header('etag', etagOf(g.version)).send(detailDto(g))
}
