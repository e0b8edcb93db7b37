// `woud <command>`: the command line (docs/cli.md). Each command is one module under server/cli/.
import { Command, CommanderError } from 'commander'
import { DatabaseFileError } from '../db/client.js'
import { DomainError, isBusyError } from '../db/errors.js'
import { CliContext, CliError, EXIT } from './cli/context.js'
import { registerBackup } from './cli/backup.js'
import { registerCalendar } from './cli/calendar.js'
import { registerDeadlines } from './cli/deadlines.js'
import { registerExport } from './cli/export.js'
import { registerImport } from './cli/import.js'
import { registerOrg } from './cli/org.js'
import { registerReminders } from './cli/reminders.js'
import { registerServe } from './cli/serve.js'
import { registerUsers } from './cli/users.js'
import { registerPassword } from './cli/password.js'
import { registerTemplate } from './cli/template.js'
import { registerReform } from './cli/reform.js'

export type Register = (program: Command, ctx: () => CliContext) => void

export function buildProgram(ctxFactory?: (opts: { db?: string; json?: boolean }) => CliContext): {
  program: Command
  context: () => CliContext
} {
  const program = new Command('woud')
    .description('Woud: specifieke uitkeringen, deadlines, SiSa en BBV voor gemeenten')
    .option('--db <path>', 'database (standaard $WOUD_DB, anders ./data/woud.db)')
    .option('--json', 'resultaat als één JSON-document op stdout')
    .exitOverride()
    .showHelpAfterError()
  let ctx: CliContext | undefined
  const context = () => (ctx ??= ctxFactory ? ctxFactory(program.opts()) : new CliContext(program.opts()))
  for (const register of [
    registerServe,
    registerOrg,
    registerImport,
    registerExport,
    registerDeadlines,
    registerCalendar,
    registerBackup,
    registerUsers,
  ] as Register[]) {
    register(program, context)
  }
  registerReminders(program, context)
  registerTemplate(program, context) // realfiles: `woud template KIND --out FILE.xlsx`
  registerPassword(program, context) // web area: `woud user password`, after registerUsers made `user`
  registerReform(program, context)
  return { program, context }
}

/** Run the CLI and return its exit code; never calls process.exit itself (tests call this). */
export async function runCli(argv: string[], ctxFactory?: (opts: { db?: string; json?: boolean }) => CliContext): Promise<number> {
  const { program, context } = buildProgram(ctxFactory)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return context().exitCode
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok
      return EXIT.usage
    }
    const c = context()
    const fail = (message: string, code: number) => {
      c.log(`woud: ${message}`)
      // With --json a failure is one JSON document on stdout too, so scripts always get something to parse.
      if (c.json) c.stdout.write(JSON.stringify({ error: message, exitCode: code }) + '\n')
      return code
    }
    if (e instanceof CliError) return fail(e.message, e.exitCode)
    if (e instanceof DatabaseFileError) return fail(e.message, EXIT.failure)
    if (e instanceof DomainError) return fail(e.message, e.kind === 'busy' ? EXIT.failure : EXIT.rejected)
    if (isBusyError(e)) return fail('de database is bezet door een andere schrijfactie; probeer het opnieuw', EXIT.failure)
    return fail(`onverwachte fout: ${e instanceof Error ? e.message : String(e)}`, EXIT.failure)
  } finally {
    if (program.args[0] !== 'serve') context().close()
  }
}

if (process.argv[1]?.endsWith('server/cli.ts')) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
