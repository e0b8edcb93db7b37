// Who may administer which users: the rules shared by the /api/v1/users routes and the Beheer pages.
// A beheerder manages the users of the organisations where they are beheerder, and sees only those roles;
// an operator (isAdmin) manages everyone. Another organisation is a 404, as everywhere in Woud.
import type { Actor } from '../db/audit.js'
import type { Db } from '../db/client.js'
import { conflict, invalid, notFound } from '../db/errors.js'
import { findOrganisation, type OrganisationRow } from '../db/repositories/organisations.js'
import { enableUser, endSessions, listAdminUsers, removeRole, rolesOfUser, type AdminUser } from '../db/repositories/user-admin.js'
import {
  createUser,
  disableUser,
  findUserByEmail,
  isRole,
  roleRank,
  setRole,
  UserInputError,
  type Principal,
  type Role,
} from '../db/repositories/users.js'
import { roleIn } from './access.js'
import { Problem } from './errors.js'

const forbidden = (detail: string) => new Problem(403, 'Geen toestemming', detail)

/** Organisations whose users `p` manages. */
export function managedOrganisationIds(p: Principal): number[] | 'all' {
  if (p.isAdmin) return 'all'
  return [...p.roles].filter(([, r]) => r === 'beheerder').map(([id]) => id)
}

/** Any user administration at all needs beheerder somewhere (or operator). */
export function requireSomeBeheer(p: Principal): void {
  const ids = managedOrganisationIds(p)
  if (ids !== 'all' && ids.length === 0) throw forbidden('Hiervoor is de rol beheerder nodig.')
}

/** An organisation named by code that `p` manages: unknown or without any role 404, a lower role 403. */
export function managedOrganisation(db: Db, p: Principal, code: string): OrganisationRow {
  const org = findOrganisation(db, code)
  const role = org && roleIn(p, org.id)
  if (!org || !role) throw notFound(`Organisatie ${code} bestaat niet.`)
  if (roleRank(role) < roleRank('beheerder')) throw forbidden('Hiervoor is de rol beheerder nodig.')
  return org
}

export function listManagedUsers(db: Db, p: Principal, orgCode?: string): AdminUser[] {
  requireSomeBeheer(p)
  return listAdminUsers(db, orgCode ? [managedOrganisation(db, p, orgCode).id] : managedOrganisationIds(p))
}

/**
 * A user `p` manages. Like grants: a user without any role in an organisation of the caller is the same 404 as
 * nobody; one the caller shares an organisation with but does not manage there is a 403.
 */
export function managedUser(db: Db, p: Principal, id: number): AdminUser {
  const mine = p.isAdmin ? 'all' : [...p.roles.keys()]
  if (!listAdminUsers(db, mine, { ids: [id] }).length) throw notFound(`Gebruiker ${id} bestaat niet.`)
  const u = viewAs(db, p, id)
  if (!u) throw forbidden('Hiervoor is de rol beheerder nodig.')
  return u
}

/** The user as `p` may see them afterwards (undefined once their last role in p's organisations is gone). */
const viewAs = (db: Db, p: Principal, id: number): AdminUser | undefined => listAdminUsers(db, managedOrganisationIds(p), { ids: [id] })[0]

export interface NewUser {
  email: string
  name: string
  isAdmin?: boolean
  roles: { organisation: string; role: string }[]
}

export function createManagedUser(db: Db, p: Principal, who: Actor, input: NewUser): AdminUser {
  if (input.isAdmin && !p.isAdmin) throw forbidden('Alleen een beheerder van de installatie maakt een andere beheerder van de installatie.')
  const roles = input.roles.map((r, i) => {
    if (!isRole(r.role))
      throw invalid(`Rol '${r.role}' is onbekend.`, [
        { field: `roles.${i}.role`, message: 'kies lezer, medewerker, controller of beheerder' },
      ])
    return { orgCode: managedOrganisation(db, p, r.organisation).code, role: r.role }
  })
  if (!roles.length) requireSomeBeheer(p)
  if (!roles.length && !input.isAdmin)
    throw invalid('Geef de gebruiker een rol in minstens één organisatie.', [{ field: 'roles', message: 'minstens één rol' }])
  if (findUserByEmail(db, input.email)) throw conflict(`Er is al een gebruiker met e-mailadres ${input.email.trim().toLowerCase()}.`)
  try {
    const row = createUser(db, who, { email: input.email, name: input.name, isAdmin: !!input.isAdmin, roles })
    return viewAs(db, p, row.id)!
  } catch (e) {
    if (e instanceof UserInputError) {
      const field = /e-mail/.test(e.message) ? 'email' : /naam/.test(e.message) ? 'name' : 'roles'
      throw invalid(e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.', [{ field, message: e.message }])
    }
    throw e
  }
}

/** Give, change (role) or remove (null) a user's role in one organisation the caller manages. */
export function setManagedRole(
  db: Db,
  p: Principal,
  who: Actor,
  userId: number,
  orgCode: string,
  role: Role | null,
): AdminUser | undefined {
  const org = managedOrganisation(db, p, orgCode)
  managedUser(db, p, userId)
  // Nobody takes away their own beheer by accident; another beheerder or an operator can.
  if (userId === p.userId && !p.isAdmin)
    throw invalid('U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.', [{ field: 'role', message: 'eigen rol' }])
  if (role === null) {
    if (!removeRole(db, who, userId, org.id)) throw notFound(`Gebruiker ${userId} heeft geen rol in ${org.code}.`)
  } else {
    setRole(db, who, userId, org.code, role)
  }
  return viewAs(db, p, userId)
}

/**
 * Disable or enable a user. Disabling shuts the user out of every organisation, so a beheerder may do it only
 * for users whose roles are all in organisations the beheerder manages; otherwise removing the role is the way.
 */
export function setManagedDisabled(db: Db, p: Principal, who: Actor, userId: number, disabled: boolean, now: Date): AdminUser {
  const u = managedUser(db, p, userId)
  if (userId === p.userId) throw invalid('U kunt uzelf niet uitschakelen.', [{ field: 'disabled', message: 'eigen account' }])
  if (!p.isAdmin) {
    const elsewhere = [...rolesOfUser(db, userId).keys()].filter((id) => roleIn(p, id) !== 'beheerder')
    if (u.isAdmin || elsewhere.length) {
      throw forbidden(
        'Deze gebruiker werkt ook voor een andere organisatie; haal de rol in uw organisatie weg, ' +
          'of vraag de beheerder van de installatie.',
      )
    }
  }
  if (disabled && !u.disabledAt) {
    disableUser(db, who, u.email, now.toISOString())
    endSessions(db, userId)
  } else if (!disabled && u.disabledAt) {
    enableUser(db, who, userId)
  }
  return viewAs(db, p, userId)!
}
