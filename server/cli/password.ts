// woud user password --email E: set or reset a web sign-in password (contract §2); the password is never echoed or logged.
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import type { Register } from '../cli.js'
import { findUserByEmail } from '../../db/repositories/users.js'
import { setPassword } from '../../db/repositories/passwords.js'
import { CliError, EXIT, type CliContext } from './context.js'

type Input = NodeJS.ReadableStream & { isTTY?: boolean }

/** Tests hand the context a `stdin`; the real CLI reads the process's own. */
const inputOf = (c: CliContext): Input => (c as CliContext & { stdin?: Input }).stdin ?? process.stdin

/** At a terminal: two prompts on stderr, typing not echoed (readline writes its echo to a sink). */
async function askTwice(input: Input, prompt: NodeJS.WritableStream): Promise<[string, string]> {
  const sink = new Writable({
    write(_c, _e, cb) {
      cb()
    },
  })
  const rl = createInterface({ input, output: sink, terminal: true })
  const ask = (q: string) =>
    new Promise<string>((resolve, reject) => {
      prompt.write(q)
      rl.once('close', () => reject(new CliError('afgebroken', EXIT.usage)))
      rl.question('', (a) => {
        prompt.write('\n')
        resolve(a)
      })
    })
  try {
    return [await ask('Nieuw wachtwoord: '), await ask('Nog een keer: ')]
  } finally {
    rl.close()
  }
}

/** Not a terminal: the first two lines of stdin (a password manager or a script pipes them in). */
async function readTwoLines(input: Input): Promise<[string, string]> {
  let text = ''
  for await (const chunk of input) text += String(chunk)
  const lines = text.split(/\r?\n/)
  if (text.endsWith('\n')) lines.pop()
  if (lines.length < 2) {
    throw new CliError('geef het wachtwoord twee keer, op twee regels op stdin', EXIT.rejected)
  }
  return [lines[0], lines[1]]
}

export const registerPassword: Register = (program, ctx) => {
  const user = program.commands.find((c) => c.name() === 'user') ?? program.command('user')
  user
    .command('password')
    .description('een wachtwoord voor de webapplicatie instellen of opnieuw instellen')
    .requiredOption('--email <email>', 'e-mailadres van de gebruiker')
    .action(async (o: { email: string }) => {
      const c = ctx()
      const u = findUserByEmail(c.db, o.email)
      if (!u) throw new CliError(`gebruiker ${o.email} bestaat niet`, EXIT.rejected)
      if (u.disabledAt) throw new CliError(`gebruiker ${u.email} is uitgeschakeld`, EXIT.rejected)
      const input = inputOf(c)
      const [first, second] = input.isTTY ? await askTwice(input, c.stderr) : await readTwoLines(input)
      if (first !== second) throw new CliError('de twee wachtwoorden zijn niet gelijk; er is niets gewijzigd', EXIT.rejected)
      const reset = !!u.passwordHash
      setPassword(c.db, c.who, u.id, first)
      c.print({ email: u.email, passwordSet: true }, `Wachtwoord van ${u.email} ${reset ? 'opnieuw ingesteld' : 'ingesteld'}.`)
    })
}
