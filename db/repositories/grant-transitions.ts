// Applying a lifecycle transition: checks it with db/lifecycle.ts, writes the grant, the beschikking, the dated
// event, the spend-deadline history and the audit row in one transaction.
import { desc, eq } from 'drizzle-orm'
import type { Db } from '../client.js'
import { writeAudit, type Actor } from '../audit.js'
import { todayAmsterdam } from '../dates.js'
import { planTransition, STATUS_LABELS, type TransitionInput } from '../lifecycle.js'
import { beschikkingen, grantTransitions } from '../schema.js'
import {
  bumpVersion,
  checkCents,
  checkDate,
  checkVersion,
  GrantConflictError,
  GrantInputError,
  loadGrant,
  recordSpendDeadline,
  type FieldError,
  type GrantRow,
} from './grant-core.js'

/**
 * Move a grant along its lifecycle. A step the lifecycle does not allow is a GrantConflictError whose
 * `extra.allowedTransitions` lists the possible ones; missing facts (beschikkingsnummer, amount) are a
 * GrantInputError naming the field.
 */
export function transitionGrant(
  db: Db,
  who: Actor,
  grantId: number,
  input: TransitionInput & { expectedVersion?: number },
  opts: { today?: string } = {},
): GrantRow {
  const today = opts.today ?? todayAmsterdam()
  return db.$client.transaction(() => {
    const g = loadGrant(db, grantId)
    checkVersion(g, input.expectedVersion)
    const errors: FieldError[] = []
    checkDate(input.on, 'on', errors)
    if (!input.on) errors.push({ field: 'on', message: 'datum is verplicht' })
    for (const f of ['amountCents', 'requestedCents', 'bcfCents'] as const) checkCents(input[f], f, errors)
    for (const f of ['spendUntil', 'periodFrom', 'periodTo'] as const) checkDate(input[f], f, errors)
    if (errors.length) throw new GrantInputError(errors)
    const last = db
      .select({ on: grantTransitions.onDate, event: grantTransitions.event })
      .from(grantTransitions)
      .where(eq(grantTransitions.grantId, grantId))
      .orderBy(desc(grantTransitions.id))
      .all()
      .find((t) => t.event !== 'aangemaakt')
    const result = planTransition(
      {
        status: g.status,
        beschikkingsnummer: g.beschikkingsnummer,
        requestedCents: g.requestedCents,
        awardedCents: g.awardedCents,
        bcfCents: g.bcfCents,
        lastEventOn: last?.on ?? null,
      },
      input,
    )
    if (!result.ok && result.conflict) {
      const allowed = result.allowed
      const list = allowed.length ? allowed.map((a) => `${a} (${STATUS_LABELS[a]})`).join(', ') : 'geen: dit is een eindstatus'
      throw new GrantConflictError(`van ${g.status} naar ${input.to} is geen toegestane overgang; mogelijk: ${list}`, {
        currentStatus: g.status,
        allowedTransitions: allowed,
      })
    }
    if (!result.ok) throw new GrantInputError(result.errors)
    const { plan } = result
    const periodFrom = (plan.patch.periodFrom as string | undefined) ?? g.periodFrom
    const periodTo = (plan.patch.periodTo as string | undefined) ?? g.periodTo
    if (periodFrom && periodTo && periodTo < periodFrom)
      throw new GrantInputError([{ field: 'periodTo', message: 'einde van de periode ligt voor het begin' }])
    bumpVersion(db, grantId, plan.patch)
    if (plan.beschikking)
      db.insert(beschikkingen)
        .values({ grantId, ...plan.beschikking, note: input.note ?? null })
        .run()
    db.insert(grantTransitions)
      .values({
        grantId,
        fromStatus: plan.from,
        toStatus: plan.to,
        event: plan.event,
        onDate: input.on,
        actor: who.actor,
        note: input.note ?? null,
      })
      .run()
    if ('spendUntil' in plan.patch)
      recordSpendDeadline(
        db,
        grantId,
        g.spendUntil,
        plan.patch.spendUntil as string,
        input.on ?? today,
        input.note ?? `${plan.event} ${input.on}`,
      )
    const row = loadGrant(db, grantId)
    const before = Object.fromEntries(Object.keys(plan.patch).map((k) => [k, g[k as keyof GrantRow]]))
    writeAudit(db, who, {
      entity: 'grant',
      entityId: grantId,
      action: 'transition',
      before: { status: g.status, ...before },
      after: { status: row.status, event: plan.event, on: input.on, ...plan.patch, beschikking: plan.beschikking ?? null },
    })
    return row
  })()
}
