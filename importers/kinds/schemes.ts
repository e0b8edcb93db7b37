// The 'schemes' kind: detects the Woud catalogue, a departmental Bijlage specifieke uitkeringen or a
// verantwoordingslijst from the content, reads it with that format's reader, plans every scheme write from
// reads, and writes the plans once in the import transaction.
import type { Db } from '../../db/client.js'
import type { SchemeInput } from '../../db/catalogue.js'
import { findOrganisation } from '../../db/repositories/organisations.js'
import { planScheme, writeSchemePlan, type SchemePlan } from '../../db/repositories/schemes.js'
import { schemes } from '../../db/schema.js'
import { matchHeaders, type RowError } from '../cells.js'
import { detectSchemesFormat } from '../detect.js'
import { readRbv } from '../formats/rbv-bijlage.js'
import { readVerantwoordingslijst } from '../formats/verantwoordingslijst.js'
import { CATALOGUE_REQUIRED, CATALOGUE_SYNONYMS, prepareCatalogueRecords, prepareCatalogueSheets } from '../formats/woud-catalogue.js'
import type { Counts, ImportKind, ImportRequest, Prepared } from '../types.js'
import { matchRbv } from './rbv.js'
import { planVerantwoordingslijst, type VlPlan } from './verantwoordingslijst-apply.js'
import { writeVerantwoordingslijst } from './verantwoordingslijst-write.js'

export type SchemesData =
  { format: 'woud-catalogue' | 'rbv-bijlage'; plans: SchemePlan[] } | { format: 'verantwoordingslijst'; plan: VlPlan }

type Result = Prepared<SchemesData | null>

/** Per scheme what the import changes (field: before -> after); shown for a dry run too. At most this many. */
const MAX_CHANGES = 1000
export interface SchemeChange {
  code: string
  outcome: 'created' | 'updated'
  fields: Record<string, { before: unknown; after: unknown }>
}

function changeOf(plan: SchemePlan): SchemeChange {
  const fields: SchemeChange['fields'] = {}
  for (const [k, after] of Object.entries(plan.patch))
    fields[k] = { before: plan.outcome === 'created' ? null : (plan.before[k as keyof typeof plan.before] ?? null), after }
  for (const n of plan.national)
    fields[`nationalAmounts.${n.year}`] = { before: n.op === 'insert' ? null : 'gewijzigd', after: n.amountCents }
  for (const w of plan.windows) fields[`windows.${w.tranche}`] = { before: w.op === 'insert' ? null : 'gewijzigd', after: w.values }
  return { code: plan.code, outcome: plan.outcome as SchemeChange['outcome'], fields }
}

/** Plans for catalogue records: every existing scheme is loaded once, not looked up per row. */
export function planAll(db: Db, inputs: SchemeInput[]): SchemePlan[] {
  const byCode = new Map(
    db
      .select()
      .from(schemes)
      .all()
      .map((s) => [s.code, s]),
  )
  return inputs.map((input) => {
    const cur = byCode.get(input.code) ?? null
    // Extra columns add to what is known (the bundled sources, rates), they do not replace it.
    if (input.extra && cur?.extra) input = { ...input, extra: { ...cur.extra, ...input.extra } }
    return planScheme(db, input, cur)
  })
}

