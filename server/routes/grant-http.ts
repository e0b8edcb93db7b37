// HTTP plumbing of the grant routes: the detail DTO, If-Match / ETag, access to one grant.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../../db/client.js'
import { allowedTransitions } from '../../db/lifecycle.js'
import { getGrant, grantAccessRow, GrantNotFoundError, type GrantDetail } from '../../db/repositories/grants.js'
import type { Role } from '../../db/repositories/users.js'
import { requireOrgRole } from '../access.js'
import { Problem } from '../errors.js'

/** The API shape of one grant with everything under it; plain property writes, no rest/spread. */
export function detailDto(g: GrantDetail) {
  const transitions = new Array(g.transitions.length)
  for (let i = 0; i < g.transitions.length; i++) {
    const t = g.transitions[i]
    transitions[i] = { from: t.fromStatus, to: t.toStatus, event: t.event, on: t.onDate, actor: t.actor, note: t.note }
  }
  return {
    id: g.id,
    organisation: g.organisationCode,
    scheme: g.schemeCode,
    status: g.status,
    version: g.version,
    title: g.title,
    reference: g.reference,
    beschikkingsnummer: g.beschikkingsnummer,
    requestedCents: g.requestedCents,
    awardedCents: g.awardedCents,
    bcfCents: g.bcfCents,
    periodFrom: g.periodFrom,
    periodTo: g.periodTo,
    spendUntil: g.spendUntil,
    probabilityPct: g.probabilityPct,
    taakveld: g.taakveld,
    kostenplaats: g.kostenplaats,
    begrotingspost: g.begrotingspost,
    programma: g.programma,
    paymentRoute: g.paymentRoute,
    nature: g.nature,
    natureReason: g.natureReason,
    owner: g.owner,
    department: g.department,
    cofinancingBasis: g.cofinancingBasis,
    cofinancingBp: g.cofinancingBp,
    cofinancingFixedCents: g.cofinancingFixedCents,
    appliedOn: g.appliedOn,
    awardedOn: g.awardedOn,
    finalAccountYear: g.finalAccountYear,
    onVerantwoordingslijst: g.onVerantwoordingslijst,
    notes: g.notes,
    establishedOn: g.establishedOn,
    closedOn: g.closedOn,
    archived: g.archivedAt !== null,
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
    // The response schema serialises only the declared fields of these rows.
    years: g.years,
    payments: g.payments,
    commitments: g.commitments,
    beschikkingen: g.beschikkingen,
    transitions,
    spendDeadlines: g.spendDeadlines,
    cofinancing: g.cofinancing,
    allowedTransitions: allowedTransitions(g.status) as string[],
  }
}

export const etagOf = (version: number) => `"${version}"`

/**
 * The version an If-Match names: '"3"' or '3'; '*' or no header matches any version (undefined). A header
 * that names no version of ours can never match: a 412.
 */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const h = req.headers['if-match']
  if (h === undefined || h === '') return undefined
  const first = String(h).split(',')[0].trim()
  if (first === '*') return undefined
  // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches.
  const m = /^"?(\d{1,9})"?$/.exec(first)
  if (!m) throw new Problem(412, 'Verouderde versie', `If-Match '${first}' is geen versie van deze subsidie.`)
  return Number(m[1])
}

/** Load a grant once and require a role in its organisation (404 when the caller has none, as if it did not exist). */
export function grantFor(db: Db, req: FastifyRequest, id: number, role: Role): GrantDetail {
  const g = getGrant(db, id)
  if (!g) throw new GrantNotFoundError(id)
  requireOrgRole(req, g.organisationId, role, `Subsidie ${id}`)
  return g
}

/** Require a role on a grant before a write, reading only its organisation and version. */
export function grantAccess(db: Db, req: FastifyRequest, id: number, role: Role): { organisationId: number; version: number } {
  const g = grantAccessRow(db, id)
  if (!g) throw new GrantNotFoundError(id)
  requireOrgRole(req, g.organisationId, role, `Subsidie ${id}`)
  return g
}

export function sendGrant(reply: FastifyReply, g: GrantDetail, status = 200) {
  return reply.status(status).header('etag', etagOf(g.version)).send(detailDto(g))
}

/** Read the grant after a write and answer with it (one load). */
export function sendDetail(reply: FastifyReply, db: Db, id: number, status = 200) {
  const g = getGrant(db, id)
  if (!g) throw new GrantNotFoundError(id)
  return sendGrant(reply, g, status)
}
