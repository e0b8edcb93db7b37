// A signed-in user's own secrets: API tokens and calendar-feed tokens, made and revoked by the user (API and web alike).
import type { Actor } from '../db/audit.js'
import type { Db } from '../db/client.js'
import { invalid, notFound } from '../db/errors.js'
import { findOrganisation } from '../db/repositories/organisations.js'
import { tokenOfUser } from '../db/repositories/user-admin.js'
import { createToken, revokeToken, type CreatedToken, type Principal } from '../db/repositories/users.js'
import { roleIn } from './access.js'

export interface OwnTokenInput {
  kind: 'api' | 'feed'
  label?: string | null
  expiresOn?: string | null
  organisation?: string | null
}

/** A new token of the caller; the secret is in the result only. `today` is the Amsterdam date. */
export function createOwnToken(
  db: Db,
  p: Principal,
  who: Actor,
  input: OwnTokenInput,
  today: string,
): CreatedToken & { organisation: string | null } {
  // A feed token cannot mint anything: it only reads one calendar.
  if (p.tokenKind === 'feed') throw notFound('Tokens bestaan niet')
  const label = input.label?.trim() || null
  if (label && label.length > 200) throw invalid('De omschrijving is te lang.', [{ field: 'label', message: 'hooguit 200 tekens' }])
  if (input.expiresOn && input.expiresOn < today) {
    throw invalid('De einddatum ligt in het verleden.', [{ field: 'expiresOn', message: 'kies vandaag of een latere datum' }])
  }
  let organisationId: number | null = null
  let organisation: string | null = null
  if (input.kind === 'feed') {
    if (!input.organisation)
      throw invalid('Kies de organisatie van de agenda.', [{ field: 'organisation', message: 'verplicht voor een agendafeed' }])
    const org = findOrganisation(db, input.organisation)
    if (!org || !roleIn(p, org.id)) throw notFound(`Organisatie ${input.organisation} bestaat niet.`)
    organisationId = org.id
    organisation = org.code
  } else if (input.organisation) {
    throw invalid('Een API-token hoort niet bij één organisatie.', [{ field: 'organisation', message: 'alleen voor een agendafeed' }])
  }
  const tok = createToken(db, who, p.userId, { kind: input.kind, label, expiresOn: input.expiresOn ?? null, organisationId })
  return { ...tok, organisation }
}

/** Revoke one of the caller's own tokens; someone else's (or an unknown or already revoked one) is a 404. */
export function revokeOwnToken(db: Db, p: Principal, who: Actor, id: number): void {
  const tok = tokenOfUser(db, p.userId, id)
  if (!tok || tok.revokedAt || p.tokenKind === 'feed') throw notFound(`Token ${id} bestaat niet.`)
  revokeToken(db, who, id)
}

/** The calendar URL a feed token opens (to paste into Outlook); the secret is in the query string by necessity. */
export function feedUrl(origin: string, organisation: string, token: string): string {
  return `${origin}/api/v1/organisations/${encodeURIComponent(organisation)}/deadlines.ics?token=${encodeURIComponent(token)}`
}
