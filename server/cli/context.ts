// What every CLI command shares: the database (opened lazily), --json output, exit codes (contract §2).
import { resolve } from 'node:path'
import { openDatabase, type Db } from '../../db/client.js'
import type { Actor } from '../../db/audit.js'
import { DEFAULT_DB } from '../config.js'

export const EXIT = { ok: 0, rejected: 1, usage: 2, failure: 3 } as const

export class CliError extends Error {
  constructor(message: string, public exitCode: number = EXIT.failure) {
    super(message)
  }
}

export interface GlobalOptions {
  db?: string
  json?: boolean
}

export class CliContext {
  private _db?: Db
  /** Set by a command that finished but must report failure (e.g. a rejected import: 1). */
  exitCode: number = EXIT.ok
  /** The clock; tests pin "today" by replacing it. */
  now: () => Date = () => new Date()
  constructor(public opts: GlobalOptions, public stdout: NodeJS.WritableStream = process.stdout, public stderr: NodeJS.WritableStream = process.stderr) {}

  get dbPath(): string {
    return resolve(this.opts.db || process.env.WOUD_DB || DEFAULT_DB)
  }

  get db(): Db {
    this._db ??= openDatabase(this.dbPath)
    return this._db
  }

  get json(): boolean {
    return !!this.opts.json
  }

  /** The audit actor of a CLI user: the OS user, since the CLI runs on the server itself. */
  get who(): Actor {
    return { actor: `cli:${process.env.USER || process.env.USERNAME || 'onbekend'}`, source: 'cli' }
  }

  /** Print the result: one JSON document with --json, else the human text. */
  print(result: unknown, human: string | (() => string)): void {
    if (this.json) this.stdout.write(JSON.stringify(result) + '\n')
    else this.stdout.write((typeof human === 'function' ? human() : human) + '\n')
  }

  log(line: string): void {
    this.stderr.write(line + '\n')
  }

  close(): void {
    this._db?.$client.close()
    this._db = undefined
  }
}
