// Every deadline of an organisation: derived drafts plus custom rows, with Atw effective date, state and urgency.
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { addDays, daysBetween, yearOf } from '../db/dates.js'
import { deadlineCompletions, deadlines, grants, organisations, settings } from '../db/schema.js'
import {
  ALARM_KEY,
  DEADLINES_SETTINGS,
  LEAD_TIMES_KEY,
  type DeadlineKindSetting,
  type LeadTimes,
} from '../db/reference/settings-deadlines.js'
import { effectiveDate, loadHolidayCalendar, type HolidayCalendar } from './calendar.js'
import { deriveDrafts, type DeadlineDraft, type OrgRef } from './deadlines-derive.js'
import type { PortfolioLoad } from './portfolio-load.js'
import { DEADLINE_STATE } from '../db/enums.js'
import { DomainError } from '../db/errors.js'

export const STATES = DEADLINE_STATE.keys
export type DeadlineState = (typeof STATES)[number]
export const URGENCIES = ['none', 'low', 'medium', 'high'] as const
export type Urgency = (typeof URGENCIES)[number]
export const URGENCY_NL: Record<Urgency, string> = { none: 'geen', low: 'laag', medium: 'middel', high: 'hoog' }
export const STATE_NL: Record<DeadlineState, string> = DEADLINE_STATE.labels
export const INSTRUMENT_NL: Record<string, string> = {
  wet: 'wet',
  amvb: 'AMvB',
  ministeriele_regeling: 'ministeriële regeling',
  regeling: 'regeling (vaste datum)',
  praktijk: 'praktijk',
}
export const KIND_NL: Record<string, string> = {
  'window-open': 'Aanvraagvenster opent',
  'window-close': 'Aanvraagvenster sluit',
  spend: 'Bestedingstermijn',
  sisa: 'SiSa-aanlevering',
  eindverantwoording: 'Eindverantwoording',
  'sisa-bijlage': 'SiSa-bijlage op maat',
  meicirculaire: 'Meicirculaire',
  jaarrekening: 'Jaarrekening',
  septembercirculaire: 'Septembercirculaire',
  begroting: 'Begroting',
  decembercirculaire: 'Decembercirculaire',
  custom: 'Eigen deadline',
}

export interface Deadline extends DeadlineDraft {
  organisation: string
  organisationId: number
  /** Effective date: the nominal date moved by the Atw where it applies. */
  date: string
  shiftReason: string | null
  state: DeadlineState
  urgency: Urgency
  /** Days from today to the effective date (negative when past). */
  daysLeft: number
  doneAt: string | null
  doneBy: string | null
}

export interface DeadlineSettings {
  leadTimes: LeadTimes
  alarmDaysBefore: number
  kinds: Record<string, DeadlineKindSetting>
}

/** Settings rows override the defaults of db/reference/settings-deadlines.ts. */
export function readDeadlineSettings(db: Db): DeadlineSettings {
  const stored = new Map(
    db
      .select()
      .from(settings)
      .all()
      .map((r) => [r.key, r.value]),
  )
  const value = <T>(key: string): T => (stored.get(key) ?? DEADLINES_SETTINGS.find((s) => s.key === key)?.value) as T
  const kinds: Record<string, DeadlineKindSetting> = {}
  for (const s of DEADLINES_SETTINGS)
    if (s.key.startsWith('deadlines.kind.'))
      kinds[s.key.slice('deadlines.kind.'.length)] = { ...(s.value as DeadlineKindSetting), ...value<DeadlineKindSetting>(s.key) }
  return { leadTimes: value<LeadTimes>(LEAD_TIMES_KEY), alarmDaysBefore: value<number>(ALARM_KEY), kinds }
}

export function urgencyOf(state: DeadlineState, action: boolean, daysLeft: number, lt: LeadTimes): Urgency {
  if (state === 'done' || !action) return 'none'
  if (state === 'overdue' || daysLeft <= lt.high) return 'high'
  if (daysLeft <= lt.medium) return 'medium'
  if (daysLeft <= lt.low) return 'low'
  return 'none'
}

export interface DeadlineQuery {
  from?: string
  to?: string
  state?: DeadlineState
  kind?: string
  grantId?: number
  schemeCode?: string
  includeCatalogue?: boolean
}

/** A deadline query that cannot be answered: a DomainError naming the query field. */
export class DeadlineQueryError extends DomainError {
  override name = 'DeadlineQueryError'
  constructor(message: string, field?: string) {
    super(field ? 'invalid' : 'not-found', message, field ? [{ field, message }] : [])
  }
}

/** The default range: this year and the next, so the coming finance cycle is always in view. */
export function defaultRange(today: string, q: Pick<DeadlineQuery, 'from' | 'to'>): { from: string; to: string } {
  const from = q.from ?? `${yearOf(today)}-01-01`
  const to = q.to ?? `${Math.max(yearOf(today) + 1, yearOf(from))}-12-31`
  if (from > to) throw new DeadlineQueryError(`'from' (${from}) ligt na 'to' (${to})`, q.to !== undefined ? 'to' : 'from')
  return { from, to }
}

/** A calendar feed shows last year's history and two years ahead. */
export function feedRange(today: string): { from: string; to: string } {
  return { from: `${yearOf(today) - 1}-01-01`, to: `${yearOf(today) + 2}-12-31` }
}

