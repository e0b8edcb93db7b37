// woud org add --code GM0363 --name Amsterdam [--kind gemeente|provincie|gr|waterschap] [--member CODE ...]
import type { Register } from '../cli.js'
import { CBS_CODE, createOrganisation, ORGANISATION_KINDS, type OrganisationKind } from '../../db/repositories/organisations.js'
import { CliError, EXIT } from './context.js'

export const registerOrg: Register = (program, ctx) => {
  const org = program.command('org').description('organisaties beheren')
  org
    .command('add')
    .description('een organisatie toevoegen')
    .requiredOption('--code <code>', 'CBS-code, bijvoorbeeld GM0363')
    .requiredOption('--name <name>', 'naam')
    .option('--kind <kind>', `soort: ${ORGANISATION_KINDS.join(', ')}`, 'gemeente')
    .option('--member <code...>', 'deelnemers van een gemeenschappelijke regeling')
    .action((o: { code: string; name: string; kind: string; member?: string[] }) => {
      const code = o.code.trim().toUpperCase()
      if (!CBS_CODE.test(code)) throw new CliError(`--code '${o.code}' is geen CBS-code (zoals GM0363)`, EXIT.usage)
      if (!(ORGANISATION_KINDS as readonly string[]).includes(o.kind)) {
        throw new CliError(`--kind '${o.kind}' is onbekend (${ORGANISATION_KINDS.join(', ')})`, EXIT.usage)
      }
      const c = ctx()
      const row = createOrganisation(c.db, c.who, { code, name: o.name, kind: o.kind as OrganisationKind, members: o.member })
      c.print(
        { code: row.code, name: row.name, kind: row.kind, members: o.member ?? [] },
        `Organisatie ${row.code} (${row.name}, ${row.kind}) toegevoegd.`,
      )
    })
}
