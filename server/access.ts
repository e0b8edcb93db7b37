// Who may see and change what: the one place where roles and organisation scoping are decided.
// A principal without any role in an organisation gets 404 for its data (nothing leaks); with a role
// that is too low, 403.
import type { FastifyRequest } from 'fastify'
import type { Actor } from '../db/audit.js'
import { findOrganisation, type OrganisationRow } from '../db/repositories/organisations.js'
import { roleRank, type Principal, type Role } from '../db/repositories/users.js'
import { Problem } from './errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Problem(401, 'Niet aangemeld', 'Een geldig API-token is nodig.')
  return req.principal
}

/** The audit actor for a request. */
export function actorOf(req: FastifyRequest): Actor {
  return { actor: req.principal?.email ?? 'anonymous', source: 'api' }
}

export function roleIn(p: Principal, organisationId: number): Role | undefined {
  return p.isAdmin ? 'beheerder' : p.roles.get(organisationId)
}

/**
 * Require `min` in an organisation. No role at all: 404 with the caller's description of the thing
 * (the same answer as for something that does not exist). A lower role: 403.
 */
export function requireOrgRole(req: FastifyRequest, organisationId: number, min: Role, what: string): void {
  const p = principalOf(req)
  const role = roleIn(p, organisationId)
  if (!role) throw new Problem(404, 'Niet gevonden', `${what} bestaat niet`)
  if (roleRank(role) < roleRank(min)) throw new Problem(403, 'Geen toestemming', `Hiervoor is de rol ${min} nodig.`)
}

/** Organisation ids a principal may read at `min`, or 'all' for an operator. Use in every list query. */
export function visibleOrganisationIds(req: FastifyRequest, min: Role = 'lezer'): number[] | 'all' {
  const p = principalOf(req)
  if (p.isAdmin) return 'all'
  return [...p.roles].filter(([, r]) => roleRank(r) >= roleRank(min)).map(([id]) => id)
}

/** Shared data (the catalogue) changed by a beheerder of any organisation, or an operator. */
export function requireAnyRole(req: FastifyRequest, min: Role): void {
  const p = principalOf(req)
  if (p.isAdmin) return
  if (![...p.roles.values()].some((r) => roleRank(r) >= roleRank(min)))
    throw new Problem(403, 'Geen toestemming', `Hiervoor is de rol ${min} nodig.`)
}

/**
 * An organisation named by the caller (path, query string or body), checked like requireOrgRole: an unknown code
 * and a code of someone else's organisation both give the same 404, so a forged code learns nothing.
 */
export function requireOrganisation(req: FastifyRequest, code: string, min: Role, what = `Organisatie ${code}`): OrganisationRow {
  const org = findOrganisation(req.server.db, code)
  if (!org) throw new Problem(404, 'Niet gevonden', `${what} bestaat niet`)
  requireOrgRole(req, org.id, min, what)
  return org
}

/**
 * The organisations a list may show: the one named by `?org=` (checked as requireOrganisation), or all the
 * caller may see at `min`. Use for every list filter, so `?org=` of another organisation is a 404, not an empty list.
 */
export function organisationScope(req: FastifyRequest, code: string | undefined, min: Role = 'lezer'): number[] | 'all' {
  if (code !== undefined && code !== '') return [requireOrganisation(req, code, min).id]
  return visibleOrganisationIds(req, min)
}

/** Installation-wide operations (creating organisations): operators only. */
export function requireOperator(req: FastifyRequest): void {
  if (!principalOf(req).isAdmin) throw new Problem(403, 'Geen toestemming', 'Alleen een beheerder van de installatie mag dit.')
}
