// woud user add|list|role|disable and woud token create|list|revoke: people, their roles and their secrets (docs/api.md).
import type { Register } from '../cli.js'
import { isIsoDate, todayAmsterdam } from '../../db/dates.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import {
  createToken,
  createUser,
  disableUser,
  findUserByEmail,
  isRole,
  listTokens,
  listUsers,
  revokeToken,
  ROLES,
  setRole,
  type Role,
} from '../../db/repositories/users.js'
import { CliError, EXIT, type CliContext } from './context.js'

const collect = (v: string, prev: string[]) => [...prev, v]

/** --org/--role pairs in the order given: the n-th --role belongs to the n-th --org. */
export function rolePairs(orgs: string[], roles: string[]): { orgCode: string; role: Role }[] {
  if (orgs.length !== roles.length)
    throw new CliError(`elke --org heeft een --role nodig (${orgs.length} --org, ${roles.length} --role)`, EXIT.usage)
  return orgs.map((orgCode, i) => {
    const role = roles[i]
    if (!isRole(role)) throw new CliError(`--role '${role}' is onbekend (${ROLES.join(', ')})`, EXIT.usage)
    return { orgCode: orgCode.trim().toUpperCase(), role }
  })
}

function userOrFail(c: CliContext, email: string, readOnly = false) {
  const u = findUserByEmail(readOnly ? c.readDb : c.db, email)
  if (!u) throw new CliError(`gebruiker ${email} bestaat niet`, EXIT.rejected)
  return u
}

