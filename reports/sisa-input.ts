// Manual SiSa values of one grant: checked by the one rule in db/rules/sisa-value.ts, written by db/, with the
// prefilled value each override replaces (derived here) recorded in the audit.
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import type { Actor } from '../db/audit.js'
import { grants, schemes } from '../db/schema.js'
import { getYearDefinitions } from '../db/repositories/sisa.js'
import { putValues } from '../db/repositories/sisa-values.js'
import { resolveValueInputs, SisaInputError, type ValueInput } from '../db/rules/sisa-value.js'
import { loadGrantFacts } from './sisa.js'
import { prefillFor } from './sisa-prefill.js'

export { SisaInputError, type ValueInput }

/**
 * Set manual values of one grant for SiSa year T. All-or-nothing: any bad input throws SisaInputError and
 * nothing is written. The audit row of an override records the prefilled value it replaces.
 */
export function setSisaValues(db: Db, who: Actor, grantId: number, sisaYear: number, inputs: ValueInput[]) {
  const g = db.select().from(grants).where(eq(grants.id, grantId)).get()
  if (!g) throw new SisaInputError([{ field: 'grant', message: `subsidie ${grantId} bestaat niet` }])
  const sisaCode = db.select({ c: schemes.sisaCode }).from(schemes).where(eq(schemes.id, g.schemeId)).get()?.c ?? null
  const defs = getYearDefinitions(db, sisaYear)
  if (!defs) throw new SisaInputError([{ field: 'year', message: `er zijn geen SiSa-definities voor ${sisaYear}` }])
  const reg = defs.regelingen.find((r) => r.sisaCode === sisaCode)
  const { writes, errors } = resolveValueInputs(reg, sisaYear, sisaCode, inputs)
  if (errors.length) throw new SisaInputError(errors)
  const facts = loadGrantFacts(db, [g]).get(grantId)!
  const prefilled = new Map<string, unknown>()
  for (const ind of reg!.indicators) {
    const p = ind.role && !ind.formula && ind.rowDimension === 'none' ? prefillFor(ind.role, facts, sisaYear) : undefined
    if (p) prefilled.set(`${reg!.sisaCode}/${ind.number}:0`, { ...p.value, source: p.source })
  }
  return putValues(db, who, grantId, sisaYear, writes, prefilled)
}
