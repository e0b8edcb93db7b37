// What every CLI command shares: the database (opened lazily), --json output, exit codes (docs/cli.md).
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { openDatabase, type Db } from '../../db/client.js'
import type { Actor } from '../../db/audit.js'
import { DEFAULT_DB } from '../config.js'

export const EXIT = { ok: 0, rejected: 1, usage: 2, failure: 3 } as const

export class CliError extends Error {
  constructor(
    message: string,
    public exitCode: number = EXIT.failure,
  ) {
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
  constructor(
    public opts: GlobalOptions,
    public stdout: NodeJS.WritableStream = process.stdout,
    public stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  get dbPath(): string {
    return resolve(this.opts.db || process.env.WOUD_DB || DEFAULT_DB)
  }

  get db(): Db {
    this._db ??= openDatabase(this.dbPath)
    return this._db
  }

  /**
   * The database for a command that only reads (user list, deadlines): opened read-only and never migrated,
   * so it works on a read-only file or a copy an auditor was given. A database already opened is reused.
   */
  get readDb(): Db {
    if (this._db) return this._db
    if (!existsSync(this.dbPath)) throw new CliError(`database ${this.dbPath} bestaat niet`, EXIT.failure)
    this._db = openDatabase(this.dbPath, { readonly: true })
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
