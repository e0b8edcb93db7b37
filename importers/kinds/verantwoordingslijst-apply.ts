// Writing a verantwoordingslijst: link every line to a scheme and a grant of the organisation (creating what
// is missing), keep the list per organisation and SiSa year, and compare it with the previous year's list.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { writeAudit, type Actor } from '../../db/audit.js'
import { todayAmsterdam } from '../../db/dates.js'
import { beschikkingen, grants, grantTransitions, schemes, verantwoordingslijst } from '../../db/schema.js'
import { bumpVersion, createGrant, GrantInputError, type GrantRow } from '../../db/repositories/grants.js'
import { findSchemeByCode, upsertScheme, type SchemeRow } from '../../db/repositories/schemes.js'
import { findSchemesByName } from './schemes-match.js'
import { generatedCode, ministryIn, ministryOfSisaCode, nameKey } from '../names.js'
import type { VlData, VlLine } from '../formats/verantwoordingslijst.js'
import type { Counts } from '../types.js'

type ListRow = typeof verantwoordingslijst.$inferSelect
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

export function applyVerantwoordingslijst(
  db: Db,
  data: VlData,
  who: Actor,
  batchId: number,
  today = todayAmsterdam(),
): Counts & { details: VlDetails } {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
  const d: VlDetails = {
    organisation: data.orgCode,
    sisaYear: data.sisaYear,
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
  const schemeCache = new Map<string, SchemeRow>()
  const kept = new Set<number>()
  const linkedGrants = new Set<number>()
  const codeOf = new Map<number, string>()
  for (const line of data.lines) {
    const key = `${line.sisaCode ?? ''}|${nameKey(line.regeling ?? '')}`
    const scheme = schemeCache.get(key) ?? resolveScheme(db, line, data.sisaYear, who, d)
    schemeCache.set(key, scheme)
    codeOf.set(scheme.id, scheme.code)
    const grant = resolveGrant(db, line, scheme, data.organisationId, who, d, today)
    if (grant) linkedGrants.add(grant.id)
    const values = {
      verstrekker: line.verstrekker,
      sisaCode: line.sisaCode ?? scheme.sisaCode,
      regeling: line.regeling ?? scheme.name,
      amountCents: line.amountCents,
      opmerking: line.opmerking,
      grantId: grant?.id ?? null,
    }
    const cur = db
      .select()
      .from(verantwoordingslijst)
      .where(
        and(
          eq(verantwoordingslijst.organisationId, data.organisationId),
          eq(verantwoordingslijst.sisaYear, data.sisaYear),
          eq(verantwoordingslijst.schemeId, scheme.id),
          line.beschikkingsnummer
            ? eq(verantwoordingslijst.beschikkingsnummer, line.beschikkingsnummer)
            : isNull(verantwoordingslijst.beschikkingsnummer),
        ),
      )
      .get()
    if (!cur) {
      const row = db
        .insert(verantwoordingslijst)
        .values({
          organisationId: data.organisationId,
          sisaYear: data.sisaYear,
          schemeId: scheme.id,
          beschikkingsnummer: line.beschikkingsnummer,
          batchId,
          ...values,
        })
        .returning()
        .get()
      writeAudit(db, who, { entity: 'verantwoordingslijst', entityId: row.id, action: 'create', after: row })
      kept.add(row.id)
      counts.created++
      continue
    }
    kept.add(cur.id)
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => (cur[k] ?? null) !== (values[k] ?? null))
    if (!changed.length) {
      counts.unchanged++
      continue
    }
    db.update(verantwoordingslijst)
      .set({ ...values, batchId })
      .where(eq(verantwoordingslijst.id, cur.id))
      .run()
    writeAudit(db, who, {
      entity: 'verantwoordingslijst',
      entityId: cur.id,
      action: 'update',
      before: Object.fromEntries(changed.map((k) => [k, cur[k]])),
      after: Object.fromEntries(changed.map((k) => [k, values[k]])),
    })
    counts.updated++
  }
  // The list is the whole list of that year: lines of an earlier import that are gone were withdrawn.
  const stale = db
    .select()
    .from(verantwoordingslijst)
    .where(and(eq(verantwoordingslijst.organisationId, data.organisationId), eq(verantwoordingslijst.sisaYear, data.sisaYear)))
    .all()
    .filter((r) => !kept.has(r.id))
  for (const r of stale) {
    db.delete(verantwoordingslijst).where(eq(verantwoordingslijst.id, r.id)).run()
    writeAudit(db, who, { entity: 'verantwoordingslijst', entityId: r.id, action: 'delete', before: r })
    d.removed.push(item(db, r, codeOf))
  }
  compare(db, data, d, codeOf, linkedGrants)
  return { ...counts, details: d }
}

