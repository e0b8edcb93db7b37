// woud user password --email E: two lines on stdin (or two hidden prompts at a terminal), never echoed or logged.
import t from 'tap'
import { PassThrough, Readable, Writable } from 'node:stream'
import { openDatabase, type Db } from '../../db/client.js'
import { SYSTEM } from '../../db/audit.js'
import { verifyPassword } from '../../db/repositories/passwords.js'
import { createUser } from '../../db/repositories/users.js'
import { runCli } from '../../server/cli.js'
import { CliContext } from '../../server/cli/context.js'

type Input = NodeJS.ReadableStream & { isTTY?: boolean }

async function run(db: Db, stdin: Input, ...argv: string[]) {
  let out = ''
  let err = ''
  const stdout = new Writable({
    write(c, _e, cb) {
      out += String(c)
      cb()
    },
  })
  const stderr = new Writable({
    write(c, _e, cb) {
      err += String(c)
      cb()
    },
  })
  const code = await runCli(argv, (opts) => {
    const c = new (class extends CliContext {
      override get db() {
        return db
      }
      override close() {}
    })(opts, stdout, stderr)
    Object.assign(c, { stdin })
    return c
  })
  return { code, out, err }
}

const lines = (...l: string[]) => Readable.from([l.join('\n') + '\n'])
const PW = 'lang genoeg wachtwoord'

t.test('non-TTY: two equal lines set the password; a second run resets it', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  createUser(db, SYSTEM, { email: 'piet@gemeente.nl', name: 'Piet', isAdmin: true })
  const r = await run(db, lines(PW, PW), 'user', 'password', '--email', 'Piet@Gemeente.nl')
  t.equal(r.code, 0, r.err)
  t.equal(r.out, 'Wachtwoord van piet@gemeente.nl ingesteld.\n')
  t.ok(verifyPassword(db, 'piet@gemeente.nl', PW))
  const again = await run(
    db,
    Readable.from(['nieuw wachtwoord 1\r\nnieuw wachtwoord 1']),
    '--json',
    'user',
    'password',
    '--email',
    'piet@gemeente.nl',
  )
  t.equal(again.code, 0, again.err)
  t.strictSame(JSON.parse(again.out), { email: 'piet@gemeente.nl', passwordSet: true })
  t.ok(verifyPassword(db, 'piet@gemeente.nl', 'nieuw wachtwoord 1'), 'CRLF and a missing last newline are fine')
  t.notOk(r.out.includes(PW) || r.err.includes(PW) || again.out.includes('nieuw'), 'the password is never printed')
})

t.test('refusals exit 1 and change nothing', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  createUser(db, SYSTEM, { email: 'jan@gemeente.nl', name: 'Jan', isAdmin: true })
  const cases: [Input, string, RegExp][] = [
    [lines(PW, PW + 'x'), 'jan@gemeente.nl', /niet gelijk/],
    [lines(PW), 'jan@gemeente.nl', /twee keer/],
    [lines('kort', 'kort'), 'jan@gemeente.nl', /minstens 12 tekens/],
    [lines(PW, PW), 'niemand@gemeente.nl', /bestaat niet/],
  ]
  for (const [stdin, email, msg] of cases) {
    const r = await run(db, stdin, 'user', 'password', '--email', email)
    t.equal(r.code, 1, String(msg))
    t.match(r.err, msg)
    t.notOk(r.err.includes(PW), 'the refused password is not echoed back')
  }
  t.equal(verifyPassword(db, 'jan@gemeente.nl', PW), null)
  t.equal((await run(db, lines(PW, PW), 'user', 'password')).code, 2, 'without --email: usage error')
})

t.test('at a terminal: two prompts on stderr, typed characters not echoed', async (t) => {
  const db = openDatabase(':memory:')
  t.teardown(() => db.$client.close())
  createUser(db, SYSTEM, { email: 'kees@gemeente.nl', name: 'Kees', isAdmin: true })
  const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => tty })
  setTimeout(() => tty.write(PW + '\r'), 20)
  setTimeout(() => tty.write(PW + '\r'), 60)
  const r = await run(db, tty, 'user', 'password', '--email', 'kees@gemeente.nl')
  t.equal(r.code, 0, r.err)
  t.equal(r.err, 'Nieuw wachtwoord: \nNog een keer: \n', 'prompts only, no echo of the typing')
  t.ok(verifyPassword(db, 'kees@gemeente.nl', PW))
})
