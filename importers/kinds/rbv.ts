// Matching the blocks of a Bijlage specifieke uitkeringen to catalogue schemes (reads only) and planning their
// writes: a block joins the scheme with its SiSa code, and only an unmatched block creates a scheme.
import type { Db } from '../../db/client.js'
import type { SchemeInput } from '../../db/catalogue.js'
import { planScheme, type SchemePlan, type SchemeRow } from '../../db/repositories/schemes.js'
import { schemes } from '../../db/schema.js'
import type { RowError } from '../cells.js'
import type { RbvBlock } from '../formats/rbv-bijlage.js'
import { generatedCode, ministryOfSisaCode, nameKey } from '../names.js'

/**
 * The scheme a block means. By SiSa code (the ministry too when the table names it); when several schemes
 * carry the code (successor regelingen reuse codes), the name and then the years decide; still more than one
 * is an error naming them, resolved with --scheme CODE=SISA. Without a SiSa code: the uncoded scheme of that name.
 */
export function findBlockScheme(all: SchemeRow[], b: RbvBlock, forced: Map<string, string>): { hit?: SchemeRow; candidates: SchemeRow[] } {
  const chosen = b.sisaCode ? forced.get(b.sisaCode) : undefined
  if (chosen) return { hit: all.find((s) => s.code === chosen), candidates: [] }
  const key = nameKey(b.name)
  if (!b.sisaCode)
    return { hit: all.filter((s) => s.sisaCode === null && nameKey(s.name) === key).sort((x, y) => x.id - y.id)[0], candidates: [] }
  let c = all.filter((s) => s.sisaCode === b.sisaCode)
  if (b.ministry && c.some((s) => s.ministry === b.ministry)) c = c.filter((s) => s.ministry === b.ministry)
  if (c.length > 1 && c.some((s) => nameKey(s.name) === key)) c = c.filter((s) => nameKey(s.name) === key)
  if (c.length > 1 && b.amounts.length) {
    const first = Math.min(...b.amounts.map((a) => a.year))
    const last = Math.max(...b.amounts.map((a) => a.year))
    const active = c.filter((s) => (s.startYear ?? 0) <= last && (s.endYear ?? 9999) >= first)
    if (active.length) c = active
  }
  return c.length === 1 ? { hit: c[0], candidates: [] } : { candidates: c }
}

export function matchRbv(
  db: Db,
  input: RbvBlock[],
  errors: RowError[],
  forced = new Map<string, string>(),
  ministry?: string,
): SchemePlan[] {
  const all = db.select().from(schemes).all()
  // --ministry is the ministry of a table that names none; a table that names another one is not overruled.
  const blocks = ministry ? input.map((b) => ({ ...b, ministry: b.ministry ?? ministry })) : input
  const other = ministry ? input.find((b) => b.ministry && b.ministry !== ministry) : undefined
  if (other) {
    errors.push({
      sheet: other.sheet,
      row: other.row,
      column: '',
      message: `de tabel noemt ministerie ${other.ministry}, --ministry zegt ${ministry}; ` + 'laat --ministry weg of verbeter de tabel',
    })
    return []
  }
  const plans: SchemePlan[] = []
  const claimed = new Map<string, RbvBlock>()
  const bySisa = new Map<string, RbvBlock>()
  for (const b of blocks) {
    const same = b.sisaCode ? bySisa.get(b.sisaCode) : undefined
    if (same) {
      errors.push({
        sheet: b.sheet,
        row: b.row,
        column: '',
        message:
          `SiSa-code ${b.sisaCode} staat ook bij '${same.name}' (${same.sheet ? `werkblad ${same.sheet} ` : ''}rij ${same.row}); ` +
          'twee spuks met één SiSa-code: verbeter de tabel',
      })
      continue
    }
    if (b.sisaCode) bySisa.set(b.sisaCode, b)
    const { hit, candidates } = findBlockScheme(all, b, forced)
    if (candidates.length > 1) {
      errors.push({
        sheet: b.sheet,
        row: b.row,
        column: '',
        message:
          `${b.sisaCode} '${b.name}' past bij meer dan één regeling: ${candidates.map((s) => `${s.code} ('${s.name}')`).join(', ')}; ` +
          `kies met --scheme CODE=${b.sisaCode}`,
      })
      continue
    }
    if (hit) {
      const prev = claimed.get(hit.code)
      if (prev) {
        errors.push({
          sheet: b.sheet,
          row: b.row,
          column: '',
          message: `${b.sisaCode ?? 'V'} '${b.name}' en rij ${prev.row} ('${prev.name}') horen allebei bij regeling ${hit.code}; één spuk per regeling`,
        })
        continue
      }
      claimed.set(hit.code, b)
    }
    const blockMinistry = hit?.ministry ?? b.ministry ?? ministryOfSisaCode(b.sisaCode)
    if (!blockMinistry) {
      errors.push({
        sheet: b.sheet,
        row: b.row,
        column: '',
        message: `het ministerie van '${b.name}' is niet te bepalen: zet de naam van het ministerie in de titel van de tabel of in de naam van het werkblad, of geef --ministry`,
      })
      continue
    }
    const extra =
      b.kortDuiding || b.effecten
        ? {
            ...(hit?.extra ?? {}),
            ...(b.kortDuiding ? { kortDuiding: b.kortDuiding } : {}),
            ...(b.effecten ? { maatschappelijkeEffecten: b.effecten } : {}),
          }
        : undefined
    // Nature is never written: the table does not state it, and a structural G2 or OAB must stay structural.
    const input: SchemeInput = {
      code: hit?.code ?? generatedCode('rbv', blockMinistry, b.sisaCode, b.name),
      name: hit?.name ?? b.name,
      ministry: blockMinistry,
      sisaCode: b.sisaCode ?? undefined,
      instrument: hit ? undefined : 'spuk',
      legalBasis: b.legalBasis,
      recipients: b.recipients,
      begrotingsartikel: b.begrotingsartikel,
      planned: b.planned,
      extra,
      nationalAmounts: b.amounts,
    }
    plans.push(planScheme(db, input, hit ?? all.find((s) => s.code === input.code) ?? null))
  }
  return plans
}
