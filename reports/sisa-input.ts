// Manual SiSa values of one grant: checked by the one rule in db/rules/sisa-value.ts, written by db/, with the
// prefilled value each override replaces (derived here) recorded in the audit.
import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import type { Actor } from '../db/audit.js'
import { grants, schemes } from '../db/schema.js'
import { getYearDefinitions, type StoredRegeling } from '../db/repositories/sisa.js'
import { putValues, storedCents, type ValueWrite } from '../db/repositories/sisa-values.js'
import { resolveValueInputs, SisaInputError, type ValueInput } from '../db/rules/sisa-value.js'
import { loadGrantFacts } from './sisa.js'
import { prefillFor, spendOf, spendWords, type GrantFacts } from './sisa-prefill.js'
import { formatCents, sumCents } from '../db/money.js'

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
  checkSplit(db, grantId, sisaYear, reg!, writes, facts)
  const prefilled = new Map<string, unknown>()
  for (const ind of reg!.indicators) {
    const p = ind.role && !ind.formula && ind.rowDimension === 'none' ? prefillFor(ind.role, facts, sisaYear) : undefined
    if (p) prefilled.set(`${reg!.sisaCode}/${ind.number}:0`, { ...p.value, source: p.source })
  }
  return putValues(db, who, grantId, sisaYear, writes, prefilled)
}

/**
 * A spending split over several indicators (D8/01–03: Woud prefills none of them, the controller types the parts) must
 * add up to the grant's spending in the ledger (db/rules/spend.ts) once every part is filled in. Parts may be typed one
 * at a time; the write that completes the split, or changes a complete one, is refused when the sum differs, and
 * nothing is written. Without ledger figures for the year there is nothing to compare with.
 */
function checkSplit(db: Db, grantId: number, sisaYear: number, reg: StoredRegeling, writes: ValueWrite[], facts: GrantFacts) {
  const parts = reg.indicators.filter((i) => i.role === 'besteding' && !i.formula && i.rowDimension === 'none')
  if (parts.length < 2) return
  const touched = writes.filter((w) => w.rowNo === 0 && parts.some((p) => p.id === w.indicatorId))
  if (!touched.length) return
  const spend = spendOf(facts, sisaYear)
  if (spend === undefined) return
  const after = parts.map((p) => {
    const code = `${reg.sisaCode}/${p.number}`
    const w = touched.find((x) => x.indicatorId === p.id)
    return {
      code,
      cents: w ? (w.value === null ? undefined : (w.value.cents ?? undefined)) : storedCents(db, grantId, sisaYear, code, 0, p.id),
    }
  })
  if (after.some((x) => x.cents === undefined)) return
  const total = sumCents(after.map((x) => x.cents!))
  if (total === spend) return
  const eur = (c: number) => formatCents(c)
  const message =
    `de verdeling ${after.map((x) => `${x.code} ${eur(x.cents!)}`).join(' + ')} = ${eur(total)} is niet gelijk aan de ` +
    `${spendWords(facts, sisaYear)} in de administratie (${eur(spend)}); verschil ${eur(total - spend)}`
  // One error, on the value of this request that completes or changes the split (writes follow the inputs' order).
  throw new SisaInputError([
    { field: `values.${writes.indexOf(touched[touched.length - 1])}.value`, message: `${reg.sisaCode}: ${message}` },
  ])
}
