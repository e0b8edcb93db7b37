// Finding the catalogue scheme a departmental table or verantwoordingslijst line means (reads only).
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client.js'
import { schemes } from '../../db/schema.js'
import type { SchemeRow } from '../../db/repositories/schemes.js'
import { nameKey } from '../names.js'

/**
 * The catalogue scheme with this SiSa code and name (codes are reused by successor regelingen, so the
 * name must match too); without a SiSa code, the scheme without one that has this name.
 */
export function findSchemeBySisaAndName(db: Db, sisaCode: string | null, name: string): SchemeRow | undefined {
  const key = nameKey(name)
  const candidates = sisaCode ? db.select().from(schemes).where(eq(schemes.sisaCode, sisaCode)).all() : (schemesByName(db).get(key) ?? [])
  return candidates.filter((s) => nameKey(s.name) === key && (sisaCode !== null || s.sisaCode === null)).sort((a, b) => a.id - b.id)[0]
}

/** All schemes whose name has this key (any SiSa code). */
export function findSchemesByName(db: Db, name: string): SchemeRow[] {
  return schemesByName(db).get(nameKey(name)) ?? []
}

function schemesByName(db: Db): Map<string, SchemeRow[]> {
  const by = new Map<string, SchemeRow[]>()
  for (const s of db.select().from(schemes).all()) {
    const k = nameKey(s.name)
    by.set(k, [...(by.get(k) ?? []), s])
  }
  return by
}