function orgRef(db: Db, organisationId: number): OrgRef {
  const o = db.select().from(organisations).where(eq(organisations.id, organisationId)).get()
  if (!o) throw new DeadlineQueryError(`organisatie ${organisationId} bestaat niet`)
  return { id: o.id, code: o.code, name: o.name, kind: o.kind }
}

function finish(
  db: Db,
  org: OrgRef,
  drafts: DeadlineDraft[],
  today: string,
  cfg: DeadlineSettings,
  cal: HolidayCalendar = loadHolidayCalendar(db),
): Deadline[] {
  const done = new Map(
    db
      .select()
      .from(deadlineCompletions)
      .where(eq(deadlineCompletions.organisationId, org.id))
      .all()
      .map((c) => [c.deadlineKey, c]),
  )
  const seen = new Set<string>()
  const out: Deadline[] = []
  // Thousands of drafts share a few dates (every spend term on 31 December): shift each date once.
  const shifted = new Map<string, ReturnType<typeof effectiveDate>>()
  const days = new Map<string, number>()
  for (const d of drafts) {
    if (seen.has(d.id)) continue
    seen.add(d.id)
    const memo = `${d.atwApplies ? 1 : 0}${d.nominalDate}`
    let eff = shifted.get(memo)
    if (!eff) shifted.set(memo, (eff = effectiveDate(d.nominalDate, d.atwApplies, cal)))
    const c = done.get(d.id)
    // A passed event (a circulaire, an opening window) needs no completion: it simply happened.
    const state: DeadlineState = c || (!d.action && eff.date < today) ? 'done' : eff.date < today ? 'overdue' : 'open'
    let daysLeft = days.get(eff.date)
    if (daysLeft === undefined) days.set(eff.date, (daysLeft = daysBetween(today, eff.date)))
    out.push({
      ...d,
      organisation: org.code,
      organisationId: org.id,
      date: eff.date,
      shiftReason: eff.shiftReason,
      state,
      urgency: urgencyOf(state, d.action, daysLeft, cfg.leadTimes),
      daysLeft,
      doneAt: c?.doneAt ?? null,
      doneBy: c?.doneBy ?? null,
    })
  }
  return out
}

export const byDate = (a: Deadline, b: Deadline) =>
  a.date.localeCompare(b.date) || a.organisation.localeCompare(b.organisation) || a.id.localeCompare(b.id)

/** All deadlines of the organisations whose effective date lies in [from, to], filtered and sorted by date. */
export function listDeadlines(db: Db, organisationIds: number[], today: string, q: DeadlineQuery = {}, load?: PortfolioLoad): Deadline[] {
  const { from, to } = defaultRange(today, q)
  const cfg = readDeadlineSettings(db)
  const cal = loadHolidayCalendar(db)
  const out: Deadline[] = []
  for (const id of organisationIds) {
    const org = orgRef(db, id)
    const opts = { from: addDays(from, -14), to, today, includeCatalogue: q.includeCatalogue ?? false, cycle: true, kinds: cfg.kinds }
    const drafts = deriveDrafts(db, org, opts, load?.organisationId === id ? load : undefined)
    out.push(
      ...finish(db, org, drafts, today, cfg, cal).filter(
        (d) =>
          d.date >= from &&
          d.date <= to &&
          (!q.state || d.state === q.state) &&
          (!q.kind || d.kind === q.kind) &&
          (q.grantId === undefined || d.grantId === q.grantId) &&
          (!q.schemeCode || d.schemeCode === q.schemeCode),
      ),
    )
  }
  return out.sort(byDate)
}

/**
 * The organisation a deadline key belongs to, when the key says so: custom ids, grant keys, SiSa and cycle
 * keys. Window keys name a scheme shared by all organisations, so they return undefined.
 */
export function organisationOfKey(db: Db, key: string): number | null | undefined {
  const m = /^(?:custom:)?(\d+)$/.exec(key)
  if (m) return db.select({ o: deadlines.organisationId }).from(deadlines).where(eq(deadlines.id, +m[1])).get()?.o ?? null
  const g = /^(?:spend|eindverantwoording):(\d+)$/.exec(key)
  if (g) return db.select({ o: grants.organisationId }).from(grants).where(eq(grants.id, +g[1])).get()?.o ?? null
  const c = /^(?:sisa|cycle:[a-z-]+):([A-Z0-9]+):\d{4}$/.exec(key)
  if (c) return db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, c[1])).get()?.id ?? null
  return undefined
}

/** Find one deadline of an organisation by its key (or custom id), wherever its date lies. */
export function findDeadline(db: Db, organisationId: number, key: string, today: string): Deadline | undefined {
  const id = /^\d+$/.test(key) ? `custom:${key}` : key
  const cfg = readDeadlineSettings(db)
  const org = orgRef(db, organisationId)
  const year = /:(\d{4})$/.exec(id)?.[1]
  const cycle = id.startsWith('cycle:')
  const from = cycle && year ? `${year}-01-01` : '1990-01-01'
  const to = cycle && year ? `${year}-12-31` : '2100-12-31'
  const drafts = deriveDrafts(db, org, { from, to, today, includeCatalogue: true, cycle, kinds: cfg.kinds })
  return finish(
    db,
    org,
    drafts.filter((d) => d.id === id),
    today,
    cfg,
  )[0]
}

export function organisationIdsByCode(db: Db, codes: string[]): Map<string, number> {
  if (!codes.length) return new Map()
  return new Map(
    db
      .select({ id: organisations.id, code: organisations.code })
      .from(organisations)
      .where(inArray(organisations.code, codes))
      .all()
      .map((r) => [r.code, r.id]),
  )
}
