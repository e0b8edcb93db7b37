// The sources of derived deadlines: windows, spend terms, SiSa years, Eindverantwoording, the finance cycle, custom rows.
import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { addDays, dateOf, formatDateNl } from '../db/dates.js'
import { deadlines, grants, schemes, schemeWindows, type GrantStatus } from '../db/schema.js'
import { CYCLE_KINDS, type DeadlineKindSetting, type LegalInstrument } from '../db/reference/settings-deadlines.js'
import { prinsjesdag } from './calendar.js'
import { loadPortfolio, type GrantRow, type PortfolioLoad, type SchemeRow, type YearRow } from './portfolio-load.js'
import { AWARDED_STATUSES, isEstablished } from '../db/rules/statuses.js'

/** A deadline before its effective date and state are computed. */
export interface DeadlineDraft {
  id: string
  kind: string
  title: string
  description: string
  nominalDate: string
  legalInstrument: LegalInstrument
  atwApplies: boolean
  basis: string
  action: boolean
  grantId: number | null
  grantTitle: string | null
  schemeCode: string | null
  schemeName: string | null
  custom: boolean
}

export interface OrgRef {
  id: number
  code: string
  name: string
  kind: string
}

export interface DeriveOptions {
  /** Nominal dates outside [from, to] are not derived (the caller widens `from` by the longest Atw shift). */
  from: string
  to: string
  today: string
  includeCatalogue: boolean
  /** Generate the yearly finance cycle (off when looking up one non-cycle key). */
  cycle: boolean
  kinds: Record<string, DeadlineKindSetting>
}

const PIPELINE: GrantStatus[] = ['verkenning', 'in_voorbereiding']
/** Statuses in which a grant carries awarded money, hence SiSa obligations. */
const NO_SPEND: GrantStatus[] = ['afgewezen', 'ingetrokken', 'afgesloten']

/** Append to the list under a key (group once, look up after: never rebuild arrays in a loop). */
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k)
  if (l) l.push(v)
  else m.set(k, [v])
}

const inRange = (o: Pick<DeriveOptions, 'from' | 'to'>, nominal: string) => nominal >= o.from && nominal <= o.to

