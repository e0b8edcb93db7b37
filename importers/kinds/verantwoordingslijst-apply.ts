// Importing a verantwoordingslijst in two steps. plan: link every line to a scheme and a grant of the organisation
// and to the list kept per organisation and SiSa year, compare with the previous year's list (reads only, each
// table read once, before the write lock). The write (verantwoordingslijst-write.ts) creates what is missing and
// changes the list, and only writes.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import type { SchemeInput } from '../../db/catalogue.js'
import { todayAmsterdam } from '../../db/dates.js'
import { beschikkingen, grants, schemes, verantwoordingslijst } from '../../db/schema.js'
import { planScheme, type SchemePlan, type SchemeRow } from '../../db/repositories/schemes.js'
import { generatedCode, ministryIn, ministryOfSisaCode, nameKey } from '../names.js'
import type { VlData, VlLine } from '../formats/verantwoordingslijst.js'
import type { Counts } from '../types.js'

export type ListRow = typeof verantwoordingslijst.$inferSelect
export interface VlItem {
  sisaCode: string | null
  regeling: string
  beschikkingsnummer: string | null
  scheme: string
}

export interface VlDetails {
  organisation: string
  sisaYear: number
  lines: number
  schemesCreated: string[]
  /** Schemes found by name that had no SiSa code yet and got the list's. */
  schemesCoded: string[]
  grantsCreated: { id: number; beschikkingsnummer: string | null; scheme: string }[]
  grantsLinked: number
  /** Lines of an earlier import of the same year that this list no longer has. */
  removed: VlItem[]
  /** The year compared with, or null when no list of the previous year was imported. */
  comparedWith: number | null
  new: VlItem[]
  ended: VlItem[]
  /** Beschikkingen in the portfolio (SiSa schemes) that the list lacks. */
  missing: { grantId: number; title: string; beschikkingsnummer: string; scheme: string; sisaCode: string | null }[]
  /** Grants found by beschikkingsnummer that sit on another scheme than the list says. */
  schemeMismatches: { grantId: number; beschikkingsnummer: string; grantScheme: string; listScheme: string }[]
}

/** A scheme as the plan knows it: an existing row, or one this import creates (id set by the write). */
export interface SchemeSlot {
  id: number | null
  /** Sort order as ids would give it: existing ids, then the created ones in order. */
  order: number
  key: string
  code: string
  name: string
  /** nameKey(name), computed once. */
  nk: string
  sisaCode: string | null
  startYear: number | null
  endYear: number | null
  /** Written before anything that refers to it: a new scheme, or a SiSa code added to an existing one. */
  input?: SchemeInput
  existing?: SchemeRow
  plan?: SchemePlan
}

/** A grant the line links to: an existing one, or one this import creates (id set by the write). */
export interface GrantSlot {
  id: number | null
  schemeId: number | null
  scheme?: SchemeSlot
  onList: boolean
  archived: boolean
  line?: VlLine
}

/** One line of the kept list, as it will be after the import; ops change it in order. */
export interface Entry {
  id: number | null
  scheme: SchemeSlot
  beschikkingsnummer: string | null
  values: { verstrekker: string | null; sisaCode: string | null; regeling: string; amountCents: number | null; opmerking: string | null }
  grant: GrantSlot | null
}

export type ListOp =
  | { op: 'insert'; entry: Entry }
  | { op: 'update'; entry: Entry; before: Record<string, unknown>; after: Record<string, unknown> }
  | { op: 'delete'; row: ListRow }

export interface VlPlan {
  data: VlData
  today: string
  counts: Counts
  details: VlDetails
  schemes: SchemeSlot[]
  newGrants: GrantSlot[]
  marks: GrantSlot[]
  ops: ListOp[]
}

const VALUE_KEYS = ['verstrekker', 'sisaCode', 'regeling', 'amountCents', 'opmerking', 'grantId'] as const