export const registerUsers: Register = (program, ctx) => {
  const user = program.command('user').description('gebruikers en hun rollen per organisatie')
  user
    .command('add')
    .description('een gebruiker toevoegen')
    .requiredOption('--email <email>', 'e-mailadres (ook de naam in het auditspoor)')
    .requiredOption('--name <name>', 'naam')
    .option('--org <code>', 'CBS-code van een organisatie (herhaalbaar, samen met --role)', collect, [])
    .option('--role <role>', `rol in die organisatie: ${ROLES.join(', ')}`, collect, [])
    .option('--admin', 'beheerder van de installatie: alle organisaties, alle rollen')
    .action((o: { email: string; name: string; org: string[]; role: string[]; admin?: boolean }) => {
      const roles = rolePairs(o.org, o.role)
      if (!roles.length && !o.admin) throw new CliError('geef minstens één --org/--role, of --admin', EXIT.usage)
      const c = ctx()
      const row = createUser(c.db, c.who, { email: o.email, name: o.name, isAdmin: !!o.admin, roles })
      c.print(
        { email: row.email, name: row.name, isAdmin: row.isAdmin, roles: roles.map((r) => ({ organisation: r.orgCode, role: r.role })) },
        `Gebruiker ${row.email} toegevoegd${row.isAdmin ? ' (beheerder van de installatie)' : ''}` +
          `${roles.length ? ': ' + roles.map((r) => `${r.role} in ${r.orgCode}`).join(', ') : ''}.`,
      )
    })

  user
    .command('role')
    .description('een rol geven of wijzigen')
    .requiredOption('--email <email>', 'e-mailadres')
    .requiredOption('--org <code>', 'CBS-code', collect, [])
    .requiredOption('--role <role>', `rol: ${ROLES.join(', ')}`, collect, [])
    .action((o: { email: string; org: string[]; role: string[] }) => {
      const roles = rolePairs(o.org, o.role)
      const c = ctx()
      const u = userOrFail(c, o.email)
      c.db.$client.transaction(() => {
        for (const r of roles) setRole(c.db, c.who, u.id, r.orgCode, r.role)
      })()
      c.print(
        { email: u.email, roles: roles.map((r) => ({ organisation: r.orgCode, role: r.role })) },
        `${u.email}: ${roles.map((r) => `${r.role} in ${r.orgCode}`).join(', ')}.`,
      )
    })

  user
    .command('disable')
    .description('een gebruiker uitschakelen: al zijn tokens werken direct niet meer')
    .requiredOption('--email <email>', 'e-mailadres')
    .action((o: { email: string }) => {
      const c = ctx()
      const u = userOrFail(c, o.email)
      if (!disableUser(c.db, c.who, u.email, c.now().toISOString()))
        throw new CliError(`gebruiker ${u.email} is al uitgeschakeld`, EXIT.rejected)
      c.print({ email: u.email, disabled: true }, `Gebruiker ${u.email} uitgeschakeld.`)
    })

  user
    .command('list')
    .description('alle gebruikers met hun rollen')
    .action(() => {
      const c = ctx()
      const items = listUsers(c.readDb)
      c.print({ items, total: items.length }, () =>
        items.length === 0
          ? 'Geen gebruikers.'
          : items
              .map(
                (u) =>
                  `${u.email}\t${u.name}\t${u.isAdmin ? 'beheerder installatie' : u.roles.map((r) => `${r.organisation}:${r.role}`).join(' ') || '-'}` +
                  `${u.disabledAt ? '\tuitgeschakeld' : ''}`,
              )
              .join('\n'),
      )
    })

  const token = program.command('token').description('API- en agendafeedtokens')
  token
    .command('create')
    .description('een token maken; het geheim wordt één keer getoond')
    .requiredOption('--user <email>', 'e-mailadres van de gebruiker')
    .option('--expires <date>', 'laatste dag waarop het token werkt (YYYY-MM-DD)')
    .option('--label <label>', 'waarvoor het token is (bijvoorbeeld "koppeling financieel systeem")')
    .option('--feed', 'een agendafeedtoken (alleen voor de .ics-URL van één organisatie)')
    .option('--org <code>', 'de organisatie van het agendafeedtoken')
    .action((o: { user: string; expires?: string; label?: string; feed?: boolean; org?: string }) => {
      if (o.expires !== undefined && !isIsoDate(o.expires))
        throw new CliError(`--expires '${o.expires}' is geen datum (YYYY-MM-DD)`, EXIT.usage)
      if (o.feed && !o.org) throw new CliError('--feed heeft --org nodig', EXIT.usage)
      if (!o.feed && o.org) throw new CliError('--org hoort alleen bij --feed', EXIT.usage)
      const c = ctx()
      if (o.expires !== undefined && o.expires < todayAmsterdam(c.now()))
        throw new CliError(`--expires ${o.expires} ligt in het verleden`, EXIT.rejected)
      const u = userOrFail(c, o.user)
      if (u.disabledAt) throw new CliError(`gebruiker ${u.email} is uitgeschakeld`, EXIT.rejected)
      let organisationId: number | null = null
      if (o.feed) {
        const org = findOrganisation(c.db, o.org!)
        if (!org) throw new CliError(`organisatie ${o.org} bestaat niet`, EXIT.rejected)
        const roles = listUsers(c.db).find((x) => x.email === u.email)!.roles
        if (!u.isAdmin && !roles.some((r) => r.organisation === org.code))
          throw new CliError(`${u.email} heeft geen rol in ${org.code}`, EXIT.rejected)
        organisationId = org.id
      }
      const t = createToken(c.db, c.who, u.id, {
        expiresOn: o.expires ?? null,
        label: o.label ?? null,
        kind: o.feed ? 'feed' : 'api',
        organisationId,
      })
      c.print(
        { token: t.token, id: t.id, expiresOn: t.expiresOn },
        `${t.token}\n\nToken ${t.id} voor ${u.email}${
          t.expiresOn
            ? `,
          geldig tot en met ${t.expiresOn}`
            : ''
        }. Bewaar het nu: het wordt niet nog eens getoond.`,
      )
    })

  token
    .command('list')
    .description('de tokens van een gebruiker (zonder geheimen)')
    .requiredOption('--user <email>', 'e-mailadres')
    .action((o: { user: string }) => {
      const c = ctx()
      const items = listTokens(c.readDb, userOrFail(c, o.user, true).id)
      c.print({ items, total: items.length }, () =>
        items.length === 0
          ? 'Geen tokens.'
          : items
              .map((t) =>
                [
                  t.id,
                  t.kind === 'feed' ? `feed ${t.organisation}` : 'api',
                  t.label ?? '-',
                  t.expiresOn ? `tot en met ${t.expiresOn}` : 'geen einddatum',
                  t.revokedAt ? `ingetrokken ${t.revokedAt.slice(0, 10)}` : 'actief',
                  t.lastUsedAt ? `laatst gebruikt ${t.lastUsedAt.slice(0, 10)}` : 'nooit gebruikt',
                ].join('\t'),
              )
              .join('\n'),
      )
    })

  token
    .command('revoke')
    .description('een token intrekken')
    .argument('<id>', 'nummer van het token (zie token list)')
    .action((id: string) => {
      if (!/^[1-9][0-9]*$/.test(id)) throw new CliError(`'${id}' is geen tokennummer`, EXIT.usage)
      const c = ctx()
      if (!revokeToken(c.db, c.who, Number(id))) throw new CliError(`token ${id} bestaat niet of is al ingetrokken`, EXIT.rejected)
      c.print({ id: Number(id), revoked: true }, `Token ${id} ingetrokken.`)
    })
}
