// Uploaded files between the dry-run preview and the user's confirm or cancel: kept in a temporary file under a
// random id, tied to the browser session that uploaded it, removed on confirm, cancel, expiry or shutdown.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Longer than a coffee break, shorter than a session: an unconfirmed preview is stale after this. */
export const PENDING_TTL_MS = 30 * 60_000

export interface PendingMeta {
  sessionId: string
  kind: string
  orgCode?: string
  year?: number
  map: Record<string, string>
  fileName: string
  expiresAt: number
}

export class PendingImports {
  /** One private directory per app (mode 0700 from mkdtemp), removed with everything in it on close. */
  readonly dir = mkdtempSync(join(tmpdir(), 'woud-import-'))
  private readonly items = new Map<string, PendingMeta & { path: string }>()

  /** Keep an upload; returns its id (random, 128 bits: not guessable, and useless without the session anyway). */
  put(meta: Omit<PendingMeta, 'expiresAt'>, bytes: Buffer, now: number): string {
    this.sweep(now)
    const id = randomBytes(16).toString('hex')
    const path = join(this.dir, id)
    writeFileSync(path, bytes, { mode: 0o600 })
    this.items.set(id, { ...meta, expiresAt: now + PENDING_TTL_MS, path })
    return id
  }

  /** The upload with this id of this session, or undefined (unknown, someone else's, or expired: all alike). */
  get(id: string, sessionId: string, now: number): (PendingMeta & { bytes: Buffer }) | undefined {
    this.sweep(now)
    const it = this.items.get(id)
    if (!it || it.sessionId !== sessionId) return undefined
    return { ...it, bytes: readFileSync(it.path) }
  }

  drop(id: string): void {
    const it = this.items.get(id)
    if (!it) return
    this.items.delete(id)
    rmSync(it.path, { force: true })
  }

  sweep(now: number): void {
    for (const [id, it] of this.items) if (it.expiresAt <= now) this.drop(id)
  }

  get size(): number {
    return this.items.size
  }

  close(): void {
    this.items.clear()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
