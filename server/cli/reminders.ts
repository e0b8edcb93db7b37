// woud reminders send [--org CODE] [--dry-run] · woud reminders status [--org CODE] [--check] (contract §2)
import type { Register } from '../cli.js'
import { organisations } from '../../db/schema.js'
import { loadMailConfig, MailConfigError, requireSmtp, type MailConfig } from '../mail/config.js'
import { runReminders, type RunResult } from '../mail/run.js'
import { reminderStatus, statusText } from '../mail/status.js'
import { createMailer } from '../mail/transport.js'
import { CliError, EXIT, type CliContext } from './context.js'
import { cliToday, requireOrg } from './deadlines.js'

const orgIds = (c: CliContext, code?: string): number[] =>
  code
    ? [requireOrg(c, code).id]
    : c.db
        .select({ id: organisations.id })
        .from(organisations)
        .all()
        .map((r) => r.id)

function mailConfig(): MailConfig {
  try {
    return loadMailConfig(process.env)
  } catch (e) {
    if (e instanceof MailConfigError) throw new CliError(e.message, EXIT.failure)
    throw e
  }
}

function runText(r: RunResult): string {
  const line = (i: { organisation: string; recipient: string; subject: string }) => `  ${i.organisation}  ${i.recipient}  ${i.subject}`
  if (r.dryRun) {
    return r.wouldSend.length
      ? [`Zou verzenden op ${r.today} (${r.wouldSend.length}):`, ...r.wouldSend.map(line)].join('\n')
      : `Niets te verzenden op ${r.today}.`
  }
  const out = [`Herinneringen ${r.today}: ${r.sent.length} verzonden, ${r.failed.length} niet afgeleverd.`, ...r.sent.map(line)]
  for (const f of r.failed) out.push(`NIET AFGELEVERD na ${f.attempts} poging(en) aan ${f.recipient}: ${f.error}`)
  if (r.failed.length) out.push('De volgende run probeert het opnieuw; zie `woud reminders status`.')
  return out.join('\n')
}

export const registerReminders: Register = (program, ctx) => {
  const cmd = program.command('reminders').description('herinneringen per e-mail over deadlines')
  cmd
    .command('send')
    .description('verstuur wat vandaag (Europe/Amsterdam) verschuldigd is; twee keer op één dag verstuurt niets dubbel')
    .option('--org <code>', 'alleen deze organisatie')
    .option('--dry-run', 'toon wat verzonden zou worden, verstuur en bewaar niets')
    .action(async (o: { org?: string; dryRun?: boolean }) => {
      const c = ctx()
      const cfg = mailConfig()
      const ids = orgIds(c, o.org)
      const base = { today: cliToday(c), organisationIds: ids, publicUrl: cfg.publicUrl, now: c.now }
      let result: RunResult
      if (o.dryRun) result = await runReminders(c.db, { ...base, dryRun: true })
      else {
        let smtp
        try {
          smtp = requireSmtp(cfg)
        } catch (e) {
          throw new CliError((e as Error).message, EXIT.failure)
        }
        const mailer = createMailer(smtp)
        try {
          result = await runReminders(c.db, { ...base, mailer })
        } finally {
          mailer.close()
        }
      }
      c.print(result, () => runText(result))
      // On stderr too, so a cron job's mail or log shows every failure even with --json.
      for (const f of result.failed) c.log(`woud: herinnering niet afgeleverd aan ${f.recipient} (${f.organisation}): ${f.error}`)
      if (result.failed.length) c.exitCode = EXIT.failure
    })
  cmd
    .command('status')
    .description('wat vandaag verzonden is, wat niet afgeleverd is en waarom, en wie niets ontvangt')
    .option('--org <code>', 'alleen deze organisatie')
    .option('--check', 'maak ook verbinding met de SMTP-server (zonder iets te versturen)')
    .action(async (o: { org?: string; check?: boolean }) => {
      const c = ctx()
      const problems: string[] = []
      let cfg: MailConfig | null = null
      try {
        cfg = loadMailConfig(process.env)
      } catch (e) {
        if (!(e instanceof MailConfigError)) throw e
        problems.push(e.message)
      }
      if (o.check && cfg) {
        try {
          const mailer = createMailer(requireSmtp(cfg))
          const err = await mailer.verify()
          mailer.close()
          if (err) problems.push(err)
        } catch (e) {
          if (!(e instanceof MailConfigError)) throw e
          problems.push(e.message)
        }
      }
      const s = reminderStatus(c.db, orgIds(c, o.org), cliToday(c), cfg, problems)
      c.print(s, () => statusText(s))
      if (problems.length || s.organisations.some((x) => x.undelivered > 0)) c.exitCode = EXIT.failure
    })
}
