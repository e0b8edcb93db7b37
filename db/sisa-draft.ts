// SiSa definitions of year T before they are published (the bijlage op maat comes around 15 January T+1, domain guide
// §1.3): a regeling that T lacks is taken over from T-1 as a draft, marked 'overgenomen uit T-1, controleren'.
// Whether and for which codes is data (the settings table, default in db/reference/sisa-definitions.json), not code.
import { eq } from 'drizzle-orm'
import type { Db } from './client.js'
import { settings } from './schema.js'
import type { RegelingDef } from './sisa-definitions.js'

export const SISA_DRAFT_KEY = 'sisa.definitiesConcept'

export interface DraftPolicy {
  /** Take a regeling T lacks over from T-1 (published definitions only: a draft is never drafted again). */
  fromPreviousYear: boolean
  /**
   * 'year': only a year without any published definitions is drafted (whole); 'regeling': also each regeling a
   * published year lacks (useful when one organisation's bijlage op maat holds only its own regelingen).
   */
  scope: 'year' | 'regeling'
  /** SiSa codes that are never taken over (a regeling known to have ended). */
  exclude: string[]
  source: string
}

export const DEFAULT_DRAFT_POLICY: DraftPolicy = {
  fromPreviousYear: true,
  scope: 'year',
  exclude: [],
  source: 'Woud: the definitions of T are published by CBS around 15 January T+1; until then T-1 is the best guess',
}

/** The policy in the settings table when it is valid, else the default. */
export function draftPolicy(db: Db): DraftPolicy {
  const row = db.select().from(settings).where(eq(settings.key, SISA_DRAFT_KEY)).get()
  const v = row?.value as Partial<DraftPolicy> | undefined
  if (!v || typeof v.fromPreviousYear !== 'boolean') return DEFAULT_DRAFT_POLICY
  return {
    fromPreviousYear: v.fromPreviousYear,
    scope: v.scope === 'regeling' ? 'regeling' : 'year',
    exclude: Array.isArray(v.exclude) ? v.exclude.filter((c): c is string => typeof c === 'string').map((c) => c.toUpperCase()) : [],
    source: row?.source ?? 'settings',
  }
}

/** The Dutch mark of a draft, shown in findings and import warnings. */
export const draftNote = (year: number, from: number) => `SiSa-definities ${year} overgenomen uit ${from}, controleren`

interface YearLike<R> {
  sisaYear: number
  formatDate: string
  regelingen: R[]
  draftOf?: number
}

/**
 * Year T as used: its published regelingen, or (no published definitions, or scope 'regeling') T-1's regelingen that
 * T lacks, marked `draftOf: T-1`. A year with only drafts keeps T-1's format date (the layout it was taken from) and is marked too.
 */
export function withDrafts<R extends Pick<RegelingDef, 'sisaCode'> & { draftOf?: number }>(
  year: number,
  published: YearLike<R> | undefined,
  previous: YearLike<R> | undefined,
  policy: DraftPolicy,
): YearLike<R> | undefined {
  if (!policy.fromPreviousYear || !previous || (published && policy.scope === 'year')) return published
  const have = new Set((published?.regelingen ?? []).map((r) => r.sisaCode))
  const taken = previous.regelingen
    .filter((r) => r.draftOf === undefined && !have.has(r.sisaCode) && !policy.exclude.includes(r.sisaCode))
    .map((r) => ({ ...r, draftOf: previous.sisaYear }))
  if (taken.length === 0) return published
  if (!published) return { sisaYear: year, formatDate: previous.formatDate, regelingen: taken, draftOf: previous.sisaYear }
  return { ...published, regelingen: [...published.regelingen, ...taken].sort((a, b) => a.sisaCode.localeCompare(b.sisaCode)) }
}