const short = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`)
/** Scheme names run to 200 characters; a title keeps the SiSa code and the start of the name, the description the rest. */
const label = (s: Pick<SchemeRow, 'name' | 'sisaCode'>) => (s.sisaCode ? `${s.sisaCode} ${short(s.name, 60)}` : short(s.name, 70))

/** `load`: the organisation's tables when the caller already read them (the controller workbook). */
export function deriveDrafts(db: Db, org: OrgRef, o: DeriveOptions, load: PortfolioLoad = loadPortfolio(db, org.id)): DeadlineDraft[] {
  const gs = load.grants.filter((g) => g.archivedAt === null)
  const schemeById = load.schemes
  const out: DeadlineDraft[] = [
    ...windowDrafts(db, gs, schemeById, o),
    ...spendDrafts(gs, schemeById, o),
    ...sisaDrafts(org, gs, schemeById, o, load),
    ...(o.cycle ? cycleDrafts(org, o) : []),
    ...customDrafts(db, org, o),
  ]
  return out
}

function fromKind(
  kind: string,
  o: DeriveOptions,
): Pick<DeadlineDraft, 'kind' | 'legalInstrument' | 'atwApplies' | 'basis' | 'action' | 'custom'> {
  const k = o.kinds[kind]
  return { kind, legalInstrument: k.legalInstrument, atwApplies: k.atwApplies, basis: k.basis, action: k.action, custom: false }
}

function grantLink(list: GrantRow[]): { grantId: number | null; grantTitle: string | null } {
  return list.length === 1
    ? { grantId: list[0].id, grantTitle: list[0].title }
    : { grantId: null, grantTitle: list.length ? list.map((g) => g.title).join('; ') : null }
}

/** Windows of schemes in the pipeline, and on request every catalogue window that is still open or upcoming. */
function windowDrafts(db: Db, gs: GrantRow[], schemeById: Map<number, SchemeRow>, o: DeriveOptions): DeadlineDraft[] {
  const pipeline = new Map<number, GrantRow[]>()
  for (const g of gs) if (PIPELINE.includes(g.status)) push(pipeline, g.schemeId, g)
  const rows = db
    .select({ w: schemeWindows, s: schemes })
    .from(schemeWindows)
    .innerJoin(schemes, eq(schemes.id, schemeWindows.schemeId))
    .orderBy(asc(schemes.code), asc(schemeWindows.tranche))
    .all()
  const out: DeadlineDraft[] = []
  for (const { w, s } of rows) {
    const inPipeline = pipeline.has(s.id)
    // An open-ended window of years ago is stale catalogue data, not an invitation: only upcoming ones count.
    const current = w.closesOn ? w.closesOn >= o.today : w.opensOn !== null && w.opensOn >= o.today
    if (!inPipeline && !(o.includeCatalogue && current)) continue
    const link = grantLink(pipeline.get(s.id) ?? [])
    const forGrant = link.grantTitle ? ` — voor ${link.grantTitle}` : ''
    const common = { ...link, schemeCode: s.code, schemeName: s.name }
    if (w.opensOn && inRange(o, w.opensOn)) {
      out.push({
        ...fromKind('window-open', o),
        ...common,
        id: `window-open:${s.code}:${w.tranche}`,
        nominalDate: w.opensOn,
        title: `Aanvraagvenster opent: ${label(s)} (tranche ${w.tranche})${forGrant}`,
        description: `Het aanvraagvenster van ${s.name}, tranche ${w.tranche}, opent op ${formatDateNl(w.opensOn)}.${w.allocation ? ` Verdeling: ${w.allocation}.` : ''}`,
      })
    }
    if (w.closesOn && inRange(o, w.closesOn)) {
      const time = w.closesAtTime ? ` om ${w.closesAtTime}` : ''
      out.push({
        ...fromKind('window-close', o),
        ...common,
        id: `window-close:${s.code}:${w.tranche}`,
        nominalDate: w.closesOn,
        title: `Aanvraag indienen vóór sluiting venster: ${label(s)} (tranche ${w.tranche})${forGrant}`,
        description: `Het aanvraagvenster van ${s.name}, tranche ${w.tranche}, sluit op ${formatDateNl(w.closesOn)}${time}. Vaste datum uit de regeling: de Algemene termijnenwet verschuift hem niet.`,
      })
    }
  }
  return out
}

function spendDrafts(gs: GrantRow[], schemeById: Map<number, SchemeRow>, o: DeriveOptions): DeadlineDraft[] {
  const out: DeadlineDraft[] = []
  for (const g of gs) {
    const s = schemeById.get(g.schemeId)!
    const until = g.spendUntil ?? s.spendUntil
    // Out of range: skipped before its texts are built (thousands of grants, a handful of dates in range).
    if (!until || !inRange(o, until) || NO_SPEND.includes(g.status)) continue
    out.push({
      ...fromKind('spend', o),
      id: `spend:${g.id}`,
      nominalDate: until,
      grantId: g.id,
      grantTitle: g.title,
      schemeCode: s.code,
      schemeName: s.name,
      title: `Bestedingstermijn verloopt: ${g.title} (${label(s)})`,
      description: `De middelen van ${g.title}${g.beschikkingsnummer ? ` (beschikking ${g.beschikkingsnummer})` : ''} moeten uiterlijk ${formatDateNl(until)} besteed zijn${g.spendUntil ? '' : ' (termijn uit de regeling)'}.`,
    })
  }
  return out
}

/**
 * Whether a grant carries money in budget year y: a non-zero grant_years row, or a period that overlaps the year; never
 * after the year with Eindverantwoording = Ja, after which there is nothing left to account for (docs/domain.md#sisa).
 */
function carriesMoney(g: GrantRow, years: readonly YearRow[], y: number): boolean {
  const finalYear =
    g.finalAccountYear ??
    (isEstablished(g.status) && (g.establishedOn ?? g.closedOn) ? +(g.establishedOn ?? g.closedOn)!.slice(0, 4) - 1 : null)
  if (finalYear !== null && y > finalYear) return false
  const from = g.periodFrom ? +g.periodFrom.slice(0, 4) : g.periodTo ? +g.periodTo.slice(0, 4) : null
  const to = g.periodTo ? +g.periodTo.slice(0, 4) : from
  if (from !== null && to !== null && y >= from && y <= to) return true
  for (const r of years)
    if (
      r.year === y &&
      (r.plannedBatenCents !== 0 || r.plannedLastenCents !== 0 || r.realisedBatenCents !== 0 || r.realisedLastenCents !== 0)
    )
      return true
  return false
}

function yearlyDate(kind: DeadlineKindSetting, year: number): string {
  return kind.day === 'prinsjesdag' ? prinsjesdag(year) : dateOf(year, kind.month ?? 12, kind.day ?? 31)
}

function sisaDrafts(
  org: OrgRef,
  gs: GrantRow[],
  schemeById: Map<number, SchemeRow>,
  o: DeriveOptions,
  load: PortfolioLoad,
): DeadlineDraft[] {
  const sisaGrants = gs.filter((g) => AWARDED_STATUSES.includes(g.status) && schemeById.get(g.schemeId)!.sisaRequired)
  if (sisaGrants.length === 0) return []
  // SiSa year y is due in y + 1: only the years whose due date lies in range are looked at.
  const sisaDue = new Map<number, string>()
  for (let y = +o.from.slice(0, 4) - 1; y <= +o.to.slice(0, 4) - 1; y++) {
    const date = yearlyDate(o.kinds.sisa, y + 1)
    if (inRange(o, date)) sisaDue.set(y, date)
  }
  const byYear = new Map<number, GrantRow[]>()
  const out: DeadlineDraft[] = []
  for (const g of sisaGrants) {
    const s = schemeById.get(g.schemeId)!
    const years = load.years.get(g.id) ?? []
    for (const y of sisaDue.keys()) if (carriesMoney(g, years, y)) push(byYear, y, g)
    const finalYear = g.finalAccountYear ?? ((g.periodTo ?? g.spendUntil) ? +(g.periodTo ?? g.spendUntil)!.slice(0, 4) : null)
    if (finalYear === null) continue
    const nominalDate = yearlyDate(o.kinds.eindverantwoording, finalYear + 1)
    if (!inRange(o, nominalDate)) continue
    out.push({
      ...fromKind('eindverantwoording', o),
      id: `eindverantwoording:${g.id}`,
      nominalDate,
      grantId: g.id,
      grantTitle: g.title,
      schemeCode: s.code,
      schemeName: s.name,
      title: `Eindverantwoording in SiSa ${finalYear}: ${g.title} (${label(s)})`,
      description: `Verwacht jaar van Eindverantwoording = Ja voor ${g.title}: ${finalYear}${g.finalAccountYear ? '' : ' (afgeleid uit einde periode of bestedingstermijn)'}. Aanleveren met de SiSa-bijlage bij het CBS.`,
    })
  }
  for (const [year, list] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const ss = [...new Set(list.map((g) => g.schemeId))].map((id) => schemeById.get(id)!)
    const one = ss.length === 1 ? ss[0] : null
    out.push({
      ...fromKind('sisa', o),
      id: `sisa:${org.code}:${year}`,
      nominalDate: sisaDue.get(year)!,
      ...grantLink(list),
      schemeCode: one?.code ?? null,
      schemeName: one?.name ?? null,
      title: `SiSa ${year} aanleveren bij het CBS: ${ss.map(label).join(', ')}`,
      description: `Jaarstukken ${year} met SiSa-bijlage en controleverklaring naar het CBS. Subsidies: ${list.map((g) => g.title).join('; ')}.`,
    })
  }
  return out
}

function cycleDrafts(org: OrgRef, o: DeriveOptions): DeadlineDraft[] {
  const fund = org.kind === 'provincie' ? 'provinciefonds' : 'gemeentefonds'
  const toward = org.kind === 'provincie' ? 'de minister van BZK' : 'Gedeputeerde Staten'
  const titles: Record<(typeof CYCLE_KINDS)[number], (y: number) => string> = {
    'sisa-bijlage': (y) => `SiSa-bijlage op maat ${y - 1} van het CBS verwacht`,
    meicirculaire: (y) => `Meicirculaire ${fund} ${y} verwacht`,
    jaarrekening: (y) => `Jaarrekening ${y - 1} vóór 15 juli naar ${toward}`,
    septembercirculaire: (y) => `Septembercirculaire ${fund} ${y} verwacht (Prinsjesdag)`,
    begroting: (y) => `Begroting ${y + 1} vóór 15 november naar ${toward}`,
    decembercirculaire: (y) => `Decembercirculaire ${fund} ${y} verwacht`,
  }
  const out: DeadlineDraft[] = []
  for (let y = +o.from.slice(0, 4); y <= +o.to.slice(0, 4); y++) {
    for (const kind of CYCLE_KINDS) {
      const k = o.kinds[kind]
      out.push({
        ...fromKind(kind, o),
        id: `cycle:${kind}:${org.code}:${y}`,
        nominalDate: yearlyDate(k, y),
        title: titles[kind](y),
        description: `${k.basis}.`,
        grantId: null,
        grantTitle: null,
        schemeCode: null,
        schemeName: null,
      })
    }
  }
  return out
}

function customDrafts(db: Db, org: OrgRef, o: DeriveOptions): DeadlineDraft[] {
  // The Atw can move a date a few days past `to`: read a little beyond the range, the caller filters on the effective date.
  const rows = db
    .select({ d: deadlines, g: grants, s: schemes })
    .from(deadlines)
    .leftJoin(grants, eq(grants.id, deadlines.grantId))
    .leftJoin(schemes, eq(schemes.id, deadlines.schemeId))
    .where(and(eq(deadlines.organisationId, org.id), gte(deadlines.nominalDate, shiftBack(o.from)), lte(deadlines.nominalDate, o.to)))
    .all()
  return rows.map(({ d, g, s }) => ({
    id: `custom:${d.id}`,
    kind: d.kind,
    title: d.title,
    description: d.note ?? '',
    nominalDate: d.nominalDate,
    legalInstrument: d.legalInstrument,
    atwApplies: d.atwApplies,
    basis: `eigen deadline (${d.legalInstrument})`,
    action: true,
    grantId: d.grantId,
    grantTitle: g?.title ?? null,
    schemeCode: s?.code ?? null,
    schemeName: s?.name ?? null,
    custom: true,
  }))
}

/** Two weeks before a date: no run of non-working days is longer, so no shifted deadline is missed. */
const shiftBack = (iso: string): string => addDays(iso, -14)