/** Reads only: the whole import decided before the write transaction. */
export function planVerantwoordingslijst(db: Db, data: VlData, today = todayAmsterdam()): VlPlan {
  const { organisationId: org, sisaYear: year } = data
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
  const d: VlDetails = {
    organisation: data.orgCode,
    sisaYear: year,
    lines: data.lines.length,
    schemesCreated: [],
    schemesCoded: [],
    grantsCreated: [],
    grantsLinked: 0,
    removed: [],
    comparedWith: null,
    new: [],
    ended: [],
    missing: [],
    schemeMismatches: [],
  }
  const plan: VlPlan = { data, today, counts, details: d, schemes: [], newGrants: [], marks: [], ops: [] }
  const all: SchemeSlot[] = db
    .select()
    .from(schemes)
    .all()
    .map((s) => ({
      id: s.id,
      order: s.id,
      key: String(s.id),
      code: s.code,
      name: s.name,
      nk: nameKey(s.name),
      sisaCode: s.sisaCode,
      startYear: s.startYear,
      endYear: s.endYear,
      existing: s,
    }))
    .sort((a, b) => a.order - b.order)
  const byId = new Map(all.map((s) => [s.id!, s]))
  const codes = new Set(all.map((s) => s.code))
  const bySisa = (code: string) => all.filter((s) => s.sisaCode === code)
  const byName = (name: string) => all.filter((s) => s.nk === nameKey(name))

  const resolveScheme = (line: VlLine): SchemeSlot => {
    const name = line.regeling
    if (line.sisaCode) {
      const same = bySisa(line.sisaCode)
      const active = (s: SchemeSlot) => (s.startYear ?? 0) <= year && (s.endYear ?? 9999) >= year
      // SiSa codes are reused by successor regelingen: the name decides, then the years the scheme runs.
      const hit = (name ? same.find((s) => s.nk === nameKey(name)) : undefined) ?? same.find(active) ?? same[0]
      if (hit) return hit
    }
    if (name) {
      const hit = byName(name).find((s) => s.sisaCode === null || s.sisaCode === line.sisaCode)
      if (hit && line.sisaCode && hit.sisaCode === null) {
        // The list is BZK's authoritative word on the uitkeringscode: complete the catalogue with it.
        hit.sisaCode = line.sisaCode
        if (hit.input) hit.input.sisaCode = line.sisaCode
        else {
          hit.input = { code: hit.code, name: hit.name, ministry: hit.existing!.ministry, sisaCode: line.sisaCode }
          plan.schemes.push(hit)
        }
        d.schemesCoded.push(hit.code)
      }
      if (hit) return hit
    }
    const ministry = ministryIn(line.verstrekker) ?? line.verstrekker?.trim() ?? ministryOfSisaCode(line.sisaCode) ?? 'onbekend'
    const fullName = name ?? `Specifieke uitkering ${line.sisaCode}`
    let code = generatedCode('vl', ministry, line.sisaCode, fullName)
    for (let i = 2; codes.has(code); i++) code = `${code.slice(0, 76)}-${i}`
    codes.add(code)
    const slot: SchemeSlot = {
      id: null,
      order: Number.MAX_SAFE_INTEGER - 1e6 + plan.schemes.length,
      key: `new:${code}`,
      code,
      name: fullName,
      nk: nameKey(fullName),
      sisaCode: line.sisaCode,
      startYear: null,
      endYear: null,
      input: {
        code,
        name: fullName,
        ministry,
        sisaCode: line.sisaCode,
        instrument: /provincie/i.test(line.verstrekker ?? '') ? 'provinciaal_middel' : 'spuk',
        sisaRequired: true,
        notes: `Aangemaakt uit de verantwoordingslijst SiSa ${year}; vul de gegevens van de regeling aan.`,
      },
    }
    all.push(slot)
    plan.schemes.push(slot)
    d.schemesCreated.push(code)
    return slot
  }

  // The organisation's grants, found by beschikkingsnummer (on the grant, then among its beschikkingen) or scheme.
  const orgGrants = db
    .select({
      id: grants.id,
      schemeId: grants.schemeId,
      beschikkingsnummer: grants.beschikkingsnummer,
      onList: grants.onVerantwoordingslijst,
      archivedAt: grants.archivedAt,
    })
    .from(grants)
    .where(eq(grants.organisationId, org))
    .orderBy(grants.id)
    .all()
  const grantSlots: GrantSlot[] = orgGrants.map((g) => ({
    id: g.id,
    schemeId: g.schemeId,
    onList: g.onList,
    archived: g.archivedAt !== null,
  }))
  const byNumber = new Map<string, GrantSlot>()
  orgGrants.forEach(
    (g, i) => g.beschikkingsnummer && !byNumber.has(g.beschikkingsnummer) && byNumber.set(g.beschikkingsnummer, grantSlots[i]),
  )
  const byBeschikking = new Map<string, GrantSlot>()
  const slotOf = new Map(grantSlots.map((g) => [g.id!, g]))
  for (const b of db
    .select({ nummer: beschikkingen.nummer, grantId: beschikkingen.grantId })
    .from(beschikkingen)
    .innerJoin(grants, eq(grants.id, beschikkingen.grantId))
    .where(eq(grants.organisationId, org))
    .orderBy(grants.id)
    .all())
    if (!byBeschikking.has(b.nummer)) byBeschikking.set(b.nummer, slotOf.get(b.grantId)!)
  const onScheme = (s: SchemeSlot) =>
    grantSlots.filter((g) => !g.archived && (g.scheme ? g.scheme === s : s.id !== null && g.schemeId === s.id))

  const resolveGrant = (line: VlLine, scheme: SchemeSlot): GrantSlot | null => {
    const nr = line.beschikkingsnummer
    let grant: GrantSlot | undefined
    if (nr) grant = byNumber.get(nr) ?? byBeschikking.get(nr)
    else {
      const hits = onScheme(scheme)
      if (hits.length > 1) return null
      grant = hits[0]
    }
    if (grant) {
      d.grantsLinked++
      const sameScheme = grant.scheme ? grant.scheme === scheme : grant.schemeId === scheme.id
      if (!sameScheme && nr) {
        const grantScheme = grant.scheme?.code ?? byId.get(grant.schemeId!)!.code
        d.schemeMismatches.push({ grantId: grant.id ?? 0, beschikkingsnummer: nr, grantScheme, listScheme: scheme.code })
      }
      if (!grant.onList) {
        grant.onList = true
        plan.marks.push(grant)
      }
      return grant
    }
    const created: GrantSlot = { id: null, schemeId: null, scheme, onList: true, archived: false, line }
    grantSlots.push(created)
    if (nr) byNumber.set(nr, created)
    plan.newGrants.push(created)
    d.grantsCreated.push({ id: 0, beschikkingsnummer: nr, scheme: scheme.code })
    return created
  }

  // The kept list of this year, by scheme and beschikkingsnummer.
  const rowsOf = (y: number) =>
    db
      .select()
      .from(verantwoordingslijst)
      .where(and(eq(verantwoordingslijst.organisationId, org), eq(verantwoordingslijst.sisaYear, y)))
      .orderBy(verantwoordingslijst.id)
      .all()
  const current = rowsOf(year)
  const entryKey = (schemeKey: string, nr: string | null) => `${schemeKey}|${nr ?? '\u0000'}`
  const entries = new Map<string, Entry>()
  const existingRow = new Map(current.map((r) => [entryKey(String(r.schemeId), r.beschikkingsnummer), r]))
  const kept = new Set<number>()
  const linked = new Set<GrantSlot>()
  const schemeCache = new Map<string, SchemeSlot>()
  for (const line of data.lines) {
    const cacheKey = `${line.sisaCode ?? ''}|${nameKey(line.regeling ?? '')}`
    const scheme = schemeCache.get(cacheKey) ?? resolveScheme(line)
    schemeCache.set(cacheKey, scheme)
    const grant = resolveGrant(line, scheme)
    if (grant) linked.add(grant)
    const values = {
      verstrekker: line.verstrekker,
      sisaCode: line.sisaCode ?? scheme.sisaCode,
      regeling: line.regeling ?? scheme.name,
      amountCents: line.amountCents,
      opmerking: line.opmerking,
    }
    const key = entryKey(scheme.key, line.beschikkingsnummer)
    let entry = entries.get(key)
    if (!entry) {
      const row = existingRow.get(key)
      if (!row) {
        entry = { id: null, scheme, beschikkingsnummer: line.beschikkingsnummer, values, grant }
        entries.set(key, entry)
        plan.ops.push({ op: 'insert', entry })
        counts.created++
        continue
      }
      kept.add(row.id)
      const { verstrekker, sisaCode, regeling, amountCents, opmerking } = row
      entry = {
        id: row.id,
        scheme,
        beschikkingsnummer: row.beschikkingsnummer,
        values: { verstrekker, sisaCode, regeling, amountCents, opmerking },
        grant: null,
      }
      entries.set(key, entry)
      const was =
        row.grantId === null ? null : (slotOf.get(row.grantId) ?? { id: row.grantId, schemeId: null, onList: true, archived: false })
      entry.grant = was
    }
    const cur: Record<string, unknown> = { ...entry.values, grantId: entry.grant }
    const next: Record<string, unknown> = { ...values, grantId: grant }
    const changed = VALUE_KEYS.filter((k) => (cur[k] ?? null) !== (next[k] ?? null))
    if (!changed.length) {
      counts.unchanged++
      continue
    }
    const before = Object.fromEntries(changed.map((k) => [k, cur[k]]))
    const after = Object.fromEntries(changed.map((k) => [k, next[k]]))
    entry.values = values
    entry.grant = grant
    plan.ops.push({ op: 'update', entry, before, after })
    counts.updated++
  }
  // The list is the whole list of that year: lines of an earlier import that are gone were withdrawn.
  const item = (r: { sisaCode: string | null; regeling: string; beschikkingsnummer: string | null }, scheme: string): VlItem => ({
    sisaCode: r.sisaCode,
    regeling: r.regeling,
    beschikkingsnummer: r.beschikkingsnummer,
    scheme,
  })
  for (const r of current.filter((r) => !kept.has(r.id))) {
    plan.ops.push({ op: 'delete', row: r })
    d.removed.push(item(r, byId.get(r.schemeId)!.code))
  }
  const prev = rowsOf(year - 1)
  if (prev.length) {
    d.comparedWith = year - 1
    const after = [...entries.values()].sort((a, b) => (a.id ?? Infinity) - (b.id ?? Infinity))
    const prevKeys = new Set(prev.map((r) => entryKey(String(r.schemeId), r.beschikkingsnummer)))
    const curKeys = new Set(after.map((e) => entryKey(e.scheme.key, e.beschikkingsnummer)))
    d.new = after
      .filter((e) => !prevKeys.has(entryKey(e.scheme.key, e.beschikkingsnummer)))
      .map((e) => item({ ...e.values, beschikkingsnummer: e.beschikkingsnummer }, e.scheme.code))
    d.ended = prev
      .filter((r) => !curKeys.has(entryKey(String(r.schemeId), r.beschikkingsnummer)))
      .map((r) => item(r, byId.get(r.schemeId)!.code))
  }
  const linkedIds = new Set([...linked].map((g) => g.id))
  const candidates = db
    .select({ g: grants, schemeId: schemes.id })
    .from(grants)
    .innerJoin(schemes, eq(schemes.id, grants.schemeId))
    .where(
      and(
        eq(grants.organisationId, org),
        eq(schemes.sisaRequired, true),
        inArray(grants.status, ['toegekend', 'vastgesteld']),
        isNull(grants.archivedAt),
      ),
    )
    .all()
  for (const { g, schemeId } of candidates) {
    if (!g.beschikkingsnummer || linkedIds.has(g.id)) continue
    // A grant that starts after the SiSa year, or whose final account was an earlier year, is not on this list.
    if (g.periodFrom && +g.periodFrom.slice(0, 4) > year) continue
    if (g.finalAccountYear !== null && g.finalAccountYear < year) continue
    const s = byId.get(schemeId)!
    d.missing.push({ grantId: g.id, title: g.title, beschikkingsnummer: g.beschikkingsnummer, scheme: s.code, sisaCode: s.sisaCode })
  }
  // Scheme plans last, once every SiSa code the list adds is known; planning a new scheme reads nothing.
  for (const s of plan.schemes) s.plan = planScheme(db, s.input!, s.existing ?? null)
  return plan
}