function resolveScheme(db: Db, line: VlLine, year: number, who: Actor, d: VlDetails): SchemeRow {
  const name = line.regeling
  if (line.sisaCode) {
    const all = db
      .select()
      .from(schemes)
      .where(eq(schemes.sisaCode, line.sisaCode))
      .all()
      .sort((a, b) => a.id - b.id)
    const active = (s: SchemeRow) => (s.startYear ?? 0) <= year && (s.endYear ?? 9999) >= year
    // SiSa codes are reused by successor regelingen: the name decides, then the years the scheme runs.
    const hit = (name ? all.find((s) => nameKey(s.name) === nameKey(name)) : undefined) ?? all.find(active) ?? all[0]
    if (hit) return hit
  }
  if (name) {
    const byName = findSchemesByName(db, name).sort((a, b) => a.id - b.id)
    const hit = byName.find((s) => s.sisaCode === null || s.sisaCode === line.sisaCode)
    if (hit && line.sisaCode && hit.sisaCode === null) {
      // The list is BZK's authoritative word on the uitkeringscode: complete the catalogue with it.
      upsertScheme(db, { code: hit.code, name: hit.name, ministry: hit.ministry, sisaCode: line.sisaCode }, who, who.source)
      d.schemesCoded.push(hit.code)
      return findSchemeByCode(db, hit.code)!
    }
    if (hit) return hit
  }
  const ministry = ministryIn(line.verstrekker) ?? line.verstrekker?.trim() ?? ministryOfSisaCode(line.sisaCode) ?? 'onbekend'
  const fullName = name ?? `Specifieke uitkering ${line.sisaCode}`
  let code = generatedCode('vl', ministry, line.sisaCode, fullName)
  for (let i = 2; findSchemeByCode(db, code); i++) code = `${code.slice(0, 76)}-${i}`
  upsertScheme(
    db,
    {
      code,
      name: fullName,
      ministry,
      sisaCode: line.sisaCode,
      instrument: /provincie/i.test(line.verstrekker ?? '') ? 'provinciaal_middel' : 'spuk',
      sisaRequired: true,
      notes: `Aangemaakt uit de verantwoordingslijst SiSa ${year}; vul de gegevens van de regeling aan.`,
    },
    who,
    who.source,
  )
  d.schemesCreated.push(code)
  return findSchemeByCode(db, code)!
}

function resolveGrant(
  db: Db,
  line: VlLine,
  scheme: SchemeRow,
  organisationId: number,
  who: Actor,
  d: VlDetails,
  today: string,
): GrantRow | undefined {
  let grant: GrantRow | undefined
  if (line.beschikkingsnummer) {
    grant =
      db
        .select()
        .from(grants)
        .where(and(eq(grants.organisationId, organisationId), eq(grants.beschikkingsnummer, line.beschikkingsnummer)))
        .orderBy(grants.id)
        .get() ??
      db
        .select({ g: grants })
        .from(beschikkingen)
        .innerJoin(grants, eq(grants.id, beschikkingen.grantId))
        .where(and(eq(grants.organisationId, organisationId), eq(beschikkingen.nummer, line.beschikkingsnummer)))
        .orderBy(grants.id)
        .get()?.g
  } else {
    const onScheme = db
      .select()
      .from(grants)
      .where(and(eq(grants.organisationId, organisationId), eq(grants.schemeId, scheme.id), isNull(grants.archivedAt)))
      .all()
    if (onScheme.length > 1) return undefined
    grant = onScheme[0]
  }
  if (grant) {
    d.grantsLinked++
    if (grant.schemeId !== scheme.id && line.beschikkingsnummer) {
      d.schemeMismatches.push({
        grantId: grant.id,
        beschikkingsnummer: line.beschikkingsnummer,
        grantScheme: db.select({ c: schemes.code }).from(schemes).where(eq(schemes.id, grant.schemeId)).get()!.c,
        listScheme: scheme.code,
      })
    }
    if (!grant.onVerantwoordingslijst) {
      bumpVersion(db, grant.id, { onVerantwoordingslijst: true })
      writeAudit(db, who, {
        entity: 'grant',
        entityId: grant.id,
        action: 'update',
        before: { onVerantwoordingslijst: false },
        after: { onVerantwoordingslijst: true },
      })
    }
    return grant
  }
  const created = createListedGrant(db, who, { organisationId, scheme, line, today })
  d.grantsCreated.push({ id: created.id, beschikkingsnummer: line.beschikkingsnummer, scheme: scheme.code })
  return created
}