function verantwoordingslijst(
  db: Db,
  sheets: Parameters<typeof readVerantwoordingslijst>[0],
  req: ImportRequest,
  errors: RowError[],
  warnings: RowError[],
): Result {
  const format = 'verantwoordingslijst'
  const org = req.orgCode ? findOrganisation(db, req.orgCode) : undefined
  if (!req.orgCode)
    errors.push({
      sheet: null,
      row: 0,
      column: '',
      message: 'een verantwoordingslijst hoort bij één ontvanger: geef --org CBS-CODE (veld org) mee',
    })
  else if (!org)
    errors.push({ sheet: null, row: 0, column: '', message: `organisatie '${req.orgCode}' bestaat niet; voeg haar toe met woud org add` })
  const read = readVerantwoordingslijst(sheets, org, req.map, errors, warnings)
  // The file's own year wins; a --year that contradicts it is refused with both years named.
  const st = read.stated
  if (st && req.year !== undefined && st.year !== req.year) {
    errors.push({
      sheet: st.sheet,
      row: st.row,
      column: '',
      message: `de verantwoordingslijst is van SiSa-jaar ${st.year}, niet van --year ${req.year}`,
    })
  }
  const year = st?.year ?? req.year
  if (!year)
    errors.push({
      sheet: null,
      row: 0,
      column: '',
      message: 'het SiSa-jaar staat niet in de lijst: geef het mee met --year JJJJ (veld year)',
    })
  if (!org || !year || errors.length) return { format, errors, warnings, data: null }
  return {
    format,
    errors,
    warnings,
    data: {
      format,
      plan: planVerantwoordingslijst(db, { organisationId: org.id, orgCode: org.code, sisaYear: year, lines: read.lines }, req.today),
    },
    organisationId: org.id,
  }
}

export const schemesImport = {
  prepare(db, file, req): Result {
    const errors: RowError[] = []
    const warnings: RowError[] = []
    const detected = detectSchemesFormat(file, req.map)
    if ('error' in detected) return { format: 'unknown', errors: [detected.error], warnings, data: null }
    warnings.push(...detected.skipped)
    const format = detected.format
    // --org names the recipient of a verantwoordingslijst; columns that half look like a catalogue do not change that.
    const fullCatalogue = detected.sheets.some(
      (sh) => matchHeaders(sh.rows, CATALOGUE_SYNONYMS, CATALOGUE_REQUIRED, req.map)?.missing.length === 0,
    )
    if (req.orgCode && format === 'woud-catalogue' && file.sheets.length && !fullCatalogue)
      return verantwoordingslijst(db, detected.sheets, req, errors, warnings)
    if (req.orgCode && format !== 'verantwoordingslijst') {
      // With any other file --org would let an organisation's controller change the shared catalogue.
      errors.push({
        sheet: null,
        row: 0,
        column: '',
        message: `--org hoort alleen bij een verantwoordingslijst; dit bestand is een ${format}. Laat --org weg.`,
      })
      return { format, errors, warnings, data: null }
    }
    if (format === 'verantwoordingslijst') return verantwoordingslijst(db, detected.sheets, req, errors, warnings)
    if (format === 'woud-catalogue') {
      const catalogue =
        file.kind === 'json' || file.kind === 'jsonl'
          ? prepareCatalogueRecords(file, errors, warnings)
          : prepareCatalogueSheets(detected.sheets, req.map ?? {}, errors, warnings)
      if (errors.length) return { format, errors, warnings, data: null }
      return { format, errors, warnings, data: { format, plans: planAll(db, catalogue.schemes) } }
    }
    const blocks = readRbv(detected.sheets, errors, warnings)
    if (errors.length) return { format, errors, warnings, data: null }
    return {
      format,
      errors,
      warnings,
      data: { format, plans: matchRbv(db, blocks, errors, new Map(Object.entries(req.schemeFor ?? {})), req.ministry) },
    }
  },
  write(db, prepared, who, batchId) {
    const data = prepared.data!
    if (data.format === 'verantwoordingslijst') return writeVerantwoordingslijst(db, data.plan, who, batchId)
    const counts: Counts = { created: 0, updated: 0, unchanged: 0 }
    const changes: SchemeChange[] = []
    for (const plan of data.plans) {
      writeSchemePlan(db, plan, who, who.source)
      counts[plan.outcome]++
      if (plan.outcome !== 'unchanged' && changes.length < MAX_CHANGES) changes.push(changeOf(plan))
    }
    return { ...counts, details: { changes } }
  },
} satisfies ImportKind<SchemesData | null>
