// Writing a planned verantwoordingslijst (verantwoordingslijst-apply.ts plans it): schemes, then grants through the
// grants repository, then the list, through statements prepared once per database. Only writes.
import type Database from 'better-sqlite3'
import type { Db } from '../../db/client.js'
import { writeAudit, type Actor } from '../../db/audit.js'
import { bumpVersion, createGrant, GrantConflictError, GrantInputError } from '../../db/repositories/grants.js'
import { writeSchemePlan } from '../../db/repositories/schemes.js'
import type { RowError } from '../cells.js'
import type { Written } from '../types.js'
import type { GrantSlot, VlDetails, VlPlan } from './verantwoordingslijst-apply.js'
import { perDatabase } from '../../db/per-database.js'

interface ListStatements {
  insert: Database.Statement
  update: Database.Statement
  remove: Database.Statement
}
const listStatements = perDatabase((db): ListStatements => {
  const c = db.$client
  return {
    insert: c.prepare(
      `INSERT INTO verantwoordingslijst (organisation_id, sisa_year, scheme_id, beschikkingsnummer, batch_id, verstrekker, sisa_code,
        regeling, amount_cents, opmerking, grant_id) VALUES (@organisationId, @sisaYear, @schemeId, @beschikkingsnummer, @batchId,
        @verstrekker, @sisaCode, @regeling, @amountCents, @opmerking, @grantId) RETURNING id`,
    ),
    update: c.prepare(
      `UPDATE verantwoordingslijst SET verstrekker = @verstrekker, sisa_code = @sisaCode, regeling = @regeling,
        amount_cents = @amountCents, opmerking = @opmerking, grant_id = @grantId, batch_id = @batchId WHERE id = @id`,
    ),
    remove: c.prepare('DELETE FROM verantwoordingslijst WHERE id = ?'),
  }
})

/** Only writes, in the import's transaction: schemes, then grants, then the list. Row problems roll all back. */
export function writeVerantwoordingslijst(db: Db, plan: VlPlan, who: Actor, batchId: number): Written & { details: VlDetails } {
  const { data, details: d } = plan
  const errors: RowError[] = []
  for (const s of plan.schemes) s.id = writeSchemePlan(db, s.plan!, who, who.source)
  plan.newGrants.forEach((g, i) => {
    const line = g.line!
    try {
      g.id = createGrant(
        db,
        who,
        {
          organisationId: data.organisationId,
          schemeId: g.scheme!.id!,
          title: line.regeling ?? g.scheme!.name,
          status: 'toegekend',
          beschikkingsnummer: line.beschikkingsnummer,
          // An amount belongs to a beschikking: without its number the list's amount stays on the list only.
          awardedCents: line.beschikkingsnummer ? line.amountCents : null,
          onVerantwoordingslijst: true,
          notes: 'Aangemaakt uit de verantwoordingslijst; vul periode, bedragen en planning aan.',
        },
        { today: plan.today, fromList: true },
      ).id
      d.grantsCreated[i].id = g.id
    } catch (e) {
      if (!(e instanceof GrantInputError || e instanceof GrantConflictError)) throw e
      const problems = e instanceof GrantInputError ? e.errors.map((x) => `${x.field}: ${x.message}`) : [e.message]
      for (const message of problems) errors.push({ sheet: line.sheet, row: line.row, column: '', message: `subsidie: ${message}` })
    }
  })
  if (errors.length) return { created: 0, updated: 0, unchanged: 0, errors, details: d }
  for (const g of plan.marks) {
    bumpVersion(db, g.id!, { onVerantwoordingslijst: true })
    writeAudit(db, who, {
      entity: 'grant',
      entityId: g.id!,
      action: 'update',
      before: { onVerantwoordingslijst: false },
      after: { onVerantwoordingslijst: true },
    })
  }
  for (const m of d.schemeMismatches)
    if (m.grantId === 0) m.grantId = plan.newGrants.find((g) => g.line?.beschikkingsnummer === m.beschikkingsnummer)?.id ?? 0
  const st = listStatements(db)
  for (const o of plan.ops) {
    if (o.op === 'delete') {
      st.remove.run(o.row.id)
      writeAudit(db, who, { entity: 'verantwoordingslijst', entityId: o.row.id, action: 'delete', before: o.row })
      continue
    }
    const e = o.entry
    const v = { ...e.values, grantId: e.grant?.id ?? null }
    if (o.op === 'insert') {
      const row = {
        organisationId: data.organisationId,
        sisaYear: data.sisaYear,
        schemeId: e.scheme.id!,
        beschikkingsnummer: e.beschikkingsnummer,
        batchId,
        ...v,
      }
      e.id = (st.insert.get(row) as { id: number }).id
      writeAudit(db, who, { entity: 'verantwoordingslijst', entityId: e.id, action: 'create', after: { id: e.id, ...row } })
    } else {
      st.update.run({ ...v, batchId, id: e.id })
      const after = Object.fromEntries(
        Object.entries(o.after).map(([k, x]) => [k, k === 'grantId' ? ((x as GrantSlot | null)?.id ?? null) : x]),
      )
      const before = Object.fromEntries(
        Object.entries(o.before).map(([k, x]) => [k, k === 'grantId' ? ((x as GrantSlot | null)?.id ?? null) : x]),
      )
      writeAudit(db, who, { entity: 'verantwoordingslijst', entityId: e.id!, action: 'update', before, after })
    }
  }
  return { ...plan.counts, details: d }
}