/** A minimal awarded grant for a listed beschikking the portfolio did not have yet. */
function createListedGrant(db: Db, who: Actor, o: { organisationId: number; scheme: SchemeRow; line: VlLine; today: string }): GrantRow {
  const title = o.line.regeling ?? o.scheme.name
  const notes = 'Aangemaakt uit de verantwoordingslijst; vul periode, bedragen en planning aan.'
  if (o.line.beschikkingsnummer && o.line.amountCents !== null) {
    try {
      return createGrant(
        db,
        who,
        {
          organisationId: o.organisationId,
          schemeId: o.scheme.id,
          title,
          status: 'toegekend',
          beschikkingsnummer: o.line.beschikkingsnummer,
          awardedCents: o.line.amountCents,
          onVerantwoordingslijst: true,
          notes,
        },
        { today: o.today },
      )
    } catch (e) {
      if (!(e instanceof GrantInputError)) throw e
    }
  }
  // Without an amount the portfolio rules for 'toegekend' cannot be met yet; the line still gets its grant.
  const row = db
    .insert(grants)
    .values({
      organisationId: o.organisationId,
      schemeId: o.scheme.id,
      title,
      status: 'toegekend',
      beschikkingsnummer: o.line.beschikkingsnummer,
      onVerantwoordingslijst: true,
      notes,
      nature: o.scheme.nature === 'structureel' ? 'structureel' : 'incidenteel',
    })
    .returning()
    .get()
  db.insert(grantTransitions)
    .values({ grantId: row.id, fromStatus: null, toStatus: 'toegekend', event: 'aangemaakt', onDate: o.today, actor: who.actor })
    .run()
  writeAudit(db, who, { entity: 'grant', entityId: row.id, action: 'create', after: row })
  return row
}

function item(db: Db, r: ListRow, codeOf: Map<number, string>): VlItem {
  let scheme = codeOf.get(r.schemeId)
  if (!scheme) {
    scheme = db.select({ c: schemes.code }).from(schemes).where(eq(schemes.id, r.schemeId)).get()!.c
    codeOf.set(r.schemeId, scheme)
  }
  return { sisaCode: r.sisaCode, regeling: r.regeling, beschikkingsnummer: r.beschikkingsnummer, scheme }
}

function compare(db: Db, data: VlData, d: VlDetails, codeOf: Map<number, string>, linked: Set<number>): void {
  const rowsOf = (year: number) =>
    db
      .select()
      .from(verantwoordingslijst)
      .where(and(eq(verantwoordingslijst.organisationId, data.organisationId), eq(verantwoordingslijst.sisaYear, year)))
      .all()
  const key = (r: ListRow) => `${r.schemeId}|${r.beschikkingsnummer ?? ''}`
  const cur = rowsOf(data.sisaYear)
  const prev = rowsOf(data.sisaYear - 1)
  if (prev.length) {
    d.comparedWith = data.sisaYear - 1
    const prevKeys = new Set(prev.map(key))
    const curKeys = new Set(cur.map(key))
    d.new = cur.filter((r) => !prevKeys.has(key(r))).map((r) => item(db, r, codeOf))
    d.ended = prev.filter((r) => !curKeys.has(key(r))).map((r) => item(db, r, codeOf))
  }
  const candidates = db
    .select({ g: grants, code: schemes.code, sisaCode: schemes.sisaCode })
    .from(grants)
    .innerJoin(schemes, eq(schemes.id, grants.schemeId))
    .where(
      and(
        eq(grants.organisationId, data.organisationId),
        eq(schemes.sisaRequired, true),
        inArray(grants.status, ['toegekend', 'vastgesteld']),
        isNull(grants.archivedAt),
      ),
    )
    .all()
  for (const { g, code, sisaCode } of candidates) {
    if (!g.beschikkingsnummer || linked.has(g.id)) continue
    // A grant that starts after the SiSa year, or whose final account was an earlier year, is not on this list.
    if (g.periodFrom && +g.periodFrom.slice(0, 4) > data.sisaYear) continue
    if (g.finalAccountYear !== null && g.finalAccountYear < data.sisaYear) continue
    d.missing.push({ grantId: g.id, title: g.title, beschikkingsnummer: g.beschikkingsnummer, scheme: code, sisaCode })
  }
}
